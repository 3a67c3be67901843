import type { DeskStore } from '../deskStore.js';
import type { ShopData } from '../shopSchema.js';

type CollectionName = 'businessLines' | 'merchants' | 'buyers' | 'orders' | 'agents' | 'knowledgeBase';

/**
 * A shop collection with a by-id index that is rebuilt only when an import replaced the shop,
 * so lookups stay O(1) at 10,000 orders. The base of every repository.
 */
export class IndexedCollection<K extends CollectionName> {
  private index = new Map<string, ShopData[K][number]>();
  private builtFor = -1;

  constructor(
    protected readonly store: DeskStore,
    private readonly name: K,
  ) {}

  /** Every item, in the order of the shop file. */
  list(): ShopData[K] {
    return this.store.doc.shop[this.name];
  }

  /** The item with this id, or undefined. */
  get(id: string): ShopData[K][number] | undefined {
    if (typeof id !== 'string' || id === '') return undefined;
    if (this.builtFor !== this.store.revision) {
      this.index = new Map(this.list().map((item) => [item.id, item]));
      this.builtFor = this.store.revision;
    }
    return this.index.get(id);
  }
}
