import { randomUUID } from 'node:crypto';
import type { Handoff } from '../../desk/handoff/handoffBook.js';
import type { Order } from '../../data/shopSchema.js';
import type { BuyerConversation } from '../../data/records.js';
import type { Harness } from './deskHarness.js';
import { button, buyer, from, queueAbout, served, type Button } from './handoffDriver.js';
import type { Secret, Secrets, VictimIds } from './fuzzInvariants.js';
import { texts, type Received, type TestConversation } from './testChannel.js';

/**
 * The victims of the HTTP fuzz (test/fuzz/activities.test.ts), set up before the storm on one
 * desk of the demo shop: a buyer an agent serves, a buyer waiting in a queue, a buyer asked a
 * yes/no question about cancelling one of their orders, a buyer asked to rate the help they got,
 * and a guest who proved a buyer's phone. What they own is recorded, to compare after the storm.
 */

/** The served buyer and their agent (the agent's lines include the buyer's). */
export const SERVED = { buyerId: 'b-zh-01', agentId: 'a-01', locale: 'zh-CN', line: 'mall' } as const;
/** Served by another agent, then ended: the rating question is pending. */
export const RATING = { buyerId: 'b-zh-03', agentId: 'a-02', locale: 'zh-CN', line: 'mall' } as const;
/**
 * Waiting in the marketplace queue, about one of their orders: a line the attacking agent a-05
 * (mall, travel) does not serve, so a-05's `+1` can never legitimately reach them.
 */
export const QUEUED = { buyerId: 'b-en-02', locale: 'en-US', orderId: '20260409074831', line: 'marketplace' } as const;
/** Asked whether to cancel their paid, unshipped order (the yes refunds it). */
export const MID_TASK = { buyerId: 'b-zh-02', locale: 'zh-CN', orderId: '20260411201536' } as const;
/** A guest who sent Emily Johnson's phone: b-en-01 for this conversation. */
export const VERIFIED = { buyerId: 'b-en-01', phone: '+1-212-555-0147', locale: 'en-US' } as const;

/** The victims' buyer ids. */
export const VICTIM_BUYERS = [SERVED.buyerId, RATING.buyerId, QUEUED.buyerId, MID_TASK.buyerId, VERIFIED.buyerId] as const;

/** Agents on the victims' side (not attackers): their conversations are the victims' too. */
export const VICTIM_AGENTS = [SERVED.agentId, RATING.agentId] as const;

/** A word no one would type by chance, to follow a message through the desk. */
export function marker(label: string): string {
  return `FUZZMARK-${label}-${randomUUID().slice(0, 8)}`;
}

/** The victims as set up, with their conversations and what the desk holds of them. */
export interface Victims {
  served: { conv: TestConversation; agent: TestConversation; handoffId: string };
  rating: { conv: TestConversation; agent: TestConversation; handoffId: string; rate: Button };
  queued: { conv: TestConversation; handoffId: string };
  midTask: { conv: TestConversation; yes: Button };
  verified: { conv: TestConversation; guestId: string };
  ids: VictimIds;
  names: ReadonlySet<string>;
  /** Victims' order ids that attackers type (the rest they never do). */
  bait: readonly string[];
  /** Markers the served buyer's agent will send during the storm (a leak of one is a leak of the agent's words). */
  stormMarkers: readonly string[];
  secrets: Secrets;
  /** The conversations of victims and their agents: what they receive is theirs, not checked for leaks. */
  ownConversations: Set<string>;
}

/** Throws with what there was when a setup step did not do what the victim needs (the fuzz would test nothing). */
function expectSaid(replies: Received[], pattern: RegExp, step: string): void {
  if (!texts(replies).some((t) => pattern.test(t))) throw new Error(`victim setup, ${step}: expected ${pattern} in ${JSON.stringify(texts(replies))}`);
}

function openHandoffOf(h: Harness, buyerId: string): Handoff {
  const found = h.desk.handoffs.book.openFor(buyerId);
  if (!found) throw new Error(`victim setup: ${buyerId} has no open handoff`);
  return found;
}

/** Sets up the five victims on a fresh desk (see the constants above) and gathers their secrets. */
export async function setUpVictims(h: Harness, stormMarkerCount: number): Promise<Victims> {
  const markers: Secret[] = [];
  const mark = (label: string): string => {
    const m = marker(label);
    markers.push({ label: `marker ${label}`, value: m });
    return m;
  };

  // The served buyer and their agent, each having said something only the other may read.
  const s = await served(h, SERVED.buyerId, SERVED.locale, SERVED.agentId, SERVED.line);
  const atAgent = from(s.desk);
  await s.conv.say(`我的暗号 ${mark('served-buyer')}`);
  expectSaid(atAgent(), /FUZZMARK-served-buyer/, 'the served buyer reaches their agent');
  const atServed = from(s.conv);
  await s.desk.say(`王芳您好，${mark('served-agent')}`);
  expectSaid(atServed(), /FUZZMARK-served-agent/, 'the agent reaches the served buyer');

  // Served by another agent, who ended it: the buyer has the rating buttons.
  const r = await served(h, RATING.buyerId, RATING.locale, RATING.agentId, RATING.line);
  const ratingHandoff = openHandoffOf(h, RATING.buyerId);
  await r.conv.say(`谢谢 ${mark('rating-buyer')}`);
  await r.desk.say(mark('rating-agent'));
  const atRating = from(r.conv);
  await r.desk.say('/end');
  const rate = button(atRating(), 'rate', (v) => v.satisfied === true);

  // Waiting in the marketplace queue about one of their orders.
  const q = buyer(h, QUEUED.buyerId, QUEUED.locale);
  await queueAbout(q, QUEUED.locale, QUEUED.orderId);
  const queuedHandoff = openHandoffOf(h, QUEUED.buyerId);
  if (queuedHandoff.state !== 'queued' || queuedHandoff.line !== QUEUED.line) throw new Error(`victim setup: ${QUEUED.buyerId} is not queued in ${QUEUED.line}: ${JSON.stringify(queuedHandoff)}`);

  // Asked yes or no about cancelling their order.
  const m = buyer(h, MID_TASK.buyerId, MID_TASK.locale);
  const asked = await m.say(`取消订单 ${MID_TASK.orderId}`);
  const yes = button(asked, 'yesNo', (v) => v.yes === true);

  // A guest who proved Emily Johnson's phone.
  const guestId = `guest-verified-${randomUUID().slice(0, 8)}`;
  const v = h.channel.conversation({ userId: guestId, locale: VERIFIED.locale });
  expectSaid(await v.say(VERIFIED.phone), /Emily Johnson/, 'the guest proves the phone');

  const stormMarkers = Array.from({ length: stormMarkerCount }, (_, i) => mark(`storm-agent-${i}`));
  const orders = VICTIM_BUYERS.flatMap((id) => h.desk.repos.orders.listForBuyer(id));
  // Every other order is bait (attackers type its id); the task's and the queue's orders are bait too: the likeliest targets.
  const bait = orders.filter((o, i) => i % 2 === 0 || o.id === MID_TASK.orderId || o.id === QUEUED.orderId).map((o) => o.id);
  const conversations = [s.conv, s.desk, r.conv, r.desk, q, m, v].map((c) => c.id);
  const handoffIds = [openHandoffOf(h, SERVED.buyerId).id, ratingHandoff.id, queuedHandoff.id];
  const names = new Set(VICTIM_BUYERS.map((id) => h.desk.repos.buyers.get(id)!.name));
  return {
    served: { conv: s.conv, agent: s.desk, handoffId: handoffIds[0]! },
    rating: { conv: r.conv, agent: r.desk, handoffId: ratingHandoff.id, rate },
    queued: { conv: q, handoffId: queuedHandoff.id },
    midTask: { conv: m, yes },
    verified: { conv: v, guestId },
    ids: {
      buyerIds: new Set(VICTIM_BUYERS),
      orderIds: new Set(orders.map((o) => o.id)),
      conversationIds: new Set(conversations),
      handoffIds: new Set(handoffIds),
    },
    names,
    bait,
    stormMarkers,
    secrets: secretsOf(h, orders, bait, names, conversations, handoffIds, markers),
    ownConversations: new Set(conversations),
  };
}

/**
 * What must not reach an attacker: the victims' names, phones, addresses, goods and tracking
 * numbers, their order ids (bait ones only outside the words), handoff and conversation ids, and
 * the markers. A string that also belongs to someone else in the shop is left out (it would not
 * tell a leak from that person's own data).
 */
function secretsOf(h: Harness, orders: Order[], bait: readonly string[], names: ReadonlySet<string>, conversations: string[], handoffIds: string[], markers: Secret[]): Secrets {
  const victimOrders = new Set(orders.map((o) => o.id));
  const victimBuyers = new Set<string>(VICTIM_BUYERS);
  const { repos } = h.desk;
  // Everything of the shop that is not the victims': what an attacker may legitimately be shown.
  const others = JSON.stringify([
    repos.orders.list().filter((o) => !victimOrders.has(o.id)),
    repos.buyers.list().filter((b) => !victimBuyers.has(b.id)),
    repos.merchants.list(),
    repos.agents.list(),
    repos.knowledgeBase.list(),
    repos.businessLines.list(),
  ]);
  const anywhere: Secret[] = [...markers];
  const add = (label: string, value: string | undefined | null): void => {
    if (value && value.length >= 2 && !others.includes(value) && !anywhere.some((s) => s.value === value)) anywhere.push({ label, value });
  };
  for (const name of names) add(`the name ${name}`, name);
  for (const o of orders) {
    add(`the address of ${o.buyerId}`, o.address?.line);
    add(`the tracking number of ${o.id}`, o.logistics?.trackingNo);
    for (const item of o.items) add(`the goods of ${o.id}`, item.title);
    if (!bait.includes(o.id)) add(`the order id of ${o.buyerId}`, o.id);
  }
  for (const id of conversations) add('a victim conversation id', id);
  for (const id of handoffIds) add('a victim handoff id', id);
  return {
    anywhere,
    outsideWords: bait.map((id) => ({ label: `the order id of ${orders.find((o) => o.id === id)!.buyerId}`, value: id })),
    phones: VICTIM_BUYERS.map((id) => ({ label: `the phone of ${id}`, value: h.desk.repos.buyers.get(id)!.phone })),
  };
}

/** What the desk holds of the victims, recorded before the storm to compare after it. */
export interface Snapshot {
  orders: Order[];
  handoffs: Handoff[];
  /** The victims' agents' seats: whom they serve, whom they write to. */
  seats: Record<string, { serving: string[]; current: string | undefined }>;
  buyerConversations: Record<string, BuyerConversation | undefined>;
  /** The private state keys holding a phone proof (the verified guest's). */
  proofKeys: Set<string>;
  /** Events in the log when the storm started. */
  eventCount: number;
}

/** Records what the desk holds of the victims now (deep copies). */
export async function snapshot(h: Harness, victims: Victims): Promise<Snapshot> {
  const state = h.desk.store.state;
  const seats: Snapshot['seats'] = {};
  for (const id of VICTIM_AGENTS) {
    const seat = h.desk.handoffs.book.seat(id);
    seats[id] = { serving: [...(seat?.serving ?? [])], current: seat?.current };
  }
  const proofKeys = new Set(
    Object.entries(state.botState)
      .filter(([, e]) => typeof (e.value as { sender?: { verifiedBuyerId?: unknown } }).sender?.verifiedBuyerId === 'string')
      .map(([k]) => k),
  );
  return {
    orders: structuredClone(VICTIM_BUYERS.flatMap((id) => h.desk.repos.orders.listForBuyer(id))),
    handoffs: structuredClone([...victims.ids.handoffIds].map((id) => h.desk.handoffs.book.get(id)!)),
    seats,
    buyerConversations: structuredClone(Object.fromEntries(VICTIM_BUYERS.map((id) => [id, state.buyerConversations?.[id]]))),
    proofKeys,
    eventCount: (await h.desk.events.read(() => true)).length,
  };
}
