import type { ShopData } from './shopSchema.js';
import type { BotStateEntry, DeskEvent, OrderEvent, StateDocument, StoreDocument, StoreMeta, TranscriptEntry } from './records.js';

/**
 * What a change to the state document may touch, so a shared backend knows what to lock, what to
 * read fresh and what to write back: the handoffs with the agents' seats (one queue, claimed by
 * compare-and-set), or the buyers' last conversations.
 */
export type StateScope = 'handoffs' | 'buyerConversations';

/** One botbuilder state item to write: with `eTag` (other than `*`) only if the stored item still has it. */
export interface BotStateWrite {
  key: string;
  value: Record<string, unknown>;
  eTag?: string;
}

/**
 * The desk's storage, whichever backend holds it: the embedded lowdb files (one process) or
 * PostgreSQL (any number of desks on one database). Reads are synchronous, from a copy in memory
 * that `refresh()` brings up to date with what other desks wrote; every change is an atomic
 * compare-and-set in the backend, run on fresh data under the backend's lock, so two desks never
 * both claim one buyer or both cancel one order.
 */
export interface DeskStore {
  /** Which backend: `lowdb` (files) or `postgres`. */
  readonly kind: 'lowdb' | 'postgres';
  /** Where the data is, for logs: a file path, or a database without its password. */
  readonly location: string;
  /** The shop (read-only outside `changeOrder` / `replaceShop`). */
  readonly doc: StoreDocument;
  /** Handoffs, agents' seats, buyers' last conversations (read-only outside `changeState`). */
  readonly state: StateDocument;
  /** Grows each time the shop data is replaced (an import, or another desk's import seen by `refresh`). */
  readonly revision: number;
  /** Brings the copy in memory up to date with what other desks wrote (nothing to do for lowdb). */
  refresh(): Promise<void>;
  /** Runs `mutate` on fresh data with the order locked and resolves, with its result, once the change is stored. */
  changeOrder<R>(orderId: string, mutate: (doc: StoreDocument) => R): Promise<R>;
  /** Runs `mutate` on fresh state within `scope`, locked, and resolves, with its result, once stored. */
  changeState<R>(scope: StateScope, mutate: (state: StateDocument) => R): Promise<R>;
  /** botbuilder state entries by key (copies); missing keys are absent. */
  readBotState(keys: readonly string[]): Promise<Record<string, BotStateEntry>>;
  /** Writes entries atomically, all or none: an eTag that no longer matches throws `ETagConflictError`. */
  writeBotState(writes: readonly BotStateWrite[], at: Date): Promise<void>;
  deleteBotState(keys: readonly string[]): Promise<void>;
  /** Replaces the whole shop (an import) in one atomic step, keeping conversation state. */
  replaceShop(shop: ShopData, meta: StoreMeta): Promise<void>;
  /**
   * Replaces the whole shop with what `next` makes of the current one (the demo shop moved to the
   * present), atomically: no other desk's change lands between the read and the write. `next`
   * returns undefined to leave it as it is. Resolves true when it replaced it.
   */
  reviseShop(next: (doc: StoreDocument) => Pick<StoreDocument, 'shop' | 'meta'> | undefined): Promise<boolean>;
  close(): Promise<void>;
}

/** The desk's append-only record of what happened (order history, handovers, handoffs, feedback). */
export interface EventLog {
  /** Records an event; `flush` resolves once everything appended so far is stored. */
  append(event: DeskEvent): void;
  flush(): Promise<void>;
  /** Every event `keep` accepts, oldest first; `hint`, when given, is text every wanted event's JSON contains (a fast pre-filter). */
  read(keep: (event: DeskEvent) => boolean, hint?: string): Promise<DeskEvent[]>;
  /** One order's history, oldest first. */
  orderHistory(orderId: string): Promise<readonly OrderEvent[]>;
  /**
   * Appends every order's last event that the log lacks (a desk killed between changing an order
   * and logging it: never acknowledged, but done); resolves with how many.
   */
  recover(orders: ShopData['orders']): Promise<number>;
  close(): Promise<void>;
}

/**
 * The activity ids each conversation has recently brought, so one sent again (a channel retrying a
 * POST whose answer it did not get, maybe to another desk) is acknowledged without running twice.
 */
export interface SeenActivityIds {
  /** Records `activityId` for `conversation`; true when it was already there (a resend). */
  seen(conversation: string, activityId: string | undefined): Promise<boolean>;
}

/** Every message in and out, append-only, readable one conversation at a time. */
export interface Transcript {
  append(entry: TranscriptEntry): void;
  flush(): Promise<void>;
  /** Every entry of one conversation, oldest first. */
  readConversation(conversationId: string): Promise<TranscriptEntry[]>;
  close(): Promise<void>;
}
