/**
 * `task.return_refund`, `task.exchange`, `task.report_problem`: the return rows of
 * after-sales-policy.md (`return.*`), in the order an experienced agent weighs them.
 */
import type { Buyer, Merchant, Order } from '../data/shopSchema.js';
import { decideCancel } from './cancel.js';
import { decide, type Decision } from './decision.js';
import { deliveredDaysAgo, isDelivered, isEnded, isInProgress, isReturnableWithoutReason, openPenalties } from './facts.js';
import type { PolicySettings } from './settings.js';
import { timeZoneFor } from '../data/timeZone.js';

/** Why the buyer wants to send it back: no reason, a quality problem (faulty, wrong, missing), or a swap (size, colour). */
export type ReturnKind = 'no_reason' | 'quality' | 'exchange';

/**
 * What the desk does when the buyer wants to return, exchange or report a problem with `order`.
 *
 * Windows count calendar days in the buyer's time zone (delivered on the 18th: the 25th is day 7).
 * First the table's eligibility: past the quality window → `return.expired`; a quality problem
 * within it → `return.quality` (even for goods not returnable without reason); otherwise goods
 * not returnable without reason → `return.not_returnable`; within the no-reason window →
 * `return.no_reason` (an exchange follows the same window); else `return.expired`.
 * Then, only where money would move: a risky buyer (`return.risky_buyer`), then a refund over the
 * review amount (`return.review_amount`), both handed over; then a flagged merchant
 * (`return.merchant_flagged`: the eligible outcome stands, flagged for review).
 * An order not yet delivered is a cancel question (`decideCancel`).
 */
export function decideReturn(
  order: Order,
  buyer: Buyer,
  merchant: Merchant,
  now: Date,
  settings: PolicySettings,
  kind: ReturnKind,
): Decision {
  if (isEnded(order)) return { ...decideCancel(order), action: 'explain', reason: `already_${order.status}` };
  if (!isDelivered(order)) return decideCancel(order);
  const base = eligibility(order, now, settings, kind, timeZoneFor(buyer.locale, buyer.timeZone));
  if (isInProgress(order)) return { ...base, action: 'explain', reason: `already_${order.status}` };
  const flagged = merchantFlag(merchant, settings);
  if (!movesMoney(base)) return flagged ? { ...base, reason: `${base.reason};merchant_flagged:${flagged}` } : base;

  const risky = buyerRisk(buyer, settings);
  if (risky) return decide('return.risky_buyer', 'handover', `${risky};no_automatic_refund;eligible:${base.rule}`, true);
  if (order.total > settings.reviewAmount) {
    return decide(
      'return.review_amount',
      'handover',
      `refund_${order.total}_${order.currency}_over_${settings.reviewAmount};review_before_refund;eligible:${base.rule}`,
      true,
    );
  }
  if (flagged) return { ...base, rule: 'return.merchant_flagged', reason: `${flagged};buyer_favour;flag_for_review;eligible:${base.rule};${base.reason}` };
  return base;
}

/** The rows that lead to a refund or an exchange, i.e. where a risky buyer or big amount matters. */
function movesMoney(d: Decision): boolean {
  return d.rule === 'return.no_reason' || d.rule === 'return.quality';
}

function eligibility(order: Order, now: Date, settings: PolicySettings, kind: ReturnKind, timeZone: string): Decision {
  // Delivered by status but with no delivery time: treat as delivered just now (the buyer's favour).
  const days = deliveredDaysAgo(order, now, timeZone) ?? 0;
  const since = `delivered_${days}d`;
  if (days > settings.qualityReturnDays) {
    return decide('return.expired', 'contact_merchant', `${since};past_${settings.qualityReturnDays}d`);
  }
  if (kind === 'quality') {
    return decide('return.quality', 'return_or_exchange_with_photo', `${since};within_${settings.qualityReturnDays}d;merchant_pays_shipping`);
  }
  if (!isReturnableWithoutReason(order)) {
    return decide('return.not_returnable', 'explain', `${notReturnableWhy(order)};quality_problems_still_qualify`);
  }
  if (days > settings.noReasonReturnDays) {
    return decide('return.expired', 'contact_merchant', `${since};past_${settings.noReasonReturnDays}d;no_quality_problem`);
  }
  const shipping = order.shippingInsurance ? 'shipping_insurance_covers_return' : 'buyer_pays_return_shipping';
  const action = kind === 'exchange' ? 'start_exchange' : 'start_return';
  return decide('return.no_reason', action, `${since};within_${settings.noReasonReturnDays}d;${shipping}`);
}

/** The categories (or `virtual`) that keep the order out of no-reason returns. */
function notReturnableWhy(order: Order): string {
  const why = order.items
    .filter((i) => !i.returnableWithoutReason || i.goodsType === 'virtual')
    .map((i) => (i.goodsType === 'virtual' ? 'virtual' : i.category));
  return `not_returnable:${[...new Set(why)].join(',')}`;
}

/** Why the buyer gets no automatic refund, or undefined when they do. */
function buyerRisk(buyer: Buyer, settings: PolicySettings): string | undefined {
  if (buyer.credit === 'risky') return 'buyer_credit_risky';
  if (buyer.refundsLast30Days >= settings.riskyRefundCount) return `buyer_refunds_${buyer.refundsLast30Days}_in_30d`;
  const open = openPenalties(buyer).length;
  return open > 0 ? `buyer_open_penalties_${open}` : undefined;
}

/** Why the merchant is flagged, or undefined when it is not. */
function merchantFlag(merchant: Merchant, settings: PolicySettings): string | undefined {
  const why: string[] = [];
  if (merchant.rating < settings.merchantMinRating) why.push(`merchant_rating_${merchant.rating}_below_${settings.merchantMinRating}`);
  const open = openPenalties(merchant).length;
  if (open > 0) why.push(`merchant_open_penalties_${open}`);
  return why.length > 0 ? why.join(',') : undefined;
}
