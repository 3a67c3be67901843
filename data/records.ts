import type { ShopData } from './shopSchema.js';

/*
 * The records the desk keeps, whichever backend keeps them: the shop document and its origin, the
 * state beside it (bot state, handoffs, agents' seats, buyers' last conversations), the events of
 * the event log and the transcript's entries.
 */

/**
 * Where to write to someone on a chat channel, as the channel described it when they last wrote
 * (Bot Framework's ConversationReference, kept as data, every field the channel gave included):
 * the door that writes turns it back into its own type.
 */
export interface ConversationAddress {
  channelId?: string;
  serviceUrl?: string;
  conversation?: { id: string };
  user?: { id: string; name?: string };
  bot?: { id: string; name?: string };
  locale?: string;
  activityId?: string;
}

/** One botbuilder state item as kept in the store, with the eTag that makes writes compare-and-set. */
export interface BotStateEntry {
  eTag: string;
  value: Record<string, unknown>;
  /** When it was last written (absent in older files); entries untouched for `BOT_STATE_KEEP_DAYS` are dropped on open. */
  at?: string;
}

/**
 * Days a conversation's or user's bot state is kept without a write. The state document is
 * rewritten on every turn, so state of every conversation ever would make each turn slower; a
 * buyer back after a month starts a fresh conversation (their orders and open handoffs are kept
 * elsewhere).
 */
export const BOT_STATE_KEEP_DAYS = 30;

/** Where the shop data came from, so an operator can tell a demo store from an imported one. */
export interface StoreMeta {
  source: 'demo' | 'import';
  seededAt?: string;
  importedAt?: string;
  importFile?: string;
}

/** The store's main document (`DATA_FILE`): the shop, large and rarely changed. */
export interface StoreDocument {
  version: 1;
  meta: StoreMeta;
  shop: ShopData;
}

/**
 * The state document beside it (`desk.state.json`): conversation and user state, small and changed
 * every turn. Kept apart so a turn's save writes kilobytes, not the whole shop (10 MB at 10,000
 * orders, which would cap the desk at a few turns per write).
 */
export interface StateDocument {
  version: 1;
  /** botbuilder state by storage key; written through `Store.putBotState` only, which keeps it within `BOT_STATE_MAX_ENTRIES`. */
  botState: Record<string, BotStateEntry>;
  /**
   * Each buyer's last conversation, by buyer id, for proactive messages (absent in older files).
   * Needs no cap: only a buyer of the shop (by chat account, or a guest who proved a phone number
   * on an order) gets an entry, one each, so it is bounded by the shop's buyers, not by senders.
   */
  buyerConversations?: Record<string, BuyerConversation>;
  /** Handoffs to people, by id (queued, claimed, recently ended); see data/handoffBook.ts. */
  handoffs?: Record<string, Handoff>;
  /** Each agent's presence, conversation and the buyers they serve, by agent id. */
  agentSeats?: Record<string, AgentSeat>;
}

/** One buyer's way to a person: queued in a business line, claimed by an agent, ended. */
export interface Handoff {
  id: string;
  /** The buyer id, or `guest:<channel>:<user>` for a guest. */
  party: string;
  buyerId: string | null;
  buyerName: string;
  /** The buyer's language, for what the desk tells them about the handoff. */
  locale: 'zh-CN' | 'en-US';
  line: string;
  state: 'queued' | 'claimed' | 'ended';
  /** Why a person is needed: a rule's reason, `buyer_asked`, `not_understood`, … */
  reason: string;
  rule?: string;
  orderId?: string;
  intent?: string;
  merchantContact?: string;
  /** Where the buyer last wrote from: relayed messages go there. */
  buyerRef: ConversationAddress;
  /** The contact it belongs to (the console's figures); absent: `handoff:<id>`. */
  contactId?: string;
  /** Every buyer conversation of this handoff, for the history an agent sees. */
  conversationIds: string[];
  queuedAt: string;
  /** A returning buyer whose agent is gone goes to the front. */
  priority: boolean;
  claimedAt?: string;
  agentId?: string;
  previousAgentIds: string[];
  endedAt?: string;
  endedBy?: string;
  /** Messages left while no agent of the line was online. */
  leftMessages: { at: string; text: string }[];
  /** The agent who got the left messages when coming online (later agents see them in the +1 briefing). */
  leftMessagesDeliveredTo?: string;
  awaitingMessage?: boolean;
  rating?: { satisfied: boolean; why?: string };
  /** Grows with every transition: a returning buyer's claim is compare-and-set on it. */
  revision: number;
}

/** An agent's place at the desk: presence, where to write to them, whom they serve. */
export interface AgentSeat {
  agentId: string;
  online: boolean;
  lastSeenAt: string;
  reference?: ConversationAddress;
  /** Handoff ids being served, in the order claimed (the numbers of `/list`). */
  serving: string[];
  /** The handoff the agent's messages go to (`/to N`). */
  current?: string;
}

/**
 * Where a buyer last wrote from, so the desk can write to them first (an unpaid-order reminder):
 * botbuilder's reference to that conversation, and since when it is the buyer's last one.
 */
export interface BuyerConversation {
  reference: ConversationAddress;
  /** When the buyer first wrote in this conversation after writing elsewhere (ISO 8601). */
  at: string;
}

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

/** One message in or out, as kept in the transcript. */
export interface TranscriptEntry {
  at: string;
  direction: 'in' | 'out';
  conversationId: string;
  channelId: string;
  /** The buyer the conversation is about, when known (a guest has none until verified). */
  buyerId: string | null;
  /** The chat account that wrote (in) or was written to (out). */
  userId: string;
  locale: string;
  type: string;
  text?: string;
  attachments?: string[];
  /** The web links of a buyer's files (photos), when they came as links. */
  links?: string[];
  activityId?: string;
}
