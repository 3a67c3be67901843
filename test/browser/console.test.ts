import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { CHROMIUM_REQUIRED, chromiumPath, launchChromium } from '../support/browser.js';
import { startHandoffDesk } from '../support/handoffDriver.js';
import type { Harness } from '../support/deskHarness.js';

/** `/console` in a real Chromium: a manager signs in, reads the charts and the staffing table, approves a mined reply. */

const skip = !chromiumPath() && !CHROMIUM_REQUIRED;
let browser: Browser;
let h: Harness;

beforeAll(async () => {
  if (skip) return;
  browser = await launchChromium();
  h = await startHandoffDesk();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe.skipIf(skip)('/console in Chromium', () => {
  it('signs a manager in, draws the charts and the staffing table, and approves a reply', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${h.desk.port}/console?lang=en`);
    await page.getByRole('textbox', { name: 'ID' }).fill('mgr-01');
    await page.getByLabel('Password').fill('demo-desk');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const volume = page.getByRole('region', { name: 'Volume' });
    await expect.poll(() => volume.getByRole('img').count(), { timeout: 15_000 }).toBe(2);
    expect(await volume.getByRole('img', { name: 'Contacts by hour of day' }).locator('rect').count()).toBeGreaterThanOrEqual(24);

    const staffing = page.getByRole('region', { name: 'Staffing' });
    await staffing.getByRole('table').waitFor();
    expect(await staffing.getByRole('columnheader', { name: 'Agents' }).count()).toBe(1);
    expect(await staffing.getByRole('row').count()).toBe(25); // the header and 24 hours

    const replies = page.getByRole('region', { name: 'Standard replies' });
    await expect.poll(() => replies.getByRole('button', { name: 'Approve' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await replies.getByRole('button', { name: 'Approve' }).first().click();
    await expect.poll(() => replies.getByRole('status').first().textContent()).toBe('approved');
    await page.screenshot({ path: '/tmp/console.png', fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
