import type { HistoryContact, Locale } from './shopSchema.js';

/**
 * Every contact the desk has seen, for managers (web.md "Managers"): the imported `history` and
 * the desk's own contacts, each with when it began, and, when a person took it, when it was
 * queued, claimed, first answered and ended, its rating, and its messages (for mining replies).
 * Kept apart from the shop: it only grows (10^5 contacts and more), and the console asks it for
 * sums by hour, never for every contact.
 */

/** One message of a contact, as mining reads it. */
export interface ContactMessage {
  at: string;
  from: 'buyer' | 'bot' | 'agent';
  agentId?: string;
  text: string;
}

/** What the figures count of one contact (times in ms since the epoch). */
export interface ContactFacts {
  /** `history`: imported (or the demo's); `desk`: the desk's own. */
  source: 'history' | 'desk';
  line: string;
  buyerId: string | null;
  locale: Locale;
  startedAt: number;
  queuedAt?: number;
  claimedAt?: number;
  agentId?: string;
  /** An agent's first message to the buyer. */
  firstReplyAt?: number;
  endedAt?: number;
  satisfied?: boolean;
}

/**
 * A change to one contact: `set` replaces those facts (a new contact sets all the required ones),
 * `setOnce` sets facts still absent (the first queue, claim and reply), `messages` are added after the earlier ones.
 */
export interface ContactChange {
  id: string;
  set?: Partial<ContactFacts>;
  setOnce?: Partial<Pick<ContactFacts, 'queuedAt' | 'claimedAt' | 'firstReplyAt'>>;
  messages?: ContactMessage[];
}

/** The sums of one hour of the shop's day (contacts counted by when they began, or were queued). */
export interface ContactBucket {
  /** The shop's date, YYYY-MM-DD. */
  date: string;
  hour: number;
  contacts: number;
  /** Handed to a person. */
  queued: number;
  /** Claimed by an agent, and the sum of their waits (claimed − queued). */
  claimed: number;
  waitMs: number;
  /** Answered by an agent, and the sum of (first reply − queued). */
  answered: number;
  firstReplyMs: number;
  /** Claimed and ended, and the sum of their handle times (ended − claimed). */
  handled: number;
  handleMs: number;
  rated: number;
  satisfied: number;
}

/** Which time places a contact in an hour: when it began (volume) or when it was queued (staffing). */
export type BucketBy = 'started' | 'queued';

export interface BucketQuery {
  line: string;
  /** The shop's dates, inclusive. */
  from: string;
  to: string;
  timeZone: string;
  by: BucketBy;
}

/** A contact with its messages, as mining reads them. */
export interface ContactConversation {
  id: string;
  locale: Locale;
  messages: ContactMessage[];
}

export interface ContactLog {
  /** Records changes to contacts (a contact not seen before is created by its first change). */
  record(changes: readonly ContactChange[]): Promise<void>;
  /** Replaces every `history` contact with these (an import, or the demo's history moved to the present). */
  replaceHistory(contacts: readonly HistoryContact[]): Promise<void>;
  /** The sums by the shop's date and hour of one line, for the hours that have contacts. */
  buckets(query: BucketQuery): Promise<ContactBucket[]>;
  /** Every contact with an agent's message, with its messages in order, a batch at a time. */
  conversations(): AsyncIterable<ContactConversation[]>;
  /** Changes whenever a message is added or the history replaced: a miner knows when to mine again. */
  version(): Promise<string>;
  /** When the latest `history` contact began (undefined: there is none). */
  historyEnd(): Promise<number | undefined>;
  count(): Promise<number>;
  close(): Promise<void>;
}

const ms = (iso: string | null | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/** A history contact (shop-data.md) as the log keeps it. */
export function historyChange(c: HistoryContact): ContactChange & { set: ContactFacts } {
  const firstReply = c.messages.find((m) => m.from === 'agent' && (!c.queuedAt || m.at >= c.queuedAt));
  const facts: ContactFacts = {
    source: 'history',
    line: c.businessLine,
    buyerId: c.buyerId ?? null,
    locale: c.locale,
    startedAt: Date.parse(c.startedAt),
  };
  const put = <K extends keyof ContactFacts>(key: K, value: ContactFacts[K] | undefined) => {
    if (value !== undefined && !(typeof value === 'number' && Number.isNaN(value))) facts[key] = value;
  };
  put('queuedAt', ms(c.queuedAt));
  put('claimedAt', ms(c.claimedAt));
  put('agentId', c.agentId ?? undefined);
  put('firstReplyAt', c.queuedAt ? ms(firstReply?.at) : undefined);
  put('endedAt', ms(c.endedAt));
  put('satisfied', c.rating ? c.rating.satisfied : undefined);
  return {
    id: c.id,
    set: facts,
    messages: c.messages.map((m) => ({ at: m.at, from: m.from, ...(m.agentId ? { agentId: m.agentId } : {}), text: m.text })),
  };
}

/** An empty bucket of `date` and `hour`. */
export function emptyBucket(date: string, hour: number): ContactBucket {
  return { date, hour, contacts: 0, queued: 0, claimed: 0, waitMs: 0, answered: 0, firstReplyMs: 0, handled: 0, handleMs: 0, rated: 0, satisfied: 0 };
}

/** Adds one contact's facts to its bucket (the same sums the PostgreSQL query makes). */
export function addToBucket(b: ContactBucket, c: ContactFacts): void {
  b.contacts++;
  if (c.queuedAt === undefined) {
    // the bot resolved it alone: no wait, no agent
  } else {
    b.queued++;
    if (c.claimedAt !== undefined && c.claimedAt >= c.queuedAt) {
      b.claimed++;
      b.waitMs += c.claimedAt - c.queuedAt;
      if (c.endedAt !== undefined && c.endedAt >= c.claimedAt) {
        b.handled++;
        b.handleMs += c.endedAt - c.claimedAt;
      }
    }
    if (c.firstReplyAt !== undefined && c.firstReplyAt >= c.queuedAt) {
      b.answered++;
      b.firstReplyMs += c.firstReplyAt - c.queuedAt;
    }
  }
  if (c.satisfied !== undefined) {
    b.rated++;
    if (c.satisfied) b.satisfied++;
  }
}
