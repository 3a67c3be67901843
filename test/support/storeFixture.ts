import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { Store, type StoreOptions } from '../../data/lowdb/store.js';

/** Anything a test opens and must close, whatever the outcome of the test. */
export interface Closable {
  close(): Promise<void>;
}

/** Temporary directories and open stores of one test, cleaned up after it. */
export interface StoreFixture {
  /** A fresh directory under the system temp dir, removed after the test. */
  tempDir(): Promise<string>;
  /** `Store.open`, with the store closed after the test (closing twice is harmless). */
  openStore(file: string, options?: StoreOptions): Promise<Store>;
  /** Closes `thing` after the test. */
  track<T extends Closable>(thing: T): T;
}

/**
 * Registers an `afterEach` that closes what the test opened, then removes its temp dirs, so a
 * failing test leaves neither a held lock nor files behind. Call once at the top of a test file.
 */
export function useStoreFixture(): StoreFixture {
  const dirs: string[] = [];
  const open: Closable[] = [];
  afterEach(async () => {
    await Promise.allSettled(open.splice(0).map((c) => c.close()));
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });
  const track = <T extends Closable>(thing: T): T => {
    open.push(thing);
    return thing;
  };
  return {
    async tempDir() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-test-'));
      dirs.push(dir);
      return dir;
    },
    async openStore(file, options) {
      return track(await Store.open(file, options));
    },
    track,
  };
}

/** The store file as it is on disk, parsed by hand rather than through the store. */
export async function readJsonFile(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}
