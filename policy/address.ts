/** `task.change_address`: the address rows of after-sales-policy.md (`address.*`). */
import type { Order } from '../data/shopSchema.js';
import { decide, type Decision } from './decision.js';
import { isEnded, isShipped, isVirtual } from './facts.js';

/**
 * What the desk does when the buyer wants to change the delivery address of `order`: change it
 * after a yes while unshipped (`address.unshipped`), else offer the merchant (`address.shipped`).
 * Virtual goods and ended orders have no address to change: same rule, action `explain`.
 */
export function decideAddress(order: Order): Decision {
  const d = isShipped(order)
    ? decide('address.shipped', 'contact_merchant', 'already_shipped')
    : decide('address.unshipped', 'change_address', 'not_shipped;confirm');
  if (isVirtual(order)) return { ...d, action: 'explain', reason: 'virtual_goods_no_address' };
  if (isEnded(order)) return { ...d, action: 'explain', reason: `already_${order.status}` };
  return d;
}
