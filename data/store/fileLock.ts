import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import { StoreLockedError } from './storeErrors.js';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
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

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
  } catch {
    return undefined; // unreadable or half-written: treated as stale below
  }
}

/**
 * An exclusive, process-wide lock on a store file (`FILE.lock`, created with O_EXCL).
 * A lock left by a process that died (kill -9) is taken over; a live owner makes `acquire` throw.
 */
export class FileLock {
  private held = false;
  private readonly onExit = (): void => this.release();

  private constructor(readonly lockFile: string) {}

  /** Takes the lock for `file` or throws `StoreLockedError` naming the process that holds it. */
  static acquire(file: string): FileLock {
    const lock = new FileLock(`${file}.lock`);
    lock.take(true);
    return lock;
  }

  private take(mayTakeOver: boolean): void {
    try {
      const fd = openSync(this.lockFile, 'wx');
      const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      this.held = true;
      process.once('exit', this.onExit);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(this.lockFile);
      const sameHost = owner?.host === os.hostname();
      if (owner && (!sameHost || isAlive(owner.pid))) {
        const where = sameHost ? `process ${owner.pid}` : `process ${owner.pid} on ${owner.host}`;
        throw new StoreLockedError(
          `The store ${this.lockFile.slice(0, -'.lock'.length)} is in use by ${where} since ${owner.since}. ` +
            'Stop that desk first, or set DATA_FILE to another file.',
        );
      }
      if (!mayTakeOver) throw err;
      unlinkSync(this.lockFile); // stale: its owner died without releasing it
      this.take(false);
    }
  }

  /** Releases the lock; safe to call twice. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    process.off('exit', this.onExit);
    try {
      unlinkSync(this.lockFile);
    } catch {
      // already gone: nothing to release
    }
  }
}
