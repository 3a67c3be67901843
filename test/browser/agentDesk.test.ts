import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserAndDesk, SKIP_BROWSER } from '../support/browser.js';
import { buyer, button, queueInLine, said, startHandoffDesk } from '../support/handoffDriver.js';
import type { TestConversation } from '../support/testChannel.js';

/**
 * `/desk` in a real Chromium (web.md "Agents"): an agent signs in with the demo password, claims
 * a waiting buyer with "+1", reads the conversation, answers with a suggested reply and with an
 * autocompletion, ends, and sees the buyer's rating; the buyer, on a chat channel, gets it all.
 */

const get = browserAndDesk(() => startHandoffDesk());

async function signIn(page: Page, id: string, password: string): Promise<void> {
  await page.getByRole('textbox', { name: 'ID' }).fill(id);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** What the buyer has received since `from` replies ago, as text. */
async function buyerHears(conv: TestConversation, text: string | RegExp): Promise<void> {
  await expect.poll(() => said(conv.received), { timeout: 15_000 }).toMatch(text);
}

describe.skipIf(SKIP_BROWSER)('/desk in Chromium', () => {
  it('refuses a wrong password with one neutral message, then signs in', async () => {
    const { browser, h } = get();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${h.desk.port}/desk?lang=en`);
    await signIn(page, 'a-02', 'not-the-password');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong ID or password.');
    await signIn(page, 'nobody', 'demo-desk');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong ID or password.');
    await signIn(page, 'a-02', 'demo-desk');
    await page.getByRole('region', { name: 'Queue' }).waitFor();
    // The session is an HttpOnly cookie: the page's script cannot read it.
    expect(await page.evaluate('document.cookie')).toBe('');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'desk_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.close();
  }, 60_000);

  it('claims, chats with a suggestion and a completion, ends, and shows the rating', async () => {
    const { browser, h } = get();
    const conv = buyer(h, 'b-zh-01', 'zh-CN');
    await conv.open();
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${h.desk.port}/desk?lang=en`);
    await signIn(page, 'a-02', 'demo-desk');
    const queue = page.getByRole('region', { name: 'Queue' });
    await queue.waitFor();

    await queueInLine(conv, 'zh-CN', 'mall');
    await expect.poll(() => queue.textContent(), { timeout: 10_000 }).toContain('王芳');
    await page.getByRole('button', { name: '+1' }).click();
    const tab = page.getByRole('tab', { name: '王芳' });
    await tab.waitFor({ timeout: 10_000 });
    await buyerHears(conv, '陈思雨已接入');
    await expect.poll(() => page.getByRole('log').textContent()).toContain('转人工');

    // The buyer writes; the desk suggests replies with their confidence, above the message box.
    await conv.say('我的快递到哪了，好几天没动了');
    await expect.poll(() => page.getByRole('log').textContent(), { timeout: 10_000 }).toContain('好几天没动了');
    const suggested = page.getByRole('region', { name: 'Suggested replies' }).getByRole('button');
    await expect.poll(() => suggested.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await suggested.count()).toBeLessThanOrEqual(3);
    const first = (await suggested.first().textContent())!;
    expect(first).toMatch(/\(\d+%\)$/);
    const box = page.getByRole('textbox', { name: 'Message', exact: true });
    const boxTop = (await box.boundingBox())!.y;
    const suggestionsBottom = Math.max(...(await Promise.all((await suggested.all()).map(async (b) => (await b.boundingBox())!.y + (await b.boundingBox())!.height))));
    expect(suggestionsBottom).toBeLessThanOrEqual(boxTop); // never over the message box
    await suggested.first().click();
    await buyerHears(conv, first.replace(/ \(\d+%\)$/, ''));
    // The page shows the reply in the conversation once the desk has it (the live update that follows a send).
    await expect.poll(() => page.getByRole('log').textContent(), { timeout: 10_000 }).toContain(first.replace(/ \(\d+%\)$/, ''));

    // Autocompletion while typing: the listbox offers whole sentences; the first is taken by keyboard.
    await box.click();
    await box.pressSequentially('我马上');
    const options = page.getByRole('listbox').getByRole('option');
    await expect.poll(() => options.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const completion = (await options.first().textContent())!;
    expect(completion.startsWith('我马上')).toBe(true);
    await box.press('ArrowDown');
    await box.press('Enter');
    expect(await box.inputValue()).toBe(completion);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await buyerHears(conv, completion);

    // End: the buyer is asked to rate; their rating appears on the desk.
    const before = conv.received.length;
    await page.getByRole('button', { name: 'End', exact: true }).click();
    // The buyer hears it ended, then the rating question: wait for the question itself.
    const rateButton = () => {
      try {
        return button(conv.received.slice(before), 'rate', (v) => v.satisfied === true);
      } catch {
        return undefined;
      }
    };
    await expect.poll(() => rateButton() !== undefined, { timeout: 10_000 }).toBe(true);
    const rate = rateButton()!;
    await conv.press(rate);
    await expect.poll(() => page.getByRole('region', { name: 'Finished' }).textContent(), { timeout: 10_000 }).toContain('satisfied');
    await page.close();
  }, 90_000);
});
