import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import type { Order } from '../../data/shopSchema.js';
import { loadConfig } from '../../bot/config.js';
import { stateFileBeside } from '../../data/lowdb/store.js';
import { newBuyerStats, runBuyers, type BuyerStats } from './buyers.js';
import { newTurnStats, type TurnStats } from './conversation.js';
import { DeskProcess, DeskStartError, freePort, processState, type DeskCrash, type GroupMember, type Launcher } from './deskProcess.js';
import { AttemptLog, Ledger } from './ledger.js';
import { planBuyers, readStoreFile, type BuyerPlan } from './plan.js';
import { between, derivedRandom } from '../support/prng.js';
import { SoakChannel } from './soakChannel.js';
import { verify, type VerifyInput, type VerifyResult } from './verify.js';

/** The first start may train the intent model (a corpus nobody trained yet): minutes, not seconds. */
const FIRST_START_TIMEOUT_MS = 10 * 60_000;
/** A restart on a cached model and a small store takes seconds; a minute means it hangs. */
const RESTART_TIMEOUT_MS = 60_000;
/** A restart that fails is tried this many times in all before the soak gives the desk up. */
const START_ATTEMPTS = 3;
/** Time between two kills: long enough for a few turns, short enough to land in the middle of them. */
const KILL_GAP_MS = { min: 2_000, max: 8_000 };
/**
 * Share of kills aimed: a kill at a random moment mostly lands on "no" rounds and pauses, while the
 * claim under test is about the moments around a yes: half the aimed kills land while a yes turn
 * runs (the write, the event, the reply), half the instant its acknowledgement reaches the channel
 * (anything acknowledged must be on disk by then).
 */
const AIMED_KILL_SHARE = 0.6;
/** An aimed kill waits this long at most for its yes or acknowledgement, then kills anyway. */
const AIM_WAIT_MS = 8_000;
/** An aimed kill lands this long after it sees a yes's POST open: a yes turn takes a few hundred ms under load. */
const AIM_DELAY_MS = { min: 0, max: 250 };
/** How often an aimed kill looks for a yes in flight. */
const AIM_POLL_MS = 5;
/** After a kill, replies the desk wrote to its sockets before dying may still be landing at the channel. */
const REPLY_GRACE_MS = 300;
/** How often the soak looks for a desk that died on its own. */
const SUPERVISE_MS = 100;
/** After the last kill, buyers get this long to finish their remaining yeses. */
const FINISH_TIMEOUT_MS = 90_000;
/** A Ctrl-C that does not stop the desk within this long is a hang. */
const STOP_TIMEOUT_MS = 15_000;

/** How to run the soak. */
export interface SoakOptions {
  kills: number;
  buyers: number;
  seed: number;
  launcher: Launcher;
  projectRoot: string;
  /**
   * A PostgreSQL database for the desks (`DATABASE_URL`): then a second desk on it runs
   * throughout and serves half the buyers while the first is killed again and again, and the
   * checks read the database.
   */
  databaseUrl?: string;
}

/** A problem found at some checkpoint, first seen there. */
export interface Finding {
  at: string;
  line: string;
}

/** Everything the soak measured and found. */
export interface SoakFigures {
  dir: string;
  plans: BuyerPlan[];
  eligibleBuyers: number;
  kills: number;
  /** Kills aimed at a yes in flight, at the instant of an acknowledgement, and kills that landed while a yes was unanswered (aimed or not). */
  aimedKills: number;
  killsAtAck: number;
  killsDuringYes: number;
  restarts: number;
  firstStartMs: number;
  restartMs: number[];
  downtimeMs: number[];
  failedStarts: { at: string; message: string; logTail: string }[];
  crashes: DeskCrash[];
  /** Processes of a killed desk's group still there after the kill (zombies nobody reaped), per kill. */
  leftovers: { kill: number; members: GroupMember[] }[];
  /** Kills after which the store's lock named a process that still existed (a zombie: the takeover must see it as dead). */
  lockedByLeftover: { kill: number; pid: number; state: string }[];
  turns: TurnStats;
  buyers: BuyerStats;
  acknowledged: number;
  acknowledgedByAction: Record<string, number>;
  yeses: number;
  checks: number;
  lost: Finding[];
  unexpected: Finding[];
  unparsable: Finding[];
  movedWithoutEvent: Finding[];
  duplicateEvents: Finding[];
  tornEventLines: number;
  unacknowledgedApplied: number;
  /** How the Ctrl-C at the end went; a clean close releases the lock, a killed desk leaves it. */
  finalStop: { code: number | null; signal: NodeJS.Signals | null; timedOut: boolean; ms: number; lockLeft: boolean } | undefined;
  gaveUp: string | undefined;
  durationMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The soak: starts the desk on a fresh store, runs the buyers, kills the desk `kills` times at
 * seeded random moments and restarts it on the same store, checks the files while it is down and
 * again once it is back, stops it with Ctrl-C at the end and checks once more.
 */
export async function runSoak(options: SoakOptions, say: (line: string) => void): Promise<SoakFigures> {
  const began = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'desk-soak-'));
  const dataFile = path.join(dir, 'desk.json');
  const files = { dataFile, stateFile: stateFileBeside(dataFile), eventsFile: loadConfig({ DATA_FILE: dataFile }).eventsFile };
  const killRandom = derivedRandom(options.seed, 'kills');
  const crashes: DeskCrash[] = [];
  const channel = await SoakChannel.start();
  const desk = new DeskProcess({ projectRoot: options.projectRoot, dataFile, port: await freePort(), logDir: dir, launcher: options.launcher, onCrash: (c) => crashes.push(c), ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  // On PostgreSQL a second desk shares the database and is never killed: the others go on.
  const steady = options.databaseUrl
    ? new DeskProcess({ projectRoot: options.projectRoot, dataFile: path.join(dir, 'unused.json'), port: await freePort(), logDir: dir, launcher: options.launcher, onCrash: (c) => crashes.push(c), databaseUrl: options.databaseUrl, name: 'steady' })
    : undefined;
  /** On PostgreSQL, the database written out as the files the checks read (the store's orders, the event log). */
  const sync = async (): Promise<void> => {
    if (options.databaseUrl) await dumpDatabase(options.databaseUrl, files);
  };
  const ledger = new Ledger(path.join(dir, 'ledger.jsonl'));
  const attempts = new AttemptLog(path.join(dir, 'attempts.jsonl'));
  const figures: SoakFigures = {
    dir, plans: [], eligibleBuyers: 0, kills: 0, aimedKills: 0, killsAtAck: 0, killsDuringYes: 0, restarts: 0, firstStartMs: 0, restartMs: [], downtimeMs: [], failedStarts: [], crashes, leftovers: [], lockedByLeftover: [],
    turns: newTurnStats(), buyers: newBuyerStats(), acknowledged: 0, acknowledgedByAction: {}, yeses: 0, checks: 0,
    lost: [], unexpected: [], unparsable: [], movedWithoutEvent: [], duplicateEvents: [], tornEventLines: 0, unacknowledgedApplied: 0,
    finalStop: undefined, gaveUp: undefined, durationMs: 0,
  };
  const known = new Set<string>();
  const note = (list: Finding[], at: string, lines: string[]): void => {
    for (const line of lines) {
      if (known.has(line)) continue;
      known.add(line);
      list.push({ at, line });
      say(`  ! ${at}: ${line}`);
    }
  };
  let initial = new Map<string, Order>();
  const check = async (at: string, ledgerEntries: VerifyInput['ledger'], deskDown: boolean): Promise<VerifyResult> => {
    await sync();
    figures.checks++;
    const r = verify({ ...files, initial, ledger: ledgerEntries, attempts: attempts.entries });
    note(figures.lost, at, r.lost);
    note(figures.unexpected, at, r.unexpected);
    note(figures.unparsable, at, r.unparsable);
    note(figures.duplicateEvents, at, r.duplicateEvents);
    // While the desk runs, an order may be on disk a moment before its event: only a stopped desk's files tell.
    if (deskDown) {
      note(figures.movedWithoutEvent, at, r.movedWithoutEvent);
      figures.tornEventLines = Math.max(figures.tornEventLines, r.tornEventLines); // a running desk's last line may be half-written
    }
    return r;
  };

  /** Starts the desk, retrying a failed start; gives the desk up (buyers stop) when every try fails. */
  const start = async (at: string, timeoutMs: number): Promise<number | undefined> => {
    for (let tries = 1; tries <= START_ATTEMPTS; tries++) {
      try {
        return await desk.start(timeoutMs);
      } catch (err) {
        const logTail = err instanceof DeskStartError ? err.logTail : '';
        figures.failedStarts.push({ at, message: (err as Error).message, logTail });
        say(`  ! ${at}: start failed (try ${tries} of ${START_ATTEMPTS}): ${(err as Error).message}\n${indent(logTail)}`);
        await sleep(1_000);
      }
    }
    figures.gaveUp = `the desk did not start ${at} in ${START_ATTEMPTS} tries`;
    desk.giveUp(new Error(figures.gaveUp));
    return undefined;
  };

  /** Waits `ms`, restarting a desk that died on its own meanwhile. */
  const supervise = async (ms: number, done: () => boolean = () => false): Promise<void> => {
    const until = performance.now() + ms;
    let seenCrashes = crashes.length;
    while (performance.now() < until && !done() && !figures.gaveUp) {
      await sleep(SUPERVISE_MS);
      if (crashes.length > seenCrashes) {
        seenCrashes = crashes.length;
        const crash = crashes.at(-1)!;
        say(`  ! the desk exited on its own (start #${crash.start}, code ${crash.code}, signal ${crash.signal}):\n${indent(crash.logTail)}`);
        await check(`after the crash of start #${crash.start}`, [...ledger.entries], true);
        if ((await start('after a crash', RESTART_TIMEOUT_MS)) !== undefined) figures.restarts++;
      }
    }
  };

  say(`Kill -9 soak: seed ${options.seed}, ${options.buyers} buyers, ${options.kills} kills, launcher ${options.launcher}`);
  say(`run directory: ${dir} (ledger.jsonl, attempts.jsonl, initial-orders.json, desk-NN.log, the store files)`);
  const firstStart = await start('at the first start', FIRST_START_TIMEOUT_MS);
  try {
    if (firstStart === undefined) return figures;
    figures.firstStartMs = firstStart;
    if (steady) await steady.start(FIRST_START_TIMEOUT_MS);
    await sync();
    const store = readStoreFile(dataFile);
    initial = new Map(store.shop.orders.map((o) => [o.id, structuredClone(o)]));
    writeFileSync(path.join(dir, 'initial-orders.json'), JSON.stringify(store.shop.orders, null, 1)); // for a post-mortem
    const { plans, eligible } = planBuyers(store, options.buyers, derivedRandom(options.seed, 'plan'));
    figures.plans = plans;
    figures.eligibleBuyers = eligible;
    say(`desk up in ${(firstStart / 1000).toFixed(1)} s; buyers: ${plans.map((p) => `${p.buyerId} (${p.tasks.length})`).join(', ')}`);
    if (plans.length < options.buyers) say(`  (only ${eligible} demo buyers have orders a cancel, return or address change applies to)`);

    let killsDone = 0;
    const yesInFlight = { count: 0 };
    let deadline = Number.POSITIVE_INFINITY;
    const context = {
      channel, desk, ledger, attempts, turns: figures.turns, stats: figures.buyers,
      pace: () => (killsDone >= options.kills ? 1 : (killsDone + 1) / (options.kills + 1)),
      stopped: () => performance.now() > deadline || figures.gaveUp !== undefined,
      yesInFlight,
    };
    // With a steady desk, every other buyer talks to it (as a load balancer would send them), the rest to the one killed.
    const buyersDone = Promise.all([
      runBuyers(context, steady ? plans.filter((_, i) => i % 2 === 0) : plans, (buyerId) => derivedRandom(options.seed, buyerId)),
      steady ? runBuyers({ ...context, desk: steady }, plans.filter((_, i) => i % 2 === 1), (buyerId) => derivedRandom(options.seed, buyerId)) : Promise.resolve(),
    ]);
    let finished = false;
    void buyersDone.then(() => (finished = true));

    for (let k = 1; k <= options.kills && !figures.gaveUp; k++) {
      await supervise(between(killRandom, KILL_GAP_MS.min, KILL_GAP_MS.max));
      if (figures.gaveUp) break;
      const aim = killRandom();
      if (aim < AIMED_KILL_SHARE / 2) {
        figures.aimedKills++;
        const until = performance.now() + AIM_WAIT_MS;
        while (yesInFlight.count === 0 && performance.now() < until) await sleep(AIM_POLL_MS);
        await sleep(between(killRandom, AIM_DELAY_MS.min, AIM_DELAY_MS.max));
      } else if (aim < AIMED_KILL_SHARE) {
        if (await ledger.nextAck(AIM_WAIT_MS)) figures.killsAtAck++;
      }
      if (yesInFlight.count > 0) figures.killsDuringYes++;
      const killedAt = performance.now();
      const leftovers = await desk.kill9();
      killsDone = k;
      figures.kills = k;
      if (leftovers.length > 0) figures.leftovers.push({ kill: k, members: leftovers });
      const lockPid = lockOwner(`${dataFile}.lock`);
      const lockState = lockPid === undefined ? undefined : processState(lockPid);
      if (lockPid !== undefined && lockState !== undefined) {
        if (figures.lockedByLeftover.length === 0) say(`  kill ${k}: the lock left behind names pid ${lockPid}, which still exists (state ${lockState}); the restart must take it over`);
        figures.lockedByLeftover.push({ kill: k, pid: lockPid, state: lockState });
      }
      await sleep(REPLY_GRACE_MS);
      const before = [...ledger.entries];
      await check(`kill ${k}, desk down`, before, !steady); // with a steady desk on, the orders may move meanwhile
      const ms = await start(`after kill ${k}`, RESTART_TIMEOUT_MS);
      if (ms === undefined) break;
      figures.restarts++;
      figures.restartMs.push(ms);
      figures.downtimeMs.push(performance.now() - killedAt);
      await check(`kill ${k}, after the restart`, before, false);
      say(`  kill ${k}/${options.kills}: back in ${(ms / 1000).toFixed(1)} s; ${ledger.entries.length} acknowledged so far, ${figures.turns.failedDuringDowntime} requests failed during downtime`);
    }

    deadline = performance.now() + FINISH_TIMEOUT_MS;
    await supervise(FINISH_TIMEOUT_MS + 1_000, () => finished);
    await buyersDone;
    const stopBegan = performance.now();
    const stopped = await desk.stop(STOP_TIMEOUT_MS);
    figures.finalStop = { ...stopped, ms: performance.now() - stopBegan, lockLeft: existsSync(`${dataFile}.lock`) };
    if (steady) await steady.stop(STOP_TIMEOUT_MS);
    const last = await check('at the end, desk stopped', [...ledger.entries], true);
    figures.unacknowledgedApplied = last.unacknowledgedApplied;
  } finally {
    if (desk.up || desk.pid !== undefined) await desk.kill9();
    if (steady && (steady.up || steady.pid !== undefined)) await steady.kill9();
    await channel.close();
    figures.acknowledged = ledger.entries.length;
    for (const e of ledger.entries) figures.acknowledgedByAction[e.action] = (figures.acknowledgedByAction[e.action] ?? 0) + 1;
    figures.yeses = attempts.entries.length;
    figures.durationMs = performance.now() - began;
  }
  return figures;
}

/** The pid a store's lock file names, if it is there and readable. */
function lockOwner(lockFile: string): number | undefined {
  try {
    const pid = (JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

/**
 * Writes the database out as the files the checks read: the store's document (its orders, buyers
 * and merchants), an empty state document, and the event log, one JSON event a line in order.
 */
async function dumpDatabase(url: string, files: { dataFile: string; stateFile: string; eventsFile: string }): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const orders = (await client.query<{ data: unknown }>('SELECT data FROM orders ORDER BY position')).rows.map((r) => r.data);
    const records = (await client.query<{ collection: string; data: unknown }>("SELECT collection, data FROM shop_records WHERE collection IN ('buyers', 'merchants') ORDER BY collection, position")).rows;
    const events = (await client.query<{ data: unknown }>('SELECT data FROM desk_events ORDER BY seq')).rows.map((r) => JSON.stringify(r.data));
    const shop = { orders, buyers: records.filter((r) => r.collection === 'buyers').map((r) => r.data), merchants: records.filter((r) => r.collection === 'merchants').map((r) => r.data) };
    writeFileSync(files.dataFile, JSON.stringify({ version: 1, shop }));
    writeFileSync(files.stateFile, '{}');
    writeFileSync(files.eventsFile, events.length ? `${events.join('\n')}\n` : '');
  } finally {
    await client.end();
  }
}
