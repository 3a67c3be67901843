import type { Order } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/**
 * The shop's orders. Every buyer-facing lookup goes through `getForBuyer` / `listForBuyer`, so a
 * buyer can only ever reach their own orders: another buyer's order is reported as not found.
 */
export class OrderRepository extends IndexedCollection<'orders'> {
  private byBuyer = new Map<string, Order[]>();
  private byBuyerFor = -1;

  /** The buyer's order with this id; undefined when it does not exist or belongs to someone else. */
  getForBuyer(buyerId: string, orderId: string): Order | undefined {
    const order = this.get(orderId.trim());
    return order && order.buyerId === buyerId ? order : undefined;
  }

  /** The buyer's most recent orders, newest first (indexed: a greeting must not scan 10,000 orders). */
  listForBuyer(buyerId: string, limit = Number.POSITIVE_INFINITY): Order[] {
    if (this.byBuyerFor !== this.store.revision) {
      const index = new Map<string, Order[]>();
      const created = new Map(this.list().map((o) => [o, Date.parse(o.createdAt)]));
      for (const order of this.list()) {
        const list = index.get(order.buyerId) ?? [];
        list.push(order);
        index.set(order.buyerId, list);
      }
      for (const list of index.values()) list.sort((a, b) => created.get(b)! - created.get(a)!);
      this.byBuyer = index;
      this.byBuyerFor = this.store.revision;
    }
    return (this.byBuyer.get(buyerId) ?? []).slice(0, limit);
  }
}
