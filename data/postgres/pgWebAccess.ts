import type pg from 'pg';
import type { WebAccess, WebSession } from '../webAccess.js';
import { inTransaction, pgText } from './pgPool.js';

/** Web access on PostgreSQL: every desk signs people in against the same passwords and sessions. */
export class PgWebAccess implements WebAccess {
  constructor(private readonly pool: pg.Pool) {}

  async passwordHash(id: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ hash: string }>('SELECT hash FROM desk_passwords WHERE id = $1', [pgText(id)]);
    return rows[0]?.hash;
  }

  async setPasswordHash(id: string, hash: string, at: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO desk_passwords (id, hash, updated_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, updated_at = EXCLUDED.updated_at', [pgText(id), hash, at]);
      // A new password ends the sessions signed in with the old one.
      await client.query("DELETE FROM desk_sessions WHERE who = 'agent:' || $1 OR who = 'manager:' || $1", [pgText(id)]);
    });
  }

  async createSession(s: WebSession): Promise<void> {
    await this.pool.query('DELETE FROM desk_sessions WHERE expires_at < now()');
    await this.pool.query('INSERT INTO desk_sessions (id_hash, who, expires_at) VALUES ($1, $2, $3)', [s.idHash, pgText(s.who), s.expiresAt]);
  }

  async session(idHash: string, now: Date): Promise<WebSession | undefined> {
    const { rows } = await this.pool.query<{ id_hash: string; who: string; expires_at: Date }>('SELECT * FROM desk_sessions WHERE id_hash = $1 AND expires_at > $2', [pgText(idHash), now]);
    const r = rows[0];
    return r ? { idHash: r.id_hash, who: r.who, expiresAt: r.expires_at.toISOString() } : undefined;
  }

  async endSession(idHash: string): Promise<void> {
    await this.pool.query('DELETE FROM desk_sessions WHERE id_hash = $1', [pgText(idHash)]);
  }

  async close(): Promise<void> {
    // the pool is the store's
  }
}
