import type { Merchant } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/** The shop's merchants, each on one business line, with rating and penalty records. */
export class MerchantRepository extends IndexedCollection<'merchants'> {
  /** Penalties not yet resolved. */
  openPenalties(merchant: Merchant): Merchant['penalties'] {
    return merchant.penalties.filter((p) => !p.resolvedAt);
  }
}
