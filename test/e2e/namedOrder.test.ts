import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { adaptiveFacts, heroCards } from '../support/testChannel.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The demo order of a buyer whose first item title matches. */
function orderOf(buyerId: string, title: RegExp) {
  const order = h.desk.repos.orders.listForBuyer(buyerId).find((o) => title.test(o.items[0]!.title));
  if (!order) throw new Error(`no demo order of ${buyerId} matching ${title}`);
  return order;
}

describe('an order named in words, not by number', () => {
  it.each<[string, string, string, RegExp]>([
    ['b-zh-01', 'zh-CN', '键盘那单到哪了', /键盘/],
    ['b-en-01', 'en-US', 'where is the coffee i ordered', /Coffee/],
  ])('%s (%s): "%s" shows that order', async (buyerId, locale, text, title) => {
    const conv = h.channel.conversation({ userId: buyerId, locale });
    await conv.open();
    const [facts] = adaptiveFacts(await conv.say(text));
    expect(Object.values(facts ?? {})).toContain(orderOf(buyerId, title).id);
  });

  it("words that fit none of the buyer's orders offer their recent orders to pick from", async () => {
    const conv = h.channel.conversation({ userId: 'b-en-01', locale: 'en-US' });
    await conv.open();
    const replies = await conv.say('where is my keyboard'); // b-en-01 bought no keyboard
    expect(adaptiveFacts(replies)).toEqual([]);
    expect(heroCards(replies).length).toBeGreaterThan(0);
  });
});
