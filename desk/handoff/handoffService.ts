import type { EventLog } from '../../data/deskStore.js';
import type { NotificationBus } from '../../data/notifications.js';
import type { Handoff } from '../../data/records.js';
import type { Repositories } from '../../data/repositories/index.js';
import type { Agent, Locale } from '../../data/shopSchema.js';
import type { ClaimResult, HandoffBook } from './handoffBook.js';
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
}

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
   */
  claimNext(agent: Agent): Promise<ClaimResult> {
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
    return book.claimNext(agent.id, agent.businessLines, agent.capacity, { speaks: agent.languages, colleagueSpeaks });
  }

  /** The number of a handoff in the agent's `/list` (1-based; 0 when not theirs). */
  numberOf(agentId: string, handoffId: string): number {
    return (this.book.seat(agentId)?.serving.indexOf(handoffId) ?? -1) + 1;
  }

  /** A handoff queued, claimed or ended, in the event log (the queue's history for managers). */
  recordHandoff(h: Handoff, state: 'queued' | 'claimed' | 'ended', extra: { by?: string; agentId?: string } = {}): void {
    this.parts.events.append({ type: 'handoff', at: this.parts.now().toISOString(), handoffId: h.id, state, line: h.line, buyerId: h.buyerId, reason: h.reason, ...extra });
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
  }
}
