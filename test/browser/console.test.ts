import { describe, expect, it } from 'vitest';
import { browserAndDesk, SKIP_BROWSER } from '../support/browser.js';
import { startHandoffDesk } from '../support/handoffDriver.js';

/** `/console` in a real Chromium: a manager signs in, reads the charts and the staffing table, approves a mined reply. */

const get = browserAndDesk(() => startHandoffDesk());

describe.skipIf(SKIP_BROWSER)('/console in Chromium', () => {
  it('signs a manager in, draws the charts and the staffing table, and approves a reply', async () => {
    const { browser, h } = get();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${h.desk.port}/console?lang=en`);
    await page.getByRole('textbox', { name: 'ID' }).fill('mgr-01');
    await page.getByLabel('Password').fill('demo-desk');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const volume = page.getByRole('region', { name: 'Volume' });
    await expect.poll(() => volume.getByRole('img').count(), { timeout: 15_000 }).toBe(2);
    // uPlot drew each chart on its canvas: the byHour chart has ink where the late-morning peak is, more than at night.
    const byHour = volume.getByRole('img', { name: 'Contacts by hour of day' });
    await byHour.locator('canvas').waitFor();
    const ink = await byHour.locator('canvas').evaluate((c: any) => { // a canvas (the project compiles without the DOM library)
      const g = c.getContext('2d');
      const column = (fraction: number) => {
        // uPlot's plotting area sits inside the axes; the hour's bar is in its own slice of the width.
        const data = g.getImageData(Math.round(c.width * fraction), 0, 1, c.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && data[i + 2]! > data[i]!) n++;
        return n;
      };
      let peak = 0;
      let night = 0;
      for (let f = 0.05; f < 1; f += 0.01) {
        const hour = Math.floor(f * 24);
        if (hour >= 10 && hour <= 12) peak = Math.max(peak, column(f));
        if (hour >= 2 && hour <= 4) night = Math.max(night, column(f));
      }
      return { peak, night };
    });
    expect(ink.peak).toBeGreaterThan(ink.night);
    expect(ink.peak).toBeGreaterThan(10);
    await volume.screenshot({ path: '/tmp/console-volume.png' });

    const staffing = page.getByRole('region', { name: 'Staffing' });
    await staffing.getByRole('table').waitFor();
    expect(await staffing.getByRole('columnheader', { name: 'Agents' }).count()).toBe(1);
    expect(await staffing.getByRole('row').count()).toBe(25); // the header and 24 hours

    // Reception: the mall set to a share of contacts for agents, saved.
    const reception = page.getByRole('region', { name: 'Reception' });
    const mallMode = reception.getByRole('combobox', { name: /Reception: .*Mall/i });
    await mallMode.selectOption('share');
    await reception.getByRole('spinbutton', { name: /Share to agents.*Mall/i }).fill('40');
    await mallMode.locator('xpath=..').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => mallMode.locator('xpath=..').getByRole('status').textContent()).toBe('Saved');
    const saved = await (await fetch(`http://127.0.0.1:${h.desk.port}/api/console/reception`, { headers: { Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json();
    expect(saved).toContainEqual(expect.objectContaining({ line: 'mall', mode: 'share', share: 0.4, setBy: 'manager:mgr-01' }));

    const replies = page.getByRole('region', { name: 'Standard replies' });
    await expect.poll(() => replies.getByRole('button', { name: 'Approve' }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    // Grouped by the buyer's question, named for a person: "Track a parcel · task.track_logistics".
    expect(await replies.getByRole('heading', { name: 'Track a parcel · task.track_logistics' }).count()).toBe(1);
    // The manager edits the first proposal and approves it: agents are offered the edited text.
    const box = replies.getByRole('textbox').first();
    const edited = `${(await box.inputValue()).trim()} (checked by the manager)`;
    await box.fill(edited);
    await replies.getByRole('button', { name: 'Approve' }).first().click();
    await expect.poll(() => replies.getByRole('status').first().textContent()).toBe('approved');
    const agentSignIn = await fetch(`http://127.0.0.1:${h.desk.port}/desk/api/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'a-02', password: 'demo-desk' }) });
    const agentCookie = agentSignIn.headers.get('set-cookie')!.split(';')[0]!;
    const locale = /\p{Script=Han}/u.test(edited) ? 'zh-CN' : 'en-US';
    const offered = await fetch(`http://127.0.0.1:${h.desk.port}/desk/api/completions?q=${encodeURIComponent(edited.slice(0, 4))}&locale=${locale}`, { headers: { Cookie: agentCookie } });
    expect(((await offered.json()) as { completions: string[] }).completions).toContain(edited);
    await page.screenshot({ path: '/tmp/console.png', fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
