import type { TestProject } from 'vitest/node';
import { loadConfig } from '../bot/config.js';
import { loadOrTrainModel } from '../recognizers/intentModel.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './support/postgresServer.js';
import { CHROMIUM_REQUIRED, chromiumPath } from './support/browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The tests' PostgreSQL server as its superuser, or '' when PostgreSQL is not installed here. */
    postgresAdminUrl: string;
  }
}

/**
 * Makes the intent models ready once before any test file runs, so the desks that test files start
 * in parallel load them instead of each training their own: the one the desk serves (shipped, or
 * trained for a changed corpus) and the train split's, whose accuracy on the validation split the
 * recognizer's tests check (trained on a fresh clone, then cached in MODEL_DIR).
 *
 * Then a PostgreSQL server for the tests: `TEST_DATABASE_URL` (a superuser's URL) when set, else
 * a throwaway server of their own when PostgreSQL is installed. Without one the PostgreSQL tests
 * are skipped, with a line saying so; `DESK_TEST_REQUIRE_POSTGRES=1` (CI) makes that an error.
 * Likewise Chromium for the browser tests (`DESK_TEST_REQUIRE_CHROMIUM=1`).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const modelDir = loadConfig({}).MODEL_DIR;
  await loadOrTrainModel(modelDir);
  await loadOrTrainModel(modelDir, { trainedOn: 'train split' });
  let server: ThrowawayPostgres | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL ?? '';
  if (!adminUrl) {
    server = await startThrowawayPostgres();
    adminUrl = server?.adminUrl ?? '';
  }
  if (!adminUrl) {
    if (process.env.DESK_TEST_REQUIRE_POSTGRES === '1') throw new Error('DESK_TEST_REQUIRE_POSTGRES=1 but PostgreSQL is not installed and TEST_DATABASE_URL is not set');
    process.stderr.write('PostgreSQL is not installed here and TEST_DATABASE_URL is not set: the PostgreSQL tests are skipped\n');
  }
  project.provide('postgresAdminUrl', adminUrl);
  if (!chromiumPath()) {
    if (CHROMIUM_REQUIRED) throw new Error('DESK_TEST_REQUIRE_CHROMIUM=1 but Chromium is not installed (apt-get install chromium) and CHROMIUM_PATH is not set');
    process.stderr.write('Chromium is not installed here and CHROMIUM_PATH is not set: the browser tests are skipped\n');
  }
  return async () => {
    await server?.stop();
  };
}
