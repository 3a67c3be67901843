import { HandoffEventNames } from 'botbuilder';
import { loadConfig } from '../../bot/config.js';
import type { DeskOverrides } from '../../app/desk.js';
import type { Handoff } from '../../desk/handoff/handoffBook.js';
import type { Locale, Order } from '../../data/shopSchema.js';
import type { IntentRecognizer } from '../../recognizers/intentRecognizer.js';
import { loadOrTrainModel } from '../../recognizers/intentModel.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';
import { startHarness, type Harness } from './deskHarness.js';
import { attachments, texts, traces, type Received, type TestConversation } from './testChannel.js';

/**
 * The moves of the handoff tests, shared by the `handoff*.test.ts` files: buyers and agents of the
 * demo shop on two sides of one test channel, asking for a person, picking a line, and reading
 * what each side received while the other acted (proactive messages arrive before the POST returns).
 */

let trained: Promise<IntentRecognizer> | undefined;

/** The real trained classifier, loaded once per test file: each desk loading its own copy costs about half a second a test. */
export function trainedRecognizer(): Promise<IntentRecognizer> {
  trained ??= loadOrTrainModel(loadConfig({}).MODEL_DIR).then((model) => new NlpRecognizer(model));
  return trained;
}

/** A fresh desk for one test (the queue and the agents' seats are the desk's own), on the real trained model. */
export async function startHandoffDesk(env: Record<string, string> = {}, overrides: DeskOverrides = {}): Promise<Harness> {
  return startHarness(env, { recognizer: await trainedRecognizer(), ...overrides });
}

/** How a buyer asks for a person, in each language. */
export const ASK_PERSON: Record<Locale, string> = { 'zh-CN': '转人工', 'en-US': 'let me talk to a person' };

/** The `Handoff` trace of interfaces.md. */
export interface HandoffTrace {
  state: 'queued' | 'claimed' | 'ended';
  line: string;
  position?: number;
  agentId?: string;
  handoffId?: string;
  waitMinutes?: number;
}

/** A suggested-action or card button as the channel received it. */
export interface Button {
  type: string;
  title: string;
  text?: string;
  displayText?: string;
  value?: unknown;
}

/** A buyer's conversation on the emulator channel (their own chat account). */
export function buyer(h: Harness, buyerId: string, locale?: Locale): TestConversation {
  return h.channel.conversation({ userId: buyerId, ...(locale ? { locale } : {}) });
}

/** An agent's conversation: the demo shop's agents write from the emulator as `agent-<id>`. */
export function agent(h: Harness, agentId: string): TestConversation {
  return h.channel.conversation({ userId: `agent-${agentId}` });
}

/** Agents who say `/online`, in order; resolves with their conversations. */
export async function online(h: Harness, ...agentIds: string[]): Promise<TestConversation[]> {
  const convs = agentIds.map((id) => agent(h, id));
  for (const c of convs) await c.say('/online');
  return convs;
}

/** Call now, read later: what `conv` received after the call (replies and proactive messages alike). */
export function from(conv: TestConversation): () => Received[] {
  const start = conv.received.length;
  return () => conv.received.slice(start);
}

/** The suggested-action buttons of the replies. */
export function buttons(replies: Received[]): Button[] {
  return replies.flatMap((r) => (r.suggestedActions?.actions ?? []) as Button[]);
}

/** The first button whose value has this `action` (and passes `where`); throws with what there was. */
export function button(replies: Received[], action: string, where: (value: Record<string, unknown>) => boolean = () => true): Button {
  const found = buttons(replies).find((b) => {
    const v = b.value as Record<string, unknown> | undefined;
    return v?.action === action && where(v);
  });
  if (!found) throw new Error(`button(): no '${action}' button in ${JSON.stringify(buttons(replies).map((b) => b.value))}`);
  return found;
}

/** The `Handoff` traces of the replies. */
export function handoffTraces(replies: Received[]): HandoffTrace[] {
  return traces(replies, 'Handoff') as HandoffTrace[];
}

/** The botbuilder `handoff.initiate` events of the replies. */
export function initiations(replies: Received[]): Received[] {
  return replies.filter((r) => r.type === 'event' && r.name === HandoffEventNames.InitiateHandoff);
}

/** Every fact of every Adaptive Card of the replies, title → value, one map per card (all its FactSets). */
export function cardFacts(replies: Received[]): Record<string, string>[] {
  return attachments(replies)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => {
      const body = (a.content as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body;
      return Object.fromEntries(body.flatMap((b) => b.facts ?? []).map((f) => [f.title, f.value]));
    });
}

/** All the message text of the replies, as one string (for `toContain`). */
export function said(replies: Received[]): string {
  return texts(replies).join('\n');
}

/** Asks for a person and presses the button of `line` (the buyer's orders span several lines). */
export async function queueInLine(conv: TestConversation, locale: Locale, line: string): Promise<Received[]> {
  const asked = await conv.say(ASK_PERSON[locale]);
  return conv.press(button(asked, 'pickLine', (v) => v.line === line));
}

/** A buyer queued in `line` and claimed by `agentId` with `+1`: both conversations, the briefing read. */
export async function served(h: Harness, buyerId: string, locale: Locale, agentId: string, line = 'mall'): Promise<{ conv: TestConversation; desk: TestConversation }> {
  const conv = buyer(h, buyerId, locale);
  await queueInLine(conv, locale, line);
  const desk = agent(h, agentId);
  await desk.say('+1');
  return { conv, desk };
}

/** Types an order number (the order comes into focus), then asks for a person: queued in that order's line. */
export async function queueAbout(conv: TestConversation, locale: Locale, orderId: string): Promise<Received[]> {
  await conv.say(orderId);
  return conv.say(ASK_PERSON[locale]);
}

/** The buyer's open handoff (queued or claimed), if any. */
export function openHandoff(h: Harness, buyerId: string): Handoff | undefined {
  return h.desk.handoffs.book.openFor(buyerId);
}

/** The buyer's most recent handoff in any state. */
export function lastHandoff(h: Harness, buyerId: string): Handoff | undefined {
  return Object.values(h.desk.store.state.handoffs ?? {})
    .filter((x) => x.party === buyerId)
    .sort((a, b) => Date.parse(b.queuedAt) - Date.parse(a.queuedAt) || b.revision - a.revision)[0];
}

/** One of the buyer's orders in `line` with a status in `statuses` (the demo shop has one for each case used). */
export function orderOf(h: Harness, buyerId: string, line: string, statuses: readonly Order['status'][] = ['delivered', 'shipped', 'paid']): Order {
  const order = h.desk.repos.orders.listForBuyer(buyerId).find((o) => o.businessLine === line && statuses.includes(o.status));
  if (!order) throw new Error(`orderOf(): ${buyerId} has no ${statuses.join('/')} order in ${line}`);
  return order;
}

/** The line's name as a buyer or agent reads it. */
export function lineName(h: Harness, line: string, locale: Locale): string {
  const l = h.desk.repos.businessLines.get(line);
  if (!l) throw new Error(`lineName(): no business line ${line}`);
  return locale === 'zh-CN' ? l.name.zh : l.name.en;
}

/** Text with Han characters (a zh sentence); used to check which language a side was answered in. */
export const HAN = /\p{Script=Han}/u;
