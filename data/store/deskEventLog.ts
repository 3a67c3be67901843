import { readFile } from 'node:fs/promises';
import { JsonLinesLog } from './jsonLinesLog.js';
import type { EventLog } from '../deskStore.js';
import type { ShopData } from '../shopSchema.js';

/** Who did something: a buyer (by id), the bot on its own (a reminder), an agent, or the system. */
export type Actor = `buyer:${string}` | `agent:${string}` | 'bot';

/** One change to an order: who, what, when, under which rule, from which state to which. */
export interface OrderEvent {
  type: 'order';
  /** Unique per event: the order keeps its last event in the store too, and a start appends it here if a crash lost it. */
  id?: string;
  at: string;
  orderId: string;
  buyerId: string;
  by: Actor;
  /** What was done, e.g. `cancel`, `start_return`, `change_address`, `remind_unpaid`. */
  action: string;
  /** The rule of after-sales-policy.md that decided it, when one did. */
  rule?: string;
  from: string;
  to: string;
  conversationId?: string;
  /** The activity (the buyer's "yes") that asked for it: the same activity sent again is not done twice. */
  activityId?: string;
  /** Action details: the refund amount, the new address, the photos, the message to the merchant. */
  detail?: Record<string, unknown>;
}

/** A case the bot hands to a person, with why (the next issue's queue takes it from here). */
export interface HandoverEvent {
  type: 'handover';
  at: string;
  buyerId: string | null;
  conversationId: string;
  /** Why a person is needed: a rule's reason, `buyer_asked`, `repeated_abuse`, `kb_not_helpful`. */
  reason: string;
  rule?: string;
  orderId?: string;
  intent?: string;
  merchantContact?: string;
}

/** A buyer's answer to "did that help?" under a knowledge-base answer, for managers. */
export interface KbFeedbackEvent {
  type: 'kb_feedback';
  at: string;
  buyerId: string | null;
  conversationId: string;
  intent: string;
  entryId: string;
  helpful: boolean;
}

/** A handoff queued or ended (the queue's history for managers: volume by hour, waits, handle times). */
export interface HandoffEvent {
  type: 'handoff';
  at: string;
  handoffId: string;
  state: 'queued' | 'claimed' | 'ended';
  line: string;
  buyerId: string | null;
  reason: string;
  agentId?: string;
  by?: string;
}

/** A buyer's rating of the help they got from a person. */
export interface HandoffRatingEvent {
  type: 'handoff_rating';
  at: string;
  handoffId: string;
  line: string;
  buyerId: string | null;
  agentId: string | null;
  satisfied: boolean;
  why?: string;
}

/** Every event the desk keeps. */
export type DeskEvent = OrderEvent | HandoverEvent | KbFeedbackEvent | HandoffEvent | HandoffRatingEvent;

/**
 * The desk's events (order history, handovers, answer feedback) as an append-only JSON Lines file
 * beside the store: they only grow, so they never make the store rewrite. Order events are also
 * indexed in memory by order id, so an order's history is at hand without reading the file.
 */
export class DeskEventLog extends JsonLinesLog<DeskEvent> implements EventLog {
  private readonly byOrder = new Map<string, OrderEvent[]>();

  static async open(file: string): Promise<DeskEventLog> {
    const log = new DeskEventLog(file, await JsonLinesLog.openStream(file));
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.includes('"type":"order"')) continue;
      try {
        log.index(JSON.parse(line) as DeskEvent);
      } catch {
        // a line cut by a crash: the rest of the history stands
      }
    }
    return log;
  }

  override append(event: DeskEvent): void {
    super.append(event);
    this.index(event);
  }

  /** The order's history, oldest first. */
  historyOf(orderId: string): readonly OrderEvent[] {
    return this.byOrder.get(orderId) ?? [];
  }

  async orderHistory(orderId: string): Promise<readonly OrderEvent[]> {
    return this.historyOf(orderId);
  }

  async recover(orders: ShopData['orders']): Promise<number> {
    let recovered = 0;
    for (const order of orders) {
      const last = order.lastEvent as unknown as OrderEvent | undefined;
      if (!last?.id || this.historyOf(order.id).some((e) => e.id === last.id)) continue;
      this.append({ ...last, orderId: order.id });
      recovered++;
    }
    if (recovered > 0) await this.flush();
    return recovered;
  }

  private index(event: DeskEvent): void {
    if (event.type !== 'order') return;
    const list = this.byOrder.get(event.orderId) ?? [];
    list.push(event);
    this.byOrder.set(event.orderId, list);
  }
}
