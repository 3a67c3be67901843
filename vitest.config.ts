import { defineConfig } from 'vitest/config';

/** Tests run real servers and real files: generous timeouts, and files in parallel processes. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    execArgv: ['--no-deprecation'], // restify 11 touches process.binding('http_parser'); the warning is noise
  },
});
