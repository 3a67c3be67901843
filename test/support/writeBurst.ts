/**
 * The child of the crash test: `node --import tsx test/support/writeBurst.ts FILE PREFIX`.
 * Opens the store at FILE (seeding the demo shop if needed), then updates it without end, one
 * update awaited alone, then small batches fired together, alternating `updateState` (the state
 * file) and `update` (the main file), and prints `ack KEY` on stdout as soon as each update's
 * promise has resolved, i.e. once the store says the change is on disk. The parent kills it with
 * SIGKILL at a random moment and checks that every acknowledged key survived in its file.
 */
import { buildDemoShop } from '../../data/demoShop.js';
import { Store } from '../../data/lowdb/store.js';
import { burstKey, burstKindOf, recordShopWrite } from './burstWrites.js';

/** Sizes of successive rounds: 1 is an awaited single update, more is a batch fired concurrently. */
const ROUND_SIZES = [1, 3, 1, 5, 2, 1, 4] as const;
/** A guard, not a timing: a child whose parent never killed it stops by itself after this long. */
const RUN_LIMIT_MS = 30_000;

async function main(file: string, prefix: string): Promise<void> {
  const store = await Store.open(file, { seed: buildDemoShop });
  process.stdout.write('open\n');
  const startedAt = Date.now();
  let n = 0;
  for (let round = 0; Date.now() - startedAt < RUN_LIMIT_MS; round++) {
    const size = ROUND_SIZES[round % ROUND_SIZES.length] ?? 1;
    const batch = Array.from({ length: size }, () => {
      const i = n++;
      const kind = burstKindOf(i);
      const key = burstKey(prefix, kind, i);
      const written =
        kind === 'state'
          ? store.updateState((state) => {
              state.botState[key] = { eTag: String(i), value: { n: i } };
            })
          : store.update((doc) => {
              recordShopWrite(doc.meta, key, i);
            });
      return written.then(() => {
        process.stdout.write(`ack ${key}\n`); // synchronous on a pipe (Linux): out before the next write starts
      });
    });
    await Promise.all(batch);
  }
  await store.close();
}

const [file, prefix] = process.argv.slice(2);
if (!file || !prefix) {
  process.stderr.write('usage: node --import tsx test/support/writeBurst.ts FILE PREFIX\n');
  process.exit(2);
}
main(file, prefix).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
