import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { BotStateEntry, Store } from './store.js';

/** The error botbuilder's own storages throw on a lost compare-and-set, so callers can retry alike. */
export class ETagConflictError extends Error {
  override name = 'ETagConflictError';
}

/**
 * botbuilder's `Storage` on the embedded store, so conversation and user state survive a restart.
 * Writes honour eTags as MemoryStorage does: an item written with an eTag other than `*` must match
 * the stored one, or the whole write is refused and nothing changes. Each write keeps the state
 * within `BOT_STATE_MAX_ENTRIES`, dropping the least recently written entries (`Store.writeBotState`).
 */
export class StoreStorage implements Storage {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Returns copies, so a caller's later changes reach the store only through `write`. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new TypeError('StoreStorage.read(): keys must be an array');
    const items: StoreItems = {};
    const state = this.store.state.botState;
    for (const key of keys) {
      const entry = state[key];
      if (entry) items[key] = { ...structuredClone(entry.value), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new TypeError('StoreStorage.write(): changes must be an object');
    const state = this.store.state.botState;
    for (const [key, item] of Object.entries(changes)) {
      const old = state[key];
      const eTag = (item as { eTag?: string }).eTag;
      if (old && eTag && eTag !== '*' && eTag !== old.eTag) {
        throw new ETagConflictError(`StoreStorage.write(): eTag conflict on "${key}"; it was changed by another turn`);
      }
    }
    const at = this.now().toISOString();
    const entries = Object.entries(changes).map(([key, item]): [string, BotStateEntry] => {
      const { eTag: _ignored, ...value } = JSON.parse(JSON.stringify(item)) as Record<string, unknown>;
      return [key, { eTag: randomUUID(), value, at }];
    });
    await this.store.writeBotState(entries);
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new TypeError('StoreStorage.delete(): keys must be an array');
    await this.store.deleteBotState(keys);
  }
}
