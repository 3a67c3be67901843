import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { shopData, type Locale } from '../../data/shopSchema.js';
import { findEntities } from '../../recognizers/entities.js';
import { resolveOrderReference } from '../../recognizers/orderReference.js';

/** A Wednesday: "last Tuesday" is 2026-11-17 in both time zones below. */
const NOW = new Date('2026-11-25T10:00:00Z');
const shop = shopData.parse(buildDemoShop(NOW));
const ordersOf = (buyerId: string) => shop.orders.filter((o) => o.buyerId === buyerId);
const ZONE: Record<Locale, string> = { 'zh-CN': 'Asia/Shanghai', 'en-US': 'America/New_York' };

/** The titles of the orders the words point at. */
function resolve(buyerId: string, locale: Locale, text: string): string[] {
  return resolveOrderReference(text, findEntities(text, locale, NOW), ordersOf(buyerId), ZONE[locale]).map((m) => m.order.items[0]!.title);
}

describe('resolveOrderReference', () => {
  it.each<[string, Locale, string, RegExp]>([
    ['b-zh-01', 'zh-CN', '键盘那单到哪了', /机械键盘/],
    ['b-zh-01', 'zh-CN', '防晒乳那个能取消吗', /防晒乳/],
    ['b-zh-01', 'zh-CN', '329元那单想退', /连衣裙/],
    ['b-en-01', 'en-US', 'where is the coffee', /Coffee Beans/],
    ['b-en-01', 'en-US', 'the 45.99 one', /USB-C Hub/],
    ['b-en-01', 'en-US', 'i want to return the linen dress', /Linen Wrap Dress/],
  ])('%s (%s): "%s" names exactly one order', (buyer, locale, text, title) => {
    const titles = resolve(buyer, locale, text);
    expect(titles).toHaveLength(1);
    expect(titles[0]).toMatch(title);
  });

  it('a date narrows to the orders of that day, and goods named with it pick one', () => {
    const day = resolve('b-en-01', 'en-US', 'the one from last thursday');
    expect(day.length).toBeGreaterThanOrEqual(2); // 11-19: the chinos and the berries
    expect(resolve('b-en-01', 'en-US', 'the berries from last thursday')).toEqual([expect.stringMatching(/Berries/)]);
  });

  it("another buyer's goods and words that name nothing find nothing", () => {
    expect(resolve('b-en-01', 'en-US', 'where is my keyboard')).toEqual([]);
    expect(resolve('b-zh-01', 'zh-CN', '我的快递到哪了')).toEqual([]);
    expect(resolve('b-en-01', 'en-US', 'where is my order')).toEqual([]);
  });

  it('an order number is matched only among the buyer\'s own orders', () => {
    const own = ordersOf('b-zh-01')[0]!;
    const other = shop.orders.find((o) => o.buyerId !== 'b-zh-01')!;
    expect(resolve('b-zh-01', 'zh-CN', `订单${own.id}`)).toHaveLength(1);
    expect(resolve('b-zh-01', 'zh-CN', `订单${other.id}`)).toEqual([]);
  });
});
