import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * The project's test configuration without its global setup (training the intent model), for
 * running only the store's tests, which need no model:
 * `TZ=UTC npx vitest run --config test/support/storeTests.vitest.config.ts --root . test/store`.
 */
export default defineConfig({ ...base, test: { ...base.test, globalSetup: [] } });
