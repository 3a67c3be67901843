import { defineConfig } from 'vitest/config';
import { serverBinDir } from './test/support/postgresServer.js';

/** PostgreSQL is here (its server programs, or a server named by TEST_DATABASE_URL): the postgres project runs. */
const withPostgres = Boolean(process.env.TEST_DATABASE_URL || serverBinDir());

/**
 * Tests run real servers and real files: generous timeouts, and files in parallel processes. Two
 * projects: everything on the embedded lowdb store, and the end-to-end suite again with every desk
 * on PostgreSQL (a fresh database each, on the server test/globalSetup.ts starts).
 */
export default defineConfig({
  test: {
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    execArgv: ['--no-deprecation'], // restify 11 touches process.binding('http_parser'); the warning is noise
    projects: [
      { extends: true, test: { name: 'lowdb', include: ['test/**/*.test.ts'] } },
      ...(withPostgres ? [{ extends: true as const, test: { name: 'postgres', include: ['test/e2e/**/*.test.ts'], env: { DESK_TEST_BACKEND: 'postgres' } } }] : []),
    ],
  },
});
