import { readFile, stat } from 'node:fs/promises';
import type { Desk } from '../../app/desk.js';
import { PgStore } from '../../data/postgres/pgStore.js';
import type { BotStateEntry, TranscriptEntry } from '../../data/records.js';

/**
 * What a desk has stored, read from the backend itself (the lowdb files, or PostgreSQL's tables),
 * not from the desk's copy in memory: the tests that check "nothing was processed" or "nothing
 * huge was stored" run on both backends.
 */

function pgOf(desk: Desk): PgStore | undefined {
  return desk.store instanceof PgStore ? desk.store : undefined;
}

/** Every transcript entry, oldest first. */
export async function transcriptEntries(desk: Desk): Promise<TranscriptEntry[]> {
  await desk.transcript.flush();
  const pg = pgOf(desk);
  if (pg) return (await pg.pool.query<{ entry: TranscriptEntry }>('SELECT entry FROM transcript ORDER BY seq')).rows.map((r) => r.entry);
  const text = await readFile(desk.lowdb!.transcript.file, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TranscriptEntry);
}

/** Every botbuilder state entry by key. */
export async function botStateEntries(desk: Desk): Promise<Record<string, BotStateEntry>> {
  const pg = pgOf(desk);
  if (!pg) return desk.lowdb!.store.state.botState;
  const { rows } = await pg.pool.query<{ key: string; etag: string; value: Record<string, unknown> }>('SELECT key, etag, value FROM bot_state');
  return Object.fromEntries(rows.map((r) => [r.key, { eTag: r.etag, value: r.value }]));
}

/** The conversation and handoff state as stored: the state file, or the state tables' rows, as text. */
export async function storedStateText(desk: Desk): Promise<string> {
  const pg = pgOf(desk);
  if (!pg) return readFile(desk.lowdb!.store.stateFile, 'utf8');
  const parts: string[] = [];
  for (const table of ['bot_state', 'handoffs', 'agent_seats', 'buyer_conversations']) {
    const { rows } = await pg.pool.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${table} t ORDER BY 1`);
    parts.push(...rows.map((r) => JSON.stringify(r.row)));
  }
  return parts.join('\n');
}

/** Bytes of the stored state (see `storedStateText`). */
export async function storedStateBytes(desk: Desk): Promise<number> {
  if (!pgOf(desk)) return (await stat(desk.lowdb!.store.stateFile)).size;
  return Buffer.byteLength(await storedStateText(desk));
}

/** Everything a desk wrote down: transcript, events and state, as one text (for "nothing was processed"). */
export async function everythingStored(desk: Desk): Promise<string> {
  await desk.events.flush();
  const transcript = (await transcriptEntries(desk)).map((e) => JSON.stringify(e));
  const events = (await desk.events.read(() => true)).map((e) => JSON.stringify(e));
  return [...transcript, ...events, JSON.stringify(desk.store.state), await storedStateText(desk)].join('\n');
}
