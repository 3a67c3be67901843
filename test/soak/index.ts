import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentiles } from '../bench/report.js';
import { killStartedDesks, type Launcher } from './deskProcess.js';
import { runSoak, type Finding, type SoakFigures, type SoakOptions } from './soakRun.js';
import { freshDatabase, type FreshDatabase } from '../support/pgDatabases.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/postgresServer.js';

/*
 * `npm run soak [-- --kills K --buyers N --seed S --launcher tsx|node]`: the kill -9 soak of
 * issue 9. The real desk runs as a child process on a fresh store (`tsx app/index.ts` as
 * `npm start` runs it; `--launcher node` runs it in one process instead); demo buyers cancel, return
 * and re-address their orders through the dialogs over HTTP while the desk is killed with
 * SIGKILL at random moments and restarted on the same store. Every action the desk acknowledged
 * goes to `ledger.jsonl` in the run directory and must be in the store and the event log after
 * every kill, restart and at the end; nothing may move that no buyer said yes to. Exits 1 on any
 * loss, unexpected change, unparsable file, or a desk that would not come back.
 */

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Kills in a default run: about two minutes on a 2-core machine. */
const DEFAULT_KILLS = 10;
/** Buyers talking at once in a default run (10 of the 14 demo buyers have orders the soak can act on). */
const DEFAULT_BUYERS = 8;
/** How many findings of each kind the summary repeats (all were printed as they were found). */
const LISTED = 10;
/** The figures' labels are padded to this, so the values line up. */
const LABEL_WIDTH = 40;

function out(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run soak -- [--kills K] [--buyers N] [--seed S] [--launcher tsx|node] [--postgres]\n`);
  process.exit(2);
}

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) usage(`--${name} must be a whole number, not "${value}"`);
  return Number(value);
}

function parseOptions(argv: string[]): SoakOptions {
  let values: { kills?: string; buyers?: string; seed?: string; launcher?: string; postgres?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { kills: { type: 'string' }, buyers: { type: 'string' }, seed: { type: 'string' }, launcher: { type: 'string' }, postgres: { type: 'boolean' } },
      strict: true,
    }));
  } catch (err) {
    usage((err as Error).message);
  }
  const launcher = values.launcher ?? 'tsx';
  if (launcher !== 'node' && launcher !== 'tsx') usage(`--launcher must be node or tsx, not "${launcher}"`);
  const buyers = wholeNumber('buyers', values.buyers, DEFAULT_BUYERS);
  if (buyers < 1) usage('--buyers must be at least 1');
  return {
    kills: wholeNumber('kills', values.kills, DEFAULT_KILLS),
    buyers,
    seed: wholeNumber('seed', values.seed, Math.floor(Math.random() * 1_000_000)),
    launcher: launcher as Launcher,
    projectRoot: PROJECT_ROOT,
    ...(values.postgres ? { databaseUrl: 'wanted' } : {}),
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function row(label: string, value: string | number): void {
  out(`  ${label.padEnd(LABEL_WIDTH)} ${value}`);
}

function listed(title: string, findings: readonly Finding[]): void {
  if (findings.length === 0) return;
  out(`\n${title} (${findings.length}):`);
  for (const f of findings.slice(0, LISTED)) out(`  - ${f.at}: ${f.line}`);
  if (findings.length > LISTED) out(`  … ${findings.length - LISTED} more above`);
}

/** The summary: what was done, how the restarts went, what was found, and the command that replays it. */
function report(options: SoakOptions, f: SoakFigures): boolean {
  const restart = percentiles(f.restartMs);
  const down = percentiles(f.downtimeMs);
  const byAction = Object.entries(f.acknowledgedByAction).map(([a, n]) => `${a} ${n}`).join(', ');
  out('\nFigures');
  row('kills (SIGKILL to the process group)', `${f.kills} (${f.aimedKills} aimed at a yes turn, ${f.killsAtAck} the instant an acknowledgement arrived; ${f.killsDuringYes} landed while a yes was unanswered)`);
  row('restarts', `${f.restarts} (failed starts ${f.failedStarts.length}, crashes ${f.crashes.length})`);
  row('first start (spawn → /healthz)', seconds(f.firstStartMs));
  row('restart time (spawn → /healthz)', f.restartMs.length ? `p50 ${seconds(restart.p50)}, max ${seconds(restart.max)}` : '-');
  row('downtime (kill → /healthz)', f.downtimeMs.length ? `p50 ${seconds(down.p50)}, max ${seconds(down.max)}` : '-');
  row('buyers', `${f.plans.length} with ${f.plans.reduce((n, p) => n + p.tasks.length, 0)} tasks`);
  row('requests to the desk', f.turns.posts);
  row('requests failed during downtime', `${f.turns.failedDuringDowntime} (messages sent again after a restart: ${f.buyers.resumed})`);
  row('requests failed while up', f.turns.failedWhileUp);
  row('refused by limits (429/503), sent again', f.turns.refusedByLimits);
  row('answered 202 (over the turn budget)', f.turns.overBudget);
  row('questions started over', f.buyers.restartedQuestions);
  row('yeses sent', f.yeses);
  row('acknowledged actions', `${f.acknowledged}${byAction ? ` (${byAction})` : ''}`);
  row('applied, never acknowledged', `${f.unacknowledgedApplied} (a kill cut the turn after the write)`);
  row('declined questions (nothing moved)', f.buyers.declined);
  row('tasks found already done', f.buyers.gone);
  row('tasks given up', f.buyers.abandoned);
  row('unexpected replies while up', f.buyers.unexpected);
  row('LOST', f.lost.length);
  row('UNEXPECTED CHANGES', f.unexpected.length);
  row('unparsable files', f.unparsable.length);
  row('moved without an event', f.movedWithoutEvent.length);
  row('duplicate events', f.duplicateEvents.length);
  row('torn event-log lines', f.tornEventLines);
  row('checks (store, state, events)', f.checks);
  row(
    'final stop (SIGINT, as Ctrl-C)',
    f.finalStop
      ? `${f.finalStop.timedOut ? 'did not stop, killed' : `exit code ${f.finalStop.code}, signal ${f.finalStop.signal}`} in ${seconds(f.finalStop.ms)}, lock ${f.finalStop.lockLeft ? 'LEFT BEHIND' : 'released'}`
      : '-',
  );
  row('duration', seconds(f.durationMs));
  out(`  run directory: ${f.dir}`);

  listed('LOST: acknowledged, not on disk', f.lost);
  listed('UNEXPECTED CHANGES', f.unexpected);
  listed('Unparsable files', f.unparsable);
  listed('Moved without an event', f.movedWithoutEvent);
  listed('Duplicate events', f.duplicateEvents);
  if (f.buyers.unexpectedQuoted.length) out(`\nUnexpected replies while the desk was up:\n${f.buyers.unexpectedQuoted.map((l) => `  - ${l}`).join('\n')}`);
  if (f.turns.refusals.length) out(`\nRefused by the desk's limits:\n${f.turns.refusals.map((l) => `  - ${l}`).join('\n')}`);
  if (f.turns.whileUpErrors.length) out(`\nRequests failed while up:\n${f.turns.whileUpErrors.map((l) => `  - ${l}`).join('\n')}`);
  if (f.buyers.stoppedEarly.length) out(`\nBuyers stopped early:\n${f.buyers.stoppedEarly.map((l) => `  - ${l}`).join('\n')}`);
  if (f.leftovers.length) {
    const kinds = new Map<string, number>();
    for (const m of f.leftovers.flatMap((l) => l.members)) kinds.set(`${m.command} (state ${m.state})`, (kinds.get(`${m.command} (state ${m.state})`) ?? 0) + 1);
    out(`\nLeft in killed desks' process groups after ${f.leftovers.length} of ${f.kills} kills: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')} (state Z: a zombie, its parent died and PID 1 did not reap it)`);
  }
  if (f.lockedByLeftover.length) {
    const first = f.lockedByLeftover.slice(0, 3).map((l) => `${l.pid} ${l.state}`);
    out(`The lock a killed desk left named a process that still existed after ${f.lockedByLeftover.length} kills (e.g. pid ${first.join(', ')}): every restart had to see it as dead`);
  }
  for (const s of f.failedStarts) out(`\nFailed start ${s.at}: ${s.message}\n${s.logTail.trimEnd()}`);
  for (const c of f.crashes) out(`\nCrash of start #${c.start} (code ${c.code}, signal ${c.signal}):\n${c.logTail.trimEnd()}`);

  const pass = f.lost.length === 0 && f.unexpected.length === 0 && f.unparsable.length === 0 && f.gaveUp === undefined && f.kills === options.kills;
  out(`\nReproduce: npm run soak -- --kills ${options.kills} --buyers ${options.buyers} --seed ${options.seed}${options.launcher === 'tsx' ? '' : ` --launcher ${options.launcher}`}${options.databaseUrl ? ' --postgres' : ''}`);
  out('  (same buyers, tasks, answers and kill schedule; where a kill lands within a turn still depends on timing)');
  const warnings = [
    f.movedWithoutEvent.length ? `${f.movedWithoutEvent.length} moved without an event` : '',
    f.duplicateEvents.length ? `${f.duplicateEvents.length} duplicate events` : '',
    f.turns.failedWhileUp ? `${f.turns.failedWhileUp} requests failed while up` : '',
    f.buyers.unexpected ? `${f.buyers.unexpected} unexpected replies` : '',
  ].filter(Boolean);
  const also = warnings.length ? ` (warnings: ${warnings.join(', ')})` : '';
  out(pass ? `PASS: nothing acknowledged was lost, nothing moved without a yes${also}` : `FAIL${f.gaveUp ? `: ${f.gaveUp}` : ''}${also}`);
  return pass;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killStartedDesks(); // the desk runs in its own process group: a Ctrl-C here does not reach it
      process.stderr.write(`soak: stopped by ${signal}\n`);
      process.exit(130);
    });
  }
  // --postgres: two desks on a fresh database (TEST_DATABASE_URL's server, or a throwaway one started here).
  let server: ThrowawayPostgres | undefined;
  let db: FreshDatabase | undefined;
  if (options.databaseUrl) {
    const adminUrl = process.env.TEST_DATABASE_URL || (server = await startThrowawayPostgres())?.adminUrl;
    if (!adminUrl) usage('--postgres needs PostgreSQL: install it (apt install postgresql) or set TEST_DATABASE_URL');
    db = await freshDatabase(adminUrl);
    options.databaseUrl = db.url;
    out(`PostgreSQL: two desks on ${db.url.replace(/:[^:@/]*@/, '@')}; the second is never killed and serves every other buyer`);
  }
  try {
    const figures = await runSoak(options, out);
    process.exitCode = report(options, figures) ? 0 : 1;
  } finally {
    await db?.drop();
    await server?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
