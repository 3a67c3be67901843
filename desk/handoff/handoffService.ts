import type { ContactChange, ContactLog } from '../../data/contactLog.js';
import type { EventLog } from '../../data/deskStore.js';
import type { NotificationBus } from '../../data/notifications.js';
import type { Handoff } from '../../data/records.js';
import type { Repositories } from '../../data/repositories/index.js';
import type { Agent, Locale, Merchant, Order } from '../../data/shopSchema.js';
import type { ConversationAddress } from '../../data/records.js';
import type { IntentRecognizer, RecognitionResult } from '../../recognizers/intentRecognizer.js';
import { bareAnswer } from '../../recognizers/entities.js';
import { MAX_QUEUED_PER_LINE, type ClaimResult, type HandoffBook, type HandoffRequest } from './handoffBook.js';
import { DONE, LEAVE_QUEUE, RATING_IN_WORDS_MS, isAgentCommand, readRating, type RatingReason } from './handoffWords.js';
import { suggestReplies, type Suggestion } from './suggestions.js';
import { estimateWaitMinutes, type LineLoad } from './waitEstimate.js';

/** What the handoff service needs: the book of handoffs and seats, the shop, the event log, the clock. */
export interface HandoffServiceParts {
  book: HandoffBook;
  repos: Repositories;
  events: EventLog;
  /** An agent not seen for this long counts as offline. */
  idleMs: number;
  now: () => Date;
  /** Where the service announces handoffs queued, claimed, ended and rated, for whichever door holds the receiver. */
  notifications?: NotificationBus;
  /** Reads a served buyer's message: a goodbye ends the handoff, the intent picks the agent's suggestions. */
  recognizer?: Pick<IntentRecognizer, 'recognize'>;
  /** The mined replies managers approved, by intent and language (offered beside the shop's standard replies). */
  approvedReplies?: (intent: string, locale: Locale) => readonly string[];
  /** Where each handoff's contact is counted for managers (queued, claimed, first reply, ended, rating, the agent's words). */
  contacts?: Pick<ContactLog, 'record'>;
  /** A contact that could not be recorded (the buyer's turn goes on: the event log has the handoff). */
  onContactError?: (err: unknown) => void;
}

/** The contact a handoff is counted in: the conversation's, or its own when it began without one. */
export function contactIdOf(h: Pick<Handoff, 'id' | 'contactId'>): string {
  return h.contactId ?? `handoff:${h.id}`;
}

/** The order a handoff is about, when it is the buyer's own (a guest's handoff names none). */
export function handoffOrder(repos: Repositories, h: Pick<Handoff, 'orderId' | 'buyerId'>): Order | undefined {
  const order = h.orderId ? repos.orders.get(h.orderId) : undefined;
  return order && h.buyerId !== null && order.buyerId === h.buyerId ? order : undefined;
}

/** A handoff that ended: who served it, and its number in their `/list` before the end. */
export interface Ended {
  handoff: Handoff;
  /** It had an agent (so the buyer is asked to rate). */
  wasServed: boolean;
  agent?: Agent;
  n: number;
}

/** A buyer who wrote from a new conversation while an agent serves them: the agent and the buyer's number. */
export interface BuyerBack {
  agent: Agent;
  n: number;
  handoff: Handoff;
}

/** A buyer's message to the desk while a handoff is about. */
export interface BuyerMessage {
  /** The buyer's id, or `guest:<channel>:<account>`. */
  party: string;
  /** Where the message came from: the handoff follows the buyer there. */
  address: ConversationAddress;
  locale: Locale;
  text: string;
  /** Images the message carries (a suggestion asking for a photo does not fit them). */
  photos?: number;
}

/**
 * What became of a buyer's message, decided and done by the service; the door says it:
 * - `bot`: nothing of a handoff, the bot answers (also `waiting`: queued buyers still have the bot,
 *   and `agentGone`: their agent left, they are back at the front of the queue);
 * - `rate`: a rating in words of the handoff that just ended, for `rate()`;
 * - `leftQueue` / `ended`: the buyer left the queue / said they are done;
 * - `messageLeft`: kept for the agents while nobody is online;
 * - `relay`: for the agent serving them, with up to three suggested replies.
 */
export type BuyerMessageOutcome =
  | { kind: 'bot' }
  | { kind: 'rate'; handoffId: string; satisfied: boolean; why?: RatingReason }
  | { kind: 'waiting'; handoff: Handoff; back?: BuyerBack }
  | { kind: 'agentGone'; handoff: Handoff; position: number }
  | { kind: 'leftQueue' | 'ended'; ended: Ended | undefined; back?: BuyerBack; recognition?: RecognitionResult }
  | { kind: 'messageLeft'; handoff: Handoff; back?: BuyerBack }
  | { kind: 'relay'; handoff: Handoff; agent: Agent; n: number; suggestions: Suggestion[]; back?: BuyerBack; recognition?: RecognitionResult };

/** What came of a rating: someone else's handoff, rated already, the why asked, or recorded. */
export type RateOutcome = { kind: 'stale' } | { kind: 'rated'; handoff?: Handoff } | { kind: 'askWhy'; handoff: Handoff } | { kind: 'recorded'; handoff: Handoff };

/** The merchant of the handoff an agent acts on; why not, when there is none. */
export type MerchantOf = { ok: true; handoff: Handoff; order: Order; merchant: Merchant } | { ok: false; why: 'nobody' | 'no_order' };

/** A queued buyer's place in their line and the estimated wait (undefined: nobody of the line is online). */
export interface QueuePlace {
  position: number;
  minutes: number | undefined;
}

/**
 * The handoff logic any door calls, with plain inputs and outputs and nothing of Bot Framework:
 * which line a request belongs to, who is online, a buyer's place and wait, the numbers of an
 * agent's buyers, a rating, and the handoff history for managers. The state transitions (queue,
 * claim, end) are the `HandoffBook`'s; telling people is the doors' (bot/handoffDesk.ts on a Bot
 * Framework channel).
 */
export class HandoffService {
  constructor(readonly parts: HandoffServiceParts) {}

  get book(): HandoffBook {
    return this.parts.book;
  }

  /** The agents of a line who are online now. */
  onlineAgents(line: string): Agent[] {
    return this.parts.repos.agents.list().filter((a) => a.businessLines.includes(line) && this.book.isOnline(a.id, this.parts.idleMs));
  }

  /** Seats, busy seats, arrivals and handle time of a line, for the wait estimate. */
  lineLoad(line: string): LineLoad {
    const agents = this.onlineAgents(line);
    return {
      seats: agents.reduce((n, a) => n + a.capacity, 0),
      busy: agents.reduce((n, a) => n + this.book.serving(a.id).length, 0),
      arrivalsPerMinute: this.book.arrivalsPerMinute(line),
      handleMinutes: this.book.handleMinutes(line) ?? 0,
    };
  }

  /** Every queued buyer of `line` with their place and wait, in queue order (the load computed once). */
  queuePlaces(line: string): { handoff: Handoff; place: QueuePlace }[] {
    const load = this.lineLoad(line);
    return this.book.queued([line]).map((handoff, i) => ({ handoff, place: { position: i + 1, minutes: estimateWaitMinutes(load, i + 1) } }));
  }

  /** One queued handoff's place and wait. */
  placeOf(handoff: Handoff): QueuePlace {
    const position = this.book.position(handoff.id) ?? 1;
    return { position, minutes: estimateWaitMinutes(this.lineLoad(handoff.line), position) };
  }

  /** The line's name in `locale`. */
  lineName(line: string, locale: Locale): string {
    const l = this.parts.repos.businessLines.get(line);
    return l ? (locale === 'zh-CN' ? l.name.zh : l.name.en) : line;
  }

  /**
   * The business line a request belongs to: its order's (or the order in focus), when it is the
   * buyer's; else the only line of the buyer's orders, or of the shop. Undefined with the choices
   * when several could fit (the buyer is asked).
   */
  lineFor(buyerId: string | null, orderId: string | undefined): { line?: string; choices: string[] } {
    const { repos } = this.parts;
    const order = orderId ? repos.orders.get(orderId) : undefined;
    if (order && buyerId && order.buyerId === buyerId) return { line: order.businessLine, choices: [] };
    const all = repos.businessLines.list().map((l) => l.id);
    const mine = buyerId ? [...new Set(repos.orders.listForBuyer(buyerId).map((o) => o.businessLine))] : [];
    const choices = mine.length > 0 ? mine : all;
    return choices.length === 1 ? { line: choices[0], choices } : { choices };
  }

  /**
   * `+1`: the next waiting buyer of the agent's lines, within their capacity. A buyer whose
   * language the agent does not read is left for a free colleague online who does, if there is one.
   * A claim is recorded and announced.
   */
  async claimNext(agent: Agent): Promise<ClaimResult> {
    const { book, parts } = this;
    const colleagueSpeaks = (h: Handoff): boolean =>
      parts.repos.agents.list().some(
        (other) =>
          other.id !== agent.id &&
          other.businessLines.includes(h.line) &&
          other.languages.includes(h.locale.slice(0, 2) as 'zh' | 'en') &&
          book.isOnline(other.id, parts.idleMs) &&
          book.serving(other.id).length < other.capacity,
      );
    const result = await book.claimNext(agent.id, agent.businessLines, agent.capacity, { speaks: agent.languages, colleagueSpeaks });
    if (result.ok) this.recordHandoff(result.handoff, 'claimed', { agentId: agent.id });
    return result;
  }

  /** The number of a handoff in the agent's `/list` (1-based; 0 when not theirs). */
  numberOf(agentId: string, handoffId: string): number {
    return (this.book.seat(agentId)?.serving.indexOf(handoffId) ?? -1) + 1;
  }

  /** A handoff queued, claimed or ended, in the event log (the queue's history for managers) and its contact. */
  recordHandoff(h: Handoff, state: 'queued' | 'claimed' | 'ended', extra: { by?: string; agentId?: string } = {}): void {
    const at = this.parts.now();
    this.parts.events.append({ type: 'handoff', at: at.toISOString(), handoffId: h.id, state, line: h.line, buyerId: h.buyerId, reason: h.reason, ...extra });
    const id = contactIdOf(h);
    if (state === 'queued') {
      // A handoff without the conversation's contact is a contact of its own, begun when queued.
      const begins = h.contactId ? {} : { source: 'desk' as const, buyerId: h.buyerId, locale: h.locale, startedAt: Date.parse(h.queuedAt) };
      this.recordContact({ id, set: { line: h.line, ...begins }, setOnce: { queuedAt: Date.parse(h.queuedAt) } });
    } else if (state === 'claimed') {
      this.recordContact({ id, set: { ...(h.agentId ? { agentId: h.agentId } : {}) }, setOnce: { claimedAt: h.claimedAt ? Date.parse(h.claimedAt) : at.getTime() } });
    } else {
      this.recordContact({ id, set: { endedAt: h.endedAt ? Date.parse(h.endedAt) : at.getTime() } });
    }
    this.announce(`handoff.${state}`, `line:${h.line}`, { handoffId: h.id, party: h.party, reason: h.reason, ...extra });
  }

  /** Publishes a notification; a bus that fails is no reason to fail the buyer's turn (the event log has it). */
  private announce(kind: string, target: string, payload: Record<string, unknown>): void {
    this.parts.notifications?.publish({ kind, target, payload }).catch(() => undefined);
  }

  /** A buyer's rating of the help they got, in the event log (the agent who helped, or the last one). */
  recordRating(h: Handoff, satisfied: boolean, why?: string): void {
    this.parts.events.append({
      type: 'handoff_rating',
      at: this.parts.now().toISOString(),
      handoffId: h.id,
      line: h.line,
      buyerId: h.buyerId,
      agentId: h.agentId ?? h.previousAgentIds.at(-1) ?? null,
      satisfied,
      ...(why ? { why } : {}),
    });
    this.announce('handoff.rated', `line:${h.line}`, { handoffId: h.id, satisfied, ...(why ? { why } : {}) });
    this.recordContact({ id: contactIdOf(h), set: { satisfied } });
  }

  /** An agent's words to the buyer, in the handoff's contact (what mining learns from; the first is the first reply). */
  agentReplied(h: Handoff, agent: Agent, text: string): void {
    const at = this.parts.now();
    if (!text.trim()) return;
    this.recordContact({ id: contactIdOf(h), setOnce: { firstReplyAt: at.getTime() }, messages: [{ at: at.toISOString(), from: 'agent', agentId: agent.id, text }] });
  }

  /** Contact changes are written in the order made (a claim never lands before its queue). */
  private contactWrites: Promise<void> = Promise.resolve();

  private recordContact(change: ContactChange): void {
    const contacts = this.parts.contacts;
    if (!contacts) return;
    this.contactWrites = this.contactWrites.then(() => contacts.record([change])).catch((err: unknown) => this.parts.onContactError?.(err));
  }

  /** Resolves once every contact change made so far is written (tests, and a desk closing). */
  contactsWritten(): Promise<void> {
    return this.contactWrites;
  }

  // ── Buyers ──────────────────────────────────────────────────────────────

  /**
   * Queues a request for a person, unless its line's queue is full. A party with an open handoff
   * keeps it (`created` false); a new one is recorded and announced.
   */
  async enqueue(request: HandoffRequest): Promise<{ ok: true; handoff: Handoff; created: boolean } | { ok: false; why: 'full' }> {
    if (!this.book.openFor(request.party) && this.book.queued([request.line]).length >= MAX_QUEUED_PER_LINE) return { ok: false, why: 'full' };
    const { handoff, created } = await this.book.enqueue(request);
    if (created) this.recordHandoff(handoff, 'queued');
    return { ok: true, handoff, created };
  }

  /**
   * The buyer wrote from a conversation their open handoff does not know: it follows them there.
   * When an agent online serves them, that agent and the buyer's number come back (both are told).
   */
  async follow(open: Handoff, address: ConversationAddress, locale: Locale): Promise<{ handoff: Handoff; back?: BuyerBack }> {
    const conversationId = address.conversation?.id ?? '';
    if (open.conversationIds.includes(conversationId) && open.buyerRef.conversation?.id === conversationId) return { handoff: open };
    const { handoff } = await this.book.enqueue({
      party: open.party,
      buyerId: open.buyerId,
      buyerName: open.buyerName,
      locale,
      line: open.line,
      reason: open.reason,
      buyerRef: address,
    });
    const agent = this.servingAgent(handoff);
    return agent ? { handoff, back: { agent, n: this.numberOf(agent.id, handoff.id), handoff } } : { handoff };
  }

  /** A buyer opens a conversation: when an agent online serves them, the handoff follows them and the agent hears they are back. */
  async buyerReturns(party: string, address: ConversationAddress, locale: Locale): Promise<BuyerBack | undefined> {
    const open = this.book.openFor(party);
    if (!open || !this.servingAgent(open)) return undefined;
    return (await this.follow(open, address, locale)).back;
  }

  /**
   * A buyer's message, routed: nothing of a handoff (the bot's, or a rating in words of the one that
   * just ended), a waiting buyer leaving the queue or leaving a message, a served buyer whose agent
   * left (back to the front of the queue), done, or relayed to their agent with suggestions.
   */
  async buyerMessage(message: BuyerMessage): Promise<BuyerMessageOutcome> {
    const { party, text: raw, locale } = message;
    const text = raw.trim();
    const open = this.book.openFor(party);
    if (!open) {
      // "不满意，太慢了" / "处理挺快的" right after a person helped: the rating in words, never a new case.
      const ended = this.book.awaitingRating(party, RATING_IN_WORDS_MS);
      const rating = ended ? readRating(text) : undefined;
      if (!ended || !rating) return { kind: 'bot' };
      const askedWhy = !!ended.rating && !ended.rating.satisfied; // "not satisfied" pressed: this is the why
      const satisfied = !askedWhy && rating.satisfied;
      const why: RatingReason | undefined = satisfied ? undefined : (rating.why ?? (askedWhy ? 'other' : undefined));
      return { kind: 'rate', handoffId: ended.id, satisfied, ...(why ? { why } : {}) };
    }
    const { handoff, back } = await this.follow(open, message.address, locale);
    const followed = back ? { back } : {};
    if (handoff.state === 'queued') {
      if (LEAVE_QUEUE.test(bareAnswer(text))) return { kind: 'leftQueue', ended: await this.end(handoff, 'buyer_left'), ...followed };
      if (handoff.awaitingMessage && text) {
        await this.book.leaveMessage(handoff.id, text);
        return { kind: 'messageLeft', handoff, ...followed };
      }
      return { kind: 'waiting', handoff, ...followed };
    }
    const agent = this.servingAgent(handoff);
    if (!agent) {
      const requeued = await this.requeue(handoff);
      return requeued ? { kind: 'agentGone', ...requeued } : { kind: 'bot' };
    }
    // A buyer typing "/end" or "+1" is a buyer, not an agent: relayed as written, not read (the classifier takes "/end" for a goodbye).
    const recognition = text && !isAgentCommand(text) && this.parts.recognizer ? await this.parts.recognizer.recognize(text, locale, this.parts.now()) : undefined;
    const seen = recognition ? { recognition } : {};
    if (DONE.test(bareAnswer(text)) || (recognition?.intent === 'chitchat.goodbye' && recognition.confidence === 'confident')) {
      return { kind: 'ended', ended: await this.end(handoff, 'buyer'), ...followed, ...seen };
    }
    const suggestions = recognition ? suggestReplies(this.parts.repos, recognition, handoff.locale, { photos: message.photos ?? 0 }, this.parts.approvedReplies) : [];
    return { kind: 'relay', handoff, agent, n: this.numberOf(agent.id, handoff.id), suggestions, ...followed, ...seen };
  }

  /** A waiting buyer asked to leave a message for the agents: their next message is kept. */
  async awaitMessage(party: string): Promise<Handoff | undefined> {
    const open = this.book.openFor(party);
    if (!open || open.state !== 'queued') return undefined;
    await this.book.awaitMessage(open.id, true);
    return open;
  }

  /** The agent serving a handoff, when there is one and they are online. */
  servingAgent(h: Handoff): Agent | undefined {
    const agent = h.state === 'claimed' && h.agentId ? this.parts.repos.agents.get(h.agentId) : undefined;
    return agent && this.book.isOnline(agent.id, this.parts.idleMs) ? agent : undefined;
  }

  /** The buyer's agent has gone (offline or idle): the buyer goes to the front of the queue, recorded. */
  async requeue(handoff: Handoff): Promise<{ handoff: Handoff; position: number } | undefined> {
    const requeued = await this.book.requeueFront(handoff.id);
    if (!requeued) return undefined;
    this.recordHandoff(requeued, 'queued', { by: 'agent_gone' });
    return { handoff: requeued, position: this.book.position(requeued.id) ?? 1 };
  }

  /** Ends a handoff (`agent:<id>`, `buyer`, `buyer_left`), recorded; undefined when it had ended already. */
  async end(handoff: Handoff, by: string): Promise<Ended | undefined> {
    const agentId = handoff.agentId;
    const n = agentId ? this.numberOf(agentId, handoff.id) : 0;
    const wasServed = handoff.state === 'claimed'; // read before the end: the book changes this very object
    const ended = await this.book.end(handoff.id, by);
    if (!ended) return undefined;
    this.recordHandoff(ended, 'ended', { by, ...(agentId ? { agentId } : {}) });
    const agent = agentId ? this.parts.repos.agents.get(agentId) : undefined;
    return { handoff: ended, wasServed, n, ...(agent ? { agent } : {}) };
  }

  /**
   * A rating (a button or words): only the party of that handoff may rate it. "Not satisfied"
   * without a why asks for one; recorded in the event log once.
   */
  async rate(party: string, handoffId: string, satisfied: boolean, why?: RatingReason): Promise<RateOutcome> {
    const target = this.book.get(handoffId);
    if (!target || target.party !== party) return { kind: 'stale' };
    const h = await this.book.rate(handoffId, satisfied, why);
    if (!h) {
      const rated = this.book.get(handoffId);
      return { kind: 'rated', ...(rated?.rating ? { handoff: rated } : {}) };
    }
    if (!satisfied && !why) return { kind: 'askWhy', handoff: h };
    this.recordRating(h, satisfied, why);
    return { kind: 'recorded', handoff: h };
  }

  // ── Agents ──────────────────────────────────────────────────────────────

  /** An agent wrote (or went `/offline`): presence and where to reach them; true when they just came online. */
  seen(agent: Agent, address: ConversationAddress, online: boolean): Promise<boolean> {
    return this.book.seen(agent.id, address, online, this.parts.idleMs);
  }

  /** The waiting buyers of the agent's lines, in queue order, with how long each has waited. */
  queueOf(agent: Agent): { position: number; handoff: Handoff; waitedMinutes: number }[] {
    const now = this.parts.now().getTime();
    return this.book.queued(agent.businessLines).map((handoff, i) => ({ position: i + 1, handoff, waitedMinutes: Math.floor((now - Date.parse(handoff.queuedAt)) / 60_000) }));
  }

  /** Waiting buyers' messages nobody has read yet (left while no agent was online): for the first agent who comes. */
  unreadLeftMessages(agent: Agent): Handoff[] {
    return this.book.queued(agent.businessLines).filter((h) => h.leftMessages.length > 0 && !h.leftMessagesDeliveredTo);
  }

  /** The left messages of a handoff reached an agent. */
  leftMessagesRead(h: Handoff, agent: Agent): Promise<void> {
    return this.book.leftMessagesDelivered(h.id, agent.id);
  }

  /** The buyers an agent serves, numbered as in `/list`, and which one they are writing to. */
  servingList(agent: Agent): { n: number; handoff: Handoff; current: boolean }[] {
    const current = this.book.current(agent.id);
    return this.book.serving(agent.id).map((handoff, i) => ({ n: i + 1, handoff, current: handoff.id === current?.id }));
  }

  /** `/to N`: the agent now writes to their buyer number N; undefined when there is no such number. */
  async writeTo(agent: Agent, n: number): Promise<Handoff | undefined> {
    const h = this.book.serving(agent.id)[n - 1];
    if (h) await this.book.pick(agent.id, h.id);
    return h;
  }

  /**
   * Whom an agent's words go to: the handoff a button named, when this agent serves it now, else
   * the buyer they are writing to. A button for anyone else's buyer names nobody.
   */
  recipient(agent: Agent, handoffId?: string): Handoff | undefined {
    const h = handoffId ? this.book.get(handoffId) : this.book.current(agent.id);
    return h?.state === 'claimed' && h.agentId === agent.id ? h : undefined;
  }

  /** `/end`: ends the handoff of the buyer the agent is writing to; undefined when there is none. */
  async endCurrent(agent: Agent): Promise<Ended | undefined> {
    const h = this.recipient(agent);
    return h ? this.end(h, `agent:${agent.id}`) : undefined;
  }

  /** The merchant of the order of the handoff a button named (or the agent's current buyer). */
  merchantOf(agent: Agent, handoffId?: string): MerchantOf {
    const h = this.recipient(agent, handoffId);
    if (!h) return { ok: false, why: 'nobody' };
    const order = handoffOrder(this.parts.repos, h);
    const merchant = order ? this.parts.repos.merchants.get(order.merchantId) : undefined;
    return order && merchant ? { ok: true, handoff: h, order, merchant } : { ok: false, why: 'no_order' };
  }
}
