import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskEvent, StateDocument } from '../../data/records.js';
import type { Harness } from '../support/deskHarness.js';
import {
  describeAttack,
  MIX,
  planStorm,
  REFUSED_PREFIX,
  runStorm,
  statusProblem,
  TURN_KINDS,
  type Attack,
  type Outcome,
  type World,
} from '../support/fuzzActivities.js';
import {
  eventsAboutVictims,
  excerpt,
  findLeaks,
  foreignProofs,
  handoffProblems,
  orderChanges,
  stateFileProblems,
  type StateBounds,
} from '../support/fuzzInvariants.js';
import { fuzzSeed } from '../support/fuzzRandom.js';
import { seededRandom } from '../support/prng.js';
import { marker, MID_TASK, QUEUED, RATING, setUpVictims, snapshot, VERIFIED, VICTIM_BUYERS, type Snapshot, type Victims } from '../support/fuzzVictims.js';
import { agent, from, said, startHandoffDesk } from '../support/handoffDriver.js';
import { texts, type Received } from '../support/testChannel.js';

/**
 * Issue 9: a storm of generated activities over real HTTP against one real desk (the trained
 * model, the demo shop), from attackers only: guests with made-up ids, the buyer b-en-06 and the
 * agent a-05, in conversations of their own. Victims are set up first (served, queued, mid-task,
 * asked to rate, a verified guest); after the storm nothing of theirs has moved or leaked, the
 * desk still answers, and each victim's next move still works. The seed is printed; FUZZ_SEED
 * replays a run, and every failure names the attack (its number, kind and body).
 */

/** Activities in the storm: the issue asks for at least 10⁴. */
const TOTAL = 10_000;
/** Requests in flight at once: a busy channel's worth, on a 2-core machine. */
const CONCURRENCY = 8;
/** Messages the served buyer's agent sends mid-storm (each must reach only that buyer). */
const STORM_MARKERS = 8;
/** Setting up the victims and the storm run within this (a hang is a failure, not a stuck `npm test`); the storm takes ~70 s alone on this 2-core machine. */
const STORM_TIMEOUT_MS = 240_000;

/**
 * Bounds of the state file after the storm: what it held when the storm started (the victims and
 * the agents) plus 8 KB per conversation an attacker held turns in. A conversation keeps its
 * conversation state (a dialog waiting on a prompt keeps the prompt and the buyer's words, cut at
 * 2,000 characters: at most 6 KB in UTF-8), a proof per sender, and a party's one open handoff
 * (about 1.5 KB); in practice ~1 KB each. More than that means something is kept per message, not
 * per conversation. No string in it may be longer than 10,000 characters: what the desk keeps of
 * a message is cut at 2,000 and ids at 512, so a longer one is something stored uncut.
 */
const STATE_BYTES_PER_CONVERSATION = 8 * 1024;
/** Longest string the state file may hold (see above: five times the longest the desk keeps). */
const MAX_STORED_STRING_CHARS = 10_000;

let h: Harness;
let seed: number;
let victims: Victims;
let before: Snapshot;
let attacks: Attack[];
let units: Attack[][];
let outcomes: Outcome[];
let receivedBefore: number;
let stormEvents: DeskEvent[];
let stateText: string;
let stateBytesBefore: number;
let trapHits: string[];
let trap: http.Server;
const errorLogs: string[] = [];

/** Every conversation id an attacker wrote in (refused requests included). */
function attackerConversations(): Set<string> {
  return new Set(attacks.filter((a) => a.conversationId !== undefined).map((a) => a.conversationId!));
}

/** The conversations an attacker held turns of the bot in. */
function turnConversations(): Set<string> {
  return new Set(attacks.filter((a) => TURN_KINDS.has(a.kind) && a.conversationId !== undefined).map((a) => a.conversationId!));
}

/** The attacks sent in a conversation, for a failure message about it (the last few). */
function attacksIn(conversationId: string): string {
  return attacks
    .filter((a) => a.conversationId === conversationId)
    .slice(-3)
    .map((a) => describeAttack(a, seed))
    .join('\n  ');
}

beforeAll(async () => {
  seed = fuzzSeed();
  // Errors the desk logs (a failed turn, a relay that could not go out) are what a crash looks like inside a turn.
  const logger = pino({ level: 'error' }, { write: (line: string) => void errorLogs.push(line) });
  h = await startHandoffDesk({}, { logger });
  trapHits = [];
  trap = http.createServer((req, res) => {
    trapHits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"trap"}');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));

  victims = await setUpVictims(h, STORM_MARKERS);
  before = await snapshot(h, victims);
  stateBytesBefore = (await readFile(h.desk.lowdb!.store.stateFile)).length;
  receivedBefore = h.channel.received.length;
  const world: World = {
    serviceUrl: h.channel.serviceUrl,
    trapOrigin: `http://127.0.0.1:${(trap.address() as AddressInfo).port}`,
    deskPort: h.desk.port,
    refs: {
      orderIds: victims.bait,
      handoffIds: [...victims.ids.handoffIds],
      lines: h.desk.repos.businessLines.list().map((l) => l.id),
      entryIds: h.desk.repos.knowledgeBase.list().map((e) => e.id),
      nearPhones: VICTIM_BUYERS.map((id) => h.desk.repos.buyers.get(id)!.phone),
    },
    secrets: victims.secrets,
    victimIds: VICTIM_BUYERS,
  };
  units = planStorm(seededRandom(seed), world, TOTAL);
  attacks = units.flat();
  // The served buyer's agent writes to them while the storm goes on: each message must reach that buyer and nobody else.
  const checkpoints = new Map(victims.stormMarkers.map((m, i) => [Math.floor(((i + 1) * units.length) / (STORM_MARKERS + 1)), async () => void (await victims.served.agent.say(m))]));
  const counts = new Map<string, number>();
  for (const a of attacks) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const split = [...counts].map(([kind, count]) => `${kind} ${count}`);
  console.info(`activity fuzz: seed ${seed} (FUZZ_SEED=${seed} replays it); ${attacks.length} activities: ${split.join(', ')}`);
  outcomes = await runStorm(h.desk.endpoint, units, CONCURRENCY, checkpoints);
  stormEvents = (await h.desk.events.read(() => true)).slice(before.eventCount);
  stateText = await readFile(h.desk.lowdb!.store.stateFile, 'utf8');
}, STORM_TIMEOUT_MS);

afterAll(async () => {
  await new Promise<void>((resolve) => trap?.close(() => resolve()));
  await h?.close();
});

const turns = Object.entries(MIX).filter(([k]) => TURN_KINDS.has(k as Attack['kind'])).reduce((n, [, v]) => n + v, 0);

describe(`a storm of ${TOTAL} generated activities from attackers (about ${turns} turns of the bot, the rest refused at the HTTP door)`, () => {
  it('answers every one without a server error, each with a status its kind may get', () => {
    expect(outcomes.filter((o) => o === undefined)).toEqual([]);
    const problems = outcomes.map((o) => {
      const problem = statusProblem(o);
      return problem ? `${problem}\n  ${describeAttack(o.attack, seed)}` : undefined;
    });
    const failed = problems.filter((p): p is string => p !== undefined);
    expect(failed, `seed ${seed}: ${failed.length} attacks answered wrong:\n${failed.slice(0, 15).join('\n')}`).toEqual([]);
    expect(outcomes.filter((o) => TURN_KINDS.has(o.attack.kind) && o.status === 200).length).toBeGreaterThan(turns * 0.9 * (TOTAL / 10_000));
  });

  it('reached the places the victims are: queues, an agent, questions, answers, left messages', () => {
    // A generator that stopped getting attackers there would test less without saying so.
    const kinds = (type: DeskEvent['type']): DeskEvent[] => stormEvents.filter((e) => e.type === type);
    expect(kinds('handoff').filter((e) => e.type === 'handoff' && e.state === 'queued').length, 'attackers queued for a person').toBeGreaterThan(5);
    expect(kinds('handoff').some((e) => e.type === 'handoff' && e.state === 'claimed' && e.agentId === 'a-05'), 'the attacking agent claimed an attacker').toBe(true);
    expect(kinds('handover').length, 'handovers asked for').toBeGreaterThan(10);
    const received = h.channel.received.slice(receivedBefore);
    const offered = (action: string): boolean => received.some((r) => (r.suggestedActions?.actions ?? []).some((a) => (a.value as { action?: string } | undefined)?.action === action));
    for (const action of ['yesNo', 'pickLine', 'kbFeedback']) expect(offered(action), `an attacker was offered a ${action} button`).toBe(true);
    const left = Object.values(h.desk.store.state.handoffs ?? {}).filter((x) => !victims.ids.handoffIds.has(x.id) && x.leftMessages.length > 0);
    expect(left.length, 'an attacker left a message for the agents').toBeGreaterThan(0);
    expect(received.map((r) => r.text ?? '').join('\n'), 'a stale button refused').toMatch(/no longer valid|按钮已经失效/);
  });

  it('fails no turn: the desk logs no error', () => {
    const byConversation = (line: string): string => {
      const conversationId = (JSON.parse(line) as { conversationId?: string }).conversationId;
      return conversationId ? `\n  ${attacksIn(conversationId)}` : '';
    };
    expect(errorLogs, `seed ${seed}: the desk logged errors:\n${errorLogs.slice(0, 5).map((l) => `${excerpt(l, 800)}${byConversation(l)}`).join('\n')}`).toEqual([]);
  });

  it('sends nothing for a refused request, nor to a foreign serviceUrl', () => {
    const stray = h.channel.received.filter((r) => r.conversation?.id?.startsWith(REFUSED_PREFIX));
    expect(stray.map((r) => `${excerpt(r, 300)}\n  ${attacksIn(r.conversation.id)}`), `seed ${seed}: replies to refused requests`).toEqual([]);
    expect(trapHits, `seed ${seed}: a foreign serviceUrl was called`).toEqual([]);
    const known = new Set([...attackerConversations(), ...victims.ownConversations]);
    const unknown = h.channel.received.slice(receivedBefore).filter((r) => !known.has(r.conversation?.id));
    expect(unknown.map((r) => excerpt(r, 300)), 'replies to a conversation nobody wrote in').toEqual([]);
  });

  it('is still up: /healthz answers, and a buyer who was not there gets a normal reply', async () => {
    const health = await fetch(`http://localhost:${h.desk.port}/healthz`);
    expect(health.status).toBe(200);
    const fresh = h.channel.conversation({ userId: 'b-en-04', locale: 'en-US' });
    const replies = texts(await fresh.say('hello'));
    expect(replies.join('\n')).toContain('David Wilson');
    expect(replies.join('\n')).not.toMatch(/went wrong/);
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
  });

  it("moves none of the victims' orders", async () => {
    const now = new Map(before.orders.map((o) => [o.id, h.desk.repos.orders.get(o.id)]));
    const changes = orderChanges(before.orders, now);
    // The orders' histories name the conversation that moved them: the attacks sent there.
    const moved = new Set(changes.map((c) => /^order (\S+)/.exec(c)?.[1] ?? ''));
    const how = (await Promise.all([...moved].map((id) => h.desk.events.orderHistory(id)))).flat().map((e) => `${excerpt(e, 300)}\n  ${e.conversationId ? attacksIn(e.conversationId) : ''}`);
    expect(changes, `seed ${seed}:\n${how.join('\n')}`).toEqual([]);
  });

  it("changes none of the victims' handoffs, seats, conversations or proofs, and no attacker's handoff names a victim", () => {
    const state = h.desk.store.state;
    const problems = handoffProblems(before.handoffs, state, victims.ids, victims.names);
    // An attacker's handoff names its party; the attacks of that party's conversations say how it got there.
    const parties = new Set(problems.map((p) => /of (\S+)/.exec(p)?.[1] ?? ''));
    const how = Object.values(state.handoffs ?? {}).filter((x) => parties.has(x.party)).flatMap((x) => x.conversationIds.map(attacksIn));
    expect(problems, `seed ${seed}:\n  ${how.join('\n  ')}`).toEqual([]);
    for (const [agentId, seat] of Object.entries(before.seats)) {
      const now = h.desk.handoffs.book.seat(agentId);
      expect({ serving: now?.serving, current: now?.current }, `the seat of ${agentId}`).toEqual(seat);
    }
    for (const id of VICTIM_BUYERS) expect(state.buyerConversations?.[id], `the last conversation of ${id}`).toEqual(before.buyerConversations[id]);
    expect(foreignProofs(state, before.proofKeys, victims.ids), `seed ${seed}: phone proofs made during the storm`).toEqual([]);
  });

  it('records no rating, answer feedback, order change or handover about a victim during the storm', () => {
    const about = eventsAboutVictims(stormEvents, victims.ids);
    const how = stormEvents
      .filter((e) => eventsAboutVictims([e], victims.ids).length > 0)
      .map((e) => (e as { conversationId?: string }).conversationId)
      .filter((id): id is string => id !== undefined)
      .map(attacksIn);
    expect(about, `seed ${seed}:\n  ${how.join('\n  ')}`).toEqual([]);
  });

  it('keeps the state file within its bounds', () => {
    const conversations = turnConversations().size;
    const bounds: StateBounds = { maxBytes: stateBytesBefore + conversations * STATE_BYTES_PER_CONVERSATION, maxStringChars: MAX_STORED_STRING_CHARS };
    expect(stateFileProblems(stateText, bounds), `seed ${seed}: ${conversations} attacker conversations, ${stateBytesBefore} bytes before`).toEqual([]);
    // The file read is the one the storm wrote: the attackers' conversations are in it.
    const doc = JSON.parse(stateText) as StateDocument;
    expect(Object.keys(doc.botState).filter((k) => k.includes('/atk-')).length).toBeGreaterThan(conversations / 2);
  });

  it("leaves each victim's next move working", async () => {
    // The served buyer's agent still reaches them, and them only.
    const atServed = from(victims.served.conv);
    const last = marker('after-storm');
    victims.secrets.anywhere.push({ label: 'the agent after the storm', value: last });
    await victims.served.agent.say(last);
    expect(said(atServed())).toContain(last);
    for (const m of victims.stormMarkers) expect(said(victims.served.conv.received), `the agent's message ${m} sent mid-storm`).toContain(m);

    // The buyer asked to rate still can, and it counts as theirs.
    await victims.rating.conv.press(victims.rating.rate);
    const ratings = await h.desk.events.read((e) => e.type === 'handoff_rating', '"handoff_rating"');
    // Attackers served by an agent may rate their own handoffs (a rating in words counts too): never the victim's.
    expect(ratings.filter((r) => (r as { handoffId?: string }).handoffId === victims.rating.handoffId)).toEqual([expect.objectContaining({ handoffId: victims.rating.handoffId, buyerId: RATING.buyerId, satisfied: true })]);
    for (const r of ratings as { handoffId: string; buyerId: string | null }[]) {
      if (r.handoffId === victims.rating.handoffId) continue;
      expect(h.desk.handoffs.book.get(r.handoffId)?.buyerId ?? null, 'a rating is of the rater\'s own handoff').toBe(r.buyerId);
      expect(VICTIM_BUYERS as readonly (string | null)[]).not.toContain(r.buyerId);
    }

    // The mid-task buyer's "yes" still cancels their own order.
    await victims.midTask.conv.press(victims.midTask.yes);
    expect(h.desk.repos.orders.get(MID_TASK.orderId)!.status).not.toBe('paid');
    expect((await h.desk.events.orderHistory(MID_TASK.orderId)).at(-1)).toEqual(expect.objectContaining({ by: `buyer:${MID_TASK.buyerId}`, from: 'paid' }));

    // The verified guest still sees Emily Johnson's orders.
    const order = h.desk.repos.orders.listForBuyer(VERIFIED.buyerId)[0]!;
    expect(JSON.stringify(await victims.verified.conv.say(order.id))).toContain(order.items[0]!.title);

    // The queued buyer is still first in their line: the line's agent gets them on +1.
    const atQueued = from(victims.queued.conv);
    const desk = agent(h, 'a-03');
    await desk.say('/online');
    expect(said(await desk.say('+1'))).toContain('Michael Brown');
    expect(h.desk.handoffs.book.get(victims.queued.handoffId)).toEqual(expect.objectContaining({ state: 'claimed', agentId: 'a-03', buyerId: QUEUED.buyerId }));
    expect(said(atQueued())).toMatch(/James Carter/);
    victims.ownConversations.add(desk.id);
  });

  it("shows no attacker anything of a victim's: names, phones, addresses, goods, orders, handoffs, conversations, agents' words", () => {
    // The secrets are strings the desk really sends: the victims themselves got them.
    const own = h.channel.received.filter((r) => victims.ownConversations.has(r.conversation?.id));
    const seen = new Set(own.flatMap((r) => findLeaks(r, victims.secrets)).map((l) => l.replace(/ \(.*$/, '')));
    for (const label of ['the name 王芳', 'the name Emily Johnson', 'marker served-agent', 'the phone of b-en-01']) expect(seen, `the detector sees ${label} where it belongs`).toContain(label);
    const mine = attackerConversations();
    const leaks: string[] = [];
    for (const r of h.channel.received.slice(receivedBefore) as Received[]) {
      if (!mine.has(r.conversation?.id)) continue;
      for (const leak of findLeaks(r, victims.secrets)) {
        leaks.push(`${leak} reached ${r.conversation.id}: ${excerpt(r, 500)}\n  after ${attacksIn(r.conversation.id)}`);
      }
    }
    expect(leaks, `seed ${seed}: ${leaks.length} leaks:\n${leaks.slice(0, 8).join('\n')}`).toEqual([]);
  });
});
