import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectDirectLine, type Activity, type DirectLineBuyer } from '../support/directLineClient.js';
import { agent, online, said, startHandoffDesk } from '../support/handoffDriver.js';
import type { Harness } from '../support/deskHarness.js';

/**
 * The desk's own Direct Line 3.0 (web.md), driven by Microsoft's DirectLineJS (the client inside
 * Web Chat) over real HTTP and a real WebSocket, and by hand where a client would misbehave.
 */

const SECRET = 'a-shop-backend-secret-of-32-chars!';
const open: (Harness | DirectLineBuyer)[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) {
    if ('end' in thing) thing.end();
    else await thing.close();
  }
});

async function desk(env: Record<string, string> = {}): Promise<{ h: Harness; origin: string }> {
  const h = await startHandoffDesk(env);
  open.push(h);
  return { h, origin: `http://127.0.0.1:${h.desk.port}` };
}

function text(a: Activity): string {
  return a.type === 'message' ? (a.text ?? '') : '';
}

async function api(origin: string, path: string, init: { method?: string; auth?: string; body?: unknown } = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${origin}/v3/directline${path}`, {
    method: init.method ?? 'GET',
    headers: { ...(init.auth ? { Authorization: `Bearer ${init.auth}` } : {}), ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const raw = await res.text();
  return { status: res.status, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
}

describe.each([
  ['WebSocket', true],
  ['polling', false],
])('Direct Line with DirectLineJS over %s', (_name, webSocket) => {
  it('greets a demo buyer with their orders without them typing, and carries out a task by clicking', async () => {
    const { h, origin } = await desk();
    const { token } = await h.desk.directLine.newConversation('b-zh-01', '王芳');
    const buyer = connectDirectLine(origin, token, { webSocket, userId: 'b-zh-01' });
    open.push(buyer);

    const greeting = await buyer.next((a) => text(a).includes('王芳，您好'));
    expect(greeting.from.id).toBe('desk-bot');
    expect(greeting.id).toMatch(/\|\d{7}$/);
    const cards = await buyer.next((a) => a.type === 'message' && (a.attachments?.length ?? 0) > 0);
    expect(cards.attachments!.every((x) => x.contentType.startsWith('application/vnd.microsoft.card.'))).toBe(true);
    expect(buyer.received.some((a) => a.type === 'trace')).toBe(false); // traces are the Emulator's only

    // The unpaid order's card has a cancel button: pressing it is a message with its value, as Web Chat sends it.
    const unpaid = h.desk.repos.orders.listForBuyer('b-zh-01').find((o) => o.status === 'unpaid')!;
    await buyer.say(`取消订单 ${unpaid.id}`, { channelData: { clientActivityID: 'client-1' } } as Partial<Activity>);
    const echo = await buyer.next((a) => (a.channelData as { clientActivityID?: string } | undefined)?.clientActivityID === 'client-1');
    expect(echo.from.id).toBe('b-zh-01');
    const question = await buyer.next((a) => a.type === 'message' && !!a.suggestedActions?.actions.length && text(a).includes(unpaid.id));
    const yes = question.suggestedActions!.actions.find((x) => /^(是|确认|好的|确定)/.test(x.title ?? ''))!;
    expect(yes).toBeDefined();
    await buyer.say(yes.title!, { value: yes.value } as Partial<Activity>);
    await buyer.next((a) => a.type === 'message' && a.from.id === 'desk-bot' && /已取消|已经取消|取消成功/.test(text(a)));
    expect(h.desk.repos.orders.get(unpaid.id)!.status).toBe('cancelled');
  });
});

describe('Direct Line door', () => {
  it('refuses token misuse: another conversation, another user, a changed token, tokens without the secret', async () => {
    const { h, origin } = await desk();
    const a = await h.desk.directLine.newConversation('b-zh-01');
    const b = await h.desk.directLine.newConversation('b-en-01');
    const message = { type: 'message', text: 'hi', from: { id: 'b-zh-01' } };
    expect((await api(origin, `/conversations/${b.conversationId}/activities`, { method: 'POST', auth: a.token, body: message })).status).toBe(403);
    expect((await api(origin, `/conversations/${b.conversationId}/activities`, { auth: a.token })).status).toBe(403);
    expect((await api(origin, `/conversations/${a.conversationId}/activities`, { method: 'POST', auth: a.token, body: { ...message, from: { id: 'b-en-01' } } })).status).toBe(403);
    const [prefix, payload, signature] = a.token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${prefix}.${Buffer.from(JSON.stringify({ ...claims, user: 'b-en-01' })).toString('base64url')}.${signature}`;
    expect((await api(origin, `/conversations/${a.conversationId}/activities`, { method: 'POST', auth: forged, body: message })).status).toBe(403);
    expect((await api(origin, `/conversations/${a.conversationId}/activities`, { method: 'POST', body: message })).status).toBe(401);
    expect((await api(origin, '/tokens/generate', { method: 'POST', auth: a.token, body: { user: { id: 'b-en-01' } } })).status).toBe(403);
    expect((await api(origin, `/conversations/${a.conversationId}/activities`, { method: 'POST', auth: a.token, body: { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] } })).status).toBe(400);
    // A socket with another conversation's token is refused before it opens.
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/v3/directline/conversations/${b.conversationId}/stream?t=${encodeURIComponent(a.token)}`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
    });
    expect(refused).toBe(403);
    // Nothing reached b's conversation.
    expect((await api(origin, `/conversations/${b.conversationId}/activities`, { auth: b.token })).body.activities).toEqual([]);
  });

  it('with DIRECT_LINE_SECRET, the shop backend gets a token bound to its signed-in buyer; a refreshed token speaks for the same', async () => {
    const { origin } = await desk({ DIRECT_LINE_SECRET: SECRET });
    expect((await api(origin, '/tokens/generate', { method: 'POST', auth: 'not-the-secret', body: {} })).status).toBe(403);
    const made = await api(origin, '/tokens/generate', { method: 'POST', auth: SECRET, body: { user: { id: 'b-en-01', name: 'Emily' } } });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    const refreshed = await api(origin, '/tokens/refresh', { method: 'POST', auth: made.body.token as string });
    expect(refreshed.body.conversationId).toBe(made.body.conversationId);
    const buyer = connectDirectLine(origin, refreshed.body.token as string, { userId: 'b-en-01' });
    open.push(buyer);
    await buyer.next((a) => text(a).includes('Hi Emily Johnson'));
  });

  it('reads on from a watermark: nothing missed, nothing repeated', async () => {
    const { h, origin } = await desk();
    const c = await h.desk.directLine.newConversation('b-en-01');
    const started = await api(origin, '/conversations', { method: 'POST', auth: c.token });
    expect(started.status).toBe(201);
    expect(started.body.streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=/);
    const read = async (least: number): Promise<{ id: string }[]> => {
      let got: { id: string }[] = [];
      for (let i = 0; i < 50 && got.length < least; i++) {
        got = (await api(origin, `/conversations/${c.conversationId}/activities`, { auth: c.token })).body.activities as { id: string }[];
        if (got.length < least) await new Promise((r) => setTimeout(r, 100));
      }
      return got;
    };
    expect((await read(1)).length).toBeGreaterThanOrEqual(1); // the greeting, without typing
    await api(origin, `/conversations/${c.conversationId}/activities`, { method: 'POST', auth: c.token, body: { type: 'message', text: 'hello', from: { id: 'b-en-01' } } });
    const all = await read(3);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await api(origin, `/conversations/${c.conversationId}/activities?watermark=1`, { auth: c.token });
    expect((first.body.activities as { id: string }[]).map((a) => a.id)).toEqual(all.slice(1).map((a) => a.id));
    const reconnect = await api(origin, `/conversations/${c.conversationId}?watermark=${first.body.watermark as string}`, { auth: c.token });
    expect(reconnect.body.streamUrl).toContain(`watermark=${first.body.watermark as string}`);
    // The stream from that watermark sends only what comes next: the buyer's own message and the bot's answer.
    const frames: { activities: { id: string; from: { id: string } }[] }[] = [];
    const ws = new WebSocket(reconnect.body.streamUrl as string);
    await new Promise((resolve) => ws.on('open', resolve));
    ws.on('message', (data) => {
      if (data.toString()) frames.push(JSON.parse(data.toString()) as (typeof frames)[number]);
    });
    await api(origin, `/conversations/${c.conversationId}/activities`, { method: 'POST', auth: c.token, body: { type: 'message', text: 'do you ship abroad?', from: { id: 'b-en-01' } } });
    for (let i = 0; i < 50 && frames.flatMap((f) => f.activities).length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    ws.close();
    const streamed = frames.flatMap((f) => f.activities);
    expect(streamed[0]!.from.id).toBe('b-en-01');
    expect(new Set(streamed.map((a) => a.id)).size).toBe(streamed.length);
    expect(streamed.some((a) => all.some((b) => b.id === a.id))).toBe(false);
  });

  it('relays between a web chat buyer and an agent on another channel, both ways', async () => {
    const { h, origin } = await desk();
    await online(h, 'a-01');
    const { token } = await h.desk.directLine.newConversation('b-zh-01');
    const buyer = connectDirectLine(origin, token, { userId: 'b-zh-01' });
    open.push(buyer);
    await buyer.next((a) => text(a).includes('您好'));
    await buyer.say('转人工');
    const which = await buyer.next((a) => !!a.suggestedActions?.actions.some((x) => (x.value as { action?: string } | undefined)?.action === 'pickLine'));
    const mall = which.suggestedActions!.actions.find((x) => (x.value as { line?: string }).line === 'mall')!;
    await buyer.say(mall.title!, { value: mall.value } as Partial<Activity>);
    await buyer.next((a) => text(a).includes('人工客服') && a.from.id === 'desk-bot' && text(a).includes('品牌商城'));
    const desk1 = agent(h, 'a-01');
    const briefing = await desk1.say('+1');
    expect(said(briefing)).toContain('王芳');
    await buyer.next((a) => text(a).includes('已接入'));
    await desk1.say('您好，我来帮您看一下');
    await buyer.next((a) => text(a).includes('我来帮您看一下'));
    const before = desk1.received.length;
    await buyer.say('谢谢，订单一直没发货');
    for (let i = 0; i < 50 && !said(desk1.received.slice(before)).includes('一直没发货'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(said(desk1.received.slice(before))).toContain('一直没发货');
  });

  it('takes a photo with a message (Web Chat\'s upload), serves it at an unguessable link, and refuses what is no photo', async () => {
    const { h, origin } = await desk();
    const a = await h.desk.directLine.newConversation('b-zh-01');
    const b = await h.desk.directLine.newConversation('b-en-01');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4b90000000049454e44ae426082', 'hex');
    const form = (type: string, name: string, bytes: Buffer, text = '商品坏了，看照片') => {
      const f = new FormData();
      f.append('file', new Blob([bytes], { type }), name);
      f.append('activity', new Blob([JSON.stringify({ type: 'message', text, from: { id: 'b-zh-01' } })], { type: 'application/vnd.microsoft.activity' }));
      return f;
    };
    const upload = (token: string, conversationId: string, body: FormData) =>
      fetch(`${origin}/v3/directline/conversations/${conversationId}/upload?userId=b-zh-01`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body });
    expect((await upload(b.token, a.conversationId, form('image/png', 'photo.png', png))).status).toBe(403);
    expect((await upload(a.token, a.conversationId, form('text/html', 'x.html', Buffer.from('<script>alert(1)</script>')))).status).toBe(415);
    const sent = await upload(a.token, a.conversationId, form('image/png', 'photo.png', png));
    expect(sent.status).toBe(200);
    const { id } = (await sent.json()) as { id: string };
    const read = await api(origin, `/conversations/${a.conversationId}/activities`, { auth: a.token });
    const echo = (read.body.activities as { id: string; text?: string; attachments?: { contentType: string; contentUrl: string; name: string }[] }[]).find((x) => x.id === id)!;
    expect(echo.text).toBe('商品坏了，看照片');
    expect(echo.attachments).toEqual([{ contentType: 'image/png', contentUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v3\/directline\/attachments\/[\w-]{32}$/), name: 'photo.png' }]);
    const photo = await fetch(echo.attachments![0]!.contentUrl);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await photo.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${origin}/v3/directline/attachments/not-a-real-id`)).status).toBe(404);
  });
});
