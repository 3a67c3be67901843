import type pg from 'pg';
import {
  DIRECT_LINE_PAGE,
  directLineActivityId,
  type DirectLineActivity,
  type DirectLineActivitySet,
  type DirectLineConversation,
  type DirectLineLog,
  type DirectLineUpload,
} from '../directLineLog.js';
import { pgJson, pgText } from './pgPool.js';

/** Times an append retries when another desk took the same watermark first. */
const APPEND_TRIES = 20;

interface ConversationRow {
  id: string;
  user_id: string;
  user_name: string | null;
  created_at: Date;
  started_at: Date | null;
}

function fromRow(r: ConversationRow): DirectLineConversation {
  return {
    id: r.id,
    userId: r.user_id,
    ...(r.user_name !== null ? { userName: r.user_name } : {}),
    createdAt: r.created_at.toISOString(),
    ...(r.started_at ? { startedAt: r.started_at.toISOString() } : {}),
  };
}

/**
 * Direct Line on PostgreSQL: conversations and their numbered activities in two tables every desk
 * shares, so a client reconnecting to another desk reads on from its watermark. A watermark is
 * taken by inserting the next number; two desks appending at once both try, one wins, the other
 * takes the next.
 */
export class PgDirectLine implements DirectLineLog {
  constructor(private readonly pool: pg.Pool) {}

  async open(c: Omit<DirectLineConversation, 'startedAt'>): Promise<DirectLineConversation> {
    await this.pool.query('INSERT INTO directline_conversations (id, user_id, user_name, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      pgText(c.id),
      pgText(c.userId),
      pgText(c.userName ?? null),
      c.createdAt,
    ]);
    return (await this.get(c.id))!;
  }

  async get(conversationId: string): Promise<DirectLineConversation | undefined> {
    const { rows } = await this.pool.query<ConversationRow>('SELECT * FROM directline_conversations WHERE id = $1', [pgText(conversationId)]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  async markStarted(conversationId: string, at: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('UPDATE directline_conversations SET started_at = $2 WHERE id = $1 AND started_at IS NULL', [pgText(conversationId), at]);
    return rowCount === 1;
  }

  async append(conversationId: string, activity: DirectLineActivity): Promise<{ id: string; watermark: number }> {
    for (let attempt = 0; attempt < APPEND_TRIES; attempt++) {
      const { rows } = await this.pool.query<{ next: number }>('SELECT COALESCE(MAX(watermark), 0) + 1 AS next FROM directline_activities WHERE conversation_id = $1', [pgText(conversationId)]);
      const watermark = rows[0]!.next;
      const id = directLineActivityId(conversationId, watermark);
      const inserted = await this.pool.query('INSERT INTO directline_activities (conversation_id, watermark, activity) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
        pgText(conversationId),
        watermark,
        pgJson({ ...activity, id }),
      ]);
      if (inserted.rowCount === 1) return { id, watermark };
    }
    throw new Error(`PgDirectLine.append(): conversation ${conversationId} stayed contended for ${APPEND_TRIES} tries`);
  }

  async since(conversationId: string, watermark: number): Promise<DirectLineActivitySet> {
    const { rows } = await this.pool.query<{ watermark: number; activity: DirectLineActivity }>(
      'SELECT watermark, activity FROM directline_activities WHERE conversation_id = $1 AND watermark > $2 ORDER BY watermark LIMIT $3',
      [pgText(conversationId), Math.max(watermark, 0), DIRECT_LINE_PAGE],
    );
    if (rows.length > 0) return { activities: rows.map((r) => r.activity), watermark: rows.at(-1)!.watermark };
    const { rows: last } = await this.pool.query<{ last: number | null }>('SELECT MAX(watermark) AS last FROM directline_activities WHERE conversation_id = $1', [pgText(conversationId)]);
    return { activities: [], watermark: Math.max(Math.min(watermark, last[0]?.last ?? 0), 0) };
  }

  async putUpload(u: DirectLineUpload): Promise<void> {
    await this.pool.query('INSERT INTO directline_uploads (id, conversation_id, content_type, name, bytes) VALUES ($1, $2, $3, $4, $5)', [
      pgText(u.id),
      pgText(u.conversationId),
      pgText(u.contentType),
      pgText(u.name),
      u.bytes,
    ]);
  }

  async getUpload(id: string): Promise<DirectLineUpload | undefined> {
    const { rows } = await this.pool.query<{ id: string; conversation_id: string; content_type: string; name: string; bytes: Buffer }>('SELECT * FROM directline_uploads WHERE id = $1', [pgText(id)]);
    const r = rows[0];
    return r ? { id: r.id, conversationId: r.conversation_id, contentType: r.content_type, name: r.name, bytes: r.bytes } : undefined;
  }

  async secret(name: string, fresh: string): Promise<string> {
    await this.pool.query('INSERT INTO desk_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [pgText(name), pgText(fresh)]);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM desk_secrets WHERE name = $1', [pgText(name)]);
    return rows[0]!.value;
  }

  async close(): Promise<void> {
    // the pool is the store's
  }
}
