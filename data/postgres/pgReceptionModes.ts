import type pg from 'pg';
import type { ReceptionModes, ReceptionSetting } from '../receptionModes.js';
import { pgText } from './pgPool.js';

/** The lines' reception modes, one row a line, shared by every desk. */
export class PgReceptionModes implements ReceptionModes {
  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<ReceptionSetting[]> {
    const { rows } = await this.pool.query<{ line: string; mode: ReceptionSetting['mode']; share: number | null; set_by: string; set_at: Date }>('SELECT * FROM desk_reception ORDER BY line');
    return rows.map((r) => ({ line: r.line, ...(r.mode === 'share' ? { mode: 'share' as const, share: r.share ?? 0 } : { mode: r.mode as 'bot_first' | 'agents_first' }), setBy: r.set_by, setAt: r.set_at.toISOString() }));
  }

  async put(s: ReceptionSetting): Promise<void> {
    await this.pool.query(
      `INSERT INTO desk_reception (line, mode, share, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (line) DO UPDATE SET mode = EXCLUDED.mode, share = EXCLUDED.share, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at`,
      [pgText(s.line), s.mode, s.mode === 'share' ? s.share : null, pgText(s.setBy), s.setAt],
    );
  }

  async close(): Promise<void> {
    // the pool is the store's
  }
}
