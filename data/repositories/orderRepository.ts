import type { Order } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/**
 * The shop's orders. Every buyer-facing lookup goes through `getForBuyer` / `listForBuyer`, so a
 * buyer can only ever reach their own orders: another buyer's order is reported as not found.
 */
export class OrderRepository extends IndexedCollection<'orders'> {
  /** The buyer's order with this id; undefined when it does not exist or belongs to someone else. */
  getForBuyer(buyerId: string, orderId: string): Order | undefined {
    const order = this.get(orderId.trim());
    return order && order.buyerId === buyerId ? order : undefined;
  }

  /** The buyer's most recent orders, newest first. */
  listForBuyer(buyerId: string, limit = Number.POSITIVE_INFINITY): Order[] {
    return this.list()
      .filter((o) => o.buyerId === buyerId)
      .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))
      .slice(0, limit);
  }
}
