/** Small facts about an order, buyer or merchant that the rules read. Pure and Bot Framework free. */
import type { Buyer, Merchant, Order, Penalty } from '../data/shopSchema.js';
import { dayOf } from '../recognizers/calendarDay.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/** Milliseconds since epoch of an ISO time, or undefined when absent. */
export function timeOf(iso: string | null | undefined): number | undefined {
  if (iso === null || iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** True when every item is virtual (top-ups, e-vouchers, tickets): there is no parcel. */
export function isVirtual(order: Order): boolean {
  return order.items.every((i) => i.goodsType === 'virtual');
}

/** True when every item may be returned without a reason (virtual goods never can). */
export function isReturnableWithoutReason(order: Order): boolean {
  return order.items.every((i) => i.returnableWithoutReason && i.goodsType === 'physical');
}

/** Statuses that end an order without goods changing hands (nothing left to cancel or change). */
const ENDED: readonly Order['status'][] = ['cancelled', 'closed', 'refunded'];

/** True when the order is cancelled, closed or refunded. */
export function isEnded(order: Order): boolean {
  return ENDED.includes(order.status);
}

/** Statuses of an after-sales case already open (a refund or return requested): nothing to start twice. */
const IN_PROGRESS: readonly Order['status'][] = ['refund_requested', 'return_requested'];

/** True when a refund or return is already under way for the order. */
export function isInProgress(order: Order): boolean {
  return IN_PROGRESS.includes(order.status);
}

/** Statuses that, without a payment time, mean the buyer never paid. */
const NEVER_PAID: readonly Order['status'][] = ['unpaid', 'closed', 'cancelled'];

/** True when the buyer has paid (a payment time, or a status that implies one). */
export function isPaid(order: Order): boolean {
  return order.paidAt != null || !NEVER_PAID.includes(order.status);
}

/** True when the goods have left the merchant: shipped, or codes sent for virtual goods. */
export function isShipped(order: Order): boolean {
  return order.shippedAt != null || isDelivered(order) || order.status === 'shipped';
}

/** True when the buyer has the goods: signed for, or codes sent for virtual goods. */
export function isDelivered(order: Order): boolean {
  return order.deliveredAt != null || order.status === 'delivered' || order.status === 'completed';
}

/**
 * Days since delivery as the buyer counts them: calendar days in their time zone ("delivered on
 * the 18th, today is the 25th: 7 days"), so "within 7 days" holds all of the 7th day. Elapsed
 * hours would put a parcel delivered exactly a week ago out of the window by the seconds it took
 * to ask. Without a zone, elapsed days (fractional). Undefined when not delivered or unknown.
 */
export function deliveredDaysAgo(order: Order, now: Date, timeZone?: string): number | undefined {
  const at = timeOf(order.deliveredAt);
  if (at === undefined) return undefined;
  if (timeZone === undefined) return (now.getTime() - at) / MS_PER_DAY;
  return Math.max(0, dayOf(now, timeZone) - dayOf(new Date(at), timeZone));
}

/** Penalties without a `resolvedAt`: those still count against their owner. */
export function openPenalties(owner: Buyer | Merchant): Penalty[] {
  return owner.penalties.filter((p) => p.resolvedAt == null);
}

/** True when the merchant shipped after the buyer had asked to cancel. */
export function shippedAfterCancelRequest(order: Order): boolean {
  const asked = timeOf(order.cancelRequestedAt);
  const shipped = timeOf(order.shippedAt);
  return asked !== undefined && shipped !== undefined && shipped > asked;
}

/** The latest tracking update: the newest logistics event, else the shipping time. */
export function latestTrackingTime(order: Order): number | undefined {
  const times = (order.logistics?.events ?? []).map((e) => timeOf(e.at)).filter((t): t is number => t !== undefined);
  if (times.length > 0) return Math.max(...times);
  return timeOf(order.shippedAt);
}

/** Hours since the latest tracking update, or undefined when there is none. */
export function hoursSinceTracking(order: Order, now: Date): number | undefined {
  const at = latestTrackingTime(order);
  return at === undefined ? undefined : (now.getTime() - at) / MS_PER_HOUR;
}

/** Rounds for reasons: one decimal, so `3.0d` reads the same in logs and tests. */
export function fmt(n: number): string {
  return n.toFixed(1);
}
