import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The role the desks use in tests: it owns its databases and is not a superuser, as in production. */
const APP_ROLE = 'desk_app';
const APP_PASSWORD = 'desk-test-password';

/** An empty database of its own, owned by a role that is not a superuser. */
export interface FreshDatabase {
  url: string;
  /** Drops it, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (and the app role, once) on the tests' server. */
export async function freshDatabase(adminUrl: string): Promise<FreshDatabase> {
  if (!adminUrl) throw new Error('freshDatabase(): no PostgreSQL server for the tests (install postgresql, or set TEST_DATABASE_URL)');
  const name = `desk_test_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, async (c) => {
    await c.query(`DO $$ BEGIN CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${APP_PASSWORD}'; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await c.query(`CREATE DATABASE ${name} OWNER ${APP_ROLE}`);
  });
  const url = new URL(adminUrl);
  url.username = APP_ROLE;
  url.password = APP_PASSWORD;
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
