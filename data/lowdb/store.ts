import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BotStateWrite, DeskStore, StateScope } from '../deskStore.js';
import { shopData, type ShopData, type ShopDataInput } from '../shopSchema.js';
import { AtomicJsonFile } from './atomicJsonFile.js';
import { FileLock } from './fileLock.js';
import { JsonDocument } from './jsonDocument.js';
import { ETagConflictError, StoreFormatError } from '../storeErrors.js';
import { BOT_STATE_KEEP_DAYS, type BotStateEntry, type StateDocument, type StoreDocument, type StoreMeta } from '../records.js';
import { describeIssues } from '../validationIssues.js';

/**
 * At most this many bot state entries are kept; past it, the least recently written go first.
 * Anyone can start conversations (each new conversation id adds its conversation's and its user's
 * entry), so without a cap a flood of them would grow the file that every turn rewrites, for 30
 * days. 20,000 entries are 10,000 conversations, far more than a desk's bot and agents are in the
 * middle of at once; at an estimated 0.5-1 KB an entry (a dialog waiting on a prompt keeps the
 * prompt) that is a state file of 10-20 MB, the worst a flood can make each write cost. An entry is
 * dropped only once 20,000 others have been written after it.
 */
export const BOT_STATE_MAX_ENTRIES = 20_000;


const STORE_VERSION = 1;

const documentShape = z.object({
  version: z.literal(STORE_VERSION),
  meta: z.looseObject({ source: z.enum(['demo', 'import']) }),
  shop: shopData,
});

const stateShape = z.object({
  version: z.literal(STORE_VERSION),
  botState: z.record(z.string(), z.object({ eTag: z.string(), value: z.record(z.string(), z.unknown()), at: z.string().optional() })),
  buyerConversations: z
    .record(
      z.string(),
      z.object({
        // Loose: botbuilder's reference has more fields (user, bot, locale, activityId) and they must survive a reload.
        reference: z.looseObject({ channelId: z.string(), serviceUrl: z.string(), conversation: z.looseObject({ id: z.string() }) }),
        at: z.string(),
      }),
    )
    .optional(),
  // Loose: checked by the code that writes them; a reload must keep every field.
  handoffs: z.record(z.string(), z.looseObject({ id: z.string(), party: z.string(), line: z.string(), state: z.enum(['queued', 'claimed', 'ended']) })).optional(),
  agentSeats: z.record(z.string(), z.looseObject({ agentId: z.string(), serving: z.array(z.string()) })).optional(),
});

/** Options for `Store.open`. */
export interface StoreOptions {
  /** Builds the shop for a missing or empty store file (the demo shop); without it such a store is refused. */
  seed?: (now: Date) => ShopDataInput;
  now?: () => Date;
}

/** `var/desk.json` → `var/desk.state.json`. */
export function stateFileBeside(file: string): string {
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}.state.json`);
}

/**
 * The embedded store: the shop document at `DATA_FILE` and the state document beside it, both
 * lowdb JSON files held under one exclusive lock, kept in memory, written atomically and with
 * coalesced writes (`JsonDocument`). A file that does not parse, or is not a desk store, stops the
 * open and is never overwritten.
 */
export class Store implements DeskStore {
  readonly kind = 'lowdb';
  private shopRevision = 0;
  private closed = false;
  readonly stateFile: string;
  /**
   * The bot state keys, least recently written first (by `at` on open, then in the order of
   * `putBotState`): what the cap drops first, found without sorting 20,000 entries on every turn.
   */
  private readonly botStateOrder = new Map<string, true>();

  private constructor(
    readonly file: string,
    private readonly main: JsonDocument<StoreDocument>,
    private readonly stateDoc: JsonDocument<StateDocument>,
    private readonly lock: FileLock,
  ) {
    this.stateFile = stateDoc.adapter.file;
    const byAt = Object.entries(stateDoc.data.botState).sort(([, a], [, b]) => compareAt(a.at, b.at)); // stable: ties keep file order
    for (const [key] of byAt) this.botStateOrder.set(key, true);
  }

  /** Opens (and if missing or empty, seeds) the store at `file`; see the error classes for refusals. */
  static async open(file: string, options: StoreOptions = {}): Promise<Store> {
    const now = options.now ?? (() => new Date());
    await mkdir(path.dirname(file), { recursive: true });
    const lock = await FileLock.acquire(file);
    try {
      const mainFile = new AtomicJsonFile<StoreDocument>(file);
      const stateFile = new AtomicJsonFile<StateDocument>(stateFileBeside(file));
      const raw = await mainFile.read();
      const rawState = await stateFile.read();
      const seeded = raw === null;
      let doc: StoreDocument;
      if (seeded) {
        if (!options.seed) throw new StoreFormatError(`${file} is missing or empty and no seed was given`);
        const at = now();
        doc = { version: STORE_VERSION, meta: { source: 'demo', seededAt: at.toISOString() }, shop: parseShop(options.seed(at), file) };
      } else {
        doc = parseWith(documentShape, raw, file) as StoreDocument;
      }
      const state: StateDocument = rawState === null ? { version: STORE_VERSION, botState: {} } : (parseWith(stateShape, rawState, stateFile.file) as StateDocument);
      const pruned = pruneBotState(state, now());
      const store = new Store(file, new JsonDocument(mainFile, doc), new JsonDocument(stateFile, state), lock);
      const capped = store.dropOldestBotState(state);
      if (seeded) await store.main.commit();
      if (rawState === null || pruned + capped > 0) await store.stateDoc.commit();
      await Promise.all([mainFile.removeLeftovers(), stateFile.removeLeftovers()]);
      return store;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** The live shop document; mutate it only inside `update`. */
  get doc(): StoreDocument {
    return this.main.data;
  }

  /** The live state document; mutate it only inside `updateState`. */
  get state(): StateDocument {
    return this.stateDoc.data;
  }

  /** Grows each time the shop data is replaced, so repositories know to rebuild their indexes. */
  get revision(): number {
    return this.shopRevision;
  }

  get location(): string {
    return this.file;
  }

  /** One process owns the files: what is in memory is what is stored. */
  async refresh(): Promise<void> {
    this.assertOpen('refresh');
  }

  changeOrder<R>(_orderId: string, mutate: (doc: StoreDocument) => R): Promise<R> {
    return this.update(mutate);
  }

  changeState<R>(_scope: StateScope, mutate: (state: StateDocument) => R): Promise<R> {
    return this.updateState(mutate);
  }

  async readBotState(keys: readonly string[]): Promise<Record<string, BotStateEntry>> {
    const items: Record<string, BotStateEntry> = {};
    for (const key of keys) {
      const entry = Object.hasOwn(this.state.botState, key) ? this.state.botState[key] : undefined;
      if (entry) items[key] = structuredClone(entry);
    }
    return items;
  }

  /** Compare-and-set on every eTag first, then one write: all or nothing. */
  async writeBotState(writes: readonly BotStateWrite[], at: Date): Promise<void> {
    const state = this.state.botState;
    for (const { key, eTag } of writes) {
      const old = Object.hasOwn(state, key) ? state[key] : undefined;
      if (old && eTag && eTag !== '*' && eTag !== old.eTag) {
        throw new ETagConflictError(`Store.writeBotState(): eTag conflict on "${key}"; it was changed by another turn`);
      }
    }
    const stamp = at.toISOString();
    await this.putBotState(writes.map(({ key, value }): [string, BotStateEntry] => [key, { eTag: randomUUID(), value, at: stamp }]));
  }

  /** Applies `mutate` to the shop document now and resolves with its result once the change is on disk. */
  async update<R>(mutate: (doc: StoreDocument) => R): Promise<R> {
    this.assertOpen('update');
    const result = mutate(this.main.data);
    await this.main.commit();
    return result;
  }

  /** Applies `mutate` to the state document now and resolves with its result once the change is on disk. */
  async updateState<R>(mutate: (state: StateDocument) => R): Promise<R> {
    this.assertOpen('updateState');
    const result = mutate(this.stateDoc.data);
    await this.stateDoc.commit();
    return result;
  }

  /**
   * Writes botbuilder state entries (see `StoreStorage`) and, past `BOT_STATE_MAX_ENTRIES`, drops
   * the least recently written; resolves once on disk. Bot state is written through here only, so
   * the cap holds between restarts too.
   */
  async putBotState(entries: [key: string, entry: BotStateEntry][]): Promise<void> {
    await this.updateState((state) => {
      for (const [key, entry] of entries) {
        state.botState[key] = entry;
        this.botStateOrder.delete(key); // to the end: the most recently written
        this.botStateOrder.set(key, true);
      }
      this.dropOldestBotState(state);
    });
  }

  /** Deletes botbuilder state entries; resolves once on disk. */
  async deleteBotState(keys: readonly string[]): Promise<void> {
    await this.updateState((state) => {
      for (const key of keys) {
        delete state.botState[key];
        this.botStateOrder.delete(key);
      }
    });
  }

  /** Replaces the whole shop (an import) in one atomic write, keeping conversation state. */
  async replaceShop(shop: ShopData, meta: StoreMeta): Promise<void> {
    await this.update((doc) => {
      doc.shop = shop;
      doc.meta = meta;
    });
    this.shopRevision++;
  }

  /** One process owns the store: reading and replacing in one synchronous step is atomic. */
  async reviseShop(next: (doc: StoreDocument) => Pick<StoreDocument, 'shop' | 'meta'> | undefined): Promise<boolean> {
    const revised = next(this.main.data);
    if (!revised) return false;
    await this.replaceShop(revised.shop, revised.meta);
    return true;
  }

  /** Waits for pending writes, then releases the lock; the store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await Promise.all([this.main.pending && this.main.commit(), this.stateDoc.pending && this.stateDoc.commit()]);
    } finally {
      this.closed = true;
      this.lock.release();
    }
  }

  /** Drops the least recently written bot state entries past `BOT_STATE_MAX_ENTRIES`; returns how many. */
  private dropOldestBotState(state: StateDocument): number {
    let dropped = 0;
    for (const key of this.botStateOrder.keys()) {
      if (this.botStateOrder.size <= BOT_STATE_MAX_ENTRIES) break;
      this.botStateOrder.delete(key);
      if (Object.hasOwn(state.botState, key)) {
        delete state.botState[key];
        dropped++;
      }
    }
    return dropped;
  }

  private assertOpen(fn: string): void {
    if (this.closed) throw new Error(`Store.${fn}(): the store ${this.file} is closed`);
  }
}

/** Orders `at` times oldest first; entries from before `at` existed count as the oldest. */
function compareAt(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Drops bot state not written for `BOT_STATE_KEEP_DAYS` (entries from before `at` existed wait for their next write); returns how many. */
function pruneBotState(state: StateDocument, now: Date): number {
  const oldest = now.getTime() - BOT_STATE_KEEP_DAYS * 86_400_000;
  let dropped = 0;
  for (const [key, entry] of Object.entries(state.botState)) {
    if (entry.at && Date.parse(entry.at) < oldest) {
      delete state.botState[key];
      dropped++;
    }
  }
  return dropped;
}


function parseShop(input: unknown, file: string): ShopData {
  const parsed = shopData.safeParse(input);
  if (!parsed.success) throw new StoreFormatError(`${file}: the seed shop is invalid:\n${describeIssues(parsed.error).join('\n')}`);
  return parsed.data;
}

function parseWith(shape: z.ZodType, raw: unknown, file: string): unknown {
  const parsed = shape.safeParse(raw);
  if (!parsed.success) {
    throw new StoreFormatError(
      `${file} is not a desk store of version ${STORE_VERSION}; it was left as it is:\n${describeIssues(parsed.error).join('\n')}`,
    );
  }
  return parsed.data;
}
