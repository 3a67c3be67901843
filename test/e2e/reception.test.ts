import { afterEach, describe, expect, it } from 'vitest';
import { contactFraction, straightToAgents } from '../../desk/handoff/reception.js';
import { buyer, startHandoffDesk } from '../support/handoffDriver.js';
import type { Harness } from '../support/deskHarness.js';

/**
 * Reception modes per line (web.md "Managers"): set by a manager in the console, applied to the
 * first message of each new contact, on the line of the buyer's latest order.
 */

const TOKEN = 'a-console-token-for-reception-01';
const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function call(h: Harness, method: string, route: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }): Promise<{ status: number; body: any; cookie: string }> {
  const res = await fetch(`http://127.0.0.1:${h.desk.port}${route}`, { method, headers: { ...headers, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: await res.json(), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('straightToAgents', () => {
  it('bot first never; agents first only while someone is online; a share sends that share of contacts, the same one on every desk', () => {
    expect(straightToAgents({ mode: 'bot_first' }, 'c-1', 3)).toBe(false);
    expect(straightToAgents({ mode: 'agents_first' }, 'c-1', 1)).toBe(true);
    expect(straightToAgents({ mode: 'agents_first' }, 'c-1', 0)).toBe(false);
    const ids = Array.from({ length: 20_000 }, (_, i) => `directline:conv-${i}:${1_760_000_000_000 + i * 997}`);
    for (const share of [0, 0.1, 0.3, 0.75, 1]) {
      const sent = ids.filter((id) => straightToAgents({ mode: 'share', share }, id, 2)).length / ids.length;
      expect(Math.abs(sent - share)).toBeLessThan(0.015);
    }
    expect(ids.filter((id) => straightToAgents({ mode: 'share', share: 1 }, id, 0))).toEqual([]);
    expect(contactFraction('x')).toBe(contactFraction('x'));
  });
});

describe('reception modes through the console', () => {
  it('a manager sets a line to agents first: a new contact of that line goes straight to the queue while its agent is online; bot first again, the bot answers', async () => {
    const h = await startHandoffDesk({ CONSOLE_TOKEN: TOKEN });
    open.push(h);
    const lineOfLatest = (id: string) => h.desk.repos.orders.listForBuyer(id, 1)[0]!.businessLine;
    const mallBuyers = h.desk.repos.buyers.list().filter((b) => b.locale === 'zh-CN' && lineOfLatest(b.id) === 'mall').map((b) => b.id);
    expect(mallBuyers.length).toBeGreaterThanOrEqual(2);
    // Validation, and a manager's own lines only.
    expect((await call(h, 'POST', '/api/console/reception/mall', { mode: 'robots' })).status).toBe(400);
    expect((await call(h, 'POST', '/api/console/reception/mall', { mode: 'share', share: 1.5 })).status).toBe(400);
    expect((await call(h, 'POST', '/api/console/reception/nowhere', { mode: 'bot_first' })).status).toBe(404);
    const manager = await call(h, 'POST', '/console/api/sign-in', { id: 'mgr-02', password: 'demo-desk' }, {});
    expect((await call(h, 'POST', '/api/console/reception/marketplace', { mode: 'agents_first' }, { Cookie: manager.cookie })).status).toBe(403);
    expect((await call(h, 'GET', '/api/console/reception')).body).toContainEqual({ line: 'mall', mode: 'bot_first' });

    expect((await call(h, 'POST', '/api/console/reception/mall', { mode: 'agents_first' }, { Cookie: manager.cookie })).body).toMatchObject({ line: 'mall', mode: 'agents_first', setBy: 'manager:mgr-02' });
    expect((await call(h, 'GET', '/api/console/reception', undefined, { Cookie: manager.cookie })).body).toContainEqual(expect.objectContaining({ line: 'mall', mode: 'agents_first' }));
    // Nobody of the mall online: the bot takes the contact all the same.
    const first = buyer(h, mallBuyers[0]!, 'zh-CN');
    await first.say('你好，我想问一下');
    expect(h.desk.handoffs.book.openFor(mallBuyers[0]!)).toBeUndefined();
    // An agent of the mall signs in at /desk: the next new contact goes straight to the queue.
    expect((await call(h, 'POST', '/desk/api/sign-in', { id: 'a-02', password: 'demo-desk' }, {})).status).toBe(200);
    const second = buyer(h, mallBuyers[1]!, 'zh-CN');
    const replies = await second.say('你好，我想问一下');
    const queued = h.desk.handoffs.book.openFor(mallBuyers[1]!);
    expect(queued).toMatchObject({ line: 'mall', reason: 'reception_agents_first', state: 'queued' });
    expect(replies.map((r) => r.text ?? '').join('\n')).toMatch(/排队|第\s*1|人工|客服/);
    // Back to bot first: a new contact gets the bot.
    await call(h, 'POST', '/api/console/reception/mall', { mode: 'bot_first' });
    const third = buyer(h, mallBuyers[0]!, 'zh-CN');
    await third.say('在吗');
    expect(h.desk.handoffs.book.openFor(mallBuyers[0]!)).toBeUndefined();
  });
});
