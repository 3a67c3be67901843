import { describe, it, expect } from 'vitest';
import { decideCancel } from '../../policy/index.js';
import { PHYSICAL, VIRTUAL, daysAgo, hoursAgo, order, paidOrder, shippedOrder } from './fixtures.js';

describe('decideCancel: cancel.* of after-sales-policy.md', () => {
  it.each([
    ['cancel.unpaid', order({ status: 'unpaid', paidAt: null, shipBy: null, shippedAt: null, deliveredAt: null, logistics: null }), 'cancel', false],
    ['cancel.paid_unshipped', paidOrder(), 'cancel_and_refund', false],
    ['cancel.paid_unshipped', paidOrder(40, { items: [VIRTUAL], shipBy: null }), 'cancel_and_refund', false],
    ['cancel.in_transit', shippedOrder(), 'refuse_or_intercept', false],
    ['cancel.shipped_after_request', shippedOrder(3, { cancelRequestedAt: hoursAgo(120) }), 'refuse_parcel_merchant_pays', false],
    ['cancel.in_transit', shippedOrder(3, { cancelRequestedAt: hoursAgo(90) }), 'refuse_or_intercept', false],
    ['cancel.delivered', order(), 'start_return', false],
    ['cancel.delivered', order({ status: 'completed', deliveredAt: daysAgo(20) }), 'start_return', false],
    ['cancel.virtual_delivered', order({ items: [VIRTUAL], shippedAt: daysAgo(1), deliveredAt: daysAgo(1), logistics: null }), 'contact_merchant', false],
    ['cancel.delivered', order({ items: [PHYSICAL, VIRTUAL] }), 'start_return', false],
  ] as const)('%s: %s', (rule, o, action, handover) => {
    const d = decideCancel(o);
    expect(d).toMatchObject({ rule, action, handover });
  });

  it.each([
    ['cancelled', 'cancel.paid_unshipped'],
    ['refunded', 'cancel.delivered'],
  ] as const)('an order already %s is explained under %s', (status, rule) => {
    const o = status === 'cancelled' ? paidOrder(40, { status }) : order({ status });
    expect(decideCancel(o)).toMatchObject({ rule, action: 'explain', reason: `already_${status}` });
  });

  it('cancel.unpaid: a closed (never paid) order is explained', () => {
    const o = order({ status: 'closed', paidAt: null, shippedAt: null, deliveredAt: null, logistics: null });
    expect(decideCancel(o)).toMatchObject({ rule: 'cancel.unpaid', action: 'explain' });
  });
});
