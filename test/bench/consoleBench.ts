import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createDesk, type Desk } from '../../app/desk.js';
import { contactFileOf } from '../../data/openStorage.js';
import { demoHistoryOf } from '../../data/demoShop.js';
import { importShop } from '../../data/importShop.js';
import { shiftIsoTime } from '../../data/rebaseDemoShop.js';
import { shopData, type HistoryContact } from '../../data/shopSchema.js';
import { freshDatabase, type FreshDatabase } from '../support/pgDatabases.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgresServer.js';
import { memoryLine, mib, nowMs, num, out, percentiles, table } from './report.js';

/**
 * `npm run bench -- console`: the managers' console at 10^5 contacts (the demo shop's four weeks
 * of history repeated over nine months, every contact with its messages), on lowdb and on
 * PostgreSQL: the import, then each console request many times (staffing and volume for four weeks
 * and for the whole period), and how long mining every agent's reply takes. Issue 14 asks for
 * answers under 200 ms.
 */

const CONTACTS = 100_000;
const REQUESTS = 40;
const TOKEN = 'bench-console-token-0123456789';

/** `CONTACTS` past contacts: the demo's four weeks, again and again further back, with ids of their own. */
function bigHistory(shop: Parameters<typeof demoHistoryOf>[0], now: Date): HistoryContact[] {
  const month = demoHistoryOf(shop, now);
  const out: HistoryContact[] = [];
  for (let block = 0; out.length < CONTACTS; block++) {
    const back = -block * 28 * 86_400_000;
    for (const c of month) {
      if (out.length >= CONTACTS) break;
      const shift = (iso: string | null | undefined) => (iso ? shiftIsoTime(iso, back) : iso);
      out.push({ ...c, id: `${c.id}-${block}`, startedAt: shift(c.startedAt)!, queuedAt: shift(c.queuedAt), claimedAt: shift(c.claimedAt), endedAt: shift(c.endedAt), messages: c.messages.map((m) => ({ ...m, at: shift(m.at)! })) });
    }
  }
  return out;
}

async function timed(desk: Desk, route: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = nowMs();
    const res = await fetch(`http://127.0.0.1:${desk.port}${route}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    if (res.status !== 200) throw new Error(`${route}: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    samples.push(nowMs() - start);
  }
  return samples;
}

async function runOn(system: string, db: FreshDatabase | undefined): Promise<string[][]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-console-bench-'));
  const dataFile = path.join(dir, 'desk.json');
  const config = loadConfig({ PORT: '0', DATA_FILE: dataFile, LOG_LEVEL: 'silent', REMINDER_CHECK_SECONDS: '0', CONSOLE_TOKEN: TOKEN, ...(db ? { DATABASE_URL: db.url } : {}) });
  const desk = await createDesk(config, { logger: pino({ level: 'silent' }), mineEveryMs: 0 });
  const rows: string[][] = [];
  try {
    const now = new Date();
    await desk.ready; // the demo's own history first, so the import replaces it
    const history = bigHistory(desk.store.doc.shop, now);
    const shop = shopData.parse({ ...desk.store.doc.shop, history });
    let start = nowMs();
    await importShop(desk.store, desk.contacts, shop, 'bench.json');
    const importMs = nowMs() - start;
    const size = db ? '' : ` (${mib((await stat(contactFileOf(dataFile))).size)} file)`;
    out(`${system}: imported ${num(history.length, 0)} contacts with ${num(history.reduce((n, c) => n + c.messages.length, 0), 0)} messages in ${num(importMs / 1000, 1)} s${size}`);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(now);
    const monthAgo = new Date(now.getTime() - 27 * 86_400_000);
    const from28 = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(monthAgo);
    const from270 = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date(now.getTime() - 269 * 86_400_000));
    for (const [what, route] of [
      ['staffing, 28 days', `/api/console/staffing?line=mall&from=${from28}&to=${today}`],
      ['volume, 28 days', `/api/console/volume?line=mall&from=${from28}&to=${today}`],
      ['staffing, 270 days', `/api/console/staffing?line=mall&from=${from270}&to=${today}`],
      ['volume, 270 days', `/api/console/volume?line=mall&from=${from270}&to=${today}`],
    ] as const) {
      const p = percentiles(await timed(desk, route));
      rows.push([system, what, num(p.p50, 1), num(p.p95, 1), num(p.p99, 1), num(p.max, 1)]);
    }
    start = nowMs();
    const first = await fetch(`http://127.0.0.1:${desk.port}/api/console/replies`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const proposals = ((await first.json()) as unknown[]).length;
    out(`${system}: mined every agent's reply of the history in ${num((nowMs() - start) / 1000, 1)} s (${proposals} proposals)`);
    const p = percentiles(await timed(desk, '/api/console/replies'));
    rows.push([system, 'replies (mined)', num(p.p50, 1), num(p.p95, 1), num(p.p99, 1), num(p.max, 1)]);
    out(memoryLine(`memory after ${system}`));
  } finally {
    await desk.close();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

export async function runConsoleBench(): Promise<void> {
  let pg: ThrowawayPostgres | undefined;
  const given = process.env.TEST_DATABASE_URL;
  if (given) pg = { adminUrl: given, stop: async () => undefined };
  else pg = await startThrowawayPostgres();
  if (!pg) out('PostgreSQL is not installed here and TEST_DATABASE_URL is not set: only lowdb.');
  out(`${num(CONTACTS, 0)} contacts; each request ${REQUESTS} times, one after another, over HTTP with the console token.`);
  out();
  const rows: string[][] = [];
  try {
    rows.push(...(await runOn('lowdb', undefined)));
    if (pg) {
      const db = await freshDatabase(pg.adminUrl);
      try {
        rows.push(...(await runOn('postgres', db)));
      } finally {
        await db.drop();
      }
    }
  } finally {
    await pg?.stop();
  }
  out();
  table(['store', 'request', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'], rows);
}
