import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runSoak } from '../soak/soakRun.js';
import { freshDatabase, postgresAdminUrl, type FreshDatabase } from '../support/freshDatabase.js';

/**
 * Issue 12: two desks on one PostgreSQL database, buyers cancelling, returning and re-addressing
 * orders through the dialogs on both, one desk killed with SIGKILL mid-load and restarted: every
 * action a desk acknowledged is in the database, nothing moved without a yes, the other desk went
 * on. The soak's own machinery (`npm run soak -- --postgres`), kept short.
 */

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let db: FreshDatabase | undefined;
afterEach(async () => {
  await db?.drop();
});

describe.skipIf(!postgresAdminUrl())('a desk killed on a shared database', () => {
  it('loses nothing it acknowledged, and the other desk goes on', { timeout: 240_000 }, async () => {
    db = await freshDatabase();
    const lines: string[] = [];
    const f = await runSoak({ kills: 2, buyers: 4, seed: 12, launcher: 'tsx', projectRoot: PROJECT_ROOT, databaseUrl: db.url }, (line) => lines.push(line));
    const log = lines.join('\n');
    expect(f.gaveUp, log).toBeUndefined();
    expect(f.kills, log).toBe(2);
    expect(f.restarts, log).toBe(2);
    expect(f.acknowledged, log).toBeGreaterThan(0);
    expect(f.lost, log).toEqual([]);
    expect(f.unexpected, log).toEqual([]);
    expect(f.unparsable, log).toEqual([]);
    expect(f.duplicateEvents, log).toEqual([]);
    expect(f.movedWithoutEvent, log).toEqual([]);
    expect(f.turns.failedWhileUp, log).toBe(0);
  });
});
