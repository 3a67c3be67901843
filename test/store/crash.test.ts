import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { stateFileBeside, Store } from '../../data/lowdb/store.js';
import { parseBurstKey, shopWritesIn } from '../support/burstWrites.js';
import { seededRandom } from '../support/prng.js';
import { useStoreFixture } from '../support/storeFixture.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WRITER = path.join(PROJECT_ROOT, 'test', 'support', 'writeBurst.ts');

/** How many times the writer is killed; each run continues on the file the previous one left. */
const RUNS = 20;
/**
 * The writer must have acknowledged this many updates before the kill timer starts: a burst is under
 * way, and (its first rounds being 1 state write, then 3 writes of which 2 go to the shop) both files have been written.
 */
const MIN_ACKS_BEFORE_KILL = 3;
/** The kill lands this long after those first acks: spread over many writes and renames. */
const KILL_DELAY_MS = { min: 100, max: 600 };
/** A writer that neither acks nor dies within this long is stuck; fail rather than hang. */
const WRITER_START_TIMEOUT_MS = 15_000;
/** Fixed seed, so a failing sequence of kill delays can be replayed. */
const DELAY_SEED = 20_261_111;

const fixture = useStoreFixture();


interface KilledRun {
  acked: string[];
  pid: number | undefined;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts the writer on `file`, kills it with SIGKILL `delayMs` after its first acks, and reports what it acknowledged. */
function runUntilKilled(file: string, prefix: string, delayMs: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, prefix], { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killScheduled = false;
    const acked = (): string[] =>
      stdout
        .split('\n')
        .slice(0, -1) // a line without its newline was not fully acknowledged
        .flatMap((line) => /^ack (\S+)$/.exec(line)?.[1] ?? []);
    const stuck = setTimeout(() => child.kill('SIGKILL'), WRITER_START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killScheduled && acked().length >= MIN_ACKS_BEFORE_KILL) {
        killScheduled = true;
        clearTimeout(stuck);
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (_code, signal) => {
      clearTimeout(stuck);
      resolve({ acked: acked(), pid: child.pid, signal, stderr });
    });
  });
}

describe('the store under kill -9', () => {
  it(`keeps every acknowledged update of both files through ${RUNS} kills during a burst of writes`, async () => {
    const dir = await fixture.tempDir();
    const file = path.join(dir, 'desk.json');
    const stateFile = stateFileBeside(file);
    const random = seededRandom(DELAY_SEED);
    const everAcked: string[] = [];

    for (let run = 0; run < RUNS; run++) {
      const delayMs = Math.round(KILL_DELAY_MS.min + random() * (KILL_DELAY_MS.max - KILL_DELAY_MS.min));
      const where = `run ${run}, killed ${delayMs} ms after its first acks`;

      const result = await runUntilKilled(file, `r${run}`, delayMs);

      expect(result.signal, `${where}: the writer was not killed but ended by itself:\n${result.stderr}`).toBe('SIGKILL');
      expect(result.acked.length, where).toBeGreaterThanOrEqual(MIN_ACKS_BEFORE_KILL);
      expect([...new Set(result.acked.map((key) => parseBurstKey(key).kind))].sort(), `${where}: acknowledged writes of both files`).toEqual(['shop', 'state']);
      everAcked.push(...result.acked);
      const lock = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as { pid: number };
      expect(lock.pid, `${where}: the dead writer's lock is left behind`).toBe(result.pid);
      for (const written of [file, stateFile]) {
        const text = await readFile(written, 'utf8');
        expect(() => JSON.parse(text), `${where}: ${written} as the kill left it`).not.toThrow();
      }

      const store = fixture.track(await Store.open(file, { seed: buildDemoShop }));
      const shopWrites = shopWritesIn(store.doc.meta);
      const lost = everAcked.filter((key) => {
        const { kind, n } = parseBurstKey(key);
        return kind === 'state' ? store.state.botState[key]?.value['n'] !== n : shopWrites[key] !== n;
      });
      expect(lost, `${where}: acknowledged but not in the store`).toEqual([]);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp')), where).toEqual([]);
      await store.close();
      expect(existsSync(`${file}.lock`), where).toBe(false);
    }
  });
});
