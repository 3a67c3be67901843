import { afterEach, describe, expect, it } from 'vitest';
import { shopData, type HistoryContact } from '../../data/shopSchema.js';
import { importShop } from '../../data/importShop.js';
import { between, pick, seededRandom } from '../support/prng.js';
import { isUncivil } from '../../desk/replies/mining.js';
import { seatsNeeded } from '../../desk/staffing/staffing.js';
import { buyer, queueInLine, startHandoffDesk } from '../support/handoffDriver.js';
import { texts } from '../support/testChannel.js';
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
  const h = await startHandoffDesk({ CONSOLE_TOKEN: TOKEN }, { mineEveryMs: 0 });
  open.push(h);
  await h.desk.ready; // the demo's history, made in the background at start
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

  it('staffing and volume of a history the project has never seen (imported, in another zone), exactly as web.md computes them by hand', async () => {
    const h = await desk();
    const shop = shopData.parse(h.desk.store.doc.shop);
    const random = seededRandom(1206);
    const lineAgents = shop.agents.filter((a) => a.businessLines.includes('travel'));
    // Three weeks of a travel desk in New York time, queued at random hours, some not claimed, some rated.
    const history: HistoryContact[] = Array.from({ length: 2500 }, (_, i) => {
      const started = Date.parse('2026-10-04T00:00:00-04:00') + Math.floor(random() * 21 * 86_400_000);
      const iso = (ms: number) => new Date(ms - 4 * 3_600_000).toISOString().replace('Z', '-04:00').replace(/\.\d{3}/, '');
      const base = { id: `ny-${i}`, buyerId: null, businessLine: random() < 0.8 ? 'travel' : 'mall', locale: 'en-US' as const, startedAt: iso(started), messages: [] };
      if (random() < 0.5) return base;
      const queued = started + between(random, 10, 200) * 1000;
      if (random() < 0.15) return { ...base, queuedAt: iso(queued) };
      const claimed = queued + between(random, 1, 600) * 1000;
      return { ...base, queuedAt: iso(queued), claimedAt: iso(claimed), agentId: pick(random, lineAgents).id, endedAt: iso(claimed + between(random, 60, 1500) * 1000), ...(random() < 0.5 ? { rating: { satisfied: random() < 0.7 } } : {}) };
    });
    await importShop(h.desk.store, h.desk.contacts, shopData.parse({ ...h.desk.store.doc.shop, history }), 'never-seen.json');
    expect(h.desk.store.doc.shop.history ?? []).toEqual([]);
    const [from, to] = ['2026-10-06', '2026-10-20'];
    const { status, body } = await get(h, `/api/console/staffing?line=travel&from=${from}&to=${to}&target=0.9&answerSeconds=20`);
    expect(status).toBe(200);
    expect(body.hours).toHaveLength(24);
    // By hand: the shop's day is Shanghai's (SHOP_TIME_ZONE's default); Intl places each contact.
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    const placeOf = (iso: string) => {
      const [date, hour] = local.format(new Date(iso)).split(' ');
      return { date: date!, hour: Number(hour) };
    };
    const inPeriod = (iso: string) => placeOf(iso).date >= from && placeOf(iso).date <= to;
    const queued = history.filter((c) => c.businessLine === 'travel' && c.queuedAt && inPeriod(c.queuedAt));
    const claimed = queued.filter((c) => c.claimedAt);
    const handle = claimed.reduce((m, c) => m + (Date.parse(c.endedAt!) - Date.parse(c.claimedAt!)), 0) / claimed.length / 60_000;
    expect(body.handleMinutes).toBeCloseTo(handle, 6);
    const k = lineAgents.reduce((n, a) => n + a.capacity, 0) / lineAgents.length;
    expect(body.seatsPerAgent).toBeCloseTo(k, 6);
    for (let hour = 0; hour < 24; hour++) {
      const arrivals = queued.filter((c) => placeOf(c.queuedAt!).hour === hour).length / 15;
      const seats = arrivals > 0 ? seatsNeeded((arrivals * handle) / 60, handle, 0.9, 20) : 0;
      expect(body.hours[hour]).toMatchObject({ hour, seats, agents: seats ? Math.ceil(seats / k) : 0 });
      expect(body.hours[hour].arrivals).toBeCloseTo(arrivals, 6);
    }
    const volume = (await get(h, `/api/console/volume?line=travel&from=${from}&to=${to}`)).body;
    const started = history.filter((c) => c.businessLine === 'travel' && inPeriod(c.startedAt));
    expect(volume.contacts).toBe(started.length);
    expect(volume.byDay).toHaveLength(15);
    expect(volume.byDay.reduce((n: number, d: { contacts: number }) => n + d.contacts, 0)).toBe(started.length);
    expect(volume.resolvedByBot).toBeCloseTo(started.filter((c) => !c.queuedAt).length / started.length, 9);
    const rated = started.filter((c) => c.rating);
    expect(volume.satisfaction).toBeCloseTo(rated.filter((c) => c.rating!.satisfied).length / rated.length, 9);
    const waited = started.filter((c) => c.claimedAt);
    expect(volume.meanWaitSeconds).toBeCloseTo(waited.reduce((m, c) => m + Date.parse(c.claimedAt!) - Date.parse(c.queuedAt!), 0) / waited.length / 1000, 6);
  });

  it('the demo shop\'s history staffs its peaks with more seats than its nights', async () => {
    const h = await desk();
    const { body } = await get(h, '/api/console/staffing?line=mall');
    expect(Math.max(body.hours[11].seats, body.hours[19].seats)).toBeGreaterThanOrEqual(2);
    expect(body.hours[11].seats).toBeGreaterThan(body.hours[3].seats);
    expect(body.hours[11].agents).toBeGreaterThanOrEqual(1);
  });

  it('counts the desk\'s own contacts (one the bot resolved alone, two agents served) and mines what agents wrote', async () => {
    const h = await desk();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const lines = ((await get(h, '/console/api/me')).body.lines as { id: string }[]).map((l) => l.id);
    const volumeToday = async () => {
      const all = await Promise.all(lines.map(async (line) => (await get(h, `/api/console/volume?line=${line}&from=${today}&to=${today}`)).body));
      return { contacts: all.reduce((n, v) => n + v.contacts, 0), queued: all.reduce((n, v) => n + v.byHour.reduce((m: number, x: { queued: number }) => m + x.queued, 0), 0), mall: all[lines.indexOf('mall')] };
    };
    const signIn = await post(h, '/desk/api/sign-in', { id: 'a-02', password: 'demo-desk' }, {});
    // A shop without history: what is mined is what agents wrote here.
    await importShop(h.desk.store, h.desk.contacts, shopData.parse({ ...h.desk.store.doc.shop, history: [] }), 'no-history.json');
    const before = await volumeToday();
    await buyer(h, 'b-zh-02', 'zh-CN').say('你们的退货政策是什么');
    const reply = '亲，包裹已经在派送途中了，请保持电话畅通哦';
    for (const buyerId of ['b-zh-01', 'b-zh-03']) {
      const conv = buyer(h, buyerId, 'zh-CN');
      await queueInLine(conv, 'zh-CN', 'mall');
      const claimed = (await post(h, '/desk/api/claim', {}, { Cookie: signIn.cookie })).body;
      await conv.say('我的快递到哪了');
      expect((await post(h, `/desk/api/handoffs/${claimed.handoffId}/messages`, { text: reply }, { Cookie: signIn.cookie })).status).toBe(200);
      expect((await post(h, `/desk/api/handoffs/${claimed.handoffId}/end`, {}, { Cookie: signIn.cookie })).status).toBe(200);
    }
    await h.desk.handoffs.service.contactsWritten();
    const after = await volumeToday();
    expect(after.contacts - before.contacts).toBe(3);
    expect(after.queued - before.queued).toBe(2);
    expect(after.mall.meanFirstReplySeconds).not.toBeNull();
    const replies = (await get(h, '/api/console/replies')).body as { intent: string; text: string; uses: number }[];
    expect(replies.find((r) => r.text === reply)).toMatchObject({ intent: 'task.track_logistics', uses: 2 });
  });

  it('mined replies: never uncivil; an approved (edited) reply is offered to agents, a rejected one never', async () => {
    const h = await desk();
    let replies: { id: string; intent: string; text: string; uses: number; status: string }[] = [];
    await expect.poll(async () => (replies = (await get(h, '/api/console/replies')).body).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 'proposed' && !isUncivil(r.text))).toBe(true);
    const perIntent = new Map<string, number>();
    for (const r of replies) perIntent.set(r.intent, (perIntent.get(r.intent) ?? 0) + 1);
    expect(Math.max(...perIntent.values())).toBeLessThanOrEqual(3);
    const tracking = replies.filter((r) => r.intent === 'task.track_logistics');
    const chinese = tracking.filter((r) => /[\u4e00-\u9fff]/.test(r.text));
    expect(chinese.length).toBeGreaterThan(0);
    const keep = chinese[0];
    const drop = chinese[1] ?? tracking.find((r) => r !== keep);
    expect(drop).toBeDefined();
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

describe('/today for managers on a chat channel', () => {
  it('a manager gets the day for the lines they oversee, in their language, matching the console; nobody else does, and it is never a contact', async () => {
    const h = await desk();
    await buyer(h, 'b-zh-02', 'zh-CN').say('你们的退货政策是什么');
    await h.desk.handoffs.service.contactsWritten();
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const before = await h.desk.contacts.count();

    const sarah = h.channel.conversation({ userId: 'manager-mgr-02', locale: 'en-US' });
    const [summary] = texts(await sarah.say('/today'));
    expect(summary).toContain(`Today so far (${today}`);
    // mgr-02 oversees the mall and travel, not the marketplace.
    expect(summary).toMatch(/Brand Mall: \d+ contacts/);
    expect(summary).toMatch(/Travel & Top-ups: \d+ contacts/);
    expect(summary).not.toContain('Marketplace');
    for (const [name, line] of [['Brand Mall', 'mall'], ['Travel & Top-ups', 'travel']] as const) {
      const v = (await get(h, `/api/console/volume?line=${line}&from=${today}&to=${today}`)).body;
      expect(summary).toContain(`${name}: ${v.contacts} contacts`);
    }
    const [zh] = texts(await h.channel.conversation({ userId: 'manager-mgr-01', locale: 'zh-CN' }).say('/today'));
    expect(zh).toContain('今日概况');
    expect(zh).toMatch(/品牌商城：咨询 \d+/);
    expect(zh).toContain('需要');
    expect(texts(await sarah.say('hello'))[0]).toContain('/today');
    // A buyer sending /today gets the bot, not the figures.
    expect(texts(await buyer(h, 'b-en-02', 'en-US').say('/today')).join('\n')).not.toContain('Today so far');
    await h.desk.handoffs.service.contactsWritten();
    expect((await h.desk.contacts.count()) - before).toBe(1); // the buyer's, not the managers'
  });
});
