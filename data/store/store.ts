import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { shopData, type ShopData, type ShopDataInput } from '../shopSchema.js';
import { AtomicJsonFile } from './atomicJsonFile.js';
import { FileLock } from './fileLock.js';
import { StoreFormatError } from './storeErrors.js';

/** One botbuilder state item as kept in the store, with the eTag that makes writes compare-and-set. */
export interface BotStateEntry {
  eTag: string;
  value: Record<string, unknown>;
}

/** Where the shop data came from, so an operator can tell a demo store from an imported one. */
export interface StoreMeta {
  source: 'demo' | 'import';
  seededAt?: string;
  importedAt?: string;
  importFile?: string;
}

/** The whole JSON document of the embedded store. */
export interface StoreDocument {
  version: 1;
  meta: StoreMeta;
  shop: ShopData;
  botState: Record<string, BotStateEntry>;
}

const STORE_VERSION = 1;

const documentShape = z.object({
  version: z.literal(STORE_VERSION),
  meta: z.looseObject({ source: z.enum(['demo', 'import']) }),
  shop: shopData,
  botState: z.record(z.string(), z.object({ eTag: z.string(), value: z.record(z.string(), z.unknown()) })),
});

/** Options for `Store.open`. */
export interface StoreOptions {
  /** Builds the shop for a missing or empty store file (the demo shop); without it such a store is refused. */
  seed?: (now: Date) => ShopDataInput;
  now?: () => Date;
}

/**
 * The embedded store: one lowdb JSON file, held under an exclusive lock, kept in memory and
 * written back atomically. Mutations are applied in memory at once; `commit()` resolves when a
 * write containing them is on disk, and concurrent commits share one write (coalescing), so a
 * burst of N changes costs far fewer than N rewrites of the file.
 */
export class Store {
  private flushing: Promise<void> | null = null;
  private dirty = false;
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];
  private shopRevision = 0;
  private closed = false;

  private constructor(
    readonly file: string,
    private readonly db: Low<StoreDocument>,
    private readonly lock: FileLock,
  ) {}

  /** Opens (and if missing or empty, seeds) the store at `file`; see the error classes for refusals. */
  static async open(file: string, options: StoreOptions = {}): Promise<Store> {
    const now = options.now ?? (() => new Date());
    await mkdir(path.dirname(file), { recursive: true });
    const lock = FileLock.acquire(file);
    try {
      const adapter = new AtomicJsonFile<StoreDocument>(file);
      const raw = await adapter.read();
      const seeded = raw === null;
      let doc: StoreDocument;
      if (seeded) {
        if (!options.seed) throw new StoreFormatError(`${file} is missing or empty and no seed was given`);
        const at = now();
        doc = { version: STORE_VERSION, meta: { source: 'demo', seededAt: at.toISOString() }, shop: parseShop(options.seed(at), file), botState: {} };
      } else {
        doc = parseDocument(raw, file);
      }
      const store = new Store(file, new Low<StoreDocument>(adapter, doc), lock);
      if (seeded) await store.commit();
      await adapter.removeLeftovers();
      return store;
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  /** The live document; mutate it only inside `update` (or follow a mutation with `commit`). */
  get doc(): StoreDocument {
    return this.db.data;
  }

  /** Grows each time the shop data is replaced, so repositories know to rebuild their indexes. */
  get revision(): number {
    return this.shopRevision;
  }

  /** Applies `mutate` to the document now and resolves with its result once the change is on disk. */
  async update<R>(mutate: (doc: StoreDocument) => R): Promise<R> {
    this.assertOpen('update');
    const result = mutate(this.db.data);
    await this.commit();
    return result;
  }

  /** Replaces the whole shop (an import) in one atomic write, keeping conversation state. */
  async replaceShop(shop: ShopData, meta: StoreMeta): Promise<void> {
    await this.update((doc) => {
      doc.shop = shop;
      doc.meta = meta;
    });
    this.shopRevision++;
  }

  /** Resolves once everything mutated so far is on disk. */
  commit(): Promise<void> {
    this.dirty = true;
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.flushing ??= this.flushLoop().finally(() => {
        this.flushing = null;
      });
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const batch = this.waiters;
      this.waiters = [];
      try {
        await this.db.write(); // serializes synchronously first: later mutations go to the next round
        for (const w of batch) w.resolve();
      } catch (err) {
        this.dirty = true; // keep the change for the next commit, but do not spin on a failing disk
        for (const w of [...batch, ...this.waiters.splice(0)]) w.reject(err);
        return;
      }
    }
  }

  /** Waits for pending writes, then releases the lock; the store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (this.dirty || this.flushing) await this.commit();
    } finally {
      this.closed = true;
      this.lock.release();
    }
  }

  private assertOpen(fn: string): void {
    if (this.closed) throw new Error(`Store.${fn}(): the store ${this.file} is closed`);
  }
}

/** Formats the first problems of a failed validation as `path: message` lines. */
export function describeIssues(error: z.ZodError, prefix: (string | number)[] = [], max = 20): string[] {
  return error.issues.slice(0, max).map((i) => `${formatPath([...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))])}: ${i.message}`);
}

/** `['orders', 3, 'items', 0, 'sku']` → `$.orders[3].items[0].sku`, the JSON path a merchant can follow. */
export function formatPath(parts: (string | number)[]): string {
  return parts.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${p}`), '$');
}

function parseShop(input: unknown, file: string): ShopData {
  const parsed = shopData.safeParse(input);
  if (!parsed.success) throw new StoreFormatError(`${file}: the seed shop is invalid:\n${describeIssues(parsed.error).join('\n')}`);
  return parsed.data;
}

function parseDocument(raw: unknown, file: string): StoreDocument {
  const parsed = documentShape.safeParse(raw);
  if (!parsed.success) {
    throw new StoreFormatError(
      `${file} is not a desk store of version ${STORE_VERSION}; it was left as it is:\n${describeIssues(parsed.error).join('\n')}`,
    );
  }
  return parsed.data as StoreDocument;
}
