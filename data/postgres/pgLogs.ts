import type pg from 'pg';
import type { EventLog, Transcript } from '../deskStore.js';
import type { ShopData } from '../shopSchema.js';
import type { DeskEvent, OrderEvent, TranscriptEntry } from '../records.js';
import { pgJson, pgText } from './pgPool.js';

/**
 * Inserts in the order they were appended, one after another, so a log reads back in that order;
 * `flush` resolves once all appended so far are committed, or rejects with the first failure (the
 * failed rows are kept and tried again by the next flush: nothing appended is dropped).
 */
class Appender<T> {
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly retry: T[] = [];

  constructor(private readonly insert: (row: T) => Promise<unknown>) {}

  append(row: T): void {
    this.tail = this.tail.then(() =>
      this.insert(row).then(
        () => undefined,
        (err: unknown) => {
          this.failure ??= err;
          this.retry.push(row);
        },
      ),
    );
  }

  async flush(): Promise<void> {
    await this.tail;
    if (this.failure === null) return;
    const err = this.failure;
    this.failure = null;
    for (const row of this.retry.splice(0)) this.append(row);
    throw err;
  }
}

/** The desk's events in the `desk_events` table: append-only, an order's history by index. */
export class PgEventLog implements EventLog {
  private readonly appender: Appender<DeskEvent>;

  constructor(private readonly pool: pg.Pool) {
    this.appender = new Appender((e) =>
      // An order event already there (recovered by a desk starting meanwhile) is not a second one.
      pool.query('INSERT INTO desk_events (at, type, order_id, event_id, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING', [
        e.at,
        e.type,
        e.type === 'order' ? e.orderId : null,
        e.type === 'order' ? (e.id ?? null) : null,
        pgJson(e),
      ]),
    );
  }

  append(event: DeskEvent): void {
    this.appender.append(event);
  }

  flush(): Promise<void> {
    return this.appender.flush();
  }

  async read(keep: (event: DeskEvent) => boolean, hint = ''): Promise<DeskEvent[]> {
    await this.flush();
    const { rows } = await this.pool.query<{ data: DeskEvent }>("SELECT data FROM desk_events WHERE strpos(data::text, $1) > 0 ORDER BY seq", [pgText(hint)]);
    return rows.map((r) => r.data).filter(keep);
  }

  async orderHistory(orderId: string): Promise<readonly OrderEvent[]> {
    await this.flush();
    const { rows } = await this.pool.query<{ data: OrderEvent }>("SELECT data FROM desk_events WHERE order_id = $1 AND type = 'order' ORDER BY seq", [orderId]);
    return rows.map((r) => r.data);
  }

  /**
   * One statement: the last event of every order that the table lacks (orders are in the same
   * database). Desks starting together may both run it: the unique event id keeps one row each.
   */
  async recover(_orders: ShopData['orders']): Promise<number> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO desk_events (at, type, order_id, event_id, data)
       SELECT (o.data->'lastEvent'->>'at')::timestamptz, 'order', o.id, o.data->'lastEvent'->>'id', o.data->'lastEvent' || jsonb_build_object('orderId', o.id)
       FROM orders o
       WHERE o.data->'lastEvent'->>'id' IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM desk_events e WHERE e.event_id = o.data->'lastEvent'->>'id')
       ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING`,
    );
    return rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.flush().catch(() => undefined);
  }
}

/** The transcript in the `transcript` table: the buyers' and the desk's words, by conversation. */
export class PgTranscript implements Transcript {
  private readonly appender: Appender<TranscriptEntry>;

  constructor(private readonly pool: pg.Pool) {
    this.appender = new Appender((e) =>
      pool.query(
        'INSERT INTO transcript (at, conversation_id, channel_id, direction, buyer_id, user_id, text, entry) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [e.at, pgText(e.conversationId), pgText(e.channelId), e.direction, pgText(e.buyerId), pgText(e.userId), pgText(e.text), pgJson(e)],
      ),
    );
  }

  append(entry: TranscriptEntry): void {
    this.appender.append(entry);
  }

  flush(): Promise<void> {
    return this.appender.flush();
  }

  async readConversation(conversationId: string): Promise<TranscriptEntry[]> {
    await this.flush().catch(() => undefined);
    const { rows } = await this.pool.query<{ entry: TranscriptEntry }>('SELECT entry FROM transcript WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
    return rows.map((r) => r.entry);
  }

  close(): Promise<void> {
    return this.flush().catch(() => undefined);
  }
}
