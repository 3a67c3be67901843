import { describe, expect, it } from 'vitest';
import { browserAndDesk, SKIP_BROWSER } from '../support/browser.js';
import { startHandoffDesk } from '../support/handoffDriver.js';

/**
 * `/chat` in a real Chromium: Microsoft's Web Chat, served by the desk, on its own Direct Line.
 * A demo buyer is greeted with their order cards and carries out a task by clicking.
 */

const get = browserAndDesk(() => startHandoffDesk());

describe.skipIf(SKIP_BROWSER)('/chat in Chromium', () => {
  it('greets a demo buyer with order cards, and cancels an order by clicking', async () => {
    const { browser, h } = get();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${h.desk.port}/chat?lang=zh`);
    await page.getByLabel('聊天身份').selectOption({ label: '王芳' });
    await page.getByRole('button', { name: '开始聊天' }).click();
    await expect.poll(() => page.getByText('王芳，您好').count(), { timeout: 20_000 }).toBeGreaterThan(0);

    const unpaid = h.desk.repos.orders.listForBuyer('b-zh-01').find((o) => o.status === 'unpaid')!;
    const card = page.locator('.ac-container, .webchat__bubble').filter({ hasText: unpaid.id }).first();
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await card.getByRole('button', { name: '查看这单' }).click();
    await expect.poll(() => page.getByText(`查看订单 ${unpaid.id}`).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    const box = page.getByRole('textbox').last();
    await box.fill('帮我取消这个订单');
    await box.press('Enter');
    const yes = page.getByRole('button', { name: '确认取消' }).last();
    await yes.waitFor({ timeout: 15_000 });
    await yes.click();
    await expect.poll(() => h.desk.repos.orders.get(unpaid.id)!.status, { timeout: 15_000 }).toBe('cancelled');
    await expect.poll(() => page.getByText(/已取消|已经取消|取消成功/).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // A photo through Web Chat's upload button reaches the desk as an attachment it serves.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const uploaded = page.waitForResponse((r) => r.url().includes('/upload'), { timeout: 15_000 });
    await page.locator('#webchat input[type="file"]').setInputFiles({ name: 'damage.png', mimeType: 'image/png', buffer: png });
    const response = await uploaded;
    expect(response.status()).toBe(200);
    const conversationId = decodeURIComponent(/conversations\/([^/]+)\/upload/.exec(response.url())![1]!);
    let links: string[] = [];
    await expect.poll(async () => (links = (await h.desk.transcript.readConversation(conversationId)).flatMap((e) => e.links ?? [])).length, { timeout: 10_000 }).toBe(1);
    const photo = await fetch(links[0]!);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('completes what a buyer types from the shop\'s questions, in Chinese and in English; a chosen completion is in the send box', async () => {
    const { browser, h } = get();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${h.desk.port}/chat?lang=zh`);
    await page.getByRole('button', { name: '开始聊天' }).click();
    const box = page.getByRole('textbox').last();
    await box.waitFor({ timeout: 20_000 });
    await box.pressSequentially('退款多');
    const list = page.getByRole('listbox', { name: '您可能想问' });
    await expect.poll(() => list.getByRole('option').allTextContents(), { timeout: 10_000 }).toContain('退款多久到账？');
    const first = (await list.getByRole('option').allTextContents())[0]!;
    expect(first.startsWith('退款多')).toBe(true);
    await box.press('ArrowDown');
    await box.press('Enter');
    await expect.poll(() => box.inputValue()).toBe(first);
    expect(await list.isHidden()).toBe(true);
    await box.fill('');
    await box.pressSequentially('how long');
    await expect.poll(() => list.getByRole('option').allTextContents(), { timeout: 10_000 }).toContain('How long does a refund take?');
    await list.getByRole('option', { name: 'How long does a refund take?', exact: true }).click();
    await expect.poll(() => box.inputValue()).toBe('How long does a refund take?');
    // The completions answer only the holder of a chat's token.
    expect((await fetch(`http://127.0.0.1:${h.desk.port}/chat/completions?q=refund`)).status).toBe(401);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
