/**
 * A child process of the lock tests: `node --import tsx test/support/lockContender.ts FILE`.
 * Prints `ready`, then obeys one command per stdin line, so the parent can line up several of
 * them and let them race:
 *   `go`      → `FileLock.acquire(FILE)`, then prints `won`, or `refused <json {name, message}>`
 *   `release` → releases what it won, then prints `released`
 * and exits when stdin ends (releasing too). With `FILE_LOCK_MODULE=/abs/path.ts` it races with
 * that implementation of `FileLock` instead, to replay the race against an older one.
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

interface Lock {
  release(): void;
}
interface LockModule {
  FileLock: { acquire(file: string): Lock | Promise<Lock> };
}

async function main(file: string): Promise<void> {
  const modulePath = process.env['FILE_LOCK_MODULE'];
  const { FileLock } = (await import(modulePath ? pathToFileURL(modulePath).href : '../../data/lowdb/fileLock.js')) as LockModule;
  let held: Lock | undefined;
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'go') {
      try {
        held = await FileLock.acquire(file);
        process.stdout.write('won\n');
      } catch (err) {
        const { name, message } = err as Error;
        process.stdout.write(`refused ${JSON.stringify({ name, message })}\n`);
      }
    } else if (line === 'release') {
      held?.release();
      held = undefined;
      process.stdout.write('released\n');
    } else {
      throw new Error(`lockContender: unknown command ${JSON.stringify(line)}`);
    }
  }
  held?.release();
}

const [file] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node --import tsx test/support/lockContender.ts FILE\n');
  process.exit(2);
}
main(file).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
