import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { takeoverFileFor, TAKEOVER_WAIT_MS } from '../../data/lowdb/fileLock.js';
import { Store } from '../../data/lowdb/store.js';
import { StoreLockedError } from '../../data/storeErrors.js';
import { deadPid } from '../support/runProcess.js';
import { useStoreFixture } from '../support/storeFixture.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTENDER = path.join(PROJECT_ROOT, 'test', 'support', 'lockContender.ts');

/** Processes racing for one stale lock in each round: more than two, so a loser can undo a winner's takeover. */
const CONTENDERS = 3;
/** Rounds of the race; the old unlink-then-create let two in during most of them. */
const ROUNDS = 20;
/** The seeding moment of the stores these tests open. */
const NOW = new Date('2026-04-12T06:30:00.000Z');
/** A start time (clock ticks after boot) no process of this test has: the lock's owner was another process with the same pid. */
const ANOTHER_START_TIME = '1';

const fixture = useStoreFixture();
const seedOptions = { seed: buildDemoShop, now: () => NOW };

/** This machine's boot id, where Linux tells it. */
function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}
const HAS_PROC = existsSync('/proc/self/stat') && bootId() !== undefined;

/** A lock file's text as a desk would write it, naming `pid` with `fields` on top. */
function lockText(pid: number, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ pid, host: os.hostname(), since: NOW.toISOString(), ...fields });
}

/** A lock naming `pid`, on this host and boot, of a process that started at another time than any process now holding that pid. */
function lockOfEarlierProcess(pid: number): string {
  return lockText(pid, { bootId: bootId(), startTime: ANOTHER_START_TIME, token: `earlier-${pid}` });
}

/** What one contender reported for one command. */
type Report = { kind: 'won' } | { kind: 'refused'; name: string; message: string } | { kind: 'released' };

/** A `test/support/lockContender.ts` child, driven line by line. */
class Contender {
  private readonly lines: string[] = [];
  private wake: (() => void) | undefined;
  private stderr = '';
  private exited = false;
  readonly exit: Promise<void>;

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.lines.push(line);
      this.wake?.();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exit = new Promise((resolve) =>
      child.once('close', () => {
        this.exited = true;
        this.wake?.();
        resolve();
      }),
    );
  }

  /** Starts a contender for `file` and waits until it is ready to race. */
  static async start(file: string, env: Record<string, string> = {}): Promise<Contender> {
    const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, file], { cwd: PROJECT_ROOT, env: { ...process.env, ...env } });
    const contender = new Contender(child);
    expect(await contender.nextLine()).toBe('ready');
    return contender;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('lock contender: not started');
    return this.child.pid;
  }

  /** `go` makes it acquire the lock, `release` release what it won. */
  send(command: 'go' | 'release'): void {
    this.child.stdin.write(`${command}\n`);
  }

  /** The next report; rejects with the child's stderr if it ended instead. */
  async next(): Promise<Report> {
    const line = await this.nextLine();
    if (line === 'won' || line === 'released') return { kind: line };
    const refused = /^refused (.*)$/.exec(line);
    if (!refused?.[1]) throw new Error(`lock contender ${this.pid}: unexpected line ${line}`);
    return { kind: 'refused', ...(JSON.parse(refused[1]) as { name: string; message: string }) };
  }

  /** Ends its stdin (it releases what it holds and exits) and waits for it. */
  async stop(): Promise<void> {
    this.child.stdin.end();
    await this.exit;
  }

  private async nextLine(): Promise<string> {
    while (this.lines.length === 0) {
      if (this.exited) throw new Error(`lock contender ${this.child.pid} ended:\n${this.stderr}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return this.lines.shift() as string;
  }
}

const started: Contender[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((c) => c.stop()));
});

async function contender(file: string): Promise<Contender> {
  const c = await Contender.start(file, process.env['FILE_LOCK_MODULE'] ? { FILE_LOCK_MODULE: process.env['FILE_LOCK_MODULE'] } : {});
  started.push(c);
  return c;
}

/** Runs `open` and returns what it threw, failing the test when it did not throw. */
async function refusal(open: () => Promise<unknown>): Promise<Error> {
  try {
    await open();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the store to be refused, but it opened');
}

/** The takeover claim files beside `file`'s lock. */
async function claimsBeside(file: string): Promise<string[]> {
  return (await readdir(path.dirname(file))).filter((name) => name.includes('.takeover-'));
}

describe('FileLock taken over by racing processes', () => {
  /** The stale locks of the rounds, in turn: each kind of owner that is gone. */
  const staleLocks: { leftBy: string; text: () => Promise<string>; onlyWithProc?: boolean; deadClaimant?: boolean }[] = [
    { leftBy: 'a killed process', text: async () => lockText(await deadPid()) },
    { leftBy: 'an earlier process whose pid a live one has now (this test runner)', text: async () => lockOfEarlierProcess(process.pid), onlyWithProc: true },
    { leftBy: 'a crash while writing it', text: async () => '{"pid": 4' },
    {
      leftBy: 'a killed process, with a claim left by a process killed while taking it over',
      text: async () => lockText(await deadPid(), { token: 'dead-owner' }),
      deadClaimant: true,
    },
  ];

  it(`lets exactly one of ${CONTENDERS} processes take over a stale lock, in each of ${ROUNDS} rounds`, async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const lockFile = `${file}.lock`;
    const contenders = await Promise.all(Array.from({ length: CONTENDERS }, () => contender(file)));
    const kinds = staleLocks.filter((k) => HAS_PROC || !k.onlyWithProc);

    for (let round = 0; round < ROUNDS; round++) {
      const kind = kinds[round % kinds.length];
      if (!kind) throw new Error('no stale lock kinds');
      const stale = await kind.text();
      await writeFile(lockFile, stale);
      if (kind.deadClaimant) await writeFile(takeoverFileFor(lockFile, stale), lockText(await deadPid(), { token: 'dead-claimant' }));
      const where = `round ${round}, a lock left by ${kind.leftBy}`;

      for (const c of contenders) c.send('go');
      const reports = await Promise.all(contenders.map((c) => c.next()));

      const winners = contenders.filter((_, i) => reports[i]?.kind === 'won');
      expect(
        winners.map((c) => c.pid),
        `${where}: ${JSON.stringify(reports)}`,
      ).toHaveLength(1);
      const winner = winners[0] as Contender;
      for (const report of reports.filter((r) => r.kind !== 'won')) {
        expect(report, where).toMatchObject({ kind: 'refused', name: StoreLockedError.name });
        expect(report.kind === 'refused' && report.message, where).toContain(`is in use by process ${winner.pid}`);
      }
      expect((JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number }).pid, `${where}: the lock names the winner`).toBe(winner.pid);
      expect(await claimsBeside(file), `${where}: no takeover claims left`).toEqual([]);

      for (const c of contenders) c.send('release');
      for (const c of contenders) expect(await c.next(), where).toEqual({ kind: 'released' });
      expect(existsSync(lockFile), `${where}: released by the winner`).toBe(false);
    }
  });
});

describe('FileLock owners that are gone, and owners that are not', () => {
  it.each([
    { as: 'a lock with its identity', text: () => lockOfEarlierProcess(process.pid) },
    { as: 'a lock of an older desk, with the pid only', text: () => lockText(process.pid) },
  ])(
    'takes over a lock naming its own pid that it does not hold ($as): a restarted container, where the desk is pid 1 again',
    async ({ text }) => {
      const file = path.join(await fixture.tempDir(), 'desk.json');
      await writeFile(`${file}.lock`, text());

      const store = await fixture.openStore(file, seedOptions);

      expect(store.doc.meta.source).toBe('demo');
      const owner = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as { pid: number; token?: string };
      expect(owner.pid).toBe(process.pid);
      expect(owner.token).not.toMatch(/^earlier-/);
      // Held now: a second open in this process is refused, naming this process.
      const err = await refusal(() => fixture.openStore(file, seedOptions));
      expect(err).toBeInstanceOf(StoreLockedError);
      expect(err.message).toContain(`in use by process ${process.pid}`);
    },
  );

  it.skipIf(!HAS_PROC)('takes over a lock whose pid now belongs to an unrelated live process (pid reuse)', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => sleeper.once('exit', resolve));
    try {
      await writeFile(`${file}.lock`, lockOfEarlierProcess(sleeper.pid as number));

      await fixture.openStore(file, seedOptions);

      expect((JSON.parse(await readFile(`${file}.lock`, 'utf8')) as { pid: number }).pid).toBe(process.pid);
    } finally {
      sleeper.kill('SIGKILL');
      await exited;
    }
  });

  it('refuses while another live process holds the lock, naming it and leaving its lock alone; opens once it is released', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const holder = await contender(file);
    holder.send('go');
    expect(await holder.next()).toEqual({ kind: 'won' });
    const held = await readFile(`${file}.lock`, 'utf8');

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err).toBeInstanceOf(StoreLockedError);
    expect(err.message).toContain(`The store ${file} is in use by process ${holder.pid} since `);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(held);
    expect(existsSync(file)).toBe(false);
    holder.send('release');
    expect(await holder.next()).toEqual({ kind: 'released' });
    await fixture.openStore(file, seedOptions);
  });

  it('refuses a lock of another host even when it names this very pid, and leaves it alone', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const text = JSON.stringify({ pid: process.pid, host: 'other-host.example', since: NOW.toISOString() });
    await writeFile(`${file}.lock`, text);

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err).toBeInstanceOf(StoreLockedError);
    expect(err.message).toContain(`in use by process ${process.pid} on other-host.example`);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(text);
  });

  it('takes over a stale lock whose takeover claims were left by processes killed while taking it over, and removes them', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const lockFile = `${file}.lock`;
    const stale = lockText(await deadPid(), { token: 'dead-owner' });
    const firstClaim = lockText(await deadPid(), { token: 'dead-claimant-1' });
    const secondClaim = lockText(process.pid, { token: 'dead-claimant-2' }); // this pid, not held: an earlier incarnation
    await writeFile(lockFile, stale);
    await writeFile(takeoverFileFor(lockFile, stale), firstClaim);
    await writeFile(takeoverFileFor(lockFile, firstClaim), secondClaim);
    await writeFile(takeoverFileFor(lockFile, 'a stale text of long ago'), lockText(await deadPid()));

    await fixture.openStore(file, seedOptions);

    expect((JSON.parse(await readFile(lockFile, 'utf8')) as { pid: number }).pid).toBe(process.pid);
    expect(await claimsBeside(file)).toEqual([]);
  });

  it('removes the temp files of processes that died before linking them, and keeps those of live ones', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const lockFile = `${file}.lock`;
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => sleeper.once('exit', resolve));
    try {
      const uuid = '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
      const dead = [`${lockFile}.${await deadPid()}.${uuid}.tmp`, `${takeoverFileFor(lockFile, 'x')}.${await deadPid()}.${uuid}.tmp`];
      const live = `${lockFile}.${sleeper.pid as number}.${uuid}.tmp`;
      for (const temp of [...dead, live]) await writeFile(temp, lockText(1));

      await fixture.openStore(file, seedOptions);

      const left = await readdir(path.dirname(file));
      expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([path.basename(live)]);
    } finally {
      sleeper.kill('SIGKILL');
      await exited;
    }
  });

  it(`waits for a live process taking over the same stale lock, and after ${TAKEOVER_WAIT_MS} ms without it finishing refuses, naming it`, async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const lockFile = `${file}.lock`;
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => sleeper.once('exit', resolve));
    try {
      const stale = lockText(await deadPid());
      const claim = takeoverFileFor(lockFile, stale);
      const claimText = lockText(sleeper.pid as number); // a live process that claimed it, then stopped
      await writeFile(lockFile, stale);
      await writeFile(claim, claimText);

      const err = await refusal(() => fixture.openStore(file, seedOptions));

      expect(err).toBeInstanceOf(StoreLockedError);
      expect(err.message).toContain(`The store ${file} has a stale lock that process ${sleeper.pid}`);
      expect(await readFile(lockFile, 'utf8')).toBe(stale);
      expect(await readFile(claim, 'utf8')).toBe(claimText);
    } finally {
      sleeper.kill('SIGKILL');
      await exited;
    }
  });
});

describe('Store.open with a lock it cannot take', () => {
  it('leaves no store file, state file or claim behind when refused', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 1, host: 'other-host.example', since: NOW.toISOString() }));

    expect(await refusal(() => Store.open(file, seedOptions))).toBeInstanceOf(StoreLockedError);

    expect((await readdir(path.dirname(file))).sort()).toEqual(['desk.json.lock']);
  });
});
