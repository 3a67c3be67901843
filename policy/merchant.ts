/** Complaints about the seller: the merchant row of after-sales-policy.md (`merchant.unresponsive`). */
import type { Merchant, Order } from '../data/shopSchema.js';
import type { Decision } from './decision.js';

/**
 * What the desk does when the seller of `order` is not answering: hand over to a person, with the
 * merchant's contact handle ready for the agent (`merchantContact`). Throws when `merchant` is
 * not the order's merchant: the agent must never get the wrong contact.
 */
export function decideMerchantUnresponsive(order: Order, merchant: Merchant): Decision {
  if (order.merchantId !== merchant.id) {
    throw new Error(`decideMerchantUnresponsive(): order ${order.id} is not from merchant ${merchant.id}`);
  }
  return {
    rule: 'merchant.unresponsive',
    action: 'handover',
    handover: true,
    reason: `seller_unresponsive;order_${order.id};merchant_${merchant.id}`,
    merchantContact: merchant.contactHandle,
  };
}
