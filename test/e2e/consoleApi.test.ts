import { afterEach, describe, expect, it } from 'vitest';
import { shopData } from '../../data/shopSchema.js';
import { isUncivil } from '../../desk/replies/mining.js';
import { seatsNeeded } from '../../desk/staffing/staffing.js';
import { buyer, queueInLine, startHandoffDesk } from '../support/handoffDriver.js';
import type { Harness } from '../support/deskHarness.js';

/**
 * The managers' JSON API (web.md "Managers") on the demo shop's four weeks of history: staffing
 * exactly as web.md defines it, mined replies reviewed by a manager and then offered to agents.
 */

const TOKEN = 'a-console-token-for-scripts-0123';
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function desk(): Promise<Harness> {
  const h = await startHandoffDesk({ CONSOLE_TOKEN: TOKEN });
  open.push(h);
  return h;
}

// The API answers several JSON shapes: a test reads them as `any` and asserts on what it needs.
async function get(h: Harness, route: string, auth = `Bearer ${TOKEN}`): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${h.desk.port}${route}`, { headers: auth ? { Authorization: auth } : {} });
  return { status: res.status, body: await res.json() };
}

async function post(h: Harness, route: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }): Promise<{ status: number; body: any; cookie: string }> {
  const res = await fetch(`http://127.0.0.1:${h.desk.port}${route}`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json(), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('the console API', () => {
  it('answers nothing without a manager session or the console token; an agent cannot sign in here', async () => {
    const h = await desk();
    expect((await get(h, '/api/console/staffing', '')).status).toBe(401);
    expect((await get(h, '/api/console/replies', 'Bearer not-the-token-not-the-token')).status).toBe(401);
    expect((await post(h, '/console/api/sign-in', { id: 'a-01', password: 'demo-desk' }, {})).status).toBe(403);
    const manager = await post(h, '/console/api/sign-in', { id: 'mgr-02', password: 'demo-desk' }, {});
    expect(manager.status).toBe(200);
    // mgr-02 oversees the mall and travel: the marketplace is not theirs.
    expect((await fetch(`http://127.0.0.1:${h.desk.port}/api/console/staffing?line=marketplace`, { headers: { Cookie: manager.cookie } })).status).toBe(403);
    expect((await fetch(`http://127.0.0.1:${h.desk.port}/api/console/staffing?line=mall`, { headers: { Cookie: manager.cookie } })).status).toBe(200);
  });

  it('staffing: 24 hours, each exactly as web.md computes it from the history', async () => {
    const h = await desk();
    const shop = shopData.parse(h.desk.store.doc.shop);
    const served = shop.history.filter((c) => c.businessLine === 'mall' && c.queuedAt);
    const days = [...new Set(shop.history.map((c) => c.startedAt.slice(0, 10)))].sort();
    const [from, to] = [days[0]!, days.at(-1)!];
    const { status, body } = await get(h, `/api/console/staffing?line=mall&from=${from}&to=${to}&target=0.8&answerSeconds=30`);
    expect(status).toBe(200);
    expect(body.hours).toHaveLength(24);
    // By hand, independently of the desk's code path: queued per hour of the shop's day (the history is written in +08:00), handle time, Erlang C.
    const handle = served.reduce((m, c) => m + (Date.parse(c.endedAt!) - Date.parse(c.claimedAt!)), 0) / served.length / 60_000;
    expect(body.handleMinutes).toBeCloseTo(handle, 6);
    const mallAgents = shop.agents.filter((a) => a.businessLines.includes('mall'));
    const k = mallAgents.reduce((n, a) => n + a.capacity, 0) / mallAgents.length;
    expect(body.seatsPerAgent).toBeCloseTo(k, 6);
    for (let hour = 0; hour < 24; hour++) {
      const arrivals = served.filter((c) => Number(c.queuedAt!.slice(11, 13)) === hour).length / days.length;
      const load = (arrivals * handle) / 60;
      const seats = arrivals > 0 ? seatsNeeded(load, handle, 0.8, 30) : 0;
      expect(body.hours[hour]).toMatchObject({ hour, seats, agents: seats ? Math.ceil(seats / k) : 0 });
      expect(body.hours[hour].arrivals).toBeCloseTo(arrivals, 6);
    }
    // The peaks need more agents than the night.
    expect(body.hours[11].seats).toBeGreaterThan(body.hours[3].seats);
  });

  it('mined replies: never uncivil; an approved (edited) reply is offered to agents, a rejected one never', async () => {
    const h = await desk();
    let replies: { id: string; intent: string; text: string; uses: number; status: string }[] = [];
    await expect.poll(async () => (replies = (await get(h, '/api/console/replies')).body).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 'proposed' && !isUncivil(r.text))).toBe(true);
    const perIntent = new Map<string, number>();
    for (const r of replies) perIntent.set(r.intent, (perIntent.get(r.intent) ?? 0) + 1);
    expect(Math.max(...perIntent.values())).toBeLessThanOrEqual(3);
    const tracking = replies.filter((r) => r.intent === 'task.track_logistics' && /[\u4e00-\u9fff]/.test(r.text));
    expect(tracking.length).toBeGreaterThan(1);
    const [keep, drop] = tracking;
    const edited = `${keep!.text}（已为您加急）`;
    expect((await post(h, `/api/console/replies/${keep!.id}/approve`, { text: edited })).body).toMatchObject({ status: 'approved', text: edited });
    expect((await post(h, `/api/console/replies/${drop!.id}/reject`, {})).body).toMatchObject({ status: 'rejected' });
    expect((await post(h, `/api/console/replies/${drop!.id}/approve`, { text: '爱买不买' })).status).toBe(400);

    // An agent serving a buyer who asks where the parcel is gets the approved, edited reply among the suggestions.
    const conv = buyer(h, 'b-zh-01', 'zh-CN');
    await queueInLine(conv, 'zh-CN', 'mall');
    const signIn = await post(h, '/desk/api/sign-in', { id: 'a-02', password: 'demo-desk' }, {});
    const cookie = signIn.cookie;
    const claimed = (await post(h, '/desk/api/claim', {}, { Cookie: cookie })).body;
    await conv.say('我的快递到哪了');
    let suggestions: { text: string }[] = [];
    await expect.poll(async () => {
      const view = await fetch(`http://127.0.0.1:${h.desk.port}/desk/api/handoffs/${claimed.handoffId}`, { headers: { Cookie: cookie } });
      suggestions = ((await view.json()) as { suggestions: { text: string }[] }).suggestions;
      return suggestions.map((s) => s.text);
    }).toContain(edited);
    expect(suggestions.map((s) => s.text)).not.toContain(drop!.text);
    const completions = await fetch(`http://127.0.0.1:${h.desk.port}/desk/api/completions?q=${encodeURIComponent(edited.slice(0, 3))}&locale=zh-CN`, { headers: { Cookie: cookie } });
    expect(((await completions.json()) as { completions: string[] }).completions).toContain(edited);
  });
});
