import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createDesk, type Desk } from '../../app/desk.js';
import { buildDemoShop } from '../../data/demoShop.js';
import { HandoffBook, type HandoffRequest } from '../../desk/handoff/handoffBook.js';
import { openStorage, type DeskStorage } from '../../data/openStorage.js';
import { freshDatabase, type FreshDatabase } from '../support/pgDatabases.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgresServer.js';
import { memoryLine, nowMs, num, out, percentiles, table } from './report.js';
import { runTurnLoad, type ChatAccount, type LoadOptions, type LoadResult } from './turnLoad.js';

/**
 * `npm run bench -- scale`: one desk against two on one PostgreSQL database (lowdb for reference),
 * under the same total load of small talk, then a `+1` contention run: agents on two desks
 * claiming waiting buyers as fast as they can. Prints throughput, latency percentiles and claim
 * conflicts. PostgreSQL: `TEST_DATABASE_URL` (a superuser's URL) or a throwaway server started
 * here when PostgreSQL's server programs are installed.
 */

/** Conversations in flight in all: split evenly over the desks of a run, as a load balancer would. */
const LOAD: LoadOptions = { conversations: 40, warmupMs: 2_000, measureMs: 8_000 };
/** The contention run: buyers waiting, agents per desk, each agent's capacity. */
const WAITING = 300;
const AGENTS_PER_DESK = 10;
const CAPACITY = 1_000;

function demoBuyerAccounts(): ChatAccount[] {
  return buildDemoShop(new Date()).buyers.flatMap((b) => (b.channelAccounts ?? []).filter((a) => a.channelId === 'emulator'));
}

/** `n` desks on one store: a fresh database, or (lowdb, n = 1) a temp file. */
async function startDesks(n: number, db: FreshDatabase | undefined, dir: string): Promise<Desk[]> {
  const desks: Desk[] = [];
  for (let i = 0; i < n; i++) {
    const config = loadConfig({
      PORT: '0',
      DATA_FILE: path.join(dir, 'desk.json'),
      LOG_LEVEL: 'silent',
      SENDER_MESSAGES_PER_MINUTE: '0',
      REMINDER_CHECK_SECONDS: '0',
      ...(db ? { DATABASE_URL: db.url } : {}),
    });
    desks.push(await createDesk(config, { logger: pino({ level: 'silent' }) }));
  }
  return desks;
}

/** The same load, its conversations split over the desks; throughput summed, latency of the busiest. */
async function runOn(system: string, desks: readonly Desk[], accounts: readonly ChatAccount[]): Promise<LoadResult> {
  const per = Math.ceil(LOAD.conversations / desks.length);
  const results = await Promise.all(
    desks.map((d, i) => runTurnLoad(`${system} #${i + 1}`, `http://127.0.0.1:${d.port}/api/messages`, accounts.slice(i).concat(accounts.slice(0, i)), { ...LOAD, conversations: per })),
  );
  const worst = results.reduce((a, b) => (b.latency.p99 > a.latency.p99 ? b : a));
  return {
    ...worst,
    system,
    turns: results.reduce((s, r) => s + r.turns, 0),
    turnsPerSecond: results.reduce((s, r) => s + r.turnsPerSecond, 0),
    failures: results.reduce((s, r) => s + r.failures, 0),
    unanswered: results.reduce((s, r) => s + r.unanswered, 0),
  };
}

async function loadRun(system: string, n: number, pg: ThrowawayPostgres | undefined, accounts: readonly ChatAccount[]): Promise<LoadResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-scale-'));
  const db = pg ? await freshDatabase(pg.adminUrl) : undefined;
  const desks = await startDesks(n, db, dir);
  try {
    return await runOn(system, desks, accounts);
  } finally {
    for (const d of desks) await d.close();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
    out(memoryLine(`memory after ${system}`));
  }
}

interface ContentionResult {
  claims: number;
  claimsPerSecond: number;
  p50: number;
  p99: number;
  /** `+1`s that found nobody waiting because another agent took the buyer first (the race lost, correctly). */
  lost: number;
  /** Buyers claimed by more than one agent: must be 0. */
  doubleClaims: number;
}

/** Agents on two desks type `+1` until nobody waits; every buyer must go to exactly one agent. */
async function contention(pg: ThrowawayPostgres): Promise<ContentionResult> {
  const db = await freshDatabase(pg.adminUrl);
  const stores: DeskStorage[] = [];
  try {
    for (let i = 0; i < 2; i++) stores.push(await openStorage({ databaseUrl: db.url, dataFile: '', transcriptFile: '', eventsFile: '', seed: buildDemoShop }));
    const books = stores.map((s) => new HandoffBook(s.store, () => new Date()));
    const line = stores[0]!.store.doc.shop.businessLines[0]!.id;
    for (let i = 0; i < WAITING; i++) {
      const request: HandoffRequest = { party: `guest:bench:${i}`, buyerId: null, buyerName: `guest ${i}`, locale: 'en-US', line, reason: 'buyer_asked', buyerRef: { channelId: 'bench', conversation: { id: `c-${i}` } as never } };
      await books[i % 2]!.enqueue(request);
    }
    const latencies: number[] = [];
    const won = new Map<string, number>();
    let lost = 0;
    const began = nowMs();
    await Promise.all(
      books.flatMap((book, d) =>
        Array.from({ length: AGENTS_PER_DESK }, async (_, a) => {
          for (;;) {
            const t = nowMs();
            const result = await book.claimNext(`agent-${d}-${a}`, [line], CAPACITY);
            latencies.push(nowMs() - t);
            if (result.ok) won.set(result.handoff.id, (won.get(result.handoff.id) ?? 0) + 1);
            else if (result.why === 'none_waiting') {
              await stores[d]!.store.refresh();
              if (book.queued([line]).length === 0) return;
              lost++;
            } else return;
          }
        }),
      ),
    );
    const seconds = (nowMs() - began) / 1000;
    const p = percentiles(latencies);
    return { claims: won.size, claimsPerSecond: won.size / seconds, p50: p.p50, p99: p.p99, lost, doubleClaims: [...won.values()].filter((n) => n > 1).length };
  } finally {
    for (const s of stores) await s.close();
    await db.drop();
  }
}

export async function runScaleBench(): Promise<void> {
  const accounts = demoBuyerAccounts();
  let pg: ThrowawayPostgres | undefined;
  const given = process.env.TEST_DATABASE_URL;
  if (given) pg = { adminUrl: given, stop: async () => undefined };
  else pg = await startThrowawayPostgres();
  out(`load: ${LOAD.conversations} concurrent conversations of small talk in all, split evenly over the desks; ${LOAD.warmupMs / 1000} s warm-up, ${LOAD.measureMs / 1000} s measured.`);
  out('client, test channels and desks share this one process (and its 2 cores with PostgreSQL): compare the rows, not absolute figures.');
  if (!pg) out('PostgreSQL is not installed here and TEST_DATABASE_URL is not set: only the lowdb row.');
  out();
  try {
    const rows: LoadResult[] = [await loadRun('lowdb, 1 desk', 1, undefined, accounts)];
    if (pg) {
      rows.push(await loadRun('postgres, 1 desk', 1, pg, accounts));
      rows.push(await loadRun('postgres, 2 desks', 2, pg, accounts));
    }
    out();
    table(
      ['system', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'failed'],
      rows.map((r) => [r.system, String(r.turns), num(r.turnsPerSecond, 1), num(r.latency.p50, 1), num(r.latency.p95, 1), num(r.latency.p99, 1), num(r.latency.max, 1), String(r.failures + r.unanswered)]),
    );
    if (pg) {
      out();
      out(`+1 contention: ${WAITING} buyers waiting, ${AGENTS_PER_DESK} agents on each of 2 desks claiming until nobody waits.`);
      const c = await contention(pg);
      table(
        ['claims', 'claims/s', 'p50 ms', 'p99 ms', 'races lost', 'buyers claimed twice'],
        [[String(c.claims), num(c.claimsPerSecond, 1), num(c.p50, 1), num(c.p99, 1), String(c.lost), String(c.doubleClaims)]],
      );
      if (c.doubleClaims > 0 || c.claims !== WAITING) out(`!! expected ${WAITING} buyers each claimed once`);
    }
  } finally {
    await pg?.stop();
  }
}
