import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * How the desk is started. `tsx`: `tsx --no-deprecation app/index.ts`, exactly as `npm start`
 * (two processes: tsx and the node it runs the desk in). `node`: `node --import tsx
 * --no-deprecation app/index.ts`, the same loader and entry in one process, which is this
 * process's own child: a killed desk is reaped here even where PID 1 reaps no orphans.
 */
export type Launcher = 'tsx' | 'node';

/** Where and how to run the desk. */
export interface DeskProcessOptions {
  projectRoot: string;
  dataFile: string;
  port: number;
  /** Each start's stdout and stderr go to `desk-NN.log` here. */
  logDir: string;
  launcher: Launcher;
  /** Called when the desk exits without being killed or stopped (a crash); the soak restarts it. */
  onCrash: (crash: DeskCrash) => void;
  /** PostgreSQL instead of the store file (`DATABASE_URL`). */
  databaseUrl?: string;
  /** Tells this desk's logs from another's: `desk-NN.log`, or `<name>-NN.log`. */
  name?: string;
}

/** A desk that exited on its own. */
export interface DeskCrash {
  start: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  logTail: string;
}

/** A start that did not reach a healthy `/healthz`: the process exited, or took too long. */
export class DeskStartError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(message);
    this.name = 'DeskStartError';
  }
}

/** How often `/healthz` is polled while the desk starts: fine enough for a restart-time figure. */
const HEALTH_POLL_MS = 50;
/** One `/healthz` request longer than this counts as "not up yet". */
const HEALTH_REQUEST_TIMEOUT_MS = 1_000;
/** How long the killed process group may take to disappear before the soak says so. */
const GROUP_GONE_TIMEOUT_MS = 3_000;
/** How much of a start's log a failure report shows. */
const LOG_TAIL_CHARS = 2_000;

/** A free TCP port on the loopback, so every start of the desk listens on the same one. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A process of `pgid`'s group as /proc shows it: its pid and state letter (`Z`: a zombie nobody reaped). */
export interface GroupMember {
  pid: number;
  state: string;
  /** Its command name (`node`, `esbuild`). */
  command: string;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** A process's state letter from /proc (`R`, `S`, `Z` for a zombie…), or undefined when there is no such process. */
export function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return undefined;
  }
}

/** The processes of a process group, from /proc (Linux); empty where /proc cannot be read. */
export function groupMembers(pgid: number): GroupMember[] {
  let names: string[];
  try {
    names = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return [];
  }
  const members: GroupMember[] = [];
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push({ pid: Number(name), state: fields[0] ?? '?', command: commandOf(Number(name)) });
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: HEALTH_REQUEST_TIMEOUT_MS }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Process groups of desks this process started and that have not exited: a detached desk outlives a soak stopped with Ctrl-C otherwise. */
const liveGroups = new Set<number>();

/** kill -9 of every desk this process started that still runs (for a soak that is itself interrupted). */
export function killStartedDesks(): void {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  liveGroups.clear();
}

/**
 * The real desk as a child process in its own process group, on one store and one port across
 * restarts: started until `/healthz` answers, killed with SIGKILL (the whole group, as a crash
 * of the machine's process would), stopped with SIGINT (Ctrl-C). Buyers wait on `whenUp()`.
 */
export class DeskProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private expectingExit = false;
  private isUp = false;
  private waiters: { resolve: () => void; reject: (err: Error) => void }[] = [];
  private failure: Error | undefined;
  /** How many times the desk was started (the first start included). */
  starts = 0;
  /** Bumped on every kill or crash: a request sent under one generation and failed under another met a downtime. */
  generation = 0;

  constructor(private readonly options: DeskProcessOptions) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.options.port}/api/messages`;
  }

  /** True between a healthy `/healthz` and the next kill, stop or crash. */
  get up(): boolean {
    return this.isUp;
  }

  /** The pid of the spawned process (the process group's id). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves once the desk is up (at once if it is); rejects if the soak has given the desk up. */
  whenUp(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.isUp) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Releases every buyer waiting on `whenUp()` with an error: the desk will not come back. */
  giveUp(err: Error): void {
    this.failure = err;
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  /** Starts the desk and resolves with the milliseconds from spawn to a healthy `/healthz`. */
  async start(timeoutMs: number): Promise<number> {
    if (this.child) throw new Error('DeskProcess.start(): already running');
    this.starts++;
    const logFile = path.join(this.options.logDir, `${this.options.name ?? 'desk'}-${String(this.starts).padStart(2, '0')}.log`);
    const log = openSync(logFile, 'a');
    const { command, args } = this.command();
    const began = performance.now();
    const child = spawn(command, args, {
      cwd: this.options.projectRoot,
      detached: true, // its own process group: kill -9 takes tsx and the desk it runs together
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        PORT: String(this.options.port),
        DATA_FILE: this.options.dataFile,
        LOG_LEVEL: 'warn',
        REMINDER_CHECK_SECONDS: '0',
        MicrosoftAppId: '', // open mode: the soak channel sends no tokens
        MicrosoftAppPassword: '',
        HOST: '', // the loopback, where open mode listens and the soak looks
        TRANSCRIPT_FILE: '', // beside the store, in the run directory
        DATABASE_URL: this.options.databaseUrl ?? '',
      },
    });
    closeSync(log);
    this.child = child;
    const pgid = child.pid;
    if (pgid !== undefined) liveGroups.add(pgid);
    this.expectingExit = false;
    const start = this.starts;
    let exitedEarly: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let spawnError: string | undefined;
    this.exited = new Promise<void>((resolve) => {
      child.once('error', (err) => {
        // The command could not be spawned (no tsx in node_modules/.bin): no 'exit' follows.
        exitedEarly = { code: null, signal: null };
        spawnError = err.message;
        this.child = undefined;
        resolve();
      });
      child.once('exit', (code, signal) => {
        if (pgid !== undefined) liveGroups.delete(pgid);
        exitedEarly = { code, signal };
        const crashed = !this.expectingExit && this.isUp;
        this.markDown();
        this.child = undefined;
        if (crashed) this.options.onCrash({ start, code, signal, logTail: tail(logFile) });
        resolve();
      });
    });
    const deadline = began + timeoutMs;
    while (performance.now() < deadline) {
      if (exitedEarly) {
        const why = spawnError ? `could not be spawned (${spawnError})` : `exited during its start #${start} (code ${exitedEarly.code}, signal ${exitedEarly.signal})`;
        throw new DeskStartError(`the desk ${why}`, tail(logFile));
      }
      if (await healthy(this.options.port)) {
        const ms = performance.now() - began;
        if (exitedEarly) continue; // answered by a process that is gone: report the exit above
        this.isUp = true;
        for (const w of this.waiters.splice(0)) w.resolve();
        return ms;
      }
      await sleep(HEALTH_POLL_MS);
    }
    await this.kill9();
    throw new DeskStartError(`the desk did not answer /healthz within ${timeoutMs} ms of its start #${start}`, tail(logFile));
  }

  /**
   * kill -9 of the whole process group; resolves once the spawned process has exited and the
   * group is gone. Resolves with the group's leftovers when some stay (zombies nobody reaps).
   */
  async kill9(): Promise<GroupMember[]> {
    const child = this.child;
    if (!child?.pid) return [];
    const pgid = child.pid;
    this.expectingExit = true;
    this.markDown();
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
    await this.exited;
    const until = performance.now() + GROUP_GONE_TIMEOUT_MS;
    let left = groupMembers(pgid);
    while (left.some((m) => m.state !== 'Z') && performance.now() < until) {
      await sleep(HEALTH_POLL_MS);
      left = groupMembers(pgid);
    }
    return left;
  }

  /** Stops the desk as Ctrl-C does (SIGINT to the group) and resolves with how it exited. */
  async stop(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; timedOut: boolean }> {
    const child = this.child;
    if (!child?.pid) return { code: null, signal: null, timedOut: false };
    this.expectingExit = true;
    this.markDown();
    const result = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    process.kill(-child.pid, 'SIGINT');
    const timer = sleep(timeoutMs).then(() => 'timeout' as const);
    const first = await Promise.race([result, timer]);
    if (first === 'timeout') {
      await this.kill9();
      return { code: null, signal: 'SIGKILL', timedOut: true };
    }
    return { ...first, timedOut: false };
  }

  private markDown(): void {
    if (this.isUp) this.generation++;
    this.isUp = false;
  }

  private command(): { command: string; args: string[] } {
    const entry = ['--no-deprecation', 'app/index.ts'];
    if (this.options.launcher === 'tsx') return { command: path.join(this.options.projectRoot, 'node_modules', '.bin', 'tsx'), args: entry };
    return { command: process.execPath, args: ['--import', 'tsx', ...entry] };
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-LOG_TAIL_CHARS);
  } catch {
    return '';
  }
}
