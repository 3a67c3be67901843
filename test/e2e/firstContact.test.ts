import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodsLine } from '../../bot/orderCards.js';
import { RECENT_ORDERS_SHOWN } from '../../bot/orderReplies.js';
import { MAX_PHONE_CHECKS } from '../../dialogs/verifyPhoneDialog.js';
import type { Locale } from '../../data/shopSchema.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { adaptiveFacts, heroCards, texts, traces } from '../support/testChannel.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** A buyer of the demo shop with more orders than the bot shows, in each language. */
function buyerWithManyOrders(locale: Locale) {
  const buyer = h.desk.repos.buyers
    .list()
    .find((b) => b.locale === locale && h.desk.repos.orders.listForBuyer(b.id).length > RECENT_ORDERS_SHOWN);
  if (!buyer) throw new Error(`no ${locale} demo buyer with more than ${RECENT_ORDERS_SHOWN} orders`);
  return buyer;
}

const HAN = /\p{Script=Han}/u;
/** True when a reply is written in Chinese, leaving out the buyer's name (a Chinese name in an English sentence). */
const inChinese = (text: string, name: string): boolean => HAN.test(text.replaceAll(name, ''));

describe('a buyer opening a conversation', () => {
  it.each<[Locale]>([['zh-CN'], ['en-US']])('is greeted by name in their profile language (%s) with their 5 newest orders', async (locale) => {
    const buyer = buyerWithManyOrders(locale);
    const conv = h.channel.conversation({ userId: buyer.channelAccounts[0]!.userId });
    const replies = await conv.open();
    const [greeting] = texts(replies);
    expect(greeting).toContain(buyer.name);
    expect(inChinese(greeting!, buyer.name)).toBe(locale === 'zh-CN');
    const cards = heroCards(replies);
    const newest = h.desk.repos.orders.listForBuyer(buyer.id).slice(0, RECENT_ORDERS_SHOWN);
    expect(cards).toHaveLength(RECENT_ORDERS_SHOWN);
    expect(cards.map((c) => c.title)).toEqual(newest.map((o) => goodsLine(o, locale)));
    expect(cards.map((c) => c.buttons?.[0]?.value)).toEqual(newest.map((o) => ({ action: 'pickOrder', orderId: o.id })));
    expect(cards.every((c) => c.text?.includes(newest[cards.indexOf(c)]!.id))).toBe(true);
    const created = newest.map((o) => Date.parse(o.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it.each<[Locale, Locale]>([
    ['zh-CN', 'en-US'],
    ['en-US', 'zh-CN'],
  ])('a %s buyer whose channel says %s is answered in the channel locale', async (profile, channelLocale) => {
    const buyer = buyerWithManyOrders(profile);
    const conv = h.channel.conversation({ userId: buyer.id, locale: channelLocale });
    const [greeting] = texts(await conv.open());
    expect(inChinese(greeting!, buyer.name)).toBe(channelLocale === 'zh-CN');
  });

  it.each<[Locale, string, boolean]>([
    ['zh-CN', 'hello, anyone there?', false],
    ['en-US', '你好，在吗', true],
  ])('without a channel locale, a %s buyer writing "%s" is answered in the message language', async (profile, text, chinese) => {
    const buyer = buyerWithManyOrders(profile);
    const conv = h.channel.conversation({ userId: buyer.id });
    const replies = await conv.say(text);
    const greetings = texts(replies).filter((t) => t.includes(buyer.name));
    expect(greetings).toHaveLength(1); // a first message greets once, not twice
    expect(inChinese(greetings[0]!, buyer.name)).toBe(chinese);
  });

  it('greets only once per conversation', async () => {
    const buyer = buyerWithManyOrders('en-US');
    const conv = h.channel.conversation({ userId: buyer.id, locale: 'en-US' });
    expect(texts(await conv.open())).toHaveLength(1);
    expect(texts(await conv.open())).toHaveLength(0);
  });
});

describe('picking and naming orders', () => {
  it.each<[Locale]>([['zh-CN'], ['en-US']])('a picked order shows its order card (%s)', async (locale) => {
    const buyer = buyerWithManyOrders(locale);
    const conv = h.channel.conversation({ userId: buyer.id, locale });
    const cards = heroCards(await conv.open());
    const button = cards[2]!.buttons![0]!;
    const replies = await conv.press(button);
    const orderId = (button.value as { orderId: string }).orderId;
    const order = h.desk.repos.orders.get(orderId)!;
    const [facts] = adaptiveFacts(replies);
    expect(Object.values(facts!)).toContain(orderId);
    // The merchant's name in the buyer's language: "露米美妆官方旗舰店 Lumi Beauty" is "Lumi Beauty" on an English card.
    const merchant = h.desk.repos.merchants.get(order.merchantId)!.name;
    const shown = locale === 'en-US' && /\p{Script=Han}/u.test(merchant) && /[A-Za-z]{3}/.test(merchant) ? merchant.replace(/[\p{Script=Han}]+/gu, '').trim() : merchant;
    expect(Object.values(facts!).join(' ')).toContain(shown);
    const han = merchant.match(/\p{Script=Han}+/u)?.[0];
    if (locale === 'en-US' && shown !== merchant && han) expect(Object.values(facts!).join(' ')).not.toContain(han);
    expect(texts(replies)[0]).toContain(orderId);
  });

  it('an order number typed in a sentence shows that order', async () => {
    const buyer = buyerWithManyOrders('zh-CN');
    const order = h.desk.repos.orders.listForBuyer(buyer.id).at(-1)!; // an older one, not on the cards
    const conv = h.channel.conversation({ userId: buyer.id, locale: 'zh-CN' });
    await conv.open();
    const [facts] = adaptiveFacts(await conv.say(`帮我看下 ${order.id} 这单`));
    expect(Object.values(facts!)).toContain(order.id);
  });

  it("another buyer's order number gets the same answer as a number that does not exist", async () => {
    const buyer = buyerWithManyOrders('en-US');
    const other = h.desk.repos.orders.list().find((o) => o.buyerId !== buyer.id)!;
    const missing = '99999999999999';
    expect(h.desk.repos.orders.get(missing)).toBeUndefined();
    // Each in a conversation of its own, so neither answer depends on what the other left pending.
    const ask = async (id: string) => {
      const conv = h.channel.conversation({ userId: buyer.id, locale: 'en-US' });
      await conv.open();
      return conv.say(`order ${id}`);
    };
    const theirs = await ask(other.id);
    const none = await ask(missing);
    expect(adaptiveFacts(theirs)).toEqual([]);
    expect(texts(theirs).map((t) => t.replace(other.id, '#'))).toEqual(texts(none).map((t) => t.replace(missing, '#')));
    expect(heroCards(theirs)).toEqual(heroCards(none));
    expect(JSON.stringify(theirs)).not.toContain(h.desk.repos.buyers.get(other.buyerId)!.name);
  });
});

describe('a guest (a chat account that matches no buyer)', () => {
  it('can chat, and is asked for the phone number before any order is shown', async () => {
    const conv = h.channel.conversation({ userId: 'stranger-1', locale: 'zh-CN' });
    const greeting = await conv.open();
    expect(texts(greeting)[0]).toMatch(/手机号/);
    expect(heroCards(greeting)).toEqual([]);
    const order = h.desk.repos.orders.list()[0]!;
    const asked = await conv.say(`查一下订单 ${order.id}`);
    expect(adaptiveFacts(asked)).toEqual([]);
    expect(texts(asked).join()).toMatch(/手机号/);
  });

  it.each<[Locale]>([['zh-CN'], ['en-US']])('sees the matching buyer\'s orders once the phone matches, in this conversation only (%s)', async (locale) => {
    const buyer = buyerWithManyOrders(locale);
    const conv = h.channel.conversation({ userId: `guest-${locale}`, locale });
    await conv.open();
    const replies = await conv.say(locale === 'zh-CN' ? `我的手机号是 ${buyer.phone}` : `my phone is ${buyer.phone}`);
    expect(texts(replies)[0]).toContain(buyer.name);
    const newest = h.desk.repos.orders.listForBuyer(buyer.id, RECENT_ORDERS_SHOWN);
    expect(heroCards(replies).map((c) => (c.buttons?.[0]?.value as { orderId: string }).orderId)).toEqual(newest.map((o) => o.id));
    const [facts] = adaptiveFacts(await conv.press(heroCards(replies)[0]!.buttons![0]!));
    expect(Object.values(facts!)).toContain(newest[0]!.id);

    const later = h.channel.conversation({ userId: `guest-${locale}`, locale });
    const [again] = adaptiveFacts(await later.say(newest[0]!.id));
    expect(again).toBeUndefined();
  });

  it('a guest who named an order first sees that order once the phone matches', async () => {
    const buyer = buyerWithManyOrders('zh-CN');
    const order = h.desk.repos.orders.listForBuyer(buyer.id).at(-1)!;
    const conv = h.channel.conversation({ userId: 'guest-named-order', locale: 'zh-CN' });
    await conv.say(order.id);
    const [facts] = adaptiveFacts(await conv.say(buyer.phone));
    expect(Object.values(facts!)).toContain(order.id);
  });

  it(`a wrong phone shows nothing, and after ${MAX_PHONE_CHECKS} tries no more are checked`, async () => {
    const buyer = buyerWithManyOrders('en-US');
    const conv = h.channel.conversation({ userId: 'guest-guessing', locale: 'en-US' });
    await conv.open();
    for (let i = 0; i < MAX_PHONE_CHECKS; i++) {
      const replies = await conv.say(`415-555-01${10 + i}`);
      expect(heroCards(replies)).toEqual([]);
      expect(texts(replies)[0]).toMatch(/couldn't find/);
    }
    const blocked = await conv.say(buyer.phone);
    expect(heroCards(blocked)).toEqual([]);
    expect(texts(blocked).join()).toMatch(/can't check more numbers/);
  });
});

describe('what the Emulator inspector sees', () => {
  it('an IntentRecognition trace on the emulator channel, none on webchat', async () => {
    const emulator = h.channel.conversation({ userId: 'b-en-01', locale: 'en-US' });
    await emulator.open();
    const [trace] = traces(await emulator.say('thanks!'), 'IntentRecognition') as { intent: string; kind: string; locale: string }[];
    expect(trace).toMatchObject({ intent: 'chitchat.thanks', kind: 'chitchat', locale: 'en-US' });
    const webchat = h.channel.conversation({ userId: 'b-en-01', locale: 'en-US', channelId: 'webchat' });
    const replies = await webchat.say('thanks!');
    expect(texts(replies).length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.type === 'trace')).toEqual([]);
  });
});
