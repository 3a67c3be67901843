import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Harness } from './deskHarness.js';

/** The flags issue 13 asks for: headless, as root in a container, no GPU, no traffic of the browser's own. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Debian's Chromium, when installed (`.ci/run` installs it); undefined otherwise. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not this name
    }
  }
  return undefined;
}

/** True when the browser tests must run (CI): a missing Chromium is then a failure, not a skip. */
export const CHROMIUM_REQUIRED = process.env.DESK_TEST_REQUIRE_CHROMIUM === '1';

/** Launches Debian's Chromium through playwright-core. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (apt-get install chromium), or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** True when the browser tests are skipped: no Chromium here, and CI does not require one. */
export const SKIP_BROWSER = !chromiumPath() && !CHROMIUM_REQUIRED;

/**
 * One Chromium and one desk (on the demo shop, with the trained recognizer) for a browser test
 * file, started before its tests and closed after; `get()` hands them to the tests.
 */
export function browserAndDesk(start: () => Promise<Harness>): () => { browser: Browser; h: Harness } {
  let browser: Browser | undefined;
  let h: Harness | undefined;
  beforeAll(async () => {
    if (SKIP_BROWSER) return;
    browser = await launchChromium();
    h = await start();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });
  return () => ({ browser: browser!, h: h! });
}
