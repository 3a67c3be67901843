import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createDesk } from '../../app/desk.js';
import { buildDemoShop } from '../../data/demoShop.js';
import { startEchoBot } from './echoBot.js';
import { LARGE_ORDER_COUNT, shopWithOrders, writeStoreFile } from './largeShop.js';
import { memoryLine, num, out, table } from './report.js';
import { runTurnLoad, type ChatAccount, type LoadOptions, type LoadResult } from './turnLoad.js';
import { stateFileBeside } from '../../data/lowdb/store.js';
import { watchWrites } from './writeCounter.js';

/** 50 buyers chatting at once: a busy shop's evening on one desk process. */
const LOAD: LoadOptions = { conversations: 50, warmupMs: 2_000, measureMs: 10_000 };

/** The desk may do real work per turn, but should keep at least half the bare framework's throughput. */
const MIN_THROUGHPUT_RATIO = 0.5;
/** ...and its slowest turns should stay within 4× the bare framework's. */
const MAX_P99_RATIO = 4;

/** One run's figures, with what the desk's store and logger saw (nothing for the echo bot). */
interface SystemRun extends LoadResult {
  storeWrites?: number;
  problemsLogged?: number;
}

/** The demo buyers' Emulator accounts, so the desk recognises each writer as a known buyer. */
function demoBuyerAccounts(): ChatAccount[] {
  return buildDemoShop(new Date()).buyers.flatMap((b) => (b.channelAccounts ?? []).filter((a) => a.channelId === 'emulator'));
}

async function runEcho(accounts: readonly ChatAccount[]): Promise<SystemRun> {
  const echo = await startEchoBot();
  try {
    const result = await runTurnLoad('echo', echo.endpoint, accounts, LOAD);
    return { ...result, problemsLogged: echo.errors };
  } finally {
    await echo.close();
    out(memoryLine('memory after echo'));
  }
}

/** The whole desk on a temp store: seeded with the demo shop, or pre-filled with `orderCount` orders. */
async function runDesk(system: string, accounts: readonly ChatAccount[], orderCount?: number): Promise<SystemRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-bench-'));
  try {
    const config = loadConfig({ PORT: '0', DATA_FILE: path.join(dir, 'desk.json'), LOG_LEVEL: 'silent', SENDER_MESSAGES_PER_MINUTE: '0' });
    const now = new Date();
    if (orderCount !== undefined) await writeStoreFile(config.DATA_FILE, shopWithOrders(orderCount, now), now);
    let problems = 0; // warnings and errors (a failed turn is one); counted, not printed
    const logger = pino({ level: 'warn' }, { write: () => void problems++ });
    const desk = await createDesk(config, { logger });
    const writes = watchWrites(stateFileBeside(config.DATA_FILE)); // a turn saves conversation state, not the shop
    try {
      const result = await runTurnLoad(system, `http://127.0.0.1:${desk.port}/api/messages`, accounts, LOAD);
      return { ...result, storeWrites: await writes.stop(), problemsLogged: problems };
    } finally {
      await desk.close();
      out(memoryLine(`memory after ${system}`));
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function ratios(desk: SystemRun, echo: SystemRun): string[][] {
  const throughput = desk.turnsPerSecond / echo.turnsPerSecond;
  const p99 = desk.latency.p99 / echo.latency.p99;
  const verdict = (met: boolean): string => (met ? 'met' : 'NOT met');
  return [
    [desk.system, 'turns/s', `${num(throughput, 2)}×`, `≥ ${MIN_THROUGHPUT_RATIO}×`, verdict(throughput >= MIN_THROUGHPUT_RATIO)],
    [desk.system, 'p99', `${num(p99, 2)}×`, `≤ ${MAX_P99_RATIO}×`, verdict(p99 <= MAX_P99_RATIO)],
  ];
}

/**
 * The turn benchmark: the same small-talk load against a bare echo bot and against the whole desk
 * (identity, state on the store, dialogs, transcript), in one run, and the desk's cost as ratios;
 * once on the demo shop, once on a 10,000-order store, where every state save rewrites a big file.
 */
export async function runTurnsBench(): Promise<void> {
  const accounts = demoBuyerAccounts();
  out(
    `load: ${LOAD.conversations} concurrent conversations from ${accounts.length} demo buyers' emulator accounts, ` +
      `small talk one message at a time; ${LOAD.warmupMs / 1000} s warm-up discarded, ${LOAD.measureMs / 1000} s measured.`,
  );
  out('client, test channel and bot share this one process; latency = POST start → POST response (replies already received).');
  out();
  const echo = await runEcho(accounts);
  const desk = await runDesk('desk', accounts);
  const large = await runDesk(`desk ${LARGE_ORDER_COUNT / 1000}k orders`, accounts, LARGE_ORDER_COUNT);
  out();
  table(
    ['system', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'activities/turn', 'turns/write', 'failed', 'logged'],
    [echo, desk, large].map((r) => [
      r.system,
      String(r.turns),
      num(r.turnsPerSecond, 1),
      num(r.latency.p50, 1),
      num(r.latency.p95, 1),
      num(r.latency.p99, 1),
      num(r.latency.max, 1),
      num(r.activitiesPerTurn, 1),
      r.storeWrites ? num(r.allTurns / r.storeWrites, 1) : '-',
      String(r.failures + r.unanswered),
      String(r.problemsLogged ?? 0),
    ]),
  );
  out();
  table(['system', 'desk / echo', 'ratio', 'target', 'verdict'], [...ratios(desk, echo), ...ratios(large, echo)]);
}
