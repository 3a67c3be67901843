import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../data/demoShop.js';
import { rebaseDemoShop, shiftIsoTime } from '../data/rebaseDemoShop.js';
import { shopData } from '../data/shopSchema.js';
import type { StoreDocument } from '../data/records.js';

const DAY = 86_400_000;

describe('shiftIsoTime', () => {
  it.each([
    ['2026-11-01T09:00:00+08:00', DAY, '2026-11-02T09:00:00+08:00'],
    ['2026-11-30T23:30:00-05:00', 3_600_000, '2026-12-01T00:30:00-05:00'],
    ['2026-12-31T23:59:59Z', 1000, '2027-01-01T00:00:00Z'],
    ['not a time', DAY, 'not a time'],
    ['13800000001', DAY, '13800000001'],
  ])('%s + %i ms → %s', (iso, ms, expected) => {
    expect(shiftIsoTime(iso, ms)).toBe(expected);
  });
});

describe('rebaseDemoShop', () => {
  const seededAt = new Date('2026-11-01T00:00:00Z');
  const doc = (source: 'demo' | 'import'): StoreDocument => ({
    version: 1,
    meta: { source, seededAt: seededAt.toISOString() },
    shop: shopData.parse(buildDemoShop(seededAt)),
  });

  it('moves orders by the exact time since the seed', () => {
    const later = new Date(seededAt.getTime() + 2 * DAY + 5 * 3_600_000); // two days and five hours later
    const moved = rebaseDemoShop(doc('demo'), later)!;
    const before = doc('demo').shop;
    expect(moved.shop.orders[0]!.createdAt).toBe(shiftIsoTime(before.orders[0]!.createdAt, 2 * DAY + 5 * 3_600_000));
  });

  it('a demo store started 9 days later has the same shop as one seeded that day', () => {
    const later = new Date(seededAt.getTime() + 9 * DAY);
    const rebased = rebaseDemoShop(doc('demo'), later)!;
    const fresh = shopData.parse(buildDemoShop(later));
    const times = (shop: typeof fresh) => shop.orders.map((o) => [o.createdAt, o.paidAt, o.deliveredAt, o.logistics?.events.map((e) => e.at)]);
    expect(times(rebased.shop)).toEqual(times(fresh));
    expect(rebased.meta.seededAt).toBe(later.toISOString());
    expect(rebased.shop.orders.map((o) => o.id)).toEqual(fresh.orders.map((o) => o.id));
  });

  it('an imported shop and a just-seeded demo are left alone', () => {
    expect(rebaseDemoShop(doc('import'), new Date(seededAt.getTime() + 9 * DAY))).toBeUndefined();
    expect(rebaseDemoShop(doc('demo'), new Date(seededAt.getTime() + 1000))).toBeUndefined();
  });
});
