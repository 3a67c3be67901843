import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createDesk } from '../../bot/desk.js';
import { buildDemoShop } from '../../data/demoShop.js';
import { startEchoBot } from './echoBot.js';
import { memoryLine, mib, num, out, table, type Percentiles } from './report.js';
import { runTurnLoad, type ChatAccount, type LoadOptions, type LoadResult } from './turnLoad.js';

/** 50 buyers chatting at once: a busy shop's evening on one desk process. */
const LOAD: LoadOptions = { conversations: 50, warmupMs: 2_000, measureMs: 10_000 };

/** The desk may do real work per turn, but should keep at least half the bare framework's throughput. */
const MIN_THROUGHPUT_RATIO = 0.5;
/** ...and its slowest turns should stay within 4× the bare framework's. */
const MAX_P99_RATIO = 4;

/** The demo buyers' Emulator accounts, so the desk recognises each writer as a known buyer. */
function demoBuyerAccounts(): ChatAccount[] {
  return buildDemoShop(new Date()).buyers.flatMap((b) => (b.channelAccounts ?? []).filter((a) => a.channelId === 'emulator'));
}

/** A pino destination that counts warnings and errors (failed turns) and prints nothing. */
function countingLogger(): { logger: pino.Logger; count: () => number } {
  let lines = 0;
  const logger = pino({ level: 'warn' }, { write: () => void lines++ });
  return { logger, count: () => lines };
}

function ms(p: Percentiles, key: keyof Percentiles): string {
  return num(p[key], 1);
}

function verdict(met: boolean): string {
  return met ? 'met' : 'NOT met';
}

/**
 * The turn benchmark: the same small-talk load against a bare echo bot and against the whole desk
 * (identity, state on the store, dialogs, transcript), in one run, and the desk's cost as ratios.
 */
export async function runTurnsBench(): Promise<void> {
  const accounts = demoBuyerAccounts();
  out(
    `load: ${LOAD.conversations} concurrent conversations from ${accounts.length} demo buyers' emulator accounts, ` +
      `small talk one message at a time; ${LOAD.warmupMs / 1000} s warm-up discarded, ${LOAD.measureMs / 1000} s measured.`,
  );
  out('client, test channel and bot share this one process (as in the e2e tests); latency = POST start → POST response.');
  out();

  const echo = await startEchoBot();
  let echoResult: LoadResult;
  try {
    echoResult = await runTurnLoad('echo', echo.endpoint, accounts, LOAD);
  } finally {
    await echo.close();
  }
  out(memoryLine('memory after echo run'));

  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-bench-'));
  const deskLog = countingLogger();
  let deskResult: LoadResult;
  let storeBytes = 0;
  try {
    const config = loadConfig({ PORT: '0', DATA_FILE: path.join(dir, 'desk.json'), LOG_LEVEL: 'silent' });
    const desk = await createDesk(config, { logger: deskLog.logger });
    try {
      deskResult = await runTurnLoad('desk', `http://127.0.0.1:${desk.port}/api/messages`, accounts, LOAD);
    } finally {
      await desk.close();
    }
    storeBytes = (await stat(config.DATA_FILE)).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  out(memoryLine('memory after desk run'));
  out();

  const rows = [echoResult, deskResult].map((r) => [
    r.system,
    String(r.turns),
    num(r.turnsPerSecond, 1),
    ms(r.latency, 'p50'),
    ms(r.latency, 'p95'),
    ms(r.latency, 'p99'),
    ms(r.latency, 'max'),
    num(r.activitiesPerTurn, 1),
    String(r.failures + r.unanswered),
  ]);
  table(['system', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'activities/turn', 'failed'], rows);
  out();

  const throughputRatio = deskResult.turnsPerSecond / echoResult.turnsPerSecond;
  const p99Ratio = deskResult.latency.p99 / echoResult.latency.p99;
  table(
    ['desk / echo', 'ratio', 'target', 'verdict'],
    [
      ['turns/s', `${num(throughputRatio, 2)}×`, `≥ ${MIN_THROUGHPUT_RATIO}×`, verdict(throughputRatio >= MIN_THROUGHPUT_RATIO)],
      ['p99 latency', `${num(p99Ratio, 2)}×`, `≤ ${MAX_P99_RATIO}×`, verdict(p99Ratio <= MAX_P99_RATIO)],
    ],
  );
  out();
  out(`desk: ${deskLog.count()} warnings/errors logged; store file at the end ${mib(storeBytes)}.`);
  if (echo.errors > 0) out(`echo bot: ${echo.errors} failed turns.`);
}
