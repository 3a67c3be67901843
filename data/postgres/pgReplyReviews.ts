import type pg from 'pg';
import type { ReplyReview, ReplyReviews } from '../replyReviews.js';
import { pgText } from './pgPool.js';

/** Managers' decisions on mined replies, one row each, shared by every desk. */
export class PgReplyReviews implements ReplyReviews {
  constructor(private readonly pool: pg.Pool) {}

  async list(): Promise<ReplyReview[]> {
    const { rows } = await this.pool.query<{ id: string; intent: string; status: ReplyReview['status']; text: string; reviewed_by: string; reviewed_at: Date }>('SELECT * FROM reply_reviews ORDER BY reviewed_at');
    return rows.map((r) => ({ id: r.id, intent: r.intent, status: r.status, text: r.text, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at.toISOString() }));
  }

  async put(r: ReplyReview): Promise<void> {
    await this.pool.query(
      `INSERT INTO reply_reviews (id, intent, status, text, reviewed_by, reviewed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET intent = EXCLUDED.intent, status = EXCLUDED.status, text = EXCLUDED.text, reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at`,
      [pgText(r.id), pgText(r.intent), r.status, pgText(r.text), pgText(r.reviewedBy), r.reviewedAt],
    );
  }

  async close(): Promise<void> {
    // the pool is the store's
  }
}
