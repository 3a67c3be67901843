import type pg from 'pg';
import type { SeenActivityIds } from '../deskStore.js';
import { pgText } from './pgPool.js';

/** How long an activity id is remembered: a channel retries within seconds; a day is far beyond any retry. */
export const SEEN_KEEP_MS = 24 * 60 * 60_000;
/** Forget old ids once every this many new ones: a cheap delete by the `at` index, not one per turn. */
const PRUNE_EVERY = 1_000;

/**
 * Activity ids seen, shared by every desk on the database: a resend that reaches another desk is
 * recognised too. Runs inside the conversation's turn lock, so the insert decides alone.
 */
export class PgSeenActivities implements SeenActivityIds {
  private inserts = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async seen(conversation: string, activityId: string | undefined): Promise<boolean> {
    if (!activityId) return false;
    const { rowCount } = await this.pool.query('INSERT INTO seen_activities (conversation, activity_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      pgText(conversation),
      pgText(activityId),
      this.now(),
    ]);
    if (++this.inserts % PRUNE_EVERY === 0) {
      await this.pool.query('DELETE FROM seen_activities WHERE at < $1', [new Date(this.now().getTime() - SEEN_KEEP_MS)]).catch(() => undefined);
    }
    return rowCount === 0;
  }
}
