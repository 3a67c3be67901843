import type { Buyer } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';
import { samePhone } from './phone.js';

/** The shop's buyers, found by id, by the chat account they write from, or by phone. */
export class BuyerRepository extends IndexedCollection<'buyers'> {
  /** The buyer who owns this channel account, if any; anyone else is a guest. */
  findByChannelAccount(channelId: string, userId: string): Buyer | undefined {
    return this.list().find((b) => b.channelAccounts.some((a) => a.channelId === channelId && a.userId === userId));
  }

  /** The buyer with this phone on their profile or on the address of one of their orders. */
  findByPhone(phone: string): Buyer | undefined {
    const byProfile = this.list().find((b) => samePhone(b.phone, phone));
    if (byProfile) return byProfile;
    const order = this.store.doc.shop.orders.find((o) => o.address && samePhone(o.address.phone, phone));
    return order ? this.get(order.buyerId) : undefined;
  }
}
