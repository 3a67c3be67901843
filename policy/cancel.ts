/** `task.cancel_order`: the cancel rows of after-sales-policy.md (`cancel.*`). */
import type { Order } from '../data/shopSchema.js';
import { decide, type Decision } from './decision.js';
import { isDelivered, isEnded, isInProgress, isPaid, isShipped, isVirtual, shippedAfterCancelRequest } from './facts.js';

/**
 * What the desk does when the buyer wants to cancel `order`. The rule follows the facts (paid,
 * shipped, delivered, virtual, cancel asked before shipping); an order already cancelled, closed
 * or refunded, or with a refund or return under way, gets the rule of where it stopped, with action `explain`.
 */
export function decideCancel(order: Order): Decision {
  const d = cancelByFacts(order);
  return isEnded(order) || isInProgress(order) ? { ...d, action: 'explain', reason: `already_${order.status}` } : d;
}

function cancelByFacts(order: Order): Decision {
  if (isVirtual(order) && isDelivered(order)) {
    return decide('cancel.virtual_delivered', 'contact_merchant', 'virtual_codes_sent;if_unused_merchant_may_cancel');
  }
  if (isDelivered(order)) return decide('cancel.delivered', 'start_return', 'delivered;offer_return_flow');
  if (isShipped(order)) {
    if (shippedAfterCancelRequest(order)) {
      return decide(
        'cancel.shipped_after_request',
        'refuse_parcel_merchant_pays',
        'shipped_after_cancel_request;merchant_pays_return_shipping;penalty_note;handover_if_merchant_disputes',
      );
    }
    return decide('cancel.in_transit', 'refuse_or_intercept', 'shipped_not_delivered;refund_after_return');
  }
  if (isPaid(order)) return decide('cancel.paid_unshipped', 'cancel_and_refund', 'paid_not_shipped;automatic_full_refund;confirm');
  return decide('cancel.unpaid', 'cancel', 'unpaid;confirm');
}
