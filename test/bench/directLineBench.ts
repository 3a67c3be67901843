import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { loadConfig } from '../../bot/config.js';
import { createDesk, type Desk } from '../../app/desk.js';
import { memoryLine, nowMs, num, out, percentiles, table } from './report.js';
import { runTurnLoad, SMALL_TALK, type LoadOptions, type LoadResult } from './turnLoad.js';

/** 200 buyers with the web chat open at once, each typing small talk one message after another. */
const LOAD: LoadOptions = { conversations: 200, warmupMs: 3_000, measureMs: 10_000 };
/** A reply that does not come within this is counted unanswered. */
const REPLY_TIMEOUT_MS = 15_000;

interface Client {
  conversationId: string;
  token: string;
  socket: WebSocket;
  /** Resolves the pending message's reply: the first bot activity after its echo. */
  waiting?: { resolve: () => void; echoed: boolean };
}

/** One Web-Chat-like client: a token, the conversation started, the stream open, the greeting received. */
async function connect(origin: string, desk: Desk, i: number): Promise<Client> {
  const { conversationId, token } = await desk.directLine.newConversation(`bench-guest-${i}`);
  const started = await fetch(`${origin}/v3/directline/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  const { streamUrl } = (await started.json()) as { streamUrl: string };
  const socket = new WebSocket(streamUrl);
  const client: Client = { conversationId, token, socket };
  let greeted: () => void = () => undefined;
  const greeting = new Promise<void>((resolve) => (greeted = resolve));
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text) return;
    for (const a of (JSON.parse(text) as { activities: { id: string; from: { id: string } }[] }).activities) {
      if (a.from.id !== 'desk-bot') {
        if (client.waiting) client.waiting.echoed = true; // the client's own message: its answer comes next
        continue;
      }
      greeted();
      if (client.waiting?.echoed) {
        const w = client.waiting;
        client.waiting = undefined;
        w.resolve();
      }
    }
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  await greeting;
  return client;
}

/** Posts one message and waits for the bot's answer on the socket; resolves with the latency, or undefined when none came. */
async function turn(origin: string, client: Client, text: string): Promise<number | undefined> {
  const start = nowMs();
  const answered = new Promise<boolean>((resolve) => {
    client.waiting = { resolve: () => resolve(true), echoed: false };
    setTimeout(() => resolve(false), REPLY_TIMEOUT_MS).unref();
  });
  const res = await fetch(`${origin}/v3/directline/conversations/${client.conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${client.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', text, locale: /[a-z]/i.test(text) ? 'en-US' : 'zh-CN' }),
  }).catch(() => undefined);
  if (!res || res.status !== 200) {
    client.waiting = undefined;
    return undefined;
  }
  await res.arrayBuffer();
  return (await answered) ? nowMs() - start : undefined;
}

async function runDirectLine(desk: Desk): Promise<LoadResult> {
  const origin = `http://127.0.0.1:${desk.port}`;
  const clients: Client[] = [];
  for (let i = 0; i < LOAD.conversations; i += 20) clients.push(...(await Promise.all(Array.from({ length: Math.min(20, LOAD.conversations - i) }, (_, k) => connect(origin, desk, i + k)))));
  const start = nowMs();
  const from = start + LOAD.warmupMs;
  const to = from + LOAD.measureMs;
  const latencies: number[] = [];
  let unanswered = 0;
  let all = 0;
  await Promise.all(
    clients.map(async (client, i) => {
      for (let n = 0; nowMs() < to; n++) {
        const began = nowMs();
        const latency = await turn(origin, client, SMALL_TALK[(i + n) % SMALL_TALK.length]!);
        all++;
        if (began < from || began >= to) continue;
        if (latency === undefined) unanswered++;
        else latencies.push(latency);
      }
    }),
  );
  for (const c of clients) c.socket.close();
  return {
    system: 'Direct Line (WebSocket)',
    turns: latencies.length,
    turnsPerSecond: latencies.length / (LOAD.measureMs / 1000),
    latency: percentiles(latencies),
    failures: 0,
    unanswered,
    activitiesPerTurn: 0,
    allTurns: all,
  };
}

/**
 * `npm run bench -- directline`: 200 Web-Chat-like clients over the desk's own Direct Line (a
 * token, the conversation started, the WebSocket stream, messages posted, answers read on the
 * socket), against the same small talk from 200 conversations over `/api/messages` in the same run.
 */
export async function runDirectLineBench(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-bench-'));
  try {
    const config = loadConfig({ PORT: '0', DATA_FILE: path.join(dir, 'desk.json'), LOG_LEVEL: 'silent', SENDER_MESSAGES_PER_MINUTE: '0' });
    const desk = await createDesk(config, { logger: pino({ level: 'silent' }) });
    out(`load: ${LOAD.conversations} conversations at once, small talk one message after another; ${LOAD.warmupMs / 1000} s warm-up discarded, ${LOAD.measureMs / 1000} s measured.`);
    out('Direct Line latency = POST start → the answer on the WebSocket; /api/messages latency = POST start → POST response (replies already received).');
    try {
      const directLine = await runDirectLine(desk);
      out(memoryLine('memory after Direct Line'));
      const guests = Array.from({ length: LOAD.conversations }, (_, i) => ({ channelId: 'emulator', userId: `bench-emulator-guest-${i}` }));
      const bf = await runTurnLoad('/api/messages', desk.endpoint, guests, LOAD);
      out(memoryLine('memory after /api/messages'));
      out();
      table(
        ['door', 'turns', 'turns/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'unanswered'],
        [directLine, bf].map((r) => [r.system, String(r.turns), num(r.turnsPerSecond, 1), num(r.latency.p50, 1), num(r.latency.p95, 1), num(r.latency.p99, 1), num(r.latency.max, 1), String(r.unanswered + r.failures)]),
      );
    } finally {
      await desk.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
