import pg from 'pg';
import { LOCK_CLASS_TURNS } from './locks.js';
import { createPool } from './pgPool.js';

/**
 * Connections for turn locks: one per turn in flight, held for the turn. Past it, further turns
 * wait for a connection (they are queued per conversation before that anyway).
 */
export const TURN_LOCK_POOL_SIZE = 32;
/**
 * Connections kept open and ready: a new one costs a login (SCRAM: tens of milliseconds), longer
 * than the gap between two messages, so a turn that had to connect first could ask for its lock
 * after a later turn that found a ready connection. Ready connections keep arrival order.
 */
export const TURN_LOCK_READY = 4;

/**
 * One conversation's turns one at a time across every desk on the database: a session advisory
 * lock on the conversation's key, held for the turn on a connection of its own. PostgreSQL grants
 * waiting locks in the order they were asked for, and frees a lock the moment its connection
 * ends, so a desk killed mid-turn holds nothing (its socket closes with the process).
 */
export class PgTurnLocks {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = createPool(url, TURN_LOCK_POOL_SIZE, TURN_LOCK_READY);
  }

  /** Opens the ready connections (at start, before the first turns arrive). */
  async warm(): Promise<void> {
    const clients = await Promise.all(Array.from({ length: TURN_LOCK_READY }, () => this.pool.connect()));
    for (const c of clients) c.release();
  }

  /**
   * Runs `task` holding the lock of `key`. A turn still running after `releaseAfterMs` (a reply
   * POST that hangs) lets go of its conversation, as the in-process queue does, and runs on.
   */
  async hold<T>(key: string, task: () => Promise<T>, releaseAfterMs = Number.POSITIVE_INFINITY): Promise<T> {
    const client = await this.pool.connect();
    const lockKey = key.replaceAll('\u0000', ' ');
    let released: Promise<void> | undefined;
    const release = (): Promise<void> =>
      (released ??= client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_CLASS_TURNS, lockKey]).then(
        () => client.release(),
        () => client.release(true), // a lock we could not release must not stay with a pooled connection
      ));
    try {
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [LOCK_CLASS_TURNS, lockKey]);
    } catch (err) {
      client.release(true);
      throw err;
    }
    const timer = Number.isFinite(releaseAfterMs) ? setTimeout(() => void release(), releaseAfterMs) : undefined;
    timer?.unref();
    try {
      return await task();
    } finally {
      clearTimeout(timer);
      await release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
