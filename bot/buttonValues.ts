import { RATING_REASONS } from '../desk/handoff/handoffWords.js';
import { z } from 'zod';
import { INTENTS } from '../data/intents.js';
import { cutText, MAX_MESSAGE_CHARS } from './inputLimits.js';

/**
 * Longest id a button may carry (an order, a handoff, a knowledge-base entry, a business line).
 * The shop's ids are short; a longer one is not ours, and reading it would only cost.
 */
export const MAX_BUTTON_ID_CHARS = 64;

/** How much of the buyer's words a "did you mean" button carries back (the desk offers at most this). */
export const MAX_CARRIED_TEXT = 500;


/** Why a buyer was not satisfied, as the rating buttons offer it. */
export const RATING_WHYS = RATING_REASONS;

const id = z.string().min(1).max(MAX_BUTTON_ID_CHARS);
const intent = z.enum(INTENTS);
/** Text a client sends back is cut, never refused: the words are the buyer's own. */
const cutTo = (max: number) => z.string().transform((t) => cutText(t, max));

/**
 * Every `value` a button of the desk carries, as one schema. A value that does not parse (unknown
 * action, wrong types, over-long ids) is no button at all: the message is read as its text.
 * Unknown keys are dropped. Parsing is only the first check: each handler still checks the value
 * against the sender (their orders, their handoff, the lines offered to them).
 */
const buttonValue = z.discriminatedUnion('action', [
  /** A yes/no question's buttons. */
  z.object({ action: z.literal('yesNo'), yes: z.boolean(), q: id.optional() }),
  /** An order card's or carousel's button: the order is looked up among the sender's own. */
  z.object({ action: z.literal('pickOrder'), orderId: id }),
  /** "Did you mean": the intent picked and the buyer's words, carried back. */
  z.object({ action: z.literal('pickIntent'), intent, text: cutTo(MAX_CARRIED_TEXT) }),
  /** "Did that help?" under a knowledge-base answer. */
  z.object({ action: z.literal('kbFeedback'), intent, entryId: id, helpful: z.boolean() }),
  /** A business line offered to this conversation's buyer when several could fit; the request itself stays on the desk. */
  z.object({ action: z.literal('pickLine'), line: id }),
  /** Nobody online: the buyer's next message is left for the agents. */
  z.object({ action: z.literal('leaveMessage') }),
  /** The rating after an agent's help: only the buyer of that handoff may give it. */
  z.object({ action: z.literal('rate'), handoffId: id, satisfied: z.boolean(), why: z.enum(RATING_WHYS).optional() }),
  /** An agent's suggested reply: only to a buyer that agent serves. */
  z.object({ action: z.literal('sendReply'), handoffId: id, text: cutTo(MAX_MESSAGE_CHARS) }),
  /** An agent's "merchant contact" on a briefing: only for a buyer that agent serves. */
  z.object({ action: z.literal('merchantContact'), handoffId: id }),
]);

/** A button press the desk understood. */
export type ButtonValue = z.infer<typeof buttonValue>;

/** The value of one kind of button (`ButtonOf<'rate'>`), for the code that builds and reads it. */
export type ButtonOf<A extends ButtonValue['action']> = Extract<ButtonValue, { action: A }>;

/** What a button sends before parsing (text not yet cut): what the desk writes on its buttons. */
export type ButtonInput<A extends ButtonValue['action']> = z.input<typeof buttonValue> & { action: A };

/** Parses an activity's `value`; undefined when it is not one of the desk's buttons. */
export function parseButtonValue(value: unknown): ButtonValue | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const parsed = buttonValue.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
