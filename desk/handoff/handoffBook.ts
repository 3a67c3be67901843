import { randomUUID } from 'node:crypto';
import type { DeskStore } from '../../data/deskStore.js';
import type { Handoff, AgentSeat, ConversationAddress, StateDocument } from '../../data/records.js';

export type { Handoff, AgentSeat } from '../../data/records.js';

/**
 * How stale the stored "last seen" of an agent may get before a message writes it: far below any
 * idle timeout, so a restart loses at most this much presence, and an agent's messages in a
 * conversation cost no state write in between.
 */
const PRESENCE_WRITE_MS = 60_000;

/**
 * Buyers one line's queue holds at most. Past it a wait is hours, not minutes, and the queue is in
 * the state document every turn rewrites: guests invented by the hundred must not grow it.
 */
export const MAX_QUEUED_PER_LINE = 200;
/** Messages one waiting buyer may leave: an agent reads a handful; more is a flood, and the oldest go. */
export const MAX_LEFT_MESSAGES = 20;
/** Conversations of one handoff remembered for the agent's history: the latest are the ones that matter. */
export const MAX_HANDOFF_CONVERSATIONS = 20;

/** Finished handoffs kept in the state document for handle-time estimates; older ones live on in the event log. */
const ENDED_KEPT = 200;
/** Window over which arrivals are counted for the wait estimate: long enough to smooth, short enough to follow the day's peaks. */
const ARRIVAL_WINDOW_MINUTES = 60;
/** Finished handoffs a line's handle time is averaged over. */
const HANDLE_SAMPLE = 20;

/** What asks for a person: who, in which line, why, about which order, and where to write to them. */
export type HandoffRequest = Pick<Handoff, 'party' | 'buyerId' | 'buyerName' | 'locale' | 'line' | 'reason' | 'rule' | 'orderId' | 'intent' | 'merchantContact' | 'buyerRef' | 'contactId'>;

/** The outcome of `+1`. */
export type ClaimResult = { ok: true; handoff: Handoff } | { ok: false; why: 'full' | 'none_waiting' | 'others_language' };

/** The languages the claiming agent speaks, and whether a free colleague online speaks a waiting buyer's. */
export interface LanguageFit {
  speaks: readonly string[];
  colleagueSpeaks(h: Handoff): boolean;
}

function handoffs(state: StateDocument): Record<string, Handoff> {
  state.handoffs ??= {};
  return state.handoffs;
}

function seats(state: StateDocument): Record<string, AgentSeat> {
  state.agentSeats ??= {};
  return state.agentSeats;
}

/**
 * A later request about a buyer who is already waiting or served: a policy decision (one with a
 * rule) is the most specific case there is, so it replaces the reason, rule, intent, order and
 * merchant contact; a plain ask ("a person, please", not understood) keeps the case as it was and
 * only adds an order when the handoff had none. Without this, a buyer who first asked for a
 * person and then hit a refund review would reach the agent with no order and no rule.
 */
function takeCase(open: Handoff, request: HandoffRequest): void {
  if (request.rule) {
    open.reason = request.reason;
    open.rule = request.rule;
    if (request.intent) open.intent = request.intent;
    else delete open.intent;
    if (request.orderId) open.orderId = request.orderId;
    if (request.merchantContact) open.merchantContact = request.merchantContact;
    else delete open.merchantContact;
    return;
  }
  if (request.orderId && !open.orderId) open.orderId = request.orderId;
}

/** Queue order: returning buyers first, then by the time they joined. */
function queueOrder(a: Handoff, b: Handoff): number {
  return Number(b.priority) - Number(a.priority) || Date.parse(a.queuedAt) - Date.parse(b.queuedAt);
}

/**
 * Handoffs and agents' seats as state transitions in the store (queue → claim → end, presence,
 * the buyer an agent is writing to). Each transition reads and changes the state in one
 * synchronous step inside `DeskStore.changeState`, on fresh state under the backend's lock, so it
 * is compare-and-set by construction: of two agents claiming the same buyer at once (on one desk
 * or on two desks sharing a database), exactly one finds it still queued. All of it is stored, so
 * it survives a restart.
 */
export class HandoffBook {
  /** Agents' latest message times newer than the stored ones (see `PRESENCE_WRITE_MS`). */
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly store: DeskStore,
    private readonly now: () => Date,
  ) {}

  private get state(): StateDocument {
    return this.store.state;
  }

  get(id: string): Handoff | undefined {
    return this.state.handoffs?.[id];
  }

  /** Every handoff the state keeps (open ones, and the latest ended ones). */
  allHandoffs(): Readonly<Record<string, Handoff>> {
    return this.state.handoffs ?? {};
  }

  /** The party's handoff that is not ended (queued or claimed), if any. */
  openFor(party: string): Handoff | undefined {
    return Object.values(this.state.handoffs ?? {}).find((h) => h.party === party && h.state !== 'ended');
  }

  /**
   * The party's latest handoff that ended after an agent served it, within `withinMs`, and still
   * waits for its rating (or for the why of a "not satisfied"): a typed answer rates it.
   */
  awaitingRating(party: string, withinMs: number): Handoff | undefined {
    const since = this.now().getTime() - withinMs;
    const latest = Object.values(this.state.handoffs ?? {})
      .filter((h) => h.party === party && h.state === 'ended' && h.claimedAt && h.endedAt && Date.parse(h.endedAt) >= since)
      .sort((a, b) => Date.parse(b.endedAt!) - Date.parse(a.endedAt!))[0];
    return latest && !(latest.rating && (latest.rating.satisfied || latest.rating.why)) ? latest : undefined;
  }

  /** The queued handoffs of `lines`, in queue order. */
  queued(lines: readonly string[]): Handoff[] {
    return Object.values(this.state.handoffs ?? {})
      .filter((h) => h.state === 'queued' && lines.includes(h.line))
      .sort(queueOrder);
  }

  /** 1-based place in its line's queue, or undefined when not queued. */
  position(id: string): number | undefined {
    const h = this.get(id);
    if (!h || h.state !== 'queued') return undefined;
    return this.queued([h.line]).findIndex((q) => q.id === id) + 1;
  }

  /**
   * Queues a request; a party with an open handoff keeps it, updated with the newest conversation
   * and with the request's case when it says more (see `takeCase`).
   */
  async enqueue(request: HandoffRequest): Promise<{ handoff: Handoff; created: boolean }> {
    const at = this.now().toISOString();
    return this.store.changeState('handoffs', (state) => {
      const open = Object.values(handoffs(state)).find((h) => h.party === request.party && h.state !== 'ended');
      if (open) {
        takeCase(open, request);
        open.buyerRef = structuredClone(request.buyerRef);
        open.locale = request.locale;
        const conversationId = request.buyerRef.conversation?.id;
        if (conversationId && !open.conversationIds.includes(conversationId)) open.conversationIds = [...open.conversationIds, conversationId].slice(-MAX_HANDOFF_CONVERSATIONS);
        return { handoff: open, created: false };
      }
      const handoff: Handoff = {
        id: randomUUID(),
        party: request.party,
        buyerId: request.buyerId,
        buyerName: request.buyerName,
        locale: request.locale,
        line: request.line,
        state: 'queued',
        reason: request.reason,
        ...(request.rule ? { rule: request.rule } : {}),
        ...(request.orderId ? { orderId: request.orderId } : {}),
        ...(request.intent ? { intent: request.intent } : {}),
        ...(request.merchantContact ? { merchantContact: request.merchantContact } : {}),
        ...(request.contactId ? { contactId: request.contactId } : {}),
        buyerRef: structuredClone(request.buyerRef),
        conversationIds: request.buyerRef.conversation?.id ? [request.buyerRef.conversation.id] : [],
        queuedAt: at,
        priority: false,
        previousAgentIds: [],
        leftMessages: [],
        revision: 1,
      };
      handoffs(state)[handoff.id] = handoff;
      return { handoff, created: true };
    });
  }

  /** `+1`: the next queued buyer of the agent's lines, if the agent has a free seat. */
  async claimNext(agentId: string, lines: readonly string[], capacity: number, language?: LanguageFit): Promise<ClaimResult> {
    const at = this.now().toISOString();
    return this.store.changeState('handoffs', (state): ClaimResult => {
      const seat = this.seatIn(state, agentId);
      if (seat.serving.length >= capacity) return { ok: false, why: 'full' };
      const waiting = Object.values(handoffs(state))
        .filter((h) => h.state === 'queued' && lines.includes(h.line))
        .sort(queueOrder);
      // The first buyer who writes in a language the agent speaks; another only when no free colleague speaks theirs.
      const speaks = (h: Handoff): boolean => !language || language.speaks.includes(h.locale.slice(0, 2));
      const next = waiting.find(speaks) ?? waiting.find((h) => !language?.colleagueSpeaks(h));
      if (!next) return { ok: false, why: waiting.length ? 'others_language' : 'none_waiting' };
      this.assign(state, next, agentId, at);
      return { ok: true, handoff: next };
    });
  }

  /** The buyer's agent is gone: back to the front of the queue, for the next agent (who sees the whole history). */
  async requeueFront(id: string): Promise<Handoff | undefined> {
    return this.store.changeState('handoffs', (state) => {
      const h = handoffs(state)[id];
      if (!h || h.state !== 'claimed') return undefined;
      if (h.agentId) this.release(state, h.agentId, h.id);
      h.previousAgentIds = [...new Set([...h.previousAgentIds, ...(h.agentId ? [h.agentId] : [])])];
      delete h.agentId;
      delete h.claimedAt;
      h.state = 'queued';
      h.priority = true;
      h.revision++;
      return h;
    });
  }

  /** Ends a handoff (the agent's `/end`, the buyer done, or the buyer leaving the queue). Undefined when it had already ended. */
  async end(id: string, by: string): Promise<Handoff | undefined> {
    const at = this.now().toISOString();
    return this.store.changeState('handoffs', (state) => {
      const h = handoffs(state)[id];
      if (!h || h.state === 'ended') return undefined;
      if (h.agentId) this.release(state, h.agentId, h.id);
      h.state = 'ended';
      h.endedAt = at;
      h.endedBy = by;
      h.revision++;
      this.prune(state);
      return h;
    });
  }

  /** Keeps a message a buyer left while no agent was online, for the first agent of the line. */
  async leaveMessage(id: string, text: string): Promise<void> {
    const at = this.now().toISOString();
    await this.store.changeState('handoffs', (state) => {
      const h = handoffs(state)[id];
      if (!h || h.state === 'ended') return;
      h.leftMessages = [...h.leftMessages, { at, text }].slice(-MAX_LEFT_MESSAGES);
      delete h.leftMessagesDeliveredTo;
      h.awaitingMessage = false;
      h.revision++;
    });
  }

  /** The messages a buyer left reached an agent (the first to come online); later ones are new and go again. */
  async leftMessagesDelivered(id: string, agentId: string): Promise<void> {
    await this.store.changeState('handoffs', (state) => {
      const h = handoffs(state)[id];
      if (h) h.leftMessagesDeliveredTo = agentId;
    });
  }

  /** Marks that the buyer's next message is a message for the agents (no agent online). */
  async awaitMessage(id: string, awaiting: boolean): Promise<void> {
    await this.store.changeState('handoffs', (state) => {
      const h = handoffs(state)[id];
      if (h) h.awaitingMessage = awaiting;
    });
  }

  /**
   * Records the buyer's rating of an ended handoff. A rating is final once complete ("satisfied",
   * or "not satisfied" with its why: what the event log counts); until then the buyer may still
   * change it. Undefined when there is nothing to record (no such ended handoff, or already
   * rated), so a button pressed twice is not counted twice in the satisfaction figures.
   */
  async rate(id: string, satisfied: boolean, why?: string): Promise<Handoff | undefined> {
    return this.store.changeState('handoffs', (state) => {
      const h = handoffs(state)[id];
      if (!h || h.state !== 'ended') return undefined;
      if (h.rating && (h.rating.satisfied || h.rating.why)) return undefined;
      h.rating = { satisfied, ...(why ? { why } : {}) };
      return h;
    });
  }

  // ---- agents' seats ----

  seat(agentId: string): AgentSeat | undefined {
    return this.state.agentSeats?.[agentId];
  }

  /** True when the agent is online and was seen within `idleMs`. */
  isOnline(agentId: string, idleMs: number): boolean {
    const seat = this.seat(agentId);
    if (!seat?.online) return false;
    const last = Math.max(Date.parse(seat.lastSeenAt), this.lastSeen.get(agentId) ?? 0);
    return this.now().getTime() - last < idleMs;
  }

  /** The agent wrote (or said /online, /offline): presence and where to write to them. Resolves whether they were offline before. */
  async seen(agentId: string, reference: ConversationAddress, online: boolean, idleMs: number): Promise<boolean> {
    const wasOnline = this.isOnline(agentId, idleMs);
    const now = this.now();
    const seat = this.seat(agentId);
    const stored = seat ? Date.parse(seat.lastSeenAt) : 0;
    const sameConversation = seat?.reference?.conversation?.id === reference.conversation?.id && seat?.reference?.serviceUrl === reference.serviceUrl;
    if (seat && seat.online === online && sameConversation && now.getTime() - stored < PRESENCE_WRITE_MS) {
      // Nothing changed but the time: kept in memory, so an agent's every message does not rewrite the state file.
      this.lastSeen.set(agentId, now.getTime());
      return !wasOnline;
    }
    const at = now.toISOString();
    this.lastSeen.delete(agentId);
    await this.store.changeState('handoffs', (state) => {
      const seat = this.seatIn(state, agentId);
      seat.online = online;
      seat.lastSeenAt = at;
      seat.reference = structuredClone(reference);
    });
    return !wasOnline;
  }

  /** The buyers the agent serves, in the order they were claimed (the numbers of `/list`). */
  serving(agentId: string): Handoff[] {
    return (this.seat(agentId)?.serving ?? []).map((id) => this.get(id)).filter((h): h is Handoff => !!h && h.state === 'claimed');
  }

  /** The handoff the agent's messages go to. */
  current(agentId: string): Handoff | undefined {
    const seat = this.seat(agentId);
    const h = seat?.current ? this.get(seat.current) : undefined;
    return h?.state === 'claimed' && h.agentId === agentId ? h : this.serving(agentId)[0];
  }

  /** `/to N`: the agent's messages go to their N-th buyer. */
  async pick(agentId: string, handoffId: string): Promise<void> {
    await this.store.changeState('handoffs', (state) => {
      this.seatIn(state, agentId).current = handoffId;
    });
  }

  // ---- figures for the wait estimate ----

  /** Buyers who joined `line`'s queue per minute over the last hour. */
  arrivalsPerMinute(line: string): number {
    const since = this.now().getTime() - ARRIVAL_WINDOW_MINUTES * 60_000;
    const count = Object.values(this.state.handoffs ?? {}).filter((h) => h.line === line && Date.parse(h.queuedAt) >= since).length;
    return count / ARRIVAL_WINDOW_MINUTES;
  }

  /** Mean minutes of the line's recent finished conversations with an agent, or undefined with none yet. */
  handleMinutes(line: string): number | undefined {
    const done = Object.values(this.state.handoffs ?? {})
      .filter((h) => h.line === line && h.state === 'ended' && h.claimedAt && h.endedAt)
      .sort((a, b) => Date.parse(b.endedAt!) - Date.parse(a.endedAt!))
      .slice(0, HANDLE_SAMPLE);
    if (done.length === 0) return undefined;
    return done.reduce((sum, h) => sum + (Date.parse(h.endedAt!) - Date.parse(h.claimedAt!)), 0) / done.length / 60_000;
  }

  private seatIn(state: StateDocument, agentId: string): AgentSeat {
    const all = seats(state);
    all[agentId] ??= { agentId, online: false, lastSeenAt: new Date(0).toISOString(), serving: [] };
    return all[agentId];
  }

  private assign(state: StateDocument, h: Handoff, agentId: string, at: string): void {
    h.state = 'claimed';
    h.agentId = agentId;
    h.claimedAt = at;
    h.priority = false;
    h.revision++;
    const seat = this.seatIn(state, agentId);
    seat.serving = [...seat.serving.filter((id) => id !== h.id), h.id];
    seat.current = h.id;
  }

  private release(state: StateDocument, agentId: string, id: string): void {
    const seat = this.seatIn(state, agentId);
    seat.serving = seat.serving.filter((s) => s !== id);
    if (seat.current === id) seat.current = seat.serving.at(-1);
  }

  /** Drops the oldest ended handoffs past `ENDED_KEPT` (they are in the event log). */
  private prune(state: StateDocument): void {
    const ended = Object.values(handoffs(state)).filter((h) => h.state === 'ended');
    if (ended.length <= ENDED_KEPT) return;
    ended.sort((a, b) => Date.parse(a.endedAt!) - Date.parse(b.endedAt!));
    for (const h of ended.slice(0, ended.length - ENDED_KEPT)) delete handoffs(state)[h.id];
  }
}
