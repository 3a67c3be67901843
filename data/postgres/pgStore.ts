import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { BotStateWrite, DeskStore, StateScope } from '../deskStore.js';
import { shopData, type ShopData, type ShopDataInput } from '../shopSchema.js';
import { BOT_STATE_KEEP_DAYS, type AgentSeat, type BotStateEntry, type BuyerConversation, type Handoff, type StateDocument, type StoreDocument, type StoreMeta } from '../records.js';
import { describeIssues } from '../validationIssues.js';
import { ETagConflictError, StoreFormatError } from '../storeErrors.js';
import { LOCK_BUYER_CONVERSATIONS, LOCK_CLASS, LOCK_HANDOFFS, LOCK_SHOP } from './locks.js';
import { migrate } from './migrations.js';
import { createPool, describeDatabase, inTransaction, pgJson, pgText } from './pgPool.js';
import { Mutex } from './mutex.js';

/** The shop's collections kept one row per record in `shop_records` (orders have a table of their own). */
const RECORD_COLLECTIONS = ['businessLines', 'merchants', 'buyers', 'agents', 'managers', 'knowledgeBase'] as const;

/** The state tables a desk keeps a copy of, with their key column and the state field they fill. */
const STATE_TABLES = {
  handoffs: { key: 'id', field: 'handoffs' },
  agent_seats: { key: 'agent_id', field: 'agentSeats' },
  buyer_conversations: { key: 'buyer_id', field: 'buyerConversations' },
} as const;
type StateTable = keyof typeof STATE_TABLES;
const TABLES_OF: Record<StateScope, readonly StateTable[]> = { handoffs: ['handoffs', 'agent_seats'], buyerConversations: ['buyer_conversations'] };
const LOCK_OF: Record<StateScope, number> = { handoffs: LOCK_HANDOFFS, buyerConversations: LOCK_BUYER_CONVERSATIONS };

/** Options for `PgStore.open`. */
export interface PgStoreOptions {
  /** Builds the shop for an empty database (the demo shop); without it an empty database is refused, unless `empty` allows it. */
  seed?: (now: Date) => ShopDataInput;
  /** An empty database is fine: the caller is about to import a shop (`npm run import`). */
  empty?: 'allowed';
  now?: () => Date;
}

type Queryable = pg.Pool | pg.PoolClient;

/**
 * The desk's store on PostgreSQL, shared by any number of desks. Each desk keeps a copy of the
 * shop and of the handoff state in memory for synchronous reads; `refresh()` pulls the rows other
 * desks changed since (by `seq`). Every change runs in a transaction under the advisory lock of
 * its scope, on rows read fresh inside that lock, then writes back only the rows it changed: two
 * desks' claims, cancellations and imports are serialized by the database, never by a process.
 * Within one desk a mutex per scope keeps a refresh from interleaving with a change.
 */
export class PgStore implements DeskStore {
  readonly kind = 'postgres';
  readonly location: string;
  doc!: StoreDocument;
  readonly state: StateDocument = { version: 1, botState: {}, handoffs: {}, agentSeats: {}, buyerConversations: {} };
  private shopRevision = 0;
  /** The database's shop revision this copy is of. */
  private dbRevision = -1;
  private readonly seen = { shop: 0, handoffs: 0, agent_seats: 0, buyer_conversations: 0 };
  /** Each state row as last read or written, to write back only what a change touched. */
  private readonly stored: Record<StateTable, Map<string, string>> = { handoffs: new Map(), agent_seats: new Map(), buyer_conversations: new Map() };
  private readonly mutex = { shop: new Mutex(), handoffs: new Mutex(), buyerConversations: new Mutex() };
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    url: string,
    private readonly now: () => Date,
  ) {
    this.location = describeDatabase(url);
  }

  /** Connects, migrates the schema, seeds an empty database, and loads the copy in memory. */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const now = options.now ?? (() => new Date());
    const pool = createPool(url);
    const store = new PgStore(pool, url, now);
    try {
      await migrate(pool);
      const empty = options.empty === 'allowed' && !options.seed && !(await pool.query('SELECT 1 FROM shop_meta')).rowCount;
      if (!empty) {
        await store.seedIfEmpty(options.seed);
        await store.refresh();
      }
      await pool.query('DELETE FROM bot_state WHERE at < $1', [new Date(now().getTime() - BOT_STATE_KEEP_DAYS * 86_400_000)]);
      return store;
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
  }

  get revision(): number {
    return this.shopRevision;
  }

  async refresh(): Promise<void> {
    this.assertOpen('refresh');
    await this.mutex.shop.run(() => this.refreshShop(this.pool));
    await this.mutex.handoffs.run(() => this.refreshTables(this.pool, TABLES_OF.handoffs));
    await this.mutex.buyerConversations.run(() => this.refreshTables(this.pool, TABLES_OF.buyerConversations));
  }

  async changeOrder<R>(orderId: string, mutate: (doc: StoreDocument) => R): Promise<R> {
    this.assertOpen('changeOrder');
    return this.mutex.shop.run(() =>
      this.transaction(LOCK_SHOP, async (client) => {
        await this.refreshShop(client);
        const before = this.doc.shop.orders.find((o) => o.id === orderId);
        const was = JSON.stringify(before);
        let result: R;
        try {
          result = mutate(this.doc);
        } catch (err) {
          await this.reloadOrder(client, orderId);
          throw err;
        }
        const after = this.doc.shop.orders.find((o) => o.id === orderId);
        try {
          if (after && JSON.stringify(after) !== was) {
            const { rows } = await client.query<{ seq: number }>(
              "UPDATE orders SET data = $2, status = $3, seq = nextval('desk_seq') WHERE id = $1 RETURNING seq",
              [orderId, pgJson(after), after.status],
            );
            if (rows[0]) this.seen.shop = Math.max(this.seen.shop, rows[0].seq);
          }
        } catch (err) {
          await this.reloadOrder(this.pool, orderId).catch(() => undefined);
          throw err;
        }
        return result;
      }),
    );
  }

  async changeState<R>(scope: StateScope, mutate: (state: StateDocument) => R): Promise<R> {
    this.assertOpen('changeState');
    const tables = TABLES_OF[scope];
    return this.mutex[scope].run(async () => {
      try {
        return await this.transaction(LOCK_OF[scope], async (client) => {
          await this.refreshTables(client, tables);
          const result = mutate(this.state);
          for (const table of tables) await this.writeBack(client, table);
          return result;
        });
      } catch (err) {
        await this.reloadTables(tables).catch(() => undefined); // undo what the change did in memory
        throw err;
      }
    });
  }

  async readBotState(keys: readonly string[]): Promise<Record<string, BotStateEntry>> {
    this.assertOpen('readBotState');
    const items: Record<string, BotStateEntry> = {};
    if (keys.length === 0) return items;
    const { rows } = await this.pool.query<{ key: string; etag: string; value: Record<string, unknown>; at: Date }>(
      'SELECT key, etag, value, at FROM bot_state WHERE key = ANY($1)',
      [keys.map((k) => pgText(k))],
    );
    for (const r of rows) items[r.key] = { eTag: r.etag, value: r.value, at: r.at.toISOString() };
    return items;
  }

  async writeBotState(writes: readonly BotStateWrite[], at: Date): Promise<void> {
    this.assertOpen('writeBotState');
    if (writes.length === 0) return;
    await this.transaction(null, async (client) => {
      for (const { key, value, eTag } of writes) {
        const next = randomUUID();
        if (eTag && eTag !== '*') {
          const updated = await client.query('UPDATE bot_state SET etag = $2, value = $3, at = $4 WHERE key = $1 AND etag = $5', [pgText(key), next, pgJson(value), at, eTag]);
          if (updated.rowCount === 1) continue;
          const inserted = await client.query('INSERT INTO bot_state (key, etag, value, at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING', [pgText(key), next, pgJson(value), at]);
          if (inserted.rowCount === 1) continue;
          throw new ETagConflictError(`PgStore.writeBotState(): eTag conflict on "${key}"; it was changed by another turn`);
        }
        await client.query(
          'INSERT INTO bot_state (key, etag, value, at) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO UPDATE SET etag = EXCLUDED.etag, value = EXCLUDED.value, at = EXCLUDED.at',
          [pgText(key), next, pgJson(value), at],
        );
      }
    });
  }

  async deleteBotState(keys: readonly string[]): Promise<void> {
    this.assertOpen('deleteBotState');
    if (keys.length > 0) await this.pool.query('DELETE FROM bot_state WHERE key = ANY($1)', [keys.map((k) => pgText(k))]);
  }

  async replaceShop(shop: ShopData, meta: StoreMeta): Promise<void> {
    this.assertOpen('replaceShop');
    await this.mutex.shop.run(() => this.transaction(LOCK_SHOP, (client) => this.writeShop(client, shop, meta)));
    await this.mutex.shop.run(() => this.refreshShop(this.pool));
  }

  async reviseShop(next: (doc: StoreDocument) => Pick<StoreDocument, 'shop' | 'meta'> | undefined): Promise<boolean> {
    this.assertOpen('reviseShop');
    const revised = await this.mutex.shop.run(() =>
      this.transaction(LOCK_SHOP, async (client) => {
        await this.refreshShop(client); // the shop as it is now, other desks' changes included, and locked
        const result = next(this.doc);
        if (result) await this.writeShop(client, result.shop, result.meta);
        return !!result;
      }),
    );
    if (revised) await this.mutex.shop.run(() => this.refreshShop(this.pool));
    return revised;
  }

  /** Waits for nothing (every change resolved once committed) and closes the connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Seeds the demo shop into an empty database, once, whichever desk gets there first. */
  private async seedIfEmpty(seed: PgStoreOptions['seed']): Promise<void> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM shop_meta');
    if (rowCount) return;
    await this.transaction(LOCK_SHOP, async (client) => {
      if ((await client.query('SELECT 1 FROM shop_meta')).rowCount) return; // another desk seeded meanwhile
      if (!seed) throw new StoreFormatError(`${this.location} has no shop and no seed was given: import one with npm run import`);
      const at = this.now();
      const parsed = shopData.safeParse(seed(at));
      if (!parsed.success) throw new StoreFormatError(`the seed shop is invalid:\n${describeIssues(parsed.error).join('\n')}`);
      await this.writeShop(client, parsed.data, { source: 'demo', seededAt: at.toISOString() });
    });
  }

  /** Replaces every shop row and bumps the shop's revision (inside the caller's transaction). */
  private async writeShop(client: pg.PoolClient, shop: ShopData, meta: StoreMeta): Promise<void> {
    await client.query('DELETE FROM orders');
    await client.query('DELETE FROM shop_records');
    await client.query(
      `INSERT INTO orders (id, position, buyer_id, status, data, seq)
       SELECT x->>'id', n, x->>'buyerId', x->>'status', x, nextval('desk_seq') FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(x, n)`,
      [pgJson(shop.orders)],
    );
    for (const collection of RECORD_COLLECTIONS) {
      await client.query(
        `INSERT INTO shop_records (collection, id, position, data)
         SELECT $1, x->>'id', n, x FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(x, n)`,
        [collection, pgJson(shop[collection] ?? [])],
      );
    }
    const extra = Object.fromEntries(Object.entries(shop).filter(([k]) => k !== 'orders' && !(RECORD_COLLECTIONS as readonly string[]).includes(k)));
    await client.query(
      `INSERT INTO shop_meta (id, revision, meta, extra, seq) VALUES (1, 1, $1, $2, nextval('desk_seq'))
       ON CONFLICT (id) DO UPDATE SET revision = shop_meta.revision + 1, meta = EXCLUDED.meta, extra = EXCLUDED.extra, seq = EXCLUDED.seq`,
      [pgJson(meta), pgJson(extra)],
    );
  }

  /** Pulls the shop: all of it when its revision changed (an import), else the orders changed since. */
  private async refreshShop(db: Queryable): Promise<void> {
    const { rows } = await db.query<{ revision: number; meta: StoreMeta; extra: Record<string, unknown> }>('SELECT revision, meta, extra FROM shop_meta WHERE id = 1');
    const head = rows[0];
    if (!head) throw new StoreFormatError(`${this.location} has no shop`);
    if (head.revision !== this.dbRevision) {
      const orders = await db.query<{ data: ShopData['orders'][number]; seq: number }>('SELECT data, seq FROM orders ORDER BY position');
      const records = await db.query<{ collection: string; data: unknown }>('SELECT collection, data FROM shop_records ORDER BY collection, position');
      const shop: Record<string, unknown> = { ...head.extra, orders: orders.rows.map((r) => r.data) };
      for (const c of RECORD_COLLECTIONS) shop[c] = [];
      for (const r of records.rows) (shop[r.collection] as unknown[]).push(r.data);
      this.doc = { version: 1, meta: head.meta, shop: shop as ShopData };
      this.seen.shop = orders.rows.reduce((m, r) => Math.max(m, r.seq), 0);
      this.dbRevision = head.revision;
      this.shopRevision++;
      return;
    }
    const changed = await db.query<{ id: string; data: ShopData['orders'][number]; seq: number }>('SELECT id, data, seq FROM orders WHERE seq > $1 ORDER BY seq', [this.seen.shop]);
    for (const r of changed.rows) {
      this.putOrder(r.data);
      this.seen.shop = Math.max(this.seen.shop, r.seq);
    }
  }

  /** Replaces an order in place, so every reference to it (repositories' indexes, a dialog's) sees the new data. */
  private putOrder(fresh: ShopData['orders'][number]): void {
    const order = this.doc.shop.orders.find((o) => o.id === fresh.id);
    if (!order) return; // orders are added only by an import, which bumps the revision
    for (const key of Object.keys(order)) if (!(key in fresh)) delete (order as Record<string, unknown>)[key];
    Object.assign(order, fresh);
  }

  private async reloadOrder(db: Queryable, orderId: string): Promise<void> {
    const { rows } = await db.query<{ data: ShopData['orders'][number] }>('SELECT data FROM orders WHERE id = $1', [orderId]);
    if (rows[0]) this.putOrder(rows[0].data);
  }

  /** Pulls the state rows changed since this desk last looked (a null `data` is a deleted row). */
  private async refreshTables(db: Queryable, tables: readonly StateTable[]): Promise<void> {
    for (const table of tables) {
      const { key, field } = STATE_TABLES[table];
      const { rows } = await db.query<{ k: string; data: unknown; seq: number }>(`SELECT ${key} AS k, data, seq FROM ${table} WHERE seq > $1 ORDER BY seq`, [this.seen[table]]);
      const target = this.state[field] as Record<string, unknown>;
      for (const r of rows) {
        if (r.data === null) {
          delete target[r.k];
          this.stored[table].delete(r.k);
        } else {
          target[r.k] = r.data;
          this.stored[table].set(r.k, pgJson(r.data));
        }
        this.seen[table] = Math.max(this.seen[table], r.seq);
      }
    }
  }

  /** Throws away the copy of `tables` and reads them whole (after a failed change). */
  private async reloadTables(tables: readonly StateTable[]): Promise<void> {
    for (const table of tables) {
      const field = STATE_TABLES[table].field;
      for (const k of Object.keys(this.state[field] ?? {})) delete (this.state[field] as Record<string, unknown>)[k];
      this.stored[table].clear();
      this.seen[table] = 0;
    }
    await this.refreshTables(this.pool, tables);
  }

  /** Writes the rows of `table` that the change added, altered or removed (a removal leaves a null row, so other desks see it). */
  private async writeBack(client: pg.PoolClient, table: StateTable): Promise<void> {
    const { key, field } = STATE_TABLES[table];
    const now = (this.state[field] ?? {}) as Record<string, Handoff | AgentSeat | BuyerConversation>;
    const stored = this.stored[table];
    const upserts: [string, string][] = [];
    for (const [k, value] of Object.entries(now)) {
      const json = pgJson(value);
      if (stored.get(k) !== json) upserts.push([k, json]);
    }
    const removed = [...stored.keys()].filter((k) => !Object.hasOwn(now, k));
    for (const [k, json] of upserts) {
      const extra = table === 'handoffs' ? handoffColumns(JSON.parse(json) as Handoff) : null;
      const { rows } = await client.query<{ seq: number }>(
        table === 'handoffs'
          ? `INSERT INTO handoffs (id, state, line, party, data, seq) VALUES ($1, $3, $4, $5, $2, nextval('desk_seq'))
             ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, line = EXCLUDED.line, party = EXCLUDED.party, data = EXCLUDED.data, seq = EXCLUDED.seq RETURNING seq`
          : `INSERT INTO ${table} (${key}, data, seq) VALUES ($1, $2, nextval('desk_seq')) ON CONFLICT (${key}) DO UPDATE SET data = EXCLUDED.data, seq = EXCLUDED.seq RETURNING seq`,
        extra ? [pgText(k), json, ...extra.map(pgText)] : [pgText(k), json],
      );
      stored.set(k, json);
      this.seen[table] = Math.max(this.seen[table], rows[0]!.seq);
    }
    for (const k of removed) {
      const { rows } = await client.query<{ seq: number }>(`UPDATE ${table} SET data = NULL, seq = nextval('desk_seq') WHERE ${key} = $1 RETURNING seq`, [pgText(k)]);
      stored.delete(k);
      if (rows[0]) this.seen[table] = Math.max(this.seen[table], rows[0].seq);
    }
  }

  /** Runs `work` in a transaction, under the advisory lock `lock` (held to its end) unless null. */
  private transaction<T>(lock: number | null, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, async (client) => {
      if (lock !== null) await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, lock]);
      return work(client);
    });
  }

  private assertOpen(fn: string): void {
    if (this.closed) throw new Error(`PgStore.${fn}(): the store ${this.location} is closed`);
  }
}

/** The columns a person reading the `handoffs` table looks for. */
function handoffColumns(h: Handoff): [string, string, string] {
  return [h.state, h.line, h.party];
}
