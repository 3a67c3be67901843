import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../bot/config.js';
import { createDesk, type Desk } from '../../app/desk.js';
import { stateFileBeside } from '../../data/lowdb/store.js';
import { loadOrTrainModel, type IntentModel } from '../../recognizers/intentModel.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';
import { type Arrival, RelayChannel, tag } from './relayChannel.js';
import { buildRelayShop, RELAY_LINES } from './relayShop.js';
import { memoryLine, mib, nowMs, num, out, percentiles, table } from './report.js';
import { watchWrites } from './writeCounter.js';

/** 100 buyers served at once by 10 agents of 10 seats: every seat taken. */
const SIZE = { buyers: 100, agents: 10, capacity: 10 };
/** Buyer → agent: every buyer sends one message per wave, all at once; 20 waves = 2,000 messages. */
const BUYER_WAVES = 20;
/** Agent → buyer: each agent writes to each of its buyers in turn (`/to N`, then the text), all agents at once. */
const AGENT_ROUNDS = 10;
/** A relay that has not arrived after this long counts as lost. */
const TIMEOUT_MS = 30_000;

const BUYER_TEXTS = {
  zh: ['我的快递到哪了', '充电器收到了但是充不进电', '床单颜色和图片不一样', '什么时候能退款', '物流两天没更新了', '能换一个大一点的尺寸吗'],
  en: ['where is my parcel now', 'the charger arrived but it does not charge', 'the sheet colour is not the one in the picture', 'when will I get the refund', 'the tracking has not moved for two days', 'can I exchange it for a bigger size'],
};
const AGENT_TEXTS = { zh: '您好，我帮您查一下，请稍等', en: 'Hi, let me check that for you, one moment' };

/** A buyer or agent of the bench shop, with the one conversation they write in. */
interface Party {
  id: string;
  userId: string;
  conversationId: string;
  name: string;
  zh: boolean;
}
interface Sample {
  relayMs?: number;
  postMs: number;
  ok: boolean;
}
interface Phase {
  name: string;
  samples: Sample[];
  wallMs: number;
  /** CPU time of the whole process (desk, channel and clients) over the phase. */
  cpuMs: number;
  writes: number;
  rssPeak: number;
}

const party = (id: string, userId: string, name: string, zh: boolean): Party => ({ id, userId, name, zh, conversationId: `relay-${userId}` });

/** Sends one tagged message and times it: POST start → tagged relay at `to`, checked against `expected`. */
async function relayOnce(channel: RelayChannel, seq: number, from: Party, text: string, to: string, expected: RegExp): Promise<Sample> {
  const arrival: Promise<Arrival | undefined> = channel.expect(seq, TIMEOUT_MS);
  const start = nowMs();
  const status = await channel.post(from.conversationId, from.userId, { text: `${text} ${tag(seq)}` });
  const postMs = nowMs() - start;
  const a = await arrival;
  return { relayMs: a && a.at - start, postMs, ok: status === 200 && a?.conversationId === to && expected.test(a.text) };
}

/** Runs `body`, counting the state document's rewrites and sampling RSS. */
async function phase(name: string, desk: Desk, body: () => Promise<Sample[]>): Promise<Phase> {
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
  const writes = watchWrites(desk.lowdb!.store.stateFile);
  const start = nowMs();
  const cpu = process.cpuUsage();
  const samples = await body();
  const wallMs = nowMs() - start;
  const { user, system } = process.cpuUsage(cpu);
  clearInterval(sampler);
  return { name, samples, wallMs, cpuMs: (user + system) / 1000, writes: await writes.stop(), rssPeak };
}

/** `s` as a literal inside a RegExp. */
const literal = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Opens everyone's conversation, queues every buyer (pressing their line's button), and lets the agents `+1` until every seat is taken. */
async function openHandoffs(desk: Desk, channel: RelayChannel, buyers: Party[], agents: Party[]): Promise<Phase[]> {
  const open = (p: Party) => channel.post(p.conversationId, p.userId, { type: 'conversationUpdate', membersAdded: [{ id: 'desk-bot' }, { id: p.userId }] });
  await Promise.all([...agents, ...buyers].map(open));
  const ask = await phase('buyer asks (+ picks line)', desk, () =>
    Promise.all(buyers.map(async (b, i): Promise<Sample> => {
      const start = nowMs();
      channel.take(b.conversationId);
      await channel.post(b.conversationId, b.userId, { text: b.zh ? '转人工' : 'let me talk to a person' });
      const line = RELAY_LINES[i % RELAY_LINES.length];
      const buttons = channel.take(b.conversationId).flatMap((a) => a.suggestedActions?.actions ?? []);
      const pick = buttons.find((x) => {
        const value = x.value as { action?: string; line?: string } | undefined;
        return value?.action === 'pickLine' && value.line === line;
      });
      if (pick) await channel.post(b.conversationId, b.userId, { text: pick.text, value: pick.value });
      return { postMs: nowMs() - start, ok: desk.handoffs.book.openFor(b.id)?.state === 'queued' };
    })),
  );
  const claim = await phase('agent +1 (claim)', desk, () =>
    Promise.all(agents.map(async (a) => {
      const samples: Sample[] = [];
      for (let i = 0; i < SIZE.capacity; i++) {
        const start = nowMs();
        const status = await channel.post(a.conversationId, a.userId, { text: '+1' });
        samples.push({ postMs: nowMs() - start, ok: status === 200 });
      }
      return samples;
    })).then((s) => s.flat()),
  );
  return [ask, claim];
}

/**
 * The relay benchmark: 100 handoffs open at once (100 buyers, 10 agents × 10 seats), then 2,000
 * buyer messages in waves of 100 at once, timed from the buyer's POST to the "[n] name: text"
 * reaching the agent's conversation at the channel; then agent → buyer the same way.
 */
export async function runRelayBench(): Promise<void> {
  // Loaded (or, after a corpus change, trained: minutes) before anything is timed, as the desk itself would.
  const model = await loadOrTrainModel(loadConfig({}).MODEL_DIR);
  out(`intent model: ${model.trained ? `trained for the changed corpus in ${num(model.trainMs / 1000, 1)} s (not part of the figures)` : `loaded in ${num(model.loadMs / 1000, 1)} s`}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-relay-bench-'));
  try {
    await runOnStore(dir, model);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The bench proper, on a store in `dir`: a desk seeded with the bench shop, a channel, the phases. */
async function runOnStore(dir: string, model: IntentModel): Promise<void> {
  const config = loadConfig({ PORT: '0', DATA_FILE: path.join(dir, 'desk.json'), LOG_LEVEL: 'silent', REMINDER_CHECK_SECONDS: '0', SENDER_MESSAGES_PER_MINUTE: '0' });
  const shop = buildRelayShop(SIZE);
  await writeFile(config.DATA_FILE, JSON.stringify({ version: 1, meta: { source: 'import', importedAt: new Date().toISOString() }, shop }));
  let problems = 0; // warnings and errors the desk logged: counted, not printed
  const logger = pino({ level: 'warn' }, { write: () => void problems++ });
  const desk = await createDesk(config, { logger, recognizer: new NlpRecognizer(model) });
  const channel = await RelayChannel.start(`http://127.0.0.1:${desk.port}/api/messages`);
  try {
    const buyers = shop.buyers.map((b) => party(b.id, b.channelAccounts![0]!.userId, b.name, b.locale === 'zh-CN'));
    const agents = shop.agents.map((a) => party(a.id, a.channelAccounts![0]!.userId, a.name, a.languages[0] === 'zh'));
    out(`shop: ${SIZE.buyers} buyers (orders in ${RELAY_LINES.length} lines each), ${SIZE.agents} agents × ${SIZE.capacity} seats; desk, channel and clients in this one process.`);
    out(memoryLine('memory after desk start'));
    const setup = await openHandoffs(desk, channel, buyers, agents);
    channel.stopKeeping();
    const book = desk.handoffs.book;
    const claimed = agents.reduce((n, a) => n + book.serving(a.id).length, 0);
    out(`open handoffs after the claims: ${claimed} claimed of ${SIZE.buyers} buyers`);
    if (claimed !== SIZE.buyers) {
      phaseTable(setup);
      throw new Error(`relay bench: only ${claimed} of ${SIZE.buyers} handoffs were claimed; see the setup table above`);
    }
    // Who serves whom, and the "[n] name" each buyer's message must reach the agent as.
    const route = new Map<string, { agent: Party; n: number }>();
    agents.forEach((a) => book.serving(a.id).forEach((h, j) => route.set(h.buyerId ?? '', { agent: a, n: j + 1 })));
    const transcriptBefore = (await stat(config.transcriptFile)).size;
    let seq = 0;
    const toAgent = await phase(`buyer → agent (${BUYER_WAVES} waves × ${SIZE.buyers})`, desk, async () => {
      const samples: Sample[] = [];
      for (let w = 0; w < BUYER_WAVES; w++) {
        const wave = buyers.map((b, i) => {
          const { agent, n } = route.get(b.id)!;
          const texts = b.zh ? BUYER_TEXTS.zh : BUYER_TEXTS.en;
          return relayOnce(channel, ++seq, b, texts[(w + i) % texts.length]!, agent.conversationId, new RegExp(`^\\[${n}\\] ${literal(b.name)}[:：] ?`));
        });
        samples.push(...(await Promise.all(wave)));
      }
      return samples;
    });
    const toBuyer = await phase(`agent → buyer (${AGENT_ROUNDS} rounds × ${SIZE.buyers}, /to N before each)`, desk, async () => {
      const perAgent = agents.map(async (a) => {
        const samples: Sample[] = [];
        const served = book.serving(a.id).map((h) => buyers.find((b) => b.id === h.buyerId)!);
        for (let r = 0; r < AGENT_ROUNDS; r++) {
          for (const [j, b] of served.entries()) {
            await channel.post(a.conversationId, a.userId, { text: `/to ${j + 1}` });
            samples.push(await relayOnce(channel, ++seq, a, a.zh ? AGENT_TEXTS.zh : AGENT_TEXTS.en, b.conversationId, new RegExp(`^${literal(a.name)}[:：] ?`)));
          }
        }
        return samples;
      });
      return (await Promise.all(perAgent)).flat();
    });
    const stateBytes = (await stat(stateFileBeside(config.DATA_FILE))).size;
    const transcriptGrowth = (await stat(config.transcriptFile)).size - transcriptBefore;
    report([...setup, toAgent, toBuyer], { stateBytes, transcriptGrowth, relayed: toAgent.samples.length + toBuyer.samples.length, problems, activities: channel.activities });
  } finally {
    await channel.close();
    await desk.close();
  }
}

/** One row per phase: throughput, CPU, relay and POST latency, store writes, failures, memory. */
function phaseTable(phases: Phase[]): void {
  out();
  table(
    ['phase', 'msgs', 'msgs/s', 'cpu ms/msg', 'relay p50', 'p95', 'p99', 'max ms', 'POST p50', 'POST p99 ms', 'state writes', 'lost/wrong', 'peak rss'],
    phases.map((p) => {
      const relay = percentiles(p.samples.flatMap((s) => (s.relayMs === undefined ? [] : [s.relayMs])));
      const post = percentiles(p.samples.map((s) => s.postMs));
      const timed = p.samples.some((s) => s.relayMs !== undefined);
      return [
        p.name, String(p.samples.length), num(p.samples.length / (p.wallMs / 1000), 1), num(p.cpuMs / p.samples.length, 2),
        ...(timed ? [num(relay.p50, 1), num(relay.p95, 1), num(relay.p99, 1), num(relay.max, 1)] : ['-', '-', '-', '-']),
        num(post.p50, 1), num(post.p99, 1), String(p.writes), String(p.samples.filter((s) => !s.ok).length), mib(p.rssPeak),
      ];
    }),
  );
}

function report(phases: Phase[], extra: { stateBytes: number; transcriptGrowth: number; relayed: number; problems: number; activities: number }): void {
  phaseTable(phases);
  out();
  out("relay = the sender's POST start → the relayed message arriving in the other side's conversation at the channel; POST = until the desk answered the POST;");
  out('cpu = the whole process (desk, channel, clients) per message; the setup phases count a buyer\'s ask + line pick, an agent\'s +1, as one message each;');
  out('state writes = rewrites of desk.state.json during the phase (agent messages mark presence, /to N picks the buyer: both write).');
  out(`desk.state.json at the end: ${mib(extra.stateBytes)}; transcript grew ${mib(extra.transcriptGrowth)} over the two relay phases (${num(extra.transcriptGrowth / extra.relayed / 1024, 2)} KiB per relayed message, its /to N included).`);
  out(`activities the channel received: ${extra.activities}; warnings/errors the desk logged: ${extra.problems}`);
  out(memoryLine('memory at the end'));
}
