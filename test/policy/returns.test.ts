import { describe, it, expect } from 'vitest';
import type { Buyer, Merchant, Order } from '../../data/shopSchema.js';
import { DEFAULT_SETTINGS, decideReturn, settingsFor, type PolicySettings, type ReturnKind } from '../../policy/index.js';
import { NOW, OPEN_PENALTY, PERISHABLE, RESOLVED_PENALTY, VIRTUAL, buyer, daysAgo, merchant, order, paidOrder } from './fixtures.js';

const DAY_MS = 86_400_000;
/** Delivered exactly `days` days before NOW, plus `extraMs`. */
const deliveredAt = (days: number, extraMs = 0): string => new Date(NOW.getTime() - days * DAY_MS - extraMs).toISOString();

interface Row {
  o?: Order;
  b?: Buyer;
  m?: Merchant;
  kind?: ReturnKind;
  s?: PolicySettings;
}
const run = ({ o = order(), b = buyer(), m = merchant(), kind = 'no_reason', s = DEFAULT_SETTINGS }: Row) =>
  decideReturn(o, b, m, NOW, s, kind);

describe('return windows: return.no_reason, return.quality, return.expired (inclusive, calendar days in the buyer\'s zone)', () => {
  // NOW is 14:30 in Shanghai (the fixture buyer's zone): a few ms past a whole week is still the 7th calendar day.
  it.each([
    ['return.no_reason', 'no_reason', deliveredAt(3), 'start_return'],
    ['return.no_reason', 'no_reason', deliveredAt(7), 'start_return'],
    ['return.no_reason', 'no_reason', deliveredAt(7, 1), 'start_return'],
    ['return.expired', 'no_reason', deliveredAt(8), 'contact_merchant'],
    ['return.no_reason', 'exchange', deliveredAt(7), 'start_exchange'],
    ['return.expired', 'exchange', deliveredAt(8), 'contact_merchant'],
    ['return.quality', 'quality', deliveredAt(8), 'return_or_exchange_with_photo'],
    ['return.quality', 'quality', deliveredAt(15), 'return_or_exchange_with_photo'],
    ['return.quality', 'quality', deliveredAt(15, 60_000), 'return_or_exchange_with_photo'],
    ['return.expired', 'quality', deliveredAt(16), 'contact_merchant'],
    ['return.expired', 'no_reason', deliveredAt(25), 'contact_merchant'],
  ] as const)('%s: kind %s delivered at %s → %s', (rule, kind, at, action) => {
    expect(run({ o: order({ deliveredAt: at }), kind })).toMatchObject({ rule, action, handover: false });
  });

  it.each([
    [false, 'buyer_pays_return_shipping'],
    [true, 'shipping_insurance_covers_return'],
  ])('return.no_reason: shipping insurance %s → %s', (insured, why) => {
    expect(run({ o: order({ shippingInsurance: insured }) }).reason).toContain(why);
  });
});

describe('return.not_returnable: explains, quality problems still qualify; both goods types', () => {
  it.each([
    ['return.not_returnable', [PERISHABLE], 'no_reason', 'explain'],
    ['return.not_returnable', [VIRTUAL], 'no_reason', 'explain'],
    ['return.not_returnable', [VIRTUAL], 'exchange', 'explain'],
    ['return.quality', [PERISHABLE], 'quality', 'return_or_exchange_with_photo'],
    ['return.quality', [VIRTUAL], 'quality', 'return_or_exchange_with_photo'],
  ] as const)('%s: %j kind %s', (rule, items, kind, action) => {
    const d = run({ o: order({ items: [...items] }), kind });
    expect(d).toMatchObject({ rule, action, handover: false });
    if (rule === 'return.not_returnable') expect(d.reason).toContain('quality_problems_still_qualify');
  });

  it('return.expired: a non-returnable item past the quality window', () => {
    expect(run({ o: order({ items: [PERISHABLE], deliveredAt: deliveredAt(16) }) }).rule).toBe('return.expired');
  });
});

describe('return.review_amount: strictly over the review amount', () => {
  it.each([
    [1999.99, 'return.no_reason', false],
    [2000, 'return.no_reason', false],
    [2000.01, 'return.review_amount', true],
  ])('total %d → %s', (total, rule, handover) => {
    expect(run({ o: order({ total }) })).toMatchObject({ rule, handover });
  });

  it('return.review_amount applies to quality refunds too, and not where no money moves', () => {
    expect(run({ o: order({ total: 5000 }), kind: 'quality' }).rule).toBe('return.review_amount');
    expect(run({ o: order({ total: 5000, deliveredAt: deliveredAt(20) }) }).rule).toBe('return.expired');
  });
});

describe('return.risky_buyer: credit, refunds in 30 days, open penalties', () => {
  it.each([
    ['good', 0, [], 'return.no_reason'],
    ['normal', 0, [], 'return.no_reason'],
    ['risky', 0, [], 'return.risky_buyer'],
    ['normal', 2, [], 'return.no_reason'],
    ['normal', 3, [], 'return.risky_buyer'],
    ['normal', 0, [RESOLVED_PENALTY], 'return.no_reason'],
    ['normal', 0, [OPEN_PENALTY], 'return.risky_buyer'],
  ] as const)('credit %s, %d refunds, penalties %j → %s', (credit, refundsLast30Days, penalties, rule) => {
    const d = run({ b: buyer({ credit, refundsLast30Days, penalties: [...penalties] }) });
    expect(d.rule).toBe(rule);
    expect(d.handover).toBe(rule === 'return.risky_buyer');
    if (rule === 'return.risky_buyer') expect(d.action).toBe('handover');
  });

  it('return.risky_buyer comes before review amount and merchant flag', () => {
    const d = run({ b: buyer({ credit: 'risky' }), o: order({ total: 9000 }), m: merchant({ rating: 2 }) });
    expect(d.rule).toBe('return.risky_buyer');
  });

  it('a risky buyer is not handed over where no money would move (expired)', () => {
    expect(run({ b: buyer({ credit: 'risky' }), o: order({ deliveredAt: deliveredAt(30) }) }).rule).toBe('return.expired');
  });
});

describe('return.merchant_flagged: rating below the minimum or open penalties', () => {
  it.each([
    [4.0, [], 'return.no_reason'],
    [3.99, [], 'return.merchant_flagged'],
    [4.8, [OPEN_PENALTY], 'return.merchant_flagged'],
    [4.8, [RESOLVED_PENALTY], 'return.no_reason'],
  ] as const)('rating %d, penalties %j → %s', (rating, penalties, rule) => {
    const d = run({ m: merchant({ rating, penalties: [...penalties] }) });
    expect(d).toMatchObject({ rule, action: 'start_return', handover: false });
  });

  it('return.merchant_flagged keeps the eligible outcome (quality) in the buyer\'s favour', () => {
    const d = run({ m: merchant({ rating: 3 }), kind: 'quality', o: order({ deliveredAt: deliveredAt(10) }) });
    expect(d).toMatchObject({ rule: 'return.merchant_flagged', action: 'return_or_exchange_with_photo' });
    expect(d.reason).toContain('eligible:return.quality');
  });

  it('return.review_amount comes before return.merchant_flagged', () => {
    expect(run({ m: merchant({ rating: 3 }), o: order({ total: 3000 }) }).rule).toBe('return.review_amount');
  });

  it('outside the table (expired) the flag is noted but the rule stays return.expired', () => {
    const d = run({ m: merchant({ rating: 3 }), o: order({ deliveredAt: deliveredAt(20) }) });
    expect(d.rule).toBe('return.expired');
    expect(d.reason).toContain('merchant_flagged');
  });
});

describe('merchant overrides of settings', () => {
  const s = settingsFor('m-1', { 'm-1': { noReasonReturnDays: 10, reviewAmount: 500 }, 'm-2': { noReasonReturnDays: 1 } });

  it.each([
    [deliveredAt(10), 100, 'return.no_reason'],
    [deliveredAt(10, 1), 100, 'return.no_reason'],
    [deliveredAt(11), 100, 'return.expired'],
    [deliveredAt(3), 500.01, 'return.review_amount'],
  ])('m-1 with a 10-day window and 500 review: delivered %s, total %d → %s', (at, total, rule) => {
    expect(run({ o: order({ deliveredAt: at, total }), s }).rule).toBe(rule);
  });

  it('the day turns at midnight in the buyer\'s zone, not after 24 hours', () => {
    // Delivered at 23:59 on 4 April in Shanghai; NOW is 14:30 on 12 April: 8 calendar days, though only 7 days 14.5 h elapsed.
    const lateEvening = '2026-04-04T15:59:00.000Z';
    expect(run({ o: order({ deliveredAt: lateEvening }) }).rule).toBe('return.expired');
    const sameDay = '2026-04-05T15:59:00.000Z'; // 23:59 on 5 April in Shanghai: 7 calendar days before 12 April
    expect(run({ o: order({ deliveredAt: sameDay }) }).rule).toBe('return.no_reason');
    // The same instant for a buyer in New York (05 April 11:59): also 7 days before 12 April (02:30 there).
    expect(run({ o: order({ deliveredAt: sameDay }), b: buyer({ locale: 'en-US' }) }).rule).toBe('return.no_reason');
  });

  it('another merchant keeps the defaults', () => {
    expect(run({ o: order({ deliveredAt: deliveredAt(8) }), s: settingsFor('m-3', { 'm-1': { noReasonReturnDays: 10 } }) }).rule).toBe('return.expired');
  });
});

describe('orders not delivered or already ended', () => {
  it('an unshipped order is a cancel question', () => {
    expect(run({ o: paidOrder() }).rule).toBe('cancel.paid_unshipped');
  });
  it('a refunded order is explained', () => {
    expect(run({ o: order({ status: 'refunded', deliveredAt: daysAgo(2) }) })).toMatchObject({ action: 'explain', handover: false });
  });
});
