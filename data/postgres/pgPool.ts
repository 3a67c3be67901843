import pg from 'pg';

/** Connections a desk keeps for queries; turn locks have their own pool (see PgTurnLocks). */
export const QUERY_POOL_SIZE = 10;

/** `postgres://desk:secret@db:5432/shop` → `postgres://desk@db:5432/shop`: where, never the password. */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}

/**
 * A pool on `url`. bigint columns (the `seq` of rows, serials) come back as JavaScript numbers:
 * they stay far below 2^53 (a desk writing 10,000 rows a second would need 28,000 years).
 */
export function createPool(url: string, max = QUERY_POOL_SIZE, min = 0): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, min, keepAlive: true, connectionTimeoutMillis: 10_000 });
  // An idle connection dropped by the server (a restart, a kill) must not crash the desk: the pool replaces it.
  pool.on('error', () => undefined);
  // Nor one dropped while in use: its query rejects, which is how the caller learns; the event itself is no news.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * A value as JSON PostgreSQL accepts: jsonb and text refuse the NUL character, which a buyer (or an
 * attacker) may well type; it carries nothing, so it is dropped rather than losing the whole row.
 */
export function pgJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v));
}

/** Text PostgreSQL accepts (see `pgJson`). */
export function pgText(value: string | null | undefined): string | null {
  return value == null ? null : value.replaceAll('\u0000', '');
}

/** Runs `work` on one connection of `pool` in a transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    client.release();
  }
}
