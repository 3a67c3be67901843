import { runCli } from '../../bot/cli.js';
import { loadConfig } from '../../bot/config.js';
import { buildDemoShop } from '../../data/demoShop.js';
import { AtomicJsonFile } from '../../data/lowdb/atomicJsonFile.js';
import { WebAccessFile } from '../../data/lowdb/webAccessFile.js';
import { webAccessFileOf } from '../../data/openStorage.js';
import { PgStore } from '../../data/postgres/pgStore.js';
import { PgWebAccess } from '../../data/postgres/pgWebAccess.js';
import type { StoreDocument } from '../../data/records.js';
import { hashPassword, passwordProblem } from '../../desk/access/passwords.js';

/** Reads all of standard input (the password, typed or piped), without its final line break. */
async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (then Enter, then Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * `npm run set-password -- ID`: sets the web sign-in password of an agent (or manager) `ID`, read
 * from standard input, stored as a slow salted hash beside the store at DATA_FILE (a running desk
 * sees it at once; its lock is not needed) or in DATABASE_URL. Sessions signed in with an older
 * password end.
 */
async function main(argv: string[]): Promise<number> {
  const id = argv[0];
  if (!id || argv.length > 1) {
    process.stderr.write('usage: npm run set-password -- ID   (the password is read from standard input)\n');
    return 1;
  }
  const config = loadConfig();
  const password = await readStdin();
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`\nThe password ${problem}; nothing was changed.\n`);
    return 1;
  }
  const at = new Date().toISOString();
  if (config.DATABASE_URL) {
    const store = await PgStore.open(config.DATABASE_URL);
    try {
      if (!signsIn(store.doc.shop, id)) return unknown(id, store.location);
      await new PgWebAccess(store.pool).setPasswordHash(id, await hashPassword(password), at);
      process.stdout.write(`\nThe password of ${id} is set in ${store.location}.\n`);
    } finally {
      await store.close();
    }
    return 0;
  }
  // The shop as stored, read without the store's lock (a running desk holds it); a store never started yet is the demo shop it will be seeded with.
  const doc = await new AtomicJsonFile<StoreDocument>(config.DATA_FILE).read();
  const shop = doc?.shop ?? buildDemoShop(new Date());
  if (!signsIn(shop, id)) return unknown(id, config.DATA_FILE);
  const access = new WebAccessFile(webAccessFileOf(config.DATA_FILE));
  await access.setPasswordHash(id, await hashPassword(password), at);
  await access.close();
  process.stdout.write(`\nThe password of ${id} is set for the store at ${config.DATA_FILE}.\n`);
  return 0;
}

/** True when `id` is an agent or a manager of the shop (who sign in to /desk and /console). */
function signsIn(shop: { agents?: { id: string }[]; managers?: { id: string }[] }, id: string): boolean {
  return [...(shop.agents ?? []), ...(shop.managers ?? [])].some((p) => p.id === id);
}

function unknown(id: string, where: string): number {
  process.stderr.write(`\nNo agent or manager "${id}" in the shop at ${where}; nothing was changed.\n`);
  return 1;
}

runCli(main);
