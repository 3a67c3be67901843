import { createHash, randomUUID } from 'node:crypto';
import { linkSync, openSync, closeSync, readdirSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreLockedError } from '../storeErrors.js';

/**
 * How long `acquire` waits for another process that is taking over the same stale lock right now.
 * A takeover is a handful of file operations (microseconds); one still unfinished after this long
 * belongs to a stopped process (SIGSTOP, a debugger), and refusing with its name beats hanging.
 */
export const TAKEOVER_WAIT_MS = 3_000;

/** How often a process waiting for another's takeover looks again: short next to a start, long next to a takeover. */
const TAKEOVER_POLL_MS = 10;

/** The hex digits of a stale file's hash in the name of the file that takes it over: 64 bits, no collisions in one directory. */
const TAKEOVER_HASH_CHARS = 16;

/** errno codes of file systems without hard links (some FUSE and SMB mounts): create in place there. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Where Linux says when this boot began: pids of an earlier boot are all dead. */
const BOOT_ID_FILE = '/proc/sys/kernel/random/boot_id';

/**
 * Who holds a lock (or is taking one over), as written in the lock file. `bootId` and `startTime`
 * (Linux only) tell the owner from a later process that got the same pid; `token` makes every lock
 * file's text unique, so "is it still the text I judged stale" cannot be fooled by a look-alike.
 */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** `/proc/sys/kernel/random/boot_id` when the owner wrote it. */
  bootId?: string;
  /** Field 22 of `/proc/<pid>/stat`: when the owner started, in clock ticks after boot. */
  startTime?: string;
  token?: string;
}

/** What a lock file says about its owner: it lives, it is gone, or it is on a host we cannot look at. */
type Verdict = 'live' | 'stale' | 'foreign';

/**
 * The lock and takeover files this process holds (absolute paths). A file naming our own pid that
 * is not in here was left by an earlier process that had our pid: a restarted container, where the
 * desk is pid 1 again on the same host name.
 */
const heldByThisProcess = new Set<string>();

/** Field 3 (state) and field 22 (start time) of `/proc/<pid>/stat`, or undefined where it cannot be read. */
function procStat(pid: number | 'self'): { pid: number; state: string; startTime: string } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // no /proc (macOS, Windows), no such process, or hidden from us (hidepid)
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so count fields after the last ')'.
  const close = text.lastIndexOf(')');
  const fields = text.slice(close + 2).split(' ');
  const state = fields[0];
  const startTime = fields[22 - 3];
  const ownPid = Number(text.slice(0, text.indexOf(' ')));
  if (close < 0 || !state || !startTime || !/^\d+$/.test(startTime)) return undefined;
  return { pid: ownPid, state, startTime };
}

function readBootId(): string | undefined {
  try {
    return readFileSync(BOOT_ID_FILE, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

let ownIdentity: { bootId?: string; startTime?: string } | undefined;

/**
 * This process's boot id and start time, read once. Left out when /proc is missing, or when
 * /proc/self is not numbered like `process.pid` (a /proc of another pid namespace), since others
 * would then check our pid against the wrong process.
 */
function identity(): { bootId?: string; startTime?: string } {
  if (ownIdentity) return ownIdentity;
  const self = procStat('self');
  const bootId = readBootId();
  ownIdentity = self && bootId && self.pid === process.pid ? { bootId, startTime: self.startTime } : {};
  return ownIdentity;
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The owner a lock file names, or undefined for text that is not one (torn by a crash, or someone else's file). */
function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner> | null;
    if (!owner || !Number.isSafeInteger(owner.pid) || (owner.pid ?? 0) <= 0 || typeof owner.host !== 'string') return undefined;
    return { ...owner, since: String(owner.since) } as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * Whether the owner named in `file` still holds it. The rules, in order: not an owner → stale;
 * another host → foreign (we cannot look); our own pid → live only if this process holds `file`;
 * another boot → stale; where /proc shows the pid: live only if it started when the owner did
 * and is not a zombie; otherwise (no /proc, an older lock without identity, a process hidden from
 * us) whether any process has that pid, as before.
 */
function verdictOn(owner: LockOwner | undefined, file: string): Verdict {
  if (!owner) return 'stale';
  if (owner.host !== os.hostname()) return 'foreign';
  if (owner.pid === process.pid) return heldByThisProcess.has(file) ? 'live' : 'stale';
  const ours = identity();
  if (owner.bootId && ours.bootId && owner.bootId !== ours.bootId) return 'stale';
  const stat = ours.startTime ? procStat(owner.pid) : undefined;
  if (stat) {
    if (stat.state === 'Z' || stat.state === 'X') return 'stale'; // exited, not yet reaped: holds nothing
    if (owner.startTime && owner.bootId === ours.bootId) return stat.startTime === owner.startTime ? 'live' : 'stale';
  }
  return isAlive(owner.pid) ? 'live' : 'stale';
}

/** The text of `file`, or undefined when it does not exist (any other error says which file). */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** A new owner record for this process, with its identity and a token no other record shares. */
function ownerText(): string {
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), ...identity(), token: randomUUID() };
  return JSON.stringify(owner);
}

/**
 * Creates `file` holding `text` if no file of that name exists; false if one does. The text is
 * written to a private file first and hard-linked into place (link fails on an existing name), so
 * nobody ever reads a lock half written: an unreadable lock file is always one a crash left.
 */
function createExclusive(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  writeFileSync(temp, text, { flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw err;
    return createInPlace(file, text);
  } finally {
    removeIfPresent(temp);
  }
}

/** O_EXCL create, then write: for file systems without hard links (a reader may see it empty for a moment). */
function createInPlace(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Removes our claim if it is still ours; never throws (a claim left behind is cleaned up by the next holder of the lock). */
function dropClaim(claim: string, claimText: string): void {
  try {
    if (readText(claim) === claimText) unlinkSync(claim);
  } catch {
    // left for the next holder's cleanup
  }
}

/**
 * The name of the file whose exclusive creation gives the right to take over the stale file whose
 * text is `staleText`: `desk.json.lock.takeover-<hash>`. Derived from the stale text, so the right
 * is claimed once per stale lock (or per stale takeover file) and a claim never has to be removed
 * while someone may still rely on it. Exported so tests can leave a claim behind as a crash would.
 */
export function takeoverFileFor(lockFile: string, staleText: string): string {
  const hash = createHash('sha256').update(staleText).digest('hex').slice(0, TAKEOVER_HASH_CHARS);
  return `${lockFile}.takeover-${hash}`;
}

/** One attempt at the lock: got it, must look again at once, or wait for a live process's takeover. */
type Attempt = { kind: 'acquired' } | { kind: 'again' } | { kind: 'busy'; owner: LockOwner | undefined };

/**
 * An exclusive, process-wide lock on a store file (`FILE.lock`). A lock whose owner is gone (killed,
 * an earlier boot, an earlier process with the same pid: a restarted container) is taken over, by
 * exactly one of any number of processes trying at once; a live owner, or any owner on another host,
 * makes `acquire` throw `StoreLockedError` naming it.
 *
 * Files: the lock `L` = `FILE.lock` holds an owner record (pid, host, since, boot id, start time,
 * unique token). Creating a file means writing a private temp file and hard-linking it into place,
 * so a file is never seen half written, and creation fails if the name exists. Taking over a stale
 * file with text `S` needs the claim `takeoverFileFor(L, S)`, created the same way; a claim whose
 * owner is gone is itself taken over by the claim named after *its* text, and so on (a chain, one
 * link per claimant that died mid-takeover). Every attempt runs synchronously, so inside one process
 * attempts never interleave; only the waits between attempts are asynchronous.
 *
 * One attempt: (1) create `L`: done. (2) Else read `L` (gone: attempt again); live → refuse; foreign
 * → refuse; stale with text `C` → (3) create the claim for `C`; if it exists and its owner is live,
 * wait and attempt again (that process will finish, and we then find its live lock); if its owner is
 * gone, go down the chain to the claim for the claim's text. (4) Holding a claim: re-read `L`; if it
 * is not `C` any more, someone finished first: drop our claim, attempt again. Else remove `L` and
 * create it with our record; if that create finds a file, a newcomer got in between: attempt again
 * (and find them live). Then drop our claim; once holding `L`, remove all claim files (left by
 * crashes; all of older stale texts now) and temp files of dead processes.
 *
 * Why exactly one process ends up holding `L`, interleaving by interleaving:
 * - Two newcomers create `L` at once: the link is atomic, one gets EEXIST and reads a live owner.
 * - Several see the same stale `C` and race for its claim: the create is atomic, one holds it; the
 *   others see a live claimant, wait, then find the winner's live lock and refuse (or, if the winner
 *   lost to a newcomer, the newcomer's).
 * - While a live process holds the claim for `C` and `L` is `C`, nobody else changes `L`: newcomers
 *   only create a missing `L`, `C`'s owner is gone, and no other claim for `C` can be live (a deeper
 *   claim needs the one above it judged dead, and the one above is never removed while `L` is `C`).
 *   So between our re-read and our remove, `L` is still `C`: we never remove a live lock. This is
 *   what the old unlink-then-create lost: B, who had read `C`, removed A's fresh lock.
 * - Between our remove and our create a newcomer creates `L`: our create fails, the newcomer holds it.
 * - A claimant reads `L` as `C`, is paused, and meanwhile the claim was dropped, `L` replaced and a
 *   second process claimed `C` again: impossible, the second re-reads `L` (not `C`: tokens make
 *   every text unique) and drops its claim. A claim is only removed by its own holder, or by the
 *   next holder of `L` (when `L` has moved on from the stale text it was about), and everyone
 *   holding a claim checks `L` before acting.
 * - A claimant dies (kill -9) holding a claim: its claim names a dead process, the next one takes
 *   over the claim's claim; the lock itself still says `C` and is taken over then.
 * - A claimant dies after removing `L` and before creating its own: `L` is missing, the next
 *   newcomer creates it.
 * - A process dies between writing its temp file and linking it: the temp file (`L.<pid>.<uuid>.tmp`)
 *   is never read, and the next holder of `L` removes it (only if that pid is gone: a live
 *   racer's temp file is about to be linked).
 * - Our own pid in `L` (or a claim) that this process does not hold: an earlier process with our
 *   pid left it (restarted container): stale. A second `Store.open` of the same file in this process
 *   finds our pid *and* the file in `heldByThisProcess`: live, refused.
 * - A live claimant that never finishes (stopped): after `TAKEOVER_WAIT_MS` we refuse, naming it.
 * - On a file system without hard links (`createInPlace`), a newcomer's lock exists empty for the
 *   moment between create and write; a racer reading it then takes it for a crash's leftover. Only
 *   there, a race can still let two in.
 */
export class FileLock {
  private held = false;
  private readonly text = ownerText();
  private readonly onExit = (): void => this.release();

  private constructor(readonly lockFile: string) {}

  /** Takes the lock for `file` or rejects with `StoreLockedError` naming the process that holds it. */
  static async acquire(file: string): Promise<FileLock> {
    const lock = new FileLock(path.resolve(`${file}.lock`));
    const deadline = Date.now() + TAKEOVER_WAIT_MS;
    for (;;) {
      const attempt = lock.attempt();
      if (attempt.kind === 'acquired') break;
      if (Date.now() >= deadline) throw lock.takeoverStuck(attempt.kind === 'busy' ? attempt.owner : undefined);
      await sleep(attempt.kind === 'busy' ? TAKEOVER_POLL_MS : 0); // 'again': at once, yet without blocking the event loop
    }
    lock.held = true;
    process.once('exit', lock.onExit);
    lock.removeLeftovers();
    return lock;
  }

  /** One synchronous attempt (see the class comment); throws `StoreLockedError` for a live or foreign owner. */
  private attempt(): Attempt {
    if (this.createLock()) return { kind: 'acquired' };
    const staleText = readText(this.lockFile);
    if (staleText === undefined) return { kind: 'again' }; // released or being taken over just now
    const owner = parseOwner(staleText);
    if (owner && verdictOn(owner, this.lockFile) !== 'stale') throw this.inUse(owner);

    let claimed = staleText;
    for (;;) {
      const claim = takeoverFileFor(this.lockFile, claimed);
      const claimText = ownerText();
      if (createExclusive(claim, claimText)) return this.takeOver(claim, claimText, staleText);
      const claimantText = readText(claim);
      if (claimantText === undefined) return { kind: 'again' }; // dropped just now: look at the lock again
      const claimant = parseOwner(claimantText);
      if (verdictOn(claimant, claim) !== 'stale') return { kind: 'busy', owner: claimant };
      claimed = claimantText; // its claimant is gone: claim the claim
    }
  }

  /** Holding `claim`: replaces the lock if it still reads `staleText`. */
  private takeOver(claim: string, claimText: string, staleText: string): Attempt {
    heldByThisProcess.add(claim);
    try {
      if (readText(this.lockFile) !== staleText) return { kind: 'again' }; // someone finished first
      removeIfPresent(this.lockFile);
      return this.createLock() ? { kind: 'acquired' } : { kind: 'again' }; // else a newcomer got in between
    } finally {
      heldByThisProcess.delete(claim);
      dropClaim(claim, claimText);
    }
  }

  private createLock(): boolean {
    if (!createExclusive(this.lockFile, this.text)) return false;
    heldByThisProcess.add(this.lockFile);
    return true;
  }

  /**
   * Best effort, once holding the lock: removes every takeover claim (all about older stale texts
   * now) and the temp files of processes that died between writing and linking one. A failure here
   * costs a stray file, not the lock.
   */
  private removeLeftovers(): void {
    const dir = path.dirname(this.lockFile);
    const base = path.basename(this.lockFile);
    const claimPrefix = `${base}.takeover-`;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      // Exactly the claim names: a racer's temp file (`….takeover-<hash>.<pid>.<uuid>.tmp`) may be about to be linked.
      const isClaim = name.startsWith(claimPrefix) && name.length === claimPrefix.length + TAKEOVER_HASH_CHARS && /^[0-9a-f]+$/.test(name.slice(claimPrefix.length));
      const tempPid = name.startsWith(`${base}.`) && name.endsWith('.tmp') ? Number(name.split('.').at(-3)) : NaN;
      // A temp file of our pid is an earlier process's (ours are created and removed in one synchronous step).
      const deadTemp = Number.isSafeInteger(tempPid) && tempPid > 0 && (tempPid === process.pid || !isAlive(tempPid));
      if (!isClaim && !deadTemp) continue;
      try {
        removeIfPresent(path.join(dir, name));
      } catch {
        // not ours to remove (permissions): left as it is
      }
    }
  }

  private storeFile(): string {
    return this.lockFile.slice(0, -'.lock'.length);
  }

  private inUse(owner: LockOwner): StoreLockedError {
    const where = owner.host === os.hostname() ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
    return new StoreLockedError(`The store ${this.storeFile()} is in use by ${where} since ${owner.since}. Stop that desk first, or set DATA_FILE to another file.`);
  }

  private takeoverStuck(claimant: LockOwner | undefined): StoreLockedError {
    const who = claimant ? `process ${claimant.pid}${claimant.host === os.hostname() ? '' : ` on ${claimant.host}`} (since ${claimant.since})` : 'other processes';
    return new StoreLockedError(
      `The store ${this.storeFile()} has a stale lock that ${who} began taking over and did not finish within ${TAKEOVER_WAIT_MS} ms (${this.lockFile}.takeover-*). Stop that process, or if none runs, remove those files.`,
    );
  }

  /** Releases the lock (only if the lock file is still ours); safe to call twice. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    heldByThisProcess.delete(this.lockFile);
    process.off('exit', this.onExit);
    try {
      if (readText(this.lockFile) === this.text) unlinkSync(this.lockFile);
    } catch {
      // already gone, or unreadable: nothing of ours to release
    }
  }
}
