import type { Activity, TurnContext } from 'botbuilder';
import type { Agent, Buyer, Locale } from '../data/shopSchema.js';
import type { IntentId } from '../data/intents.js';
import type { ButtonValue } from './buttonValues.js';
import type { HandoverRequest } from './handoverRequest.js';

/** What the desk remembers about one conversation, in conversation state (and so in the store). */
export interface ConversationData {
  /** Set once the buyer was greeted, so a conversationUpdate and a first message greet only once. */
  greeted?: boolean;
  /** The language last chosen for this conversation, for messages that show none (digits, emoji). */
  locale?: Locale;
  /** Where the desk asked which business line a person should come from: the request waits here, the buttons carry only the line. */
  pendingLine?: { party: string; choices: string[]; request: HandoverRequest; at: string };
  /** Short hashes of what the bot said last turn: a sentence is not said again word for word. */
  lastReplies?: string[];
  /** Messages in a row the bot could not understand: the third brings a person. */
  notUnderstoodInARow?: number;
  /** Abusive messages so far: the second gets the offer of a person. */
  abuseCount?: number;
  /** The contact this conversation is in (a new one begins after a long silence), for managers' figures. */
  contact?: { id: string; startedAt: string; lastAt: string };
  /** The latest handover the bot asked for, with why (the handoff queue takes it from here). */
  handover?: { at: string; reason: string; rule?: string; orderId?: string; intent?: string };
}

/** What the desk remembers about one sender in one conversation (private conversation state). */
export interface SenderData {
  /** A guest who proved a phone number: the buyer they are, in this conversation, for this sender only. */
  verifiedBuyerId?: string;
  /** The order this sender last looked at or acted on: "cancel it" means this one (another member's focus is not theirs). */
  focusOrderId?: string;
  /** Requests of one message still to handle, in order, after the one in progress ("cancel X and return Y"). */
  agenda?: { intent: IntentId; text: string; orderId?: string }[];
}

/** Who is writing: a known buyer (by chat account, or verified by phone in this conversation), a guest, or an agent. */
export type Party =
  | { kind: 'buyer'; buyer: Buyer; verifiedByPhone: boolean }
  | { kind: 'guest' }
  | { kind: 'agent'; agent: Agent };

/** Everything the middleware settled about the current turn, for the bot and the dialogs. */
export interface TurnInfo {
  locale: Locale;
  party: Party;
  /** The length of the original text when it was cut to `MAX_MESSAGE_CHARS`. */
  cutFrom?: number;
  /** True once a greeting was sent in this turn, so a "hi" is not answered twice. */
  greetedThisTurn?: boolean;
  /** The button pressed, parsed at the trust boundary (the raw `activity.value` is replaced by it). */
  button?: ButtonValue;
  /** The contact a buyer's message belongs to (set by the contact middleware). */
  contactId?: string;
  /** This message began the contact (the reception mode applies to it). */
  contactBegan?: boolean;
  /** The line a new contact belongs to, when it is clear (the buyer's latest order's, or the shop's only one). */
  contactLine?: string;
}

const TURN_INFO = Symbol('TurnInfo');

/** The turn's info; throws if the middleware did not run (a wiring mistake, not a buyer's). */
export function turnInfo(context: TurnContext): TurnInfo {
  const info = context.turnState.get(TURN_INFO) as TurnInfo | undefined;
  if (!info) throw new Error('turnInfo(): TurnInfoMiddleware has not run for this turn');
  return info;
}

/** The turn's info when the middleware ran, else undefined (the error handler uses this). */
export function maybeTurnInfo(context: TurnContext): TurnInfo | undefined {
  return context.turnState.get(TURN_INFO) as TurnInfo | undefined;
}

export function setTurnInfo(context: TurnContext, info: TurnInfo): void {
  context.turnState.set(TURN_INFO, info);
}

/** The buyer whose orders this turn may show, or undefined for a guest or an agent. */
export function currentBuyer(info: TurnInfo): Buyer | undefined {
  return info.party.kind === 'buyer' ? info.party.buyer : undefined;
}

/** The button pressed this turn (parsed and typed), if any. */
export function buttonOf(context: TurnContext): ButtonValue | undefined {
  return maybeTurnInfo(context)?.button;
}

/** Who is writing, as a key of limits and checks (message rate, phone guesses): the channel and the sender's account. */
export function senderKey(activity: Pick<Activity, 'channelId' | 'from'>): string {
  return `${activity.channelId ?? ''}\u0000${activity.from?.id ?? ''}`;
}
