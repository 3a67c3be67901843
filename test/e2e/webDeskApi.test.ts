import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { buyer, online, orderOf, queueAbout, queueInLine, startHandoffDesk } from '../support/handoffDriver.js';
import type { Harness } from '../support/deskHarness.js';
import { runProcess } from '../support/runProcess.js';

/**
 * The agents' desk API (README "The agents' desk API") over real HTTP: sign-in and its slow-down,
 * sessions, and every action checked against the agent's own buyers. The page itself is tested in
 * Chromium (test/browser/agentDesk.test.ts).
 */

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function desk(): Promise<Harness> {
  const h = await startHandoffDesk();
  open.push(h);
  return h;
}

interface Agent {
  cookie: string;
  call(method: string, route: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

async function request(h: Harness, method: string, route: string, body?: unknown, cookie = ''): Promise<{ status: number; body: Record<string, unknown>; setCookie: string }> {
  const res = await fetch(`http://127.0.0.1:${h.desk.port}/desk/api${route}`, {
    method,
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, setCookie: res.headers.get('set-cookie') ?? '' };
}

async function signIn(h: Harness, id: string, password = 'demo-desk'): Promise<Agent> {
  const res = await request(h, 'POST', '/sign-in', { id, password });
  expect(res.status).toBe(200);
  expect(res.setCookie).toMatch(/desk_session=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
  const cookie = res.setCookie.split(';')[0]!;
  return { cookie, call: (method, route, body) => request(h, method, route, body, cookie) };
}

describe('the agents\' desk API', () => {
  it('answers nothing without a session, and one neutral refusal for a wrong id or password', async () => {
    const h = await desk();
    expect((await request(h, 'GET', '/state')).status).toBe(401);
    expect((await request(h, 'POST', '/claim', {})).status).toBe(401);
    const wrongPassword = await request(h, 'POST', '/sign-in', { id: 'a-01', password: 'nope' });
    const unknownId = await request(h, 'POST', '/sign-in', { id: 'a-99', password: 'demo-desk' });
    expect(wrongPassword).toMatchObject({ status: 401, body: { error: 'wrong ID or password' } });
    expect(unknownId).toMatchObject({ status: 401, body: { error: 'wrong ID or password' } });
    expect((await request(h, 'GET', '/state', undefined, 'desk_session=forged')).status).toBe(401);
  });

  it('slows repeated failures down, per account', async () => {
    const h = await desk();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await request(h, 'POST', '/sign-in', { id: 'a-03', password: `guess-${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429);
    // Even the right password waits its turn while slowed down.
    const right = await request(h, 'POST', '/sign-in', { id: 'a-03', password: 'demo-desk' });
    expect(right.status).toBe(429);
  });

  it('lets an agent act only on their own buyers; signing out ends the session', async () => {
    const h = await desk();
    const lin = await signIn(h, 'a-01');
    const chen = await signIn(h, 'a-02');
    const conv = buyer(h, 'b-zh-01', 'zh-CN');
    await queueInLine(conv, 'zh-CN', 'mall');
    const claimed = await lin.call('POST', '/claim', {});
    expect(claimed.body).toMatchObject({ ok: true, handoffId: expect.any(String) });
    const id = claimed.body.handoffId as string;
    const state = await lin.call('GET', '/state');
    expect((state.body.serving as { buyerName: string }[]).map((s) => s.buyerName)).toEqual(['王芳']);

    for (const [method, route, body] of [
      ['GET', `/handoffs/${id}`, undefined],
      ['POST', `/handoffs/${id}/messages`, { text: 'hello from someone else' }],
      ['POST', `/handoffs/${id}/end`, {}],
      ['GET', `/handoffs/${id}/merchant`, undefined],
    ] as const) {
      expect((await chen.call(method, route, body)).status).toBe(404);
    }
    expect(h.desk.handoffs.book.get(id)!.state).toBe('claimed');
    const before = conv.received.length;
    expect((await lin.call('POST', `/handoffs/${id}/messages`, { text: '您好，我来帮您' })).status).toBe(200);
    await expect.poll(() => conv.received.slice(before).map((r) => r.text).join('\n')).toContain('您好，我来帮您');

    expect(h.desk.handoffs.book.isOnline('a-02', 60 * 60_000)).toBe(true);
    expect((await chen.call('POST', '/sign-out', {})).status).toBe(200);
    expect((await chen.call('GET', '/state')).status).toBe(401);
    expect(h.desk.handoffs.book.isOnline('a-02', 60 * 60_000)).toBe(false); // signed out is offline: nobody waits for them
  });

  it("shows the order's merchant and leaves the merchant a message, recorded on the order", async () => {
    const h = await desk();
    const chen = await signIn(h, 'a-02');
    const order = orderOf(h, 'b-zh-01', 'mall');
    await queueAbout(buyer(h, 'b-zh-01', 'zh-CN'), 'zh-CN', order.id);
    const claimed = await chen.call('POST', '/claim', {});
    const id = claimed.body.handoffId as string;
    const view = await chen.call('GET', `/handoffs/${id}`);
    expect(view.body).toMatchObject({ order: { id: order.id }, profile: { id: 'b-zh-01' } });
    const merchant = h.desk.repos.merchants.get(order.merchantId)!;
    expect((await chen.call('GET', `/handoffs/${id}/merchant`)).body).toEqual({ merchant: merchant.name, contact: merchant.contactHandle, orderId: order.id });
    expect((await chen.call('POST', `/handoffs/${id}/merchant`, { message: '买家催发货，请今天发出' })).body).toEqual({ ok: true, orderId: order.id });
    await h.desk.events.flush();
    const history = await h.desk.events.orderHistory(order.id);
    expect(history.at(-1)).toMatchObject({ by: 'agent:a-02' });
    expect(JSON.stringify(history.at(-1))).toContain('买家催发货，请今天发出');
  });

  it('npm run set-password sets a password read from stdin; the demo password stops working for that agent', async () => {
    const h = await desk();
    await online(h); // the store exists
    const env = { ...process.env, DATA_FILE: h.dataFile, ...(h.databaseUrl ? { DATABASE_URL: h.databaseUrl } : {}) };
    const short = await runProcess('npm', ['run', '--silent', 'set-password', '--', 'a-04'], { cwd: PROJECT_ROOT, env, input: 'short\n' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 8 characters');
    const nobody = await runProcess('npm', ['run', '--silent', 'set-password', '--', 'a-99'], { cwd: PROJECT_ROOT, env, input: 'long enough password\n' });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('No agent or manager "a-99"');
    const set = await runProcess('npm', ['run', '--silent', 'set-password', '--', 'a-04'], { cwd: PROJECT_ROOT, env, input: 'correct horse battery\n' });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('The password of a-04 is set');
    expect((await request(h, 'POST', '/sign-in', { id: 'a-04', password: 'demo-desk' })).status).toBe(401);
    expect((await request(h, 'POST', '/sign-in', { id: 'a-04', password: 'correct horse battery' })).status).toBe(200);
  }, 60_000);
});
