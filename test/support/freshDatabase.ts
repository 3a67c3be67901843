import { inject } from 'vitest';
import { freshDatabase as freshDatabaseOn, type FreshDatabase } from './pgDatabases.js';

export type { FreshDatabase } from './pgDatabases.js';

/** The throwaway server's superuser URL (test/globalSetup.ts), or '' when there is no PostgreSQL here. */
export function postgresAdminUrl(): string {
  return inject('postgresAdminUrl');
}

/** True when the tests run each desk on PostgreSQL (`DESK_TEST_BACKEND=postgres`, the `postgres` test project). */
export function onPostgres(): boolean {
  return process.env.DESK_TEST_BACKEND === 'postgres';
}

/** An empty database of its own on the tests' server, owned by a role that is not a superuser. */
export function freshDatabase(adminUrl = postgresAdminUrl()): Promise<FreshDatabase> {
  return freshDatabaseOn(adminUrl);
}
