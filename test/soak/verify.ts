import { readFileSync } from 'node:fs';
import type { Order } from '../../data/shopSchema.js';
import type { OrderEvent } from '../../data/records.js';
import type { Attempt, LedgerEntry } from './ledger.js';
import type { StoreFile } from './plan.js';

/** What a check reads: the desk's files, the orders as they were before the buyers started, and the books. */
export interface VerifyInput {
  dataFile: string;
  stateFile: string;
  eventsFile: string;
  initial: ReadonlyMap<string, Order>;
  /** Acknowledged actions that must be on disk. */
  ledger: readonly LedgerEntry[];
  /** Every yes sent so far: the only things that may have moved an order. */
  attempts: readonly Attempt[];
}

/** What a check found; every list holds one line per problem. */
export interface VerifyResult {
  /** Acknowledged actions missing from the store or the event log. */
  lost: string[];
  /** Orders or events that moved without a buyer's yes. */
  unexpected: string[];
  /** Files that do not parse. */
  unparsable: string[];
  /** Orders that moved (after an unacknowledged yes) with no event for it: an audit gap, not a loss. */
  movedWithoutEvent: string[];
  /** The same change recorded more than once. */
  duplicateEvents: string[];
  /** Lines of the event log that do not parse (a kill mid-append). */
  tornEventLines: number;
  /** Yeses never acknowledged whose change is in the event log: a kill cut the turn after the write. */
  unacknowledgedApplied: number;
}

function parseFile(file: string, problems: string[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push(`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    problems.push(`${file}: does not parse (${(err as Error).message}; ${text.length} bytes)`);
    return undefined;
  }
}

function readEvents(file: string): { events: OrderEvent[]; torn: number } {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { events: [], torn: 0 };
  }
  const events: OrderEvent[] = [];
  let torn = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const event = JSON.parse(line) as { type?: string };
      if (event.type === 'order') events.push(event as OrderEvent);
    } catch {
      torn++;
    }
  }
  return { events, torn };
}

/** An ISO 8601 time as the demo shop writes them: a restart moves every one forward (data/rebaseDemoShop.ts), so comparisons skip them. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** `value` as JSON with every time replaced by a placeholder: what a restart's rebase of the demo shop leaves alone. */
function withoutTimes(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && ISO_TIME.test(v) ? '<time>' : v));
}

const lineOf = (order: Order | undefined): string | undefined => order?.address?.line;
const detailTo = (event: OrderEvent): unknown => event.detail?.['to'];

/**
 * The event that records `attempt` (its order, action, new status, buyer and conversation, and for
 * an address the new line). For an acknowledged one, an event stamped before the acknowledgement:
 * a later one is the same yes applied again by a later desk (a resent message), not its record.
 */
function recorded(events: readonly OrderEvent[], attempt: Attempt, ackedAt?: string): boolean {
  return events.some(
    (e) =>
      (ackedAt === undefined || Date.parse(e.at) <= Date.parse(ackedAt)) &&
      e.orderId === attempt.orderId &&
      e.action === attempt.action &&
      e.to === attempt.status &&
      e.by === `buyer:${attempt.buyerId}` &&
      e.conversationId === attempt.conversationId &&
      (attempt.line === undefined || detailTo(e) === attempt.line),
  );
}

function describe(order: Order | undefined): string {
  return order ? `status ${order.status}${order.address?.line ? `, address "${order.address.line}"` : ''}` : 'no such order';
}

/**
 * Checks the desk's files against the books: every acknowledged action is in the store (the
 * order has that status, or one a later yes of its buyer gives it; the new address, or a later
 * one) and in the event log; nothing moved that no buyer said yes to; both JSON files parse.
 */
export function verify(input: VerifyInput): VerifyResult {
  const result: VerifyResult = { lost: [], unexpected: [], unparsable: [], movedWithoutEvent: [], duplicateEvents: [], tornEventLines: 0, unacknowledgedApplied: 0 };
  const store = parseFile(input.dataFile, result.unparsable) as StoreFile | undefined;
  parseFile(input.stateFile, result.unparsable);
  const orders = store?.shop?.orders;
  if (!Array.isArray(orders)) {
    if (store) result.unparsable.push(`${input.dataFile}: parses, but has no shop.orders`);
    return result;
  }
  const { events, torn } = readEvents(input.eventsFile);
  result.tornEventLines = torn;
  const byId = new Map(orders.map((o) => [o.id, o]));
  const attemptsOn = new Map<string, Attempt[]>();
  for (const a of input.attempts) attemptsOn.set(a.orderId, [...(attemptsOn.get(a.orderId) ?? []), a]);

  for (const entry of input.ledger) {
    const order = byId.get(entry.orderId);
    const later = (attemptsOn.get(entry.orderId) ?? []).filter((a) => a.seq > entry.seq);
    const statusKept = !!order && (order.status === entry.status || later.some((a) => a.status === order.status));
    const lineKept = entry.line === undefined || lineOf(order) === entry.line || later.some((a) => a.line !== undefined && a.line === lineOf(order));
    const inLog = recorded(events, entry, entry.ackedAt);
    if (statusKept && lineKept && inLog) continue;
    const what = `${entry.buyerId} ${entry.action} of order ${entry.orderId} → ${entry.status}${entry.line ? ` "${entry.line}"` : ''}, acknowledged ${entry.ackedAt} by desk start #${entry.deskStart}`;
    const missing = [!statusKept || !lineKept ? `the store has ${describe(order)}` : '', inLog ? '' : 'no event for it stamped before the acknowledgement in the event log'].filter(Boolean);
    result.lost.push(`${what}: ${missing.join('; ')}`);
  }

  for (const [id, before] of input.initial) {
    const now = byId.get(id);
    const tried = attemptsOn.get(id) ?? [];
    if (!now) {
      result.unexpected.push(`order ${id} is gone from the store`);
      continue;
    }
    if (tried.length === 0) {
      if (withoutTimes(now) !== withoutTimes(before)) {
        const changed = Object.keys({ ...before, ...now }).filter((k) => withoutTimes((before as Record<string, unknown>)[k]) !== withoutTimes((now as Record<string, unknown>)[k]));
        result.unexpected.push(`order ${id} (${before.buyerId}) changed without any yes: ${changed.join(', ')}`);
      }
      continue;
    }
    if (now.status !== before.status && !tried.some((a) => a.status === now.status)) {
      result.unexpected.push(`order ${id} (${before.buyerId}) is ${now.status}, which no yes asked for (was ${before.status}; asked: ${[...new Set(tried.map((a) => a.status))].join(', ')})`);
    }
    if (lineOf(now) !== lineOf(before) && !tried.some((a) => a.line === lineOf(now))) {
      result.unexpected.push(`order ${id} (${before.buyerId}) has the address "${lineOf(now)}", which no yes asked for`);
    }
    if (now.status !== before.status && !events.some((e) => e.orderId === id && e.to === now.status)) {
      result.movedWithoutEvent.push(`order ${id}: ${before.status} → ${now.status} in the store, no event for it`);
    }
    if (lineOf(now) !== lineOf(before) && !events.some((e) => e.orderId === id && e.action === 'change_address' && detailTo(e) === lineOf(now))) {
      result.movedWithoutEvent.push(`order ${id}: address "${lineOf(now)}" in the store, no event for it`);
    }
  }
  for (const id of byId.keys()) if (!input.initial.has(id)) result.unexpected.push(`order ${id} appeared in the store`);

  const seen = new Map<string, number>();
  for (const e of events) {
    if (!input.attempts.some((a) => a.orderId === e.orderId && a.action === e.action && a.status === e.to && `buyer:${a.buyerId}` === e.by && a.conversationId === e.conversationId)) {
      result.unexpected.push(`event without a yes: ${JSON.stringify(e)}`);
    }
    const key = `order ${e.orderId} ${e.action} ${e.from} → ${e.to}${detailTo(e) ? ` "${String(detailTo(e))}"` : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  for (const [key, n] of seen) if (n > 1) result.duplicateEvents.push(`${key} recorded ${n} times`);
  const acked = new Set(input.ledger.map((e) => e.seq));
  result.unacknowledgedApplied = input.attempts.filter((a) => !acked.has(a.seq) && recorded(events, a)).length;
  return result;
}
