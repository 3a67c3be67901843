import type { Storage, StoreItems } from 'botbuilder';
import type { DeskStore } from '../data/deskStore.js';

export { ETagConflictError } from '../data/storeErrors.js';

/**
 * botbuilder's `Storage` on the desk's store (lowdb or PostgreSQL), so conversation and user state
 * survive a restart and are shared by every desk on one database. Writes honour eTags as
 * MemoryStorage does: an item written with an eTag other than `*` must match the stored one, or
 * the whole write is refused and nothing changes (the backend checks and writes atomically).
 */
export class StoreStorage implements Storage {
  constructor(
    private readonly store: DeskStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns copies, so a caller's later changes reach the store only through `write`. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('StoreStorage.read(): keys must be an array');
    const items: StoreItems = {};
    for (const [key, entry] of Object.entries(await this.store.readBotState(keys))) items[key] = { ...entry.value, eTag: entry.eTag };
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('StoreStorage.write(): changes must be an object');
    const writes = Object.entries(changes).map(([key, item]) => {
      const { eTag, ...value } = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
      return { key, value, ...(typeof eTag === 'string' ? { eTag } : {}) };
    });
    await this.store.writeBotState(writes, this.now());
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('StoreStorage.delete(): keys must be an array');
    await this.store.deleteBotState(keys);
  }
}
