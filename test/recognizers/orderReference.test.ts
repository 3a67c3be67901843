import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { shopData, type Locale } from '../../data/shopSchema.js';
import { findEntities } from '../../recognizers/entities.js';
import { itemsNamedIn, resolveOrderReference, unknownOrderIds } from '../../recognizers/orderReference.js';

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

describe("a shop's own order ids, and goods named best", () => {
  const item = (title: string) => ({ sku: title, title, category: 'kitchen', goodsType: 'physical' as const, returnableWithoutReason: true, unitPrice: 10, quantity: 1 });
  const base = ordersOf('b-en-01')[0]!;
  const mk = (id: string, ...titles: string[]) => ({ ...base, id, items: titles.map(item) });
  const orders = [
    mk('SO-2026-000117', 'Belgian Waffle Maker'),
    mk('SO-2026-000118', 'Cold Brew Coffee Maker'),
    mk('A10031', '静音破壁机 1.75L'),
    mk('A10032', '九阳破壁豆浆机'),
    mk('SO-2026-000120', 'Milk Frother', 'Espresso Beans 1kg'),
  ];
  const ids = (text: string, locale: Locale = 'en-US') => resolveOrderReference(text, findEntities(text, locale, NOW), orders, ZONE[locale]).map((m) => m.order.id);

  it.each([
    ['SO-2026-000117 where is it', ['SO-2026-000117']],
    ['so2026000117 到哪了', ['SO-2026-000117']],
    ['SO 2026 000117 到哪了', ['SO-2026-000117']],
    ['订单SO-2026-000117怎么还没发货', ['SO-2026-000117']],
    ['尾号000118那单', ['SO-2026-000118']],
    ['a10031 refund', ['A10031']],
  ])('"%s" → %j', (text, expected) => {
    expect(ids(text, /\p{Script=Han}/u.test(text) ? 'zh-CN' : 'en-US')).toEqual(expected);
  });

  it('the goods named best win: "waffle maker" is not every maker, "静音破壁机" not every 破壁', () => {
    expect(ids('where is my waffle maker')).toEqual(['SO-2026-000117']);
    expect(ids('静音破壁机到哪了', 'zh-CN')).toEqual(['A10031']);
    expect(ids('maker').sort()).toEqual(['SO-2026-000117', 'SO-2026-000118']);
  });

  it("an id in the shop's format that is none of the buyer's is reported as unknown, never matched", () => {
    expect(unknownOrderIds('where is SO-2026-000999', orders)).toEqual(['SO-2026-000999']);
    expect(unknownOrderIds('where is SO-2026-000117', orders)).toEqual([]);
    expect(unknownOrderIds('my phone is 13800000001', orders)).toEqual([]);
    expect(ids('where is SO-2026-000999')).toEqual([]);
  });

  it('the items named in a several-item order', () => {
    const order = orders[4]!;
    expect(itemsNamedIn(order, 'I want to return the milk frother').map((i) => i.title)).toEqual(['Milk Frother']);
    expect(itemsNamedIn(order, 'return this order').map((i) => i.title)).toEqual(['Milk Frother', 'Espresso Beans 1kg']);
  });
});
