import { isDeepStrictEqual } from 'node:util';
import type { Handoff } from '../../desk/handoff/handoffBook.js';
import type { Order } from '../../data/shopSchema.js';
import type { DeskEvent, StateDocument } from '../../data/records.js';
import type { Received } from './testChannel.js';

/**
 * The invariants of the fuzz suite as pure functions: each takes what was recorded before the
 * storm and what is there after, and returns its violations as sentences (none when it holds).
 * Pure, so that test/fuzz can feed each one a made-up violation and see it caught.
 */

/** Longest excerpt of a value printed in a failure: enough to replay it, short enough to read. */
const EXCERPT_CHARS = 600;

/** A value as JSON, cut for a failure message (undefined and NaN spelled out). */
export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** A thing that must not reach an attacker, with a label saying whose and what it is. */
export interface Secret {
  label: string;
  value: string;
}

/** Everything that must not reach an attacker's conversation. */
export interface Secrets {
  /** Names, addresses, goods, tracking numbers, order ids attackers never typed, handoff and conversation ids, markers: nowhere. */
  anywhere: Secret[];
  /**
   * Victims' order ids that attackers type themselves ("bait"): the desk may say them back in
   * words ("I couldn't find …"), so they are looked for everywhere but in the words (cards,
   * buttons, traces of decisions, handoff events).
   */
  outsideWords: Secret[];
  /** Victims' phone numbers, found however they are written (spaces, dashes, +1 or not). */
  phones: Secret[];
}

/** A pattern matching the digits of `phone` with any separators between them (and an optional +1 before a North American one). */
export function phonePattern(phone: string): RegExp {
  let digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && digits.startsWith('1') && phone.trim().startsWith('+1')) digits = digits.slice(1);
  const body = Array.from(digits).join('[\\s\\-().]*');
  return new RegExp(`(?<!\\d)(?:1[\\s\\-().]*)?${body}(?!\\d)`);
}

/** The parts of a reply that may hold words an attacker typed: left out when looking for `outsideWords`. */
function withoutWords(activity: Received): unknown {
  const copy = structuredClone(activity) as Received & Record<string, unknown>;
  delete copy.text;
  delete copy.speak;
  delete copy.summary;
  delete copy.replyToId;
  if (copy.type === 'trace' && copy.name === 'IntentRecognition') delete copy.value; // the recognition of the attacker's own words
  for (const action of copy.suggestedActions?.actions ?? []) {
    const value = action.value as Record<string, unknown> | undefined;
    if (value && value.action === 'pickIntent') delete value.text; // "did you mean": the attacker's words, carried back
  }
  return copy;
}

/** The secrets one reply to an attacker shows, as sentences naming the secret. */
export function findLeaks(activity: Received, secrets: Secrets): string[] {
  const all = JSON.stringify(activity);
  const leaks: string[] = [];
  for (const s of secrets.anywhere) if (all.includes(s.value)) leaks.push(`${s.label} (${s.value})`);
  for (const s of secrets.phones) if (phonePattern(s.value).test(all)) leaks.push(`${s.label} (${s.value})`);
  if (secrets.outsideWords.length) {
    const rest = JSON.stringify(withoutWords(activity));
    for (const s of secrets.outsideWords) if (rest.includes(s.value)) leaks.push(`${s.label} (${s.value}) outside the words`);
  }
  return leaks;
}

/** True when `text` (an attacker's body) contains a secret it must never carry: it would make an echo look like a leak. */
export function carriesSecret(text: string, secrets: Secrets): boolean {
  return secrets.anywhere.some((s) => text.includes(s.value)) || secrets.phones.some((s) => phonePattern(s.value).test(text));
}

/** Orders that are not exactly as recorded, field by field. */
export function orderChanges(before: readonly Order[], after: ReadonlyMap<string, Order | undefined>): string[] {
  const changes: string[] = [];
  for (const order of before) {
    const now = after.get(order.id);
    if (!now) {
      changes.push(`order ${order.id} of ${order.buyerId} is gone`);
      continue;
    }
    const keys = new Set([...Object.keys(order), ...Object.keys(now)]);
    for (const key of keys) {
      const was = (order as Record<string, unknown>)[key];
      const is = (now as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(was, is)) changes.push(`order ${order.id} of ${order.buyerId}: ${key} was ${excerpt(was, 120)}, is ${excerpt(is, 120)}`);
    }
  }
  return changes;
}

/** What identifies the victims: buyer ids, their order ids, their conversations, their handoffs. */
export interface VictimIds {
  buyerIds: ReadonlySet<string>;
  orderIds: ReadonlySet<string>;
  conversationIds: ReadonlySet<string>;
  handoffIds: ReadonlySet<string>;
}

/**
 * Victims' handoffs that changed (any field), and handoffs of anyone else that name a victim:
 * their buyer id or name as the party, one of their orders, or one of their conversations.
 */
export function handoffProblems(before: readonly Handoff[], state: StateDocument, victims: VictimIds, victimNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const now = state.handoffs ?? {};
  for (const h of before) {
    const is = now[h.id];
    if (!is) {
      problems.push(`the handoff ${h.id} of ${h.party} is gone`);
      continue;
    }
    for (const key of new Set([...Object.keys(h), ...Object.keys(is)])) {
      const was = (h as unknown as Record<string, unknown>)[key];
      const v = (is as unknown as Record<string, unknown>)[key];
      if (!isDeepStrictEqual(was, v)) problems.push(`the handoff of ${h.party}: ${key} was ${excerpt(was, 200)}, is ${excerpt(v, 200)}`);
    }
  }
  for (const h of Object.values(now)) {
    if (victims.handoffIds.has(h.id)) continue;
    const about = `a handoff of ${h.party} (${h.id})`;
    if (victims.buyerIds.has(h.party) || (h.buyerId !== null && victims.buyerIds.has(h.buyerId))) problems.push(`${about} is a victim's (${h.buyerId ?? h.party})`);
    if (victimNames.has(h.buyerName)) problems.push(`${about} carries a victim's name (${h.buyerName})`);
    if (h.orderId !== undefined && victims.orderIds.has(h.orderId)) problems.push(`${about} names a victim's order ${h.orderId}`);
    for (const id of [...h.conversationIds, h.buyerRef.conversation?.id ?? '']) {
      if (victims.conversationIds.has(id)) problems.push(`${about} holds a victim's conversation ${id}`);
    }
  }
  return problems;
}

/** Fields of an event that may name a victim. */
function namesOfEvent(e: DeskEvent): string[] {
  const r = e as unknown as Record<string, unknown>;
  return ['buyerId', 'orderId', 'conversationId', 'handoffId'].map((k) => r[k]).filter((v): v is string => typeof v === 'string');
}

/** Events (ratings, answer feedback, order changes, handovers, handoffs) that name a victim, their order, conversation or handoff. */
export function eventsAboutVictims(events: readonly DeskEvent[], victims: VictimIds): string[] {
  const all = new Set([...victims.buyerIds, ...victims.orderIds, ...victims.conversationIds, ...victims.handoffIds]);
  return events.filter((e) => namesOfEvent(e).some((v) => all.has(v))).map((e) => `a ${e.type} event about a victim: ${excerpt(e, 300)}`);
}

/** The bounds the state file must keep. */
export interface StateBounds {
  maxBytes: number;
  maxStringChars: number;
}

/** What breaks the bounds of the state file: its size, and every string longer than the bound (with its path). */
export function stateFileProblems(text: string, bounds: StateBounds): string[] {
  const problems: string[] = [];
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > bounds.maxBytes) problems.push(`the state file is ${bytes} bytes, over ${bounds.maxBytes}`);
  const walk = (value: unknown, path: string): void => {
    if (problems.length > 20) return;
    if (typeof value === 'string') {
      if (value.length > bounds.maxStringChars) problems.push(`${path} is a string of ${value.length} characters, over ${bounds.maxStringChars}`);
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}[${i}]`));
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k.length > bounds.maxStringChars) problems.push(`${path} has a key of ${k.length} characters`);
        walk(v, `${path}.${k.slice(0, 80)}`);
      }
    }
  };
  walk(JSON.parse(text) as unknown, '$');
  return problems;
}

/** Guests' phone proofs that name a victim, other than the ones recorded before (a proof made by an attacker). */
export function foreignProofs(state: StateDocument, allowedKeys: ReadonlySet<string>, victims: VictimIds): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(state.botState)) {
    const verified = (entry.value as { sender?: { verifiedBuyerId?: unknown } }).sender?.verifiedBuyerId;
    if (typeof verified === 'string' && !allowedKeys.has(key)) {
      problems.push(`${key} proved the phone of ${verified}${victims.buyerIds.has(verified) ? ' (a victim)' : ''}`);
    }
  }
  return problems;
}
