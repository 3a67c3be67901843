import { describe, it, expect } from 'vitest';
import { DEFAULT_SETTINGS, facts, settingsFor } from '../../policy/index.js';
import { NOW, OPEN_PENALTY, RESOLVED_PENALTY, buyer, hoursAgo, order } from './fixtures.js';

describe('settingsFor', () => {
  it('has the defaults of after-sales-policy.md', () => {
    expect(DEFAULT_SETTINGS).toEqual({
      noReasonReturnDays: 7, qualityReturnDays: 15, reviewAmount: 2000, riskyRefundCount: 3,
      stallHours: 72, merchantMinRating: 4.0, invoiceBusinessDays: 3,
    });
  });
  it.each([
    ['m-1', { 'm-1': { riskyRefundCount: 5 } }, 5],
    ['m-2', { 'm-1': { riskyRefundCount: 5 } }, 3],
    ['m-1', {}, 3],
    ['m-1', { 'm-1': { riskyRefundCount: Number.NaN } }, 3],
  ] as const)('merchant %s with overrides %j → riskyRefundCount %d', (id, overrides, n) => {
    const s = settingsFor(id, overrides);
    expect(s.riskyRefundCount).toBe(n);
    expect(s.stallHours).toBe(72);
  });
});

describe('facts', () => {
  it('deliveredDaysAgo, latestTrackingTime, shippedAfterCancelRequest, openPenalties, isVirtual', () => {
    const o = order({ deliveredAt: hoursAgo(36), cancelRequestedAt: hoursAgo(200) });
    expect(facts.deliveredDaysAgo(o, NOW)).toBe(1.5);
    expect(facts.latestTrackingTime(o)).toBe(Date.parse(o.logistics!.events[1]!.at));
    expect(facts.shippedAfterCancelRequest(o)).toBe(true);
    expect(facts.openPenalties(buyer({ penalties: [OPEN_PENALTY, RESOLVED_PENALTY] }))).toEqual([OPEN_PENALTY]);
    expect(facts.isVirtual(o)).toBe(false);
  });
});
