/** Plain test data for the policy tables: one normal order, buyer and merchant, changed per row. */
import type { Buyer, Merchant, Order, OrderItem } from '../../data/shopSchema.js';

/** The moment every table decides at. */
export const NOW = new Date('2026-04-12T06:30:00.000Z');
const HOUR_MS = 3_600_000;

/** ISO time `hours` before NOW (negative: after). */
export function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * HOUR_MS).toISOString();
}

/** ISO time `days` before NOW. */
export function daysAgo(days: number): string {
  return hoursAgo(days * 24);
}

/** A returnable physical item. */
export const PHYSICAL: OrderItem = {
  sku: 'SKU-1', title: 'Kettle', category: 'home', goodsType: 'physical', returnableWithoutReason: true, unitPrice: 100, quantity: 1,
};
/** A virtual item (e-voucher). */
export const VIRTUAL: OrderItem = {
  sku: 'SKU-V', title: 'Hotel voucher', category: 'e_voucher', goodsType: 'virtual', returnableWithoutReason: false, unitPrice: 100, quantity: 1,
};
/** A physical item excluded from no-reason returns. */
export const PERISHABLE: OrderItem = { ...PHYSICAL, sku: 'SKU-F', category: 'fresh_food', returnableWithoutReason: false };

/** A delivered physical order, 3 days ago, 100 CNY; override any field. */
export function order(over: Partial<Order> = {}): Order {
  return {
    id: 'o-1', buyerId: 'b-1', merchantId: 'm-1', businessLine: 'marketplace', status: 'delivered',
    items: [PHYSICAL], total: 100, currency: 'CNY', shippingInsurance: false,
    createdAt: daysAgo(6), paidAt: daysAgo(6), shipBy: daysAgo(4), shippedAt: daysAgo(5), deliveredAt: daysAgo(3),
    cancelRequestedAt: null, address: { name: 'A', phone: '123', line: 'Street 1' },
    logistics: { carrier: 'SF', trackingNo: 'SF1', events: [{ at: daysAgo(5), text: 'picked up' }, { at: daysAgo(3), text: 'signed' }] },
    ...over,
  };
}

/** A paid, unshipped order whose ship-by time is `shipByHoursAhead` hours after NOW. */
export function paidOrder(shipByHoursAhead = 40, over: Partial<Order> = {}): Order {
  return order({
    status: 'paid', paidAt: hoursAgo(8), shipBy: hoursAgo(-shipByHoursAhead), shippedAt: null, deliveredAt: null, logistics: null, ...over,
  });
}

/** A shipped order whose latest scan was `lastScanHoursAgo` hours before NOW. */
export function shippedOrder(lastScanHoursAgo = 3, over: Partial<Order> = {}): Order {
  return order({
    status: 'shipped', shippedAt: hoursAgo(100), deliveredAt: null,
    logistics: { carrier: 'SF', trackingNo: 'SF1', events: [{ at: hoursAgo(100), text: 'picked up' }, { at: hoursAgo(lastScanHoursAgo), text: 'hub' }] },
    ...over,
  });
}

/** A good buyer with no refunds or penalties. */
export function buyer(over: Partial<Buyer> = {}): Buyer {
  return {
    id: 'b-1', name: 'B', locale: 'en-US', channelAccounts: [], phone: '123', credit: 'good',
    refundsLast30Days: 0, penalties: [], preferences: [], ...over,
  };
}

/** A well-rated merchant with no penalties. */
export function merchant(over: Partial<Merchant> = {}): Merchant {
  return { id: 'm-1', name: 'M', businessLine: 'marketplace', contactHandle: 'im:m-1', rating: 4.8, penalties: [], ...over };
}

/** An open penalty. */
export const OPEN_PENALTY = { at: daysAgo(10), reason: 'late shipment' };
/** A resolved penalty. */
export const RESOLVED_PENALTY = { at: daysAgo(90), reason: 'late shipment', resolvedAt: daysAgo(80) };
