import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, OPEN_MODE_HOST } from '../../bot/config.js';
import { DEFAULT_SERVER_LIMITS } from '../../bot/serverLimits.js';
import type { IntentRecognizer } from '../../recognizers/intentRecognizer.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { KeywordRecognizer } from '../support/keywordRecognizer.js';
import { texts } from '../support/testChannel.js';
import { storedStateText, transcriptEntries } from '../support/storedData.js';

/**
 * Issue 9: what a client can make the HTTP door hold (sockets, time, turns) is bounded, and
 * malformed fields are refused at the door with a reason, before any turn.
 */

/** Short waits for the tests: the same rules as in production, with seconds made into a fraction. */
const SHORT = { ...DEFAULT_SERVER_LIMITS, bodyTimeoutMs: 300, headersTimeoutMs: 300, idleSocketMs: 1000, turnBudgetMs: 300, turnReleaseMs: 1500, maxQueuedPerConversation: 3 };

/** A recognizer that never answers for one text, until the test lets it go: a turn stuck outside the desk. */
class HangingRecognizer implements IntentRecognizer {
  private readonly inner = new KeywordRecognizer();
  private releaseAll: (() => void)[] = [];
  async recognize(...args: Parameters<IntentRecognizer['recognize']>): ReturnType<IntentRecognizer['recognize']> {
    if (/^hang /.test(args[0])) await new Promise<void>((resolve) => this.releaseAll.push(resolve));
    return this.inner.recognize(args[0], args[1]);
  }
  release(): void {
    for (const r of this.releaseAll) r();
    this.releaseAll = [];
  }
}

let h: Harness;
const hanging = new HangingRecognizer();
beforeAll(async () => {
  h = await startHarness({}, { recognizer: hanging, serverLimits: SHORT });
});
afterAll(async () => {
  hanging.release();
  await h.close();
});

/** Resolves once `done()` holds, checking every few milliseconds (the file's timeout bounds the wait). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}

async function transcriptText(): Promise<string> {
  return (await transcriptEntries(h.desk)).map((e) => JSON.stringify(e)).join('\n');
}

/** One raw HTTP exchange on its own socket: what came back, and whether the server closed the socket. */
function rawExchange(port: number, head: string, body: Buffer | string = '', keepSending = false): Promise<{ response: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    let sender: NodeJS.Timeout | undefined;
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('close', () => {
      clearInterval(sender);
      resolve({ response, closed: true });
    });
    socket.on('error', () => undefined);
    socket.write(head);
    if (body.length) socket.write(body);
    const chunk = 'x'.repeat(1024 * 1024);
    if (keepSending) sender = setInterval(() => socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`), 5);
  });
}

describe('bodies that are too big or too slow', () => {
  it('a body over the limit gets 413 and its connection closed, so a pooled connection does not fail the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const post = (body: Buffer | string, chunked: boolean): Promise<number> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: h.desk.port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': Buffer.byteLength(body) }) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    const huge = Buffer.alloc(5 * 1024 * 1024, 'a');
    expect(await post(huge, true)).toBe(413);
    const conv = h.channel.conversation({ userId: 'b-en-01', locale: 'en-US' });
    expect(await post(JSON.stringify(conv.activity({ text: 'thanks' })), false)).toBe(200);
    expect(await post(huge, false)).toBe(413);
    expect(await post(JSON.stringify(conv.activity({ text: 'thanks' })), false)).toBe(200);
    agent.destroy();
  });

  it('a client still sending past the limit is answered 413 and disconnected', async () => {
    const { response, closed } = await rawExchange(h.desk.port, 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n', '', true);
    expect(response).toMatch(/^HTTP\/1\.1 413/);
    expect(response).toMatch(/connection: close/i);
    expect(closed).toBe(true);
  });

  it('a body that trickles in gets 408 and its connection closed', async () => {
    const { response, closed } = await rawExchange(h.desk.port, 'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n', '{"type":');
    expect(response).toMatch(/^HTTP\/1\.1 408/);
    expect(closed).toBe(true);
  });

  it('a socket that never says anything is closed', async () => {
    const { response, closed } = await rawExchange(h.desk.port, '');
    expect(closed).toBe(true);
    expect(response).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('a request whose headers never end is closed', async () => {
    const { closed } = await rawExchange(h.desk.port, 'POST /api/messages HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(closed).toBe(true);
  });
});

describe('malformed fields are refused at the door with their path, and nothing is processed', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['attachments as an object', { attachments: { contentType: 'image/png' } }, /attachments/],
    ['attachments holding null', { attachments: [null] }, /attachments/],
    ['an attachment without a content type', { attachments: [{ contentUrl: 'http://127.0.0.1:1/x.png' }] }, /attachments\.0\.contentType/],
    ['an attachment linking to javascript:', { attachments: [{ contentType: 'image/png', contentUrl: 'javascript:alert(1)' }] }, /contentUrl/],
    ['eleven attachments', { attachments: Array.from({ length: 11 }, () => ({ contentType: 'image/png' })) }, /attachments/],
    ['an activity id that is a number', { id: 42 }, /id/],
    ['an activity id that is an object', { id: { x: 1 } }, /id/],
    ['a conversation id of 10,000 characters', { conversation: { id: 'c'.repeat(10_000) } }, /conversation\.id/],
    ['a user id of 1,000 characters', { from: { id: 'u'.repeat(1000) } }, /from\.id/],
    ['a message from nobody', { from: undefined }, /from/],
    ['a blank channel id', { channelId: ' ' }, /channelId/],
    ['membersAdded holding a string', { type: 'conversationUpdate', membersAdded: ['x'] }, /membersAdded/],
    ['a locale of 1,000 characters', { locale: 'x'.repeat(1000) }, /locale/],
  ])('%s', async (_name, overrides, reason) => {
    const conv = h.channel.conversation({ userId: 'b-en-02', locale: 'en-US' });
    const activity = conv.activity({ text: `malformed ${Math.random()}`, ...overrides });
    const res = await h.channel.postRaw(JSON.stringify(activity));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatch(reason);
    expect(conv.received).toEqual([]);
    expect(await transcriptText()).not.toContain(String(activity.text));
  });

  it('a display name of 100,000 characters is cut, not stored whole', async () => {
    const conv = h.channel.conversation({ userId: 'guest-long-name', userName: 'N'.repeat(100_000), locale: 'en-US' });
    expect(texts(await conv.say('hello')).length).toBeGreaterThan(0);
    expect(await storedStateText(h.desk)).not.toContain('N'.repeat(100));
  });
});

describe('where replies may go in open mode', () => {
  it.each([
    ['a loopback URL with a path', (p: number) => `http://127.0.0.1:${p}/admin/`],
    ['a loopback URL with a query', (p: number) => `http://127.0.0.1:${p}/?x=1`],
    ['a loopback URL with credentials', (p: number) => `http://user:pw@127.0.0.1:${p}`],
    ['a privileged loopback port', () => 'http://127.0.0.1:22'],
    ['the default http port on loopback', () => 'http://localhost'],
    ['the desk itself', () => `http://127.0.0.1:${h.desk.port}`],
    ['a non-http scheme', () => 'file:///etc/passwd'],
  ])('%s is refused with 403', async (_name, url) => {
    const conv = h.channel.conversation({ userId: 'b-en-03', locale: 'en-US' });
    const res = await h.channel.postRaw(JSON.stringify(conv.activity({ text: 'hi', serviceUrl: url(4000) })));
    expect(res.status).toBe(403);
    expect(conv.received).toEqual([]);
  });

  it('the test channel itself (a bare loopback origin, as the Emulator sends) is answered', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-03', locale: 'en-US' });
    expect(texts(await conv.say('thanks')).length).toBeGreaterThan(0);
  });
});

describe('where the desk listens', () => {
  it('open mode listens on loopback unless HOST says otherwise; with an app id on every interface', () => {
    expect(loadConfig({}).listenHost).toBe(OPEN_MODE_HOST);
    expect(loadConfig({ HOST: '0.0.0.0' }).listenHost).toBe('0.0.0.0');
    expect(loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'secret' }).listenHost).toBeUndefined();
    expect(h.desk.host).toBe('127.0.0.1');
  });

  it('is not reachable on the machine\'s other addresses in open mode', async () => {
    const external = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!external) return; // a machine with loopback only: the bound address above is the whole check
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(h.desk.port, external);
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

describe('a turn stuck outside the desk', () => {
  it('gets a 202 after its budget; /healthz and other conversations go on; its conversation moves after the release time', async () => {
    const stuck = h.channel.conversation({ userId: 'b-zh-04', locale: 'zh-CN' });
    const first = stuck.post({ text: 'hang on a second' });
    const second = stuck.post({ id: 'after-the-stuck-one', text: 'thanks' });
    expect((await first).status).toBe(202);
    expect((await fetch(`http://127.0.0.1:${h.desk.port}/healthz`)).status).toBe(200);
    const other = h.channel.conversation({ userId: 'b-zh-05', locale: 'zh-CN' });
    expect(texts(await other.say('谢谢')).length).toBeGreaterThan(0);
    const next = await second; // answered 202 after its own budget, while it waits behind the stuck turn
    expect([200, 202]).toContain(next.status);
    // Released after turnReleaseMs, it runs though the first is still stuck: its reply arrives.
    await until(() => stuck.received.some((a) => a.type === 'message' && a.replyToId === 'after-the-stuck-one'));
    hanging.release();
  });

  it('a flood of one conversation is answered 429 past the queue bound, and the conversation goes on', async () => {
    const flooded = h.channel.conversation({ userId: 'b-zh-06', locale: 'zh-CN' });
    const posts = [flooded.post({ text: 'hang here' }), ...Array.from({ length: 6 }, (_, i) => flooded.post({ text: `谢谢 ${i}` }))];
    await new Promise((r) => setTimeout(r, 50));
    hanging.release();
    const statuses = (await Promise.all(posts)).map((p) => p.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => [200, 202, 429].includes(s))).toBe(true);
    // The refused turns are gone; those accepted still run (a 202 answered before its turn ended): once they have, the conversation goes on.
    let after = await flooded.post({ text: '谢谢' });
    for (let i = 0; i < 100 && after.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await flooded.post({ text: '谢谢' });
    }
    expect(after.status).toBe(200);
    expect(texts(after.replies).length).toBeGreaterThan(0);
  });
});

describe('an activity sent again', () => {
  it('(a channel retrying) is acknowledged without running its turn twice', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-07', locale: 'en-US' });
    const activity = conv.activity({ id: 'sent-twice-1', text: 'thanks' });
    const post = () => h.channel.postRaw(JSON.stringify(activity));
    expect((await post()).status).toBe(200);
    const answered = conv.received.filter((a) => a.replyToId === 'sent-twice-1').length;
    expect(answered).toBeGreaterThan(0);
    expect((await post()).status).toBe(200);
    expect(conv.received.filter((a) => a.replyToId === 'sent-twice-1')).toHaveLength(answered);
    expect((await transcriptText()).split('"sent-twice-1"').length - 1).toBe(1);
  });
});

describe('messages per sender', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({ SENDER_MESSAGES_PER_MINUTE: '5' }, { recognizer: new KeywordRecognizer() });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('past the rate a sender gets 429 with Retry-After, and one kind word in the chat; other senders go on', async () => {
    const fast = limited.channel.conversation({ userId: 'b-en-04', locale: 'en-US' });
    for (let i = 0; i < 5; i++) expect((await fast.post({ text: `thanks ${i}` })).status).toBe(200);
    const before = fast.received.length;
    const refused = await fast.post({ text: 'thanks again' });
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body).error).toMatch(/too many messages from this sender; try again in \d+ s/);
    const told = texts(fast.received.slice(before));
    expect(told).toEqual([expect.stringMatching(/faster than I can read/)]);
    expect((await fast.post({ text: 'and again' })).status).toBe(429);
    expect(texts(fast.received.slice(before))).toHaveLength(1); // told once, not per message
    const other = limited.channel.conversation({ userId: 'b-en-05', locale: 'en-US' });
    expect(texts(await other.say('thanks')).length).toBeGreaterThan(0);
  });

  it('a new conversation does not reset a sender\'s rate', async () => {
    const sender = 'b-en-06';
    for (let i = 0; i < 5; i++) {
      const conv = limited.channel.conversation({ userId: sender, locale: 'en-US' });
      expect((await conv.post({ text: 'thanks' })).status).toBe(200);
    }
    const fresh = limited.channel.conversation({ userId: sender, locale: 'en-US' });
    expect((await fresh.post({ text: 'thanks' })).status).toBe(429);
  });
});
