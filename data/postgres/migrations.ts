import type pg from 'pg';
import { LOCK_CLASS, LOCK_MIGRATIONS } from './locks.js';

/**
 * The desk's schema, as numbered steps applied once each, in order, recorded in
 * `schema_migrations`. A new version of the desk adds steps; it never edits one that shipped.
 *
 * Readable by hand: orders with their ids and status as columns, the rest of the shop as one row
 * per record, handoffs with their state, the transcript with the buyers' words. Rows that other
 * desks must notice (orders, handoffs, seats, buyers' conversations, the shop's revision) carry a
 * `seq` from one sequence; each desk keeps what it has seen and reads only newer rows.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'shop, state, bot state, events, transcript',
    sql: `
      CREATE SEQUENCE desk_seq;
      CREATE TABLE shop_meta (
        id int PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL,
        meta jsonb NOT NULL,
        extra jsonb NOT NULL,
        seq bigint NOT NULL
      );
      CREATE TABLE orders (
        id text PRIMARY KEY,
        position int NOT NULL,
        buyer_id text NOT NULL,
        status text NOT NULL,
        data jsonb NOT NULL,
        seq bigint NOT NULL
      );
      CREATE INDEX orders_seq ON orders (seq);
      CREATE INDEX orders_buyer ON orders (buyer_id);
      CREATE TABLE shop_records (
        collection text NOT NULL,
        id text NOT NULL,
        position int NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE handoffs (
        id text PRIMARY KEY,
        state text,
        line text,
        party text,
        data jsonb,
        seq bigint NOT NULL
      );
      CREATE INDEX handoffs_seq ON handoffs (seq);
      CREATE TABLE agent_seats (
        agent_id text PRIMARY KEY,
        data jsonb,
        seq bigint NOT NULL
      );
      CREATE INDEX agent_seats_seq ON agent_seats (seq);
      CREATE TABLE buyer_conversations (
        buyer_id text PRIMARY KEY,
        data jsonb,
        seq bigint NOT NULL
      );
      CREATE INDEX buyer_conversations_seq ON buyer_conversations (seq);
      CREATE TABLE bot_state (
        key text PRIMARY KEY,
        etag text NOT NULL,
        value jsonb NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX bot_state_at ON bot_state (at);
      CREATE TABLE desk_events (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        type text NOT NULL,
        order_id text,
        event_id text,
        data jsonb NOT NULL
      );
      CREATE INDEX desk_events_order ON desk_events (order_id, seq) WHERE order_id IS NOT NULL;
      CREATE INDEX desk_events_event_id ON desk_events (event_id) WHERE event_id IS NOT NULL;
      CREATE TABLE transcript (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        conversation_id text NOT NULL,
        channel_id text NOT NULL,
        direction text NOT NULL,
        buyer_id text,
        user_id text NOT NULL,
        text text,
        entry jsonb NOT NULL
      );
      CREATE INDEX transcript_conversation ON transcript (conversation_id, seq);
    `,
  },
  {
    version: 2,
    name: 'notifications',
    sql: `
      CREATE TABLE desk_notifications (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        target text NOT NULL,
        payload jsonb NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'activities seen',
    sql: `
      CREATE TABLE seen_activities (
        conversation text NOT NULL,
        activity_id text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (conversation, activity_id)
      );
      CREATE INDEX seen_activities_at ON seen_activities (at);
    `,
  },
  {
    version: 4,
    name: 'one row per order event',
    sql: `
      DELETE FROM desk_events a USING desk_events b WHERE a.event_id IS NOT NULL AND a.event_id = b.event_id AND a.seq > b.seq;
      DROP INDEX desk_events_event_id;
      CREATE UNIQUE INDEX desk_events_event_id ON desk_events (event_id) WHERE event_id IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'direct line, web sign-in, reviews of mined replies',
    sql: `
      CREATE TABLE directline_conversations (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        user_name text,
        created_at timestamptz NOT NULL,
        started_at timestamptz
      );
      CREATE TABLE directline_activities (
        conversation_id text NOT NULL REFERENCES directline_conversations (id),
        watermark int NOT NULL,
        activity jsonb NOT NULL,
        PRIMARY KEY (conversation_id, watermark)
      );
      CREATE TABLE directline_uploads (
        id text PRIMARY KEY,
        conversation_id text NOT NULL REFERENCES directline_conversations (id),
        content_type text NOT NULL,
        name text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE desk_secrets (
        name text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE desk_passwords (
        id text PRIMARY KEY,
        hash text NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE desk_sessions (
        id_hash text PRIMARY KEY,
        who text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX desk_sessions_expires ON desk_sessions (expires_at);
      CREATE TABLE reply_reviews (
        id text PRIMARY KEY,
        intent text NOT NULL,
        status text NOT NULL CHECK (status IN ('approved', 'rejected')),
        text text NOT NULL,
        reviewed_by text NOT NULL,
        reviewed_at timestamptz NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: 'contacts for the console (facts by line and time, messages for mining), reception modes',
    sql: `
      CREATE TABLE desk_contacts (
        id text PRIMARY KEY,
        source text NOT NULL CHECK (source IN ('history', 'desk')),
        line text NOT NULL,
        buyer_id text,
        locale text NOT NULL,
        started_at timestamptz NOT NULL,
        queued_at timestamptz,
        claimed_at timestamptz,
        agent_id text,
        first_reply_at timestamptz,
        ended_at timestamptz,
        satisfied boolean,
        with_agent boolean NOT NULL DEFAULT false
      );
      CREATE INDEX desk_contacts_started ON desk_contacts (line, started_at);
      CREATE INDEX desk_contacts_queued ON desk_contacts (line, queued_at) WHERE queued_at IS NOT NULL;
      CREATE INDEX desk_contacts_source ON desk_contacts (source);
      CREATE TABLE desk_contact_messages (
        seq bigserial PRIMARY KEY,
        contact_id text NOT NULL REFERENCES desk_contacts (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        sender text NOT NULL,
        agent_id text,
        text text NOT NULL
      );
      CREATE INDEX desk_contact_messages_contact ON desk_contact_messages (contact_id, seq);
      CREATE TABLE desk_contacts_meta (
        name text PRIMARY KEY,
        value bigint NOT NULL
      );
      CREATE TABLE desk_reception (
        line text PRIMARY KEY,
        mode text NOT NULL CHECK (mode IN ('bot_first', 'agents_first', 'share')),
        share double precision CHECK (share >= 0 AND share <= 1),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL
      );
    `,
  },
];

/**
 * Brings the database's schema to the newest version, each step in its own transaction, under a
 * lock so that desks starting together migrate once. Resolves with the versions applied now.
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, LOCK_MIGRATIONS]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const done = new Set(rows.map((r) => r.version));
      const applied: number[] = [];
      for (const step of MIGRATIONS) {
        if (done.has(step.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(step.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw new Error(`migrate(): step ${step.version} (${step.name}) failed: ${(err as Error).message}`);
        }
        applied.push(step.version);
      }
      const newest = Math.max(...MIGRATIONS.map((m) => m.version));
      const ahead = [...done].filter((v) => v > newest);
      if (ahead.length > 0) throw new Error(`migrate(): the database has schema version ${Math.max(...ahead)}, newer than this desk knows (${newest}); update the desk`);
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, LOCK_MIGRATIONS]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
