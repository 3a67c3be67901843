import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openStorage, type DeskStorage } from '../../data/openStorage.js';
import { freshDatabase, type FreshDatabase } from './freshDatabase.js';
import { buildSmallShop } from './smallShop.js';

export type Backend = 'lowdb' | 'postgres';

/** Where one test's data lives: opened (and opened again) on the same files or database. */
export interface StoragePlace {
  open(): Promise<DeskStorage>;
}

/**
 * Places for storage contract tests on either backend (a temp dir, or a fresh database seeded with
 * the small shop), every storage opened closed and every place removed after each test.
 */
export function storagePlaces(now: () => Date): {
  place(backend: Backend): Promise<StoragePlace>;
  /** Closes `s` and opens its place again: "stored" means stored, not cached. */
  reopen(p: StoragePlace, s: DeskStorage): Promise<DeskStorage>;
  /** Something else of a test to remove after it. */
  cleanup(fn: () => Promise<void>): void;
} {
  const opened: DeskStorage[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((s) => s.close()));
    for (const c of cleanups.splice(0)) await c();
  });
  return {
    async place(backend) {
      let db: FreshDatabase | undefined;
      let dir = '';
      if (backend === 'postgres') {
        db = await freshDatabase();
        cleanups.push(() => db!.drop());
      } else {
        dir = await mkdtemp(path.join(os.tmpdir(), 'desk-contract-'));
        cleanups.push(() => rm(dir, { recursive: true, force: true }));
      }
      return {
        async open() {
          const storage = await openStorage({
            databaseUrl: db?.url,
            dataFile: path.join(dir, 'desk.json'),
            transcriptFile: path.join(dir, 'desk.transcript.jsonl'),
            eventsFile: path.join(dir, 'desk.events.jsonl'),
            seed: buildSmallShop,
            now,
          });
          opened.push(storage);
          return storage;
        },
      };
    },
    async reopen(p, s) {
      await s.close();
      opened.splice(opened.indexOf(s), 1);
      return p.open();
    },
    cleanup(fn) {
      cleanups.push(fn);
    },
  };
}
