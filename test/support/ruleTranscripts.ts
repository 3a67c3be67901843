import { expect } from 'vitest';
import type { Locale, Order, OrderStatus } from '../../data/shopSchema.js';
import type { HandoverEvent, OrderEvent } from '../../data/records.js';
import type { RuleId } from '../../policy/index.js';
import type { IntentId } from '../../data/intents.js';
import type { Harness } from './deskHarness.js';
import { adaptiveFacts, heroCards, texts, traces, type Received, type TestConversation } from './testChannel.js';

/*
 * The mechanics of the after-sales transcripts (test/e2e/afterSalesRules.*.test.ts): one buyer of
 * the demo shop, one of their demo orders, one rule of after-sales-policy.md, over real HTTP. The
 * test files hold only the tables; each kind of row (asks yes or no, acts at once, hands over)
 * runs through one function here.
 */

const HAN = /\p{Script=Han}/u;

/** The intents whose task dialog gives each family of rules (mainDialog.ts routes them so). */
const INTENTS_OF: Record<string, readonly IntentId[]> = {
  cancel: ['task.cancel_order'],
  return: ['task.return_refund', 'task.exchange', 'task.report_problem'],
  track: ['task.track_logistics', 'task.urge_shipping'],
  address: ['task.change_address'],
  invoice: ['task.request_invoice'],
  merchant: ['task.contact_merchant', 'task.complain'],
};

/** Press the button instead of typing an answer. */
export const PRESS = 'press the button';

/** How the buyer answers a yes-or-no question: `PRESS`, or the words they type. */
export type Answer = string;

/** A turn of the buyer between the decision and the yes-or-no question: words (a new address), or a photo. */
export type Turn = string | { photo: string };

/** One transcript: a buyer of the demo shop asks about one of their orders, and one rule decides. */
export interface RuleRow {
  rule: RuleId;
  locale: Locale;
  buyer: string;
  order: string;
  /** The order's status in the store when the buyer asks. */
  status: OrderStatus;
  /** The buyer's first words: the order named by number or in words, or not at all (then `pick`). */
  says: string;
  /** The order is settled by pressing its card in the carousel the bot offers. */
  pick?: boolean;
}

/** A rule that acts only after a yes: a "no" moves nothing, a yes in a fresh conversation does `done`. */
export interface ConfirmRow extends RuleRow {
  /** Turns between the decision and the question (a photo, the new address). */
  then?: Turn[];
  no: Answer;
  yes: Answer;
  /** The order event the yes records and the status it leaves. */
  done: { action: string; status: OrderStatus };
  /** What else the yes changed (the refund, the new address, the photo). */
  check?: (after: Order, event: OrderEvent, h: Harness) => void;
}

/** A rule that shows or does its part at once: `acts` is the order event recorded without a yes (none: nothing moves). */
export interface AtOnceRow extends RuleRow {
  acts?: { action: string; check?: (after: Order, event: OrderEvent) => void };
  /** Facts of the order the answer must say (the carrier and tracking number). */
  mentions?: (order: Order) => string[];
}

/** The `AfterSalesDecision` trace of `interfaces.md`. */
export interface DecisionTrace {
  intent: string;
  orderId: string;
  rule: string;
  action: string;
  handover: boolean;
  reason: string;
}

/** The decision traces among the replies: what the bot decided, as the Emulator's inspector shows it. */
export function decisions(replies: Received[]): DecisionTrace[] {
  return traces(replies, 'AfterSalesDecision') as DecisionTrace[];
}

/** The yes or the no button under a question (a suggested action whose value is `{action:'yesNo', yes}`). */
export function yesNoButton(replies: Received[], yes: boolean): { value?: unknown; text?: string } | undefined {
  return replies
    .flatMap((r) => r.suggestedActions?.actions ?? [])
    .find((a) => (a.value as { action?: string; yes?: boolean } | undefined)?.action === 'yesNo' && (a.value as { yes: boolean }).yes === yes);
}

/** Every message is in the buyer's language: Han characters in each for zh-CN, in none for en-US. */
export function expectLanguage(replies: Received[], locale: Locale): void {
  const said = texts(replies);
  expect(said.length).toBeGreaterThan(0);
  for (const text of said) expect(HAN.test(text), text).toBe(locale === 'zh-CN');
}

/** The order's card is among the replies (its facts name the order). */
export function expectOrderCard(replies: Received[], orderId: string): void {
  expect(adaptiveFacts(replies).some((facts) => Object.values(facts).includes(orderId))).toBe(true);
}

/** The order, its merchant and the order's history length, frozen: "nothing moved" is one comparison. */
export async function snapshot(h: Harness, orderId: string): Promise<{ order: Order; merchant: unknown; history: number }> {
  const order = h.desk.repos.orders.get(orderId);
  if (!order) throw new Error(`snapshot(): no order ${orderId} in the store`);
  const merchant = h.desk.repos.merchants.get(order.merchantId);
  return structuredClone({ order, merchant, history: (await h.desk.events.orderHistory(orderId)).length });
}

/** The row's order is a demo order of that buyer that shows that rule, in the status the row expects. */
export function expectDemoCase(h: Harness, row: RuleRow): void {
  const order = h.desk.repos.orders.get(row.order) as (Order & { demoCases?: string[] }) | undefined;
  expect(order?.buyerId).toBe(row.buyer);
  expect(order?.status).toBe(row.status);
  expect(order?.demoCases).toContain(row.rule);
}

/** The (rule, locale) pairs the rows cover, as sorted "rule locale" strings: to compare with RULE_IDS in both languages. */
export function coverage(rows: readonly RuleRow[]): string[] {
  return [...new Set(rows.map((r) => `${r.rule} ${r.locale}`))].sort();
}

/**
 * A fresh conversation up to the decision: the buyer says their words and, for a `pick` row,
 * presses the order's card in the carousel the bot offers. Resolves with the decision turn's replies.
 */
export async function begin(h: Harness, row: RuleRow): Promise<{ conv: TestConversation; replies: Received[] }> {
  const conv = h.channel.conversation({ userId: row.buyer, locale: row.locale });
  await conv.open();
  const first = await conv.say(row.says);
  if (!row.pick) return { conv, replies: first };
  expect(decisions(first)).toEqual([]);
  expectLanguage(first, row.locale);
  const button = heroCards(first)
    .flatMap((c) => c.buttons ?? [])
    .find((b) => (b.value as { orderId?: string } | undefined)?.orderId === row.order);
  expect(button, `a card of order ${row.order} among the ones offered`).toBeDefined();
  return { conv, replies: await conv.press(button!) };
}

/** The decision turn: the trace (rule, order, handover), the explanation in the buyer's language naming the order, the order card. */
export function expectDecided(replies: Received[], row: RuleRow, handover = false): void {
  expect(decisions(replies)).toEqual([expect.objectContaining({ rule: row.rule, orderId: row.order, handover })]);
  expect(INTENTS_OF[row.rule.split('.')[0]!]).toContain(decisions(replies)[0]!.intent); // the buyer's words were read as that task
  expectLanguage(replies, row.locale);
  const said = texts(replies);
  expect(said.some((t) => t.includes(row.order)), said.join('\n')).toBe(true);
  expectOrderCard(replies, row.order);
}

async function reachQuestion(h: Harness, row: ConfirmRow): Promise<{ conv: TestConversation; question: Received[] }> {
  const { conv, replies } = await begin(h, row);
  expectDecided(replies, row);
  let question = replies;
  for (const turn of row.then ?? []) {
    expect(yesNoButton(question, true)).toBeUndefined(); // not a yes-or-no question yet
    question = typeof turn === 'string' ? await conv.say(turn) : await conv.say('', { attachments: [{ contentType: 'image/jpeg', contentUrl: turn.photo }] });
    expectLanguage(question, row.locale);
    expect(texts(question).join('\n')).toContain(row.order);
  }
  expect(yesNoButton(question, true)).toBeDefined();
  expect(yesNoButton(question, false)).toBeDefined();
  return { conv, question };
}

/** Answers the question: presses its button, or types the words. */
export async function answer(conv: TestConversation, question: Received[], how: Answer, yes: boolean): Promise<Received[]> {
  if (how !== PRESS) return conv.say(how);
  return conv.press(yesNoButton(question, yes)!);
}

/**
 * A rule that acts after a yes. Nothing moves until the question; a "no" leaves the order as it
 * is (status, history, merchant); then, in a fresh conversation, the yes records `done`.
 */
export async function runConfirmRow(h: Harness, row: ConfirmRow): Promise<void> {
  expectDemoCase(h, row);
  const before = await snapshot(h, row.order);

  const declined = await reachQuestion(h, row);
  expect(await snapshot(h, row.order)).toEqual(before);
  const no = await answer(declined.conv, declined.question, row.no, false);
  expectLanguage(no, row.locale);
  expect(texts(no).join('\n')).toContain(row.order);
  expect(await snapshot(h, row.order)).toEqual(before);

  const accepted = await reachQuestion(h, row);
  expect(await snapshot(h, row.order)).toEqual(before);
  const yes = await answer(accepted.conv, accepted.question, row.yes, true);
  expectLanguage(yes, row.locale);
  expect(texts(yes).join('\n')).toContain(row.order);
  expectOrderCard(yes, row.order);
  const after = h.desk.repos.orders.get(row.order)!;
  expect(after.status).toBe(row.done.status);
  const event = await expectOneOrderEvent(h, row, before, { action: row.done.action, to: row.done.status }, accepted.conv.id);
  row.check?.(after, event, h);
}

/** Exactly one new event in the order's history: by the buyer, under the row's rule, from the status before, in that conversation. */
async function expectOneOrderEvent(h: Harness, row: RuleRow, before: Awaited<ReturnType<typeof snapshot>>, what: { action: string; to: string }, conversationId: string): Promise<OrderEvent> {
  const history = (await h.desk.events.orderHistory(row.order));
  expect(history).toHaveLength(before.history + 1);
  const event = history.at(-1)!;
  expect(event).toMatchObject({ by: `buyer:${row.buyer}`, rule: row.rule, action: what.action, from: before.order.status, to: what.to });
  expect(event.conversationId).toBe(conversationId);
  return event;
}

/** A rule that answers at once: shows (nothing moves), or does its part without a yes (`acts`). */
export async function runAtOnceRow(h: Harness, row: AtOnceRow): Promise<void> {
  expectDemoCase(h, row);
  const before = await snapshot(h, row.order);
  const { conv, replies } = await begin(h, row);
  expectDecided(replies, row);
  expect(yesNoButton(replies, true)).toBeUndefined();
  for (const fact of row.mentions?.(before.order) ?? []) expect(texts(replies).join('\n')).toContain(fact);
  if (!row.acts) {
    expect(await snapshot(h, row.order)).toEqual(before);
    return;
  }
  const after = h.desk.repos.orders.get(row.order)!;
  expect(after.status).toBe(before.order.status);
  const event = await expectOneOrderEvent(h, row, before, { action: row.acts.action, to: before.order.status }, conv.id);
  row.acts.check?.(after, event);
}

/** A rule where a person takes over: handover in the trace, nothing about the order moved, a `handover` event with the reason. */
export async function runHandoverRow(h: Harness, row: RuleRow): Promise<HandoverEvent> {
  expectDemoCase(h, row);
  const before = await snapshot(h, row.order);
  const { conv, replies } = await begin(h, row);
  expectDecided(replies, row, true);
  expect(yesNoButton(replies, true)).toBeUndefined();
  expect(await snapshot(h, row.order)).toEqual(before);
  const handovers = await h.desk.events.read((e) => e.type === 'handover' && e.conversationId === conv.id, '"handover"');
  const [trace] = decisions(replies);
  expect(handovers).toEqual([expect.objectContaining({ type: 'handover', buyerId: row.buyer, orderId: row.order, rule: row.rule, reason: trace!.reason, intent: trace!.intent })]);
  return handovers[0] as HandoverEvent;
}
