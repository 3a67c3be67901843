import { Low } from 'lowdb';
import type { AtomicJsonFile } from './atomicJsonFile.js';

/**
 * One JSON document on disk (lowdb over an `AtomicJsonFile`), kept in memory. Mutations apply in
 * memory at once; `commit()` resolves when a write containing them is on disk. Commits made while
 * a write is under way share the next write (coalescing), so a burst of N changes costs a few
 * rewrites, not N.
 */
export class JsonDocument<T> {
  private readonly db: Low<T>;
  private flushing: Promise<void> | null = null;
  private dirty = false;
  private waiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];

  constructor(
    readonly adapter: AtomicJsonFile<T>,
    data: T,
  ) {
    this.db = new Low<T>(adapter, data);
  }

  /** The live data. */
  get data(): T {
    return this.db.data;
  }

  /** True while changes are waiting for, or being written to, disk. */
  get pending(): boolean {
    return this.dirty || this.flushing !== null;
  }

  /** Resolves once everything mutated so far is on disk. */
  commit(): Promise<void> {
    this.dirty = true;
    return new Promise((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.flushing ??= this.flushLoop().finally(() => {
        this.flushing = null;
      });
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const batch = this.waiters;
      this.waiters = [];
      try {
        await this.db.write(); // serializes synchronously first: later mutations go to the next round
        for (const w of batch) w.resolve();
      } catch (err) {
        this.dirty = true; // keep the change for the next commit, but do not spin on a failing disk
        for (const w of [...batch, ...this.waiters.splice(0)]) w.reject(err);
        return;
      }
    }
  }
}
