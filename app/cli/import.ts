import { runCli } from '../../bot/cli.js';
import path from 'node:path';
import { loadConfig } from '../../bot/config.js';
import { buildDemoShop } from '../../data/demoShop.js';
import { importShop, readShopFile, summarize } from '../../data/importShop.js';
import type { DeskStore } from '../../data/deskStore.js';
import { PgStore } from '../../data/postgres/pgStore.js';
import { Store } from '../../data/lowdb/store.js';
import { ContactFile } from '../../data/lowdb/contactFile.js';
import { PgContacts } from '../../data/postgres/pgContacts.js';
import { contactFileOf } from '../../data/openStorage.js';

/**
 * `npm run import -- FILE.json`: validates the whole file first; on any problem prints each with
 * its JSON path and exits 1 without opening the store; otherwise replaces the shop in one write
 * (DATA_FILE) or one transaction (DATABASE_URL, whose schema it creates or migrates first).
 * Written to stdout/stderr directly: this is a command-line report for a person, not a log.
 */
async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1) {
    process.stderr.write('usage: npm run import -- FILE.json\n');
    return 1;
  }
  const source = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const config = loadConfig();
  const result = await readShopFile(source);
  if (!result.ok) {
    process.stderr.write(`${source}: ${result.problems.length} problem(s); the store was not changed.\n`);
    for (const p of result.problems) process.stderr.write(`  ${p}\n`);
    return 1;
  }
  // On PostgreSQL an empty database gets its schema and this shop (no demo shop first).
  const store: DeskStore = config.DATABASE_URL ? await PgStore.open(config.DATABASE_URL, { empty: 'allowed' }) : await Store.open(config.DATA_FILE, { seed: buildDemoShop });
  try {
    const contacts = store instanceof PgStore ? new PgContacts(store.pool) : await ContactFile.open(contactFileOf(config.DATA_FILE));
    try {
      await importShop(store, contacts, result.shop, source);
    } finally {
      await contacts.close();
    }
  } finally {
    await store.close();
  }
  const counts = Object.entries(summarize(result.shop)).map(([k, v]) => `${v} ${k}`).join(', ');
  process.stdout.write(`Imported ${source} into ${store.location}: ${counts}.\n`);
  return 0;
}

runCli(main);
