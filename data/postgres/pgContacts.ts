import type pg from 'pg';
import type { HistoryContact, Locale } from '../shopSchema.js';
import { historyChange, type BucketQuery, type ContactBucket, type ContactChange, type ContactConversation, type ContactFacts, type ContactLog } from '../contactLog.js';
import { roughBounds } from '../shopClock.js';
import { inTransaction, pgText } from './pgPool.js';

/** The columns of `desk_contacts` each fact is kept in. */
const COLUMNS: Readonly<Record<keyof ContactFacts, string>> = {
  source: 'source',
  line: 'line',
  buyerId: 'buyer_id',
  locale: 'locale',
  startedAt: 'started_at',
  queuedAt: 'queued_at',
  claimedAt: 'claimed_at',
  agentId: 'agent_id',
  firstReplyAt: 'first_reply_at',
  endedAt: 'ended_at',
  satisfied: 'satisfied',
};
const TIMES = new Set(['startedAt', 'queuedAt', 'claimedAt', 'firstReplyAt', 'endedAt']);
const REQUIRED: readonly (keyof ContactFacts)[] = ['source', 'line', 'locale', 'startedAt'];
const CHUNK = 2000;

const value = (key: string, v: unknown): unknown => (v === undefined ? null : TIMES.has(key) ? new Date(v as number).toISOString() : typeof v === 'string' ? pgText(v) : v);

/**
 * The contacts on PostgreSQL, shared by every desk: one row per contact (`desk_contacts`, indexed
 * by line and time) and its messages (`desk_contact_messages`). The console's sums are one
 * GROUP BY in the database, in the shop's time zone.
 */
export class PgContacts implements ContactLog {
  constructor(private readonly pool: pg.Pool) {}

  async record(changes: readonly ContactChange[]): Promise<void> {
    if (!changes.length) return;
    await inTransaction(this.pool, async (client) => {
      for (const change of changes) await this.apply(client, change);
    });
  }

  private async apply(client: pg.PoolClient, change: ContactChange): Promise<void> {
    const set = Object.entries(change.set ?? {}).filter(([k, v]) => k in COLUMNS && v !== undefined) as [keyof ContactFacts, unknown][];
    const withAgent = !!change.messages?.some((m) => m.from === 'agent');
    if (set.length) {
      const has = new Set(set.map(([k]) => k));
      const params: unknown[] = [pgText(change.id), withAgent, ...set.map(([k, v]) => value(k, v))];
      const cols = set.map(([k]) => COLUMNS[k]);
      if (REQUIRED.every((k) => has.has(k))) {
        await client.query(
          `INSERT INTO desk_contacts (id, with_agent, ${cols.join(', ')}) VALUES ($1, $2, ${cols.map((_, i) => `$${i + 3}`).join(', ')})
           ON CONFLICT (id) DO UPDATE SET with_agent = desk_contacts.with_agent OR EXCLUDED.with_agent, ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
          params,
        );
      } else {
        await client.query(`UPDATE desk_contacts SET with_agent = with_agent OR $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')} WHERE id = $1`, params);
      }
    } else if (withAgent) {
      await client.query('UPDATE desk_contacts SET with_agent = true WHERE id = $1', [pgText(change.id)]);
    }
    for (const [k, v] of Object.entries(change.setOnce ?? {})) {
      const col = COLUMNS[k as keyof ContactFacts];
      if (col && v !== undefined) await client.query(`UPDATE desk_contacts SET ${col} = coalesce(${col}, $2) WHERE id = $1`, [pgText(change.id), value(k, v)]);
    }
    if (change.messages?.length) {
      const m = change.messages;
      await client.query(
        `INSERT INTO desk_contact_messages (contact_id, at, sender, agent_id, text)
         SELECT $1, at, sender, agent_id, text FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[]) AS m(at, sender, agent_id, text)
         WHERE EXISTS (SELECT 1 FROM desk_contacts WHERE id = $1)`,
        [pgText(change.id), m.map((x) => x.at), m.map((x) => x.from), m.map((x) => pgText(x.agentId) ?? null), m.map((x) => pgText(x.text))],
      );
    }
  }

  async replaceHistory(contacts: readonly HistoryContact[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // Two desks starting together on a new demo store both replace it: one after the other, the second deleting what the first wrote.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('desk_contacts.history'))");
      await client.query("DELETE FROM desk_contacts WHERE source = 'history'");
      for (let i = 0; i < contacts.length; i += CHUNK) {
        const rows = contacts.slice(i, i + CHUNK).map(historyChange);
        const col = <K extends keyof ContactFacts>(k: K) => rows.map((r) => value(k, r.set[k]));
        await client.query(
          `INSERT INTO desk_contacts (id, source, line, buyer_id, locale, started_at, queued_at, claimed_at, agent_id, first_reply_at, ended_at, satisfied, with_agent)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::text[], $10::timestamptz[], $11::timestamptz[], $12::boolean[], $13::boolean[])
           ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, line = EXCLUDED.line, buyer_id = EXCLUDED.buyer_id, locale = EXCLUDED.locale, started_at = EXCLUDED.started_at,
             queued_at = EXCLUDED.queued_at, claimed_at = EXCLUDED.claimed_at, agent_id = EXCLUDED.agent_id, first_reply_at = EXCLUDED.first_reply_at, ended_at = EXCLUDED.ended_at,
             satisfied = EXCLUDED.satisfied, with_agent = EXCLUDED.with_agent`,
          [
            rows.map((r) => pgText(r.id)),
            col('source'),
            col('line'),
            col('buyerId'),
            col('locale'),
            col('startedAt'),
            col('queuedAt'),
            col('claimedAt'),
            col('agentId'),
            col('firstReplyAt'),
            col('endedAt'),
            col('satisfied'),
            rows.map((r) => r.messages!.some((m) => m.from === 'agent')),
          ],
        );
        const messages = rows.flatMap((r) => r.messages!.map((m) => ({ id: r.id, ...m })));
        if (messages.length) {
          await client.query(
            `INSERT INTO desk_contact_messages (contact_id, at, sender, agent_id, text) SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::text[])`,
            [messages.map((m) => pgText(m.id)), messages.map((m) => m.at), messages.map((m) => m.from), messages.map((m) => pgText(m.agentId) ?? null), messages.map((m) => pgText(m.text))],
          );
        }
      }
      await client.query("INSERT INTO desk_contacts_meta (name, value) VALUES ('history', 1) ON CONFLICT (name) DO UPDATE SET value = desk_contacts_meta.value + 1");
    });
  }

  async buckets(q: BucketQuery): Promise<ContactBucket[]> {
    const { after, before } = roughBounds(q.from, q.to);
    const t = q.by === 'started' ? 'started_at' : 'queued_at';
    const { rows } = await this.pool.query<Record<string, string | number>>(
      `WITH c AS (
         SELECT *, ${t} AT TIME ZONE $2 AS local FROM desk_contacts
         WHERE line = $1 AND ${t} >= $3 AND ${t} <= $4
       )
       SELECT to_char(local, 'YYYY-MM-DD') AS date, extract(hour FROM local)::int AS hour,
         count(*)::int AS contacts,
         count(queued_at)::int AS queued,
         count(*) FILTER (WHERE claimed_at >= queued_at)::int AS claimed,
         coalesce(sum(extract(epoch FROM claimed_at - queued_at) * 1000) FILTER (WHERE claimed_at >= queued_at), 0)::float8 AS wait_ms,
         count(*) FILTER (WHERE first_reply_at >= queued_at)::int AS answered,
         coalesce(sum(extract(epoch FROM first_reply_at - queued_at) * 1000) FILTER (WHERE first_reply_at >= queued_at), 0)::float8 AS first_reply_ms,
         count(*) FILTER (WHERE claimed_at >= queued_at AND ended_at >= claimed_at)::int AS handled,
         coalesce(sum(extract(epoch FROM ended_at - claimed_at) * 1000) FILTER (WHERE claimed_at >= queued_at AND ended_at >= claimed_at), 0)::float8 AS handle_ms,
         count(satisfied)::int AS rated,
         count(*) FILTER (WHERE satisfied)::int AS satisfied
       FROM c WHERE to_char(local, 'YYYY-MM-DD') BETWEEN $5 AND $6
       GROUP BY 1, 2`,
      [pgText(q.line), q.timeZone, new Date(after).toISOString(), new Date(before).toISOString(), q.from, q.to],
    );
    return rows.map((r) => ({
      date: String(r.date),
      hour: Number(r.hour),
      contacts: Number(r.contacts),
      queued: Number(r.queued),
      claimed: Number(r.claimed),
      waitMs: Number(r.wait_ms),
      answered: Number(r.answered),
      firstReplyMs: Number(r.first_reply_ms),
      handled: Number(r.handled),
      handleMs: Number(r.handle_ms),
      rated: Number(r.rated),
      satisfied: Number(r.satisfied),
    }));
  }

  async *conversations(): AsyncIterable<ContactConversation[]> {
    let after = '';
    for (;;) {
      const { rows: contacts } = await this.pool.query<{ id: string; locale: Locale }>('SELECT id, locale FROM desk_contacts WHERE with_agent AND id > $1 ORDER BY id LIMIT 500', [after]);
      if (!contacts.length) return;
      after = contacts.at(-1)!.id;
      const { rows } = await this.pool.query<{ contact_id: string; at: Date; sender: 'buyer' | 'bot' | 'agent'; agent_id: string | null; text: string }>(
        'SELECT contact_id, at, sender, agent_id, text FROM desk_contact_messages WHERE contact_id = ANY($1) ORDER BY contact_id, seq',
        [contacts.map((c) => c.id)],
      );
      const byId = new Map(contacts.map((c) => [c.id, { id: c.id, locale: c.locale, messages: [] as ContactConversation['messages'] }]));
      for (const r of rows) byId.get(r.contact_id)?.messages.push({ at: r.at.toISOString(), from: r.sender, ...(r.agent_id ? { agentId: r.agent_id } : {}), text: r.text });
      yield [...byId.values()];
    }
  }

  async version(): Promise<string> {
    const { rows } = await this.pool.query<{ v: string }>(
      "SELECT (SELECT coalesce(max(seq), 0) FROM desk_contact_messages)::text || ':' || coalesce((SELECT value FROM desk_contacts_meta WHERE name = 'history'), 0)::text AS v",
    );
    return rows[0]!.v;
  }

  async historyEnd(): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ end: Date | null }>("SELECT max(started_at) AS end FROM desk_contacts WHERE source = 'history'");
    return rows[0]?.end ? rows[0].end.getTime() : undefined;
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM desk_contacts');
    return rows[0]!.n;
  }

  async close(): Promise<void> {
    // the pool is the store's
  }
}
