import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FAILED_PHONE_CHECKS_OVERALL, MAX_FAILED_PHONE_CHECKS_PER_SENDER } from '../../bot/phoneGuesses.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { adaptiveFacts, heroCards, texts } from '../support/testChannel.js';
import { botStateEntries } from '../support/storedData.js';

/**
 * Issue 9: a proven phone number makes that sender the buyer, in that conversation only; another
 * member of a group conversation stays a guest. Guesses are limited per sender whatever the
 * conversation, and overall whoever the senders are.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const WRONG = (i: number): string => `+1-415-555-${String(1000 + i).padStart(4, '0')}`;

describe('verification belongs to the person, not the conversation', () => {
  it('in a group conversation, a member who never proved a phone sees none of the verified member\'s orders', async () => {
    const buyer = h.desk.repos.buyers.get('b-en-01')!;
    const orders = h.desk.repos.orders.listForBuyer(buyer.id);
    const group = 'group-conversation-1';
    const alice = h.channel.conversation({ userId: 'guest-alice', conversationId: group, locale: 'en-US' });
    const mallory = h.channel.conversation({ userId: 'guest-mallory', conversationId: group, locale: 'en-US' });
    expect(heroCards(await alice.say(buyer.phone)).length).toBeGreaterThan(0);
    const shown = [...(await mallory.say('show my orders')), ...(await mallory.say(orders[0]!.id))];
    const seen = JSON.stringify(shown.filter((r) => r.type === 'message')); // traces echo what she typed herself
    for (const o of orders) expect(seen).not.toContain(o.id);
    expect(seen).not.toContain(buyer.name);
    // Alice herself is still verified in that conversation.
    const [facts] = adaptiveFacts(await alice.say(orders[0]!.id));
    expect(Object.values(facts ?? {})).toContain(orders[0]!.id);
  });
});

describe('phone guesses', () => {
  it(`are limited to ${MAX_FAILED_PHONE_CHECKS_PER_SENDER} failed per sender across conversations: a new conversation brings no new guesses`, async () => {
    const buyer = h.desk.repos.buyers.get('b-en-02')!;
    for (let i = 0; i < MAX_FAILED_PHONE_CHECKS_PER_SENDER; i++) {
      const conv = h.channel.conversation({ userId: 'guest-serial', locale: 'en-US' });
      expect(texts(await conv.say(WRONG(i))).join()).toMatch(/couldn't find/);
    }
    const fresh = h.channel.conversation({ userId: 'guest-serial', locale: 'en-US' });
    const replies = await fresh.say(buyer.phone);
    expect(heroCards(replies)).toEqual([]);
    expect(texts(replies).join()).toMatch(/can't check more numbers/);
    // Another sender is not affected.
    const other = h.channel.conversation({ userId: 'guest-honest', locale: 'en-US' });
    expect(heroCards(await other.say(buyer.phone)).length).toBeGreaterThan(0);
  });

  it(`are limited overall (${MAX_FAILED_PHONE_CHECKS_OVERALL} failed an hour): senders invented by the hundred cannot enumerate numbers`, async () => {
    const buyer = h.desk.repos.buyers.get('b-zh-02')!;
    for (let i = 0; i < MAX_FAILED_PHONE_CHECKS_OVERALL; i++) {
      const conv = h.channel.conversation({ userId: `guest-bot-${i}`, locale: 'en-US' });
      expect(texts(await conv.say(WRONG(i))).join()).toMatch(/couldn't find/);
    }
    const next = h.channel.conversation({ userId: 'guest-bot-next', locale: 'zh-CN' });
    const replies = await next.say(buyer.phone);
    expect(heroCards(replies)).toEqual([]);
    expect(texts(replies).join()).toMatch(/核对暂停/);
  });
});

describe('state keys', () => {
  it("a conversation id shaped like another sender's state key writes nothing into that sender's state", async () => {
    const buyer = h.desk.repos.buyers.get('b-en-01')!;
    const victim = h.channel.conversation({ userId: 'guest-victim', conversationId: 'conv-v', locale: 'en-US' });
    await victim.say(buyer.phone);
    const attacker = h.channel.conversation({ userId: 'guest-attacker', conversationId: 'conv-v/users/guest-victim', locale: 'zh-CN' });
    await attacker.say('你好');
    const entries = Object.entries(await botStateEntries(h.desk)).filter(([key]) => key.includes('guest-victim'));
    const victimsOwn = entries.find(([key]) => !key.includes('guest-attacker') && key.startsWith('emulator/conversations/conv-v/users/'));
    expect(victimsOwn?.[1].value).toHaveProperty('sender.verifiedBuyerId', buyer.id);
    expect(victimsOwn?.[1].value).not.toHaveProperty('desk');
    // The victim is still verified and still has their own conversation.
    const [facts] = adaptiveFacts(await victim.say(h.desk.repos.orders.listForBuyer(buyer.id)[0]!.id));
    expect(Object.values(facts ?? {})).toContain(h.desk.repos.orders.listForBuyer(buyer.id)[0]!.id);
  });
});
