import pg from 'pg';
import { deliver, type NewNotification, type Notification, type NotificationBus } from '../notifications.js';
import { LOCK_CLASS, LOCK_NOTIFICATIONS } from './locks.js';
import { inTransaction, pgJson, pgText } from './pgPool.js';

/** The channel of PostgreSQL's LISTEN/NOTIFY the desks share. */
const CHANNEL = 'desk_notifications';
/** Read at most this many missed notifications at once. */
const PAGE = 500;
/** Wait before listening again after the listening connection dropped (a database restart). */
const RECONNECT_MS = 1_000;

interface Row {
  seq: number;
  at: Date;
  kind: string;
  target: string;
  payload: Record<string, unknown>;
}

const toNotification = (r: Row): Notification => ({ seq: r.seq, at: r.at.toISOString(), kind: r.kind, target: r.target, payload: r.payload });

/**
 * Notifications on PostgreSQL: each is a row of `desk_notifications` (published under a lock, so
 * their order is their commit order) and a NOTIFY; every desk LISTENs on one connection of its own
 * and reads the rows after the last it delivered, so a notification missed in a dropped connection
 * is read when it is back, and a receiver that comes back later asks `since` its last `seq`.
 */
export class PgNotifications implements NotificationBus {
  private readonly handlers = new Set<(n: Notification) => void>();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private delivered = 0;
  private reading: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  publish(n: NewNotification): Promise<Notification> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, LOCK_NOTIFICATIONS]);
      const { rows } = await client.query<Row>('INSERT INTO desk_notifications (kind, target, payload) VALUES ($1, $2, $3) RETURNING seq, at, kind, target, payload', [
        pgText(n.kind),
        pgText(n.target),
        pgJson(n.payload),
      ]);
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(rows[0]!.seq)]);
      return toNotification(rows[0]!);
    });
  }

  subscribe(handler: (n: Notification) => void): () => void {
    this.handlers.add(handler);
    // Listening starts now; a failure (the database going away) is retried on the connection's end, and `ready()` reports it.
    this.listen().catch(() => undefined);
    return () => this.handlers.delete(handler);
  }

  /** Resolves once this desk listens (subscribers get what is published after it). */
  ready(): Promise<void> {
    return this.listen();
  }

  async since(seq: number, limit = PAGE): Promise<Notification[]> {
    const { rows } = await this.pool.query<Row>('SELECT seq, at, kind, target, payload FROM desk_notifications WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit]);
    return rows.map(toNotification);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handlers.clear();
    await this.listener?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    this.listening ??= this.connect().catch((err: unknown) => {
      this.listening = undefined;
      throw err;
    });
    return this.listening;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    client.on('error', () => undefined); // the 'end' below handles it
    client.on('notification', () => this.readNew());
    client.on('end', () => {
      if (this.closed) return;
      this.listener = undefined;
      this.listening = undefined;
      setTimeout(() => void this.listen().then(() => this.readNew(), () => undefined), RECONNECT_MS).unref();
    });
    await client.connect();
    if (this.delivered === 0) {
      const { rows } = await client.query<{ seq: number | null }>('SELECT max(seq) AS seq FROM desk_notifications');
      this.delivered = rows[0]?.seq ?? 0; // from now on: earlier ones are `since`'s
    }
    await client.query(`LISTEN ${CHANNEL}`);
    if (this.closed) {
      await client.end().catch(() => undefined); // closed while connecting: nobody listens any more
      return;
    }
    this.listener = client;
  }

  /** Delivers, in order and once, every notification after the last delivered. */
  private readNew(): void {
    this.reading = this.reading.then(async () => {
      for (;;) {
        const batch = await this.since(this.delivered).catch(() => []);
        for (const n of batch) {
          this.delivered = n.seq;
          deliver(this.handlers, n);
        }
        if (batch.length < PAGE) return;
      }
    });
  }
}
