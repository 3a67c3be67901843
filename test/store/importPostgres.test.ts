import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { shopData } from '../../data/shopSchema.js';
import { freshDatabase, postgresAdminUrl, type FreshDatabase } from '../support/freshDatabase.js';
import { runProcess } from '../support/runProcess.js';
import { buildSmallShop } from '../support/smallShop.js';

/**
 * `npm run import` with DATABASE_URL: on an empty database owned by a role that is not a superuser
 * it creates the schema and imports; a file with problems names each and changes nothing.
 */

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(): Promise<{ db: FreshDatabase; dir: string }> {
  const db = await freshDatabase();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-import-pg-'));
  cleanups.push(() => db.drop(), () => rm(dir, { recursive: true, force: true }));
  return { db, dir };
}

function runImport(url: string, file: string, dir: string) {
  // DATA_FILE points into the temp dir: an import on PostgreSQL must not write it.
  return runProcess('npm', ['run', 'import', '--', file], { cwd: PROJECT_ROOT, env: { ...process.env, DATABASE_URL: url, DATA_FILE: path.join(dir, 'var', 'desk.json') } });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresAdminUrl())('npm run import into PostgreSQL', () => {
  it('creates the schema in an empty database and imports the shop, readable as tables', async () => {
    const { db, dir } = await setup();
    const shop = shopData.parse(buildSmallShop());
    shop.orders[0]!.status = 'shipped';
    const file = path.join(dir, 'shop.json');
    await writeFile(file, JSON.stringify(shop));

    const result = await runImport(db.url, file, dir);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Imported ${file} into postgres://desk_app@`);
    expect(result.stdout + result.stderr).not.toContain('desk-test-password');
    const orders = await query<{ id: string; status: string }>(db.url, 'SELECT id, status FROM orders ORDER BY position');
    expect(orders).toEqual(shop.orders.map((o) => ({ id: o.id, status: o.status })));
    const buyers = await query<{ id: string }>(db.url, "SELECT id FROM shop_records WHERE collection = 'buyers' ORDER BY position");
    expect(buyers.map((b) => b.id)).toEqual(shop.buyers.map((b) => b.id));
    expect((await query<{ source: string }>(db.url, "SELECT meta->>'source' AS source FROM shop_meta"))[0]?.source).toBe('import');
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(dir)).toEqual(['shop.json']); // nothing written beside it
  });

  it('names every problem of a bad file and leaves the database as it was', async () => {
    const { db, dir } = await setup();
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify(shopData.parse(buildSmallShop())));
    expect((await runImport(db.url, good, dir)).code).toBe(0);
    const before = await query(db.url, 'SELECT id, status, data FROM orders ORDER BY id');
    const shop = shopData.parse(buildSmallShop()) as unknown as { orders: { buyerId: string }[]; agents: { businessLines: string[] }[] };
    shop.orders[0]!.buyerId = 'b-nobody';
    shop.agents[0]!.businessLines = ['nope'];
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(shop));

    const result = await runImport(db.url, bad, dir);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('2 problem(s)');
    expect(result.stderr).toContain('$.orders[0].buyerId: no buyer with id "b-nobody"');
    expect(result.stderr).toContain('$.agents[0].businessLines[0]: no business line');
    expect(await query(db.url, 'SELECT id, status, data FROM orders ORDER BY id')).toEqual(before);
  });
});
