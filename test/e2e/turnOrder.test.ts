import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_ORDERS_SHOWN } from '../../bot/orderReplies.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { adaptiveFacts, heroCards, texts } from '../support/testChannel.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/**
 * Gap between the posts of a burst: far shorter than a turn (100 ms and more), so without ordering
 * the turns would overlap; long enough that each request has arrived (its body read) before the
 * next one, even on a loaded 2-core machine. At 2 ms two requests could finish arriving in the
 * other order, and the desk rightly answers them in the order they arrived.
 */
const BURST_GAP_MS = 20;

describe('turns of one conversation', () => {
  it('5 messages sent at once are handled one at a time, in order, with no state lost', async () => {
    const buyer = h.desk.repos.buyers.list().find((b) => h.desk.repos.orders.listForBuyer(b.id).length >= 4)!;
    const orders = h.desk.repos.orders.listForBuyer(buyer.id, 3);
    const conv = h.channel.conversation({ userId: 'guest-in-a-hurry', locale: 'en-US' });
    const messages = [`my phone is ${buyer.phone}`, ...orders.map((o) => o.id), 'thanks'];
    const posts: Promise<Awaited<ReturnType<typeof conv.post>>>[] = [];
    const ids: string[] = [];
    for (const text of messages) {
      const id = `burst-${ids.length}`;
      ids.push(id);
      posts.push(conv.post({ id, text }));
      await sleep(BURST_GAP_MS);
    }
    const results = await Promise.all(posts);
    expect(results.map((r) => r.status)).toEqual(messages.map(() => 200));
    // The verification of the first message is seen by every later one: each order is shown, none is refused.
    expect(heroCards(results[0]!.replies)).toHaveLength(Math.min(RECENT_ORDERS_SHOWN, h.desk.repos.orders.listForBuyer(buyer.id).length));
    orders.forEach((o, i) => expect(Object.values(adaptiveFacts(results[i + 1]!.replies)[0] ?? {})).toContain(o.id));
    // Replies arrived in the order the messages were sent.
    const replyOrder = conv.received.filter((a) => a.type === 'message' && ids.includes(a.replyToId ?? '')).map((a) => ids.indexOf(a.replyToId!));
    expect(replyOrder).toEqual([...replyOrder].sort((a, b) => a - b));
    expect(new Set(replyOrder).size).toBe(messages.length);
  });

  it('different conversations are not held up by each other', async () => {
    const convs = ['b-zh-01', 'b-zh-02', 'b-en-01', 'b-en-02'].map((userId) => h.channel.conversation({ userId }));
    const replies = await Promise.all(convs.map((c) => c.open()));
    replies.forEach((r) => expect(texts(r)).toHaveLength(1));
  });
});

describe('a restart', () => {
  it('keeps the conversation where it was: a verified guest stays verified, a greeted buyer is not greeted again', async () => {
    const buyer = h.desk.repos.buyers.list().find((b) => b.locale === 'zh-CN')!;
    const guest = h.channel.conversation({ userId: 'guest-restart', locale: 'zh-CN' });
    await guest.open();
    await guest.say(buyer.phone);
    const known = h.channel.conversation({ userId: buyer.id, locale: 'zh-CN' });
    await known.open();
    await h.restart();
    const order = h.desk.repos.orders.listForBuyer(buyer.id)[0]!;
    expect(Object.values(adaptiveFacts(await guest.say(order.id))[0] ?? {})).toContain(order.id);
    expect(texts(await known.open())).toEqual([]);
  });

  it('a guest asked for a phone before the restart is still being asked after it', async () => {
    const buyer = h.desk.repos.buyers.list().find((b) => b.locale === 'en-US')!;
    const order = h.desk.repos.orders.listForBuyer(buyer.id)[0]!;
    const guest = h.channel.conversation({ userId: 'guest-mid-dialog', locale: 'en-US' });
    await guest.say(order.id); // asks for the phone, and remembers the order
    await h.restart();
    expect(Object.values(adaptiveFacts(await guest.say(buyer.phone))[0] ?? {})).toContain(order.id);
  });
});
