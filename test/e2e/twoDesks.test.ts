import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { freshDatabase, onPostgres, type FreshDatabase } from '../support/freshDatabase.js';
import { ASK_PERSON, agent, button, buyer, from, said, trainedRecognizer } from '../support/handoffDriver.js';
import { KeywordRecognizer } from '../support/keywordRecognizer.js';
import { texts } from '../support/testChannel.js';
import { connectDirectLine } from '../support/directLineClient.js';

/**
 * Two desks on one PostgreSQL database, each behind its own HTTP port (as behind a load balancer)
 * are one desk: a buyer on one and an agent on the other talk, an order changed through one is
 * changed for both, one waiting buyer goes to one agent, one conversation's turns run one at a time.
 */

let db: FreshDatabase;
let a: Harness;
let b: Harness;

async function startBoth(overrides: Parameters<typeof startHarness>[1] = {}): Promise<void> {
  db = await freshDatabase();
  a = await startHarness({ DATABASE_URL: db.url }, overrides);
  b = await startHarness({ DATABASE_URL: db.url }, overrides);
}

afterEach(async () => {
  await Promise.allSettled([a?.close(), b?.close()]);
  await db?.drop();
});

describe.skipIf(!onPostgres())('two desks on one database', () => {
  beforeEach(async () => {
    await startBoth({ recognizer: await trainedRecognizer() });
  });

  it.each([
    ['zh-CN', 'b-zh-07', 'a-01', '我的快递到哪了', '您好，我来帮您查'],
    ['en-US', 'b-en-07', 'a-05', 'where is my parcel?', 'Hi, let me check that for you'],
  ] as const)('%s: a buyer on one desk and an agent on the other talk through the desk', async (locale, buyerId, agentId, buyerSays, agentSays) => {
    const announced: string[] = [];
    b.desk.notifications.subscribe((n) => announced.push(`${n.kind} ${String(n.payload.party)}`));
    await b.desk.notifications.ready();
    const desk = agent(b, agentId);
    await desk.say('/online');
    const conv = buyer(a, buyerId, locale);
    const asked = await conv.say(ASK_PERSON[locale]);
    const picked = asked.some((r) => (r.suggestedActions?.actions ?? []).some((x) => (x.value as { action?: string } | undefined)?.action === 'pickLine'));
    if (picked) await conv.press(button(asked, 'pickLine', (v) => v.line === 'mall'));
    const briefing = await desk.say('+1');
    expect(said(briefing)).toContain(b.desk.repos.buyers.get(buyerId)!.name);

    const toAgent = from(desk);
    await conv.say(buyerSays);
    expect(said(toAgent())).toContain(buyerSays); // relayed from desk A to the agent's channel

    const toBuyer = from(conv);
    await desk.say(agentSays);
    expect(said(toBuyer())).toContain(agentSays); // relayed from desk B to the buyer's channel
    // Desk B heard what desk A announced (the buyer queued there) and its own claim.
    await expect.poll(() => announced).toEqual([`handoff.queued ${buyerId}`, `handoff.claimed ${buyerId}`]);
  });

  it('two agents on two desks typing +1 at once for one waiting buyer: exactly one gets them', async () => {
    const [first, second] = [agent(a, 'a-01'), agent(b, 'a-02')];
    await first.say('/online');
    await second.say('/online');
    const conv = buyer(a, 'b-zh-07', 'zh-CN');
    const asked = await conv.say(ASK_PERSON['zh-CN']);
    const picked = asked.some((r) => (r.suggestedActions?.actions ?? []).some((x) => (x.value as { action?: string } | undefined)?.action === 'pickLine'));
    if (picked) await conv.press(button(asked, 'pickLine', (v) => v.line === 'mall'));
    const [one, two] = await Promise.all([first.say('+1'), second.say('+1')]);
    const got = [one, two].filter((r) => said(r).includes(a.desk.repos.buyers.get('b-zh-07')!.name));
    expect(got).toHaveLength(1);
    await a.desk.store.refresh();
    await b.desk.store.refresh();
    const handoff = a.desk.handoffs.book.openFor('b-zh-07');
    expect(handoff?.state).toBe('claimed');
    expect(b.desk.handoffs.book.openFor('b-zh-07')?.agentId).toBe(handoff?.agentId);
  });
});

describe.skipIf(!onPostgres())('two desks on one database, with a keyword recognizer', () => {
  beforeEach(async () => {
    await startBoth({ recognizer: new KeywordRecognizer() });
  });

  it("an order cancelled through one desk is cancelled for the other's buyers", async () => {
    const order = a.desk.repos.orders.listForBuyer('b-zh-01').find((o) => o.status === 'unpaid' || o.status === 'paid');
    expect(order).toBeDefined();
    const was = order!.status; // the order object is the desk's own copy: it changes with the action
    const done = await a.desk.actions.cancel(order!.id, was, { by: 'bot' });
    const status = done.ok ? done.order.status : was;
    expect(done.ok).toBe(true);
    expect(status).toBe('cancelled');
    // Desk B's next turn in any conversation starts from the database's state.
    await buyer(b, 'b-zh-01', 'zh-CN').say('你好');
    expect(b.desk.repos.orders.get(order!.id)?.status).toBe(status);
    const again = await b.desk.actions.cancel(order!.id, was, { by: 'bot' });
    expect(again).toMatchObject({ ok: false, reason: 'state_changed' });
  });

  it('a message sent again to the other desk (a channel retrying) is acknowledged, not run twice', async () => {
    const onA = a.channel.conversation({ userId: 'b-zh-02', locale: 'zh-CN', conversationId: 'conv-retry' });
    const onB = b.channel.conversation({ userId: 'b-zh-02', locale: 'zh-CN', conversationId: 'conv-retry' });
    const first = await onA.post({ id: 'activity-1', text: '你好' });
    expect(first.status).toBe(200);
    expect(texts(first.replies).length).toBeGreaterThan(0);
    const again = await onB.post({ id: 'activity-1', text: '你好' });
    expect(again.status).toBe(200);
    expect(again.replies).toEqual([]);
    const transcript = await b.desk.transcript.readConversation('conv-retry');
    expect(transcript.filter((e) => e.direction === 'in')).toHaveLength(1);
  });

  it("one conversation's messages arriving at both desks at once are answered one at a time, none lost", async () => {
    const onA = a.channel.conversation({ userId: 'b-en-01', locale: 'en-US', conversationId: 'conv-shared' });
    const onB = b.channel.conversation({ userId: 'b-en-01', locale: 'en-US', conversationId: 'conv-shared' });
    const sent = Array.from({ length: 6 }, (_, i) => (i % 2 ? onB : onA).post({ text: `hi ${i}` }));
    const results = await Promise.all(sent);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const r of results) expect(texts(r.replies).length).toBeGreaterThan(0); // every message answered
    // The conversation's state saw every turn (none overwritten by a parallel one): its transcript has all six.
    const transcript = await a.desk.transcript.readConversation('conv-shared');
    expect(transcript.filter((e) => e.direction === 'in').map((e) => e.text).sort()).toEqual(['hi 0', 'hi 1', 'hi 2', 'hi 3', 'hi 4', 'hi 5']);
  });
});

describe.skipIf(!onPostgres())('two desks on one database: the web doors', () => {
  beforeEach(async () => {
    await startBoth({ recognizer: await trainedRecognizer() });
  });

  it("a web chat buyer streaming from one desk hears the bot's answer to a message posted through the other", async () => {
    const { token, conversationId } = await a.desk.directLine.newConversation('b-en-01');
    const buyerOnA = connectDirectLine(`http://127.0.0.1:${a.desk.port}`, token, { userId: 'b-en-01' });
    try {
      await buyerOnA.next((x) => (x.text ?? '').includes('Hi Emily'));
      // The load balancer sends the next request to desk B.
      const posted = await fetch(`http://127.0.0.1:${b.desk.port}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'do you ship abroad?', from: { id: 'b-en-01' } }),
      });
      expect(posted.status).toBe(200);
      const { id } = (await posted.json()) as { id: string };
      await buyerOnA.next((x) => x.id === id); // its own message, echoed on desk A's socket
      const answer = await buyerOnA.next((x) => x.from.id === 'desk-bot' && buyerOnA.received.findIndex((y) => y.id === id) < buyerOnA.received.indexOf(x));
      expect(answer.type).toBe('message');
    } finally {
      buyerOnA.end();
    }
  });

  it('an agent signed in on one desk claims and answers a buyer who writes through the other', async () => {
    const signIn = await fetch(`http://127.0.0.1:${b.desk.port}/desk/api/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'a-02', password: 'demo-desk' }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const call = async (port: number, method: string, route: string, body?: unknown) =>
      (await fetch(`http://127.0.0.1:${port}/desk/api${route}`, { method, headers: { Cookie: cookie, ...(body ? { 'Content-Type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) })).json() as Promise<Record<string, unknown>>;
    const conv = buyer(a, 'b-zh-01', 'zh-CN');
    const asked = await conv.say(ASK_PERSON['zh-CN']);
    await conv.press(button(asked, 'pickLine', (v) => v.line === 'mall'));
    const claimed = await call(b.desk.port, 'POST', '/claim', {});
    expect(claimed.ok).toBe(true);
    // The session is good on desk A too: one desk, two instances.
    const state = await call(a.desk.port, 'GET', '/state');
    expect((state.serving as { buyerName: string }[]).map((x) => x.buyerName)).toEqual(['王芳']);
    await call(a.desk.port, 'POST', `/handoffs/${claimed.handoffId as string}/messages`, { text: '您好，我是陈思雨' });
    await expect.poll(() => texts(conv.received).join('\n')).toContain('您好，我是陈思雨');
  });
});

describe.skipIf(!onPostgres())('two desks on one database: the console', () => {
  const TOKEN = 'a-console-token-for-two-desks-01';
  beforeEach(async () => {
    db = await freshDatabase();
    a = await startHarness({ DATABASE_URL: db.url, CONSOLE_TOKEN: TOKEN }, { recognizer: await trainedRecognizer() });
    b = await startHarness({ DATABASE_URL: db.url, CONSOLE_TOKEN: TOKEN }, { recognizer: await trainedRecognizer() });
    await Promise.all([a.desk.ready, b.desk.ready]);
  });
  const consoleCall = async (port: number, method: string, route: string, body?: unknown) =>
    (await fetch(`http://127.0.0.1:${port}${route}`, { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) })).json() as Promise<any>;

  it('one demo history for both, a contact on one desk counted by the other, and a reception mode set on one applied by the other', async () => {
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const monthA = await consoleCall(a.desk.port, 'GET', '/api/console/volume?line=mall');
    const monthB = await consoleCall(b.desk.port, 'GET', '/api/console/volume?line=mall');
    expect(monthA.contacts).toBeGreaterThan(1000);
    expect(monthB.contacts).toBe(monthA.contacts); // made once, not twice
    const mallBuyer = a.desk.repos.buyers.list().find((x) => a.desk.repos.orders.listForBuyer(x.id, 1)[0]?.businessLine === 'mall' && x.locale === 'zh-CN')!;
    const before = (await consoleCall(b.desk.port, 'GET', `/api/console/volume?line=mall&from=${today}&to=${today}`)).contacts;
    await buyer(a, mallBuyer.id, 'zh-CN').say('你们支持花呗吗');
    await a.desk.handoffs.service.contactsWritten();
    expect((await consoleCall(b.desk.port, 'GET', `/api/console/volume?line=mall&from=${today}&to=${today}`)).contacts).toBe(before + 1);

    // Agents first, set through desk B, while an agent of the mall is signed in on desk B: a new contact on desk A goes straight to the queue.
    const signIn = await fetch(`http://127.0.0.1:${b.desk.port}/desk/api/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: 'a-02', password: 'demo-desk' }) });
    expect(signIn.status).toBe(200);
    expect(await consoleCall(b.desk.port, 'POST', '/api/console/reception/mall', { mode: 'agents_first' })).toMatchObject({ mode: 'agents_first' });
    await expect
      .poll(async () => {
        await buyer(a, mallBuyer.id, 'zh-CN').say('在吗');
        return a.desk.handoffs.book.openFor(mallBuyer.id)?.reason;
      }, { timeout: 10_000 })
      .toBe('reception_agents_first');
  });
});

describe.skipIf(!onPostgres())('two desks on one database, both running reminders', () => {
  let clock = new Date('2026-04-15T10:00:00+08:00');
  beforeEach(async () => {
    clock = new Date('2026-04-15T10:00:00+08:00');
    await startBoth({ recognizer: new KeywordRecognizer(), now: () => clock });
  });

  it('an unpaid order gets its one reminder once, whichever desks check', async () => {
    const conv = buyer(a, 'b-zh-01', 'zh-CN');
    await conv.say('你好'); // the buyer's last conversation is on desk A
    const order = b.desk.repos.orders.listForBuyer('b-zh-01').find((o) => o.status === 'unpaid');
    expect(order).toBeDefined();
    clock = new Date(Date.parse(order!.createdAt) + 24 * 60 * 60_000); // long past due, by day in Shanghai
    while (clock.getUTCHours() < 2 || clock.getUTCHours() > 12) clock = new Date(clock.getTime() + 60 * 60_000);
    const sent = await Promise.all([a.desk.runReminders(), b.desk.runReminders(), a.desk.runReminders(), b.desk.runReminders()]);
    expect(sent.reduce((x, y) => x + y, 0)).toBe(1);
    expect(texts(conv.received).filter((t) => t.includes(order!.id) && /还没付款/.test(t))).toHaveLength(1);
  });
});
