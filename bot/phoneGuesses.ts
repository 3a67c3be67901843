import { SlidingWindowCounter } from './slidingWindow.js';

/**
 * Phone numbers one sender may try without a match per window: enough for typos and a second
 * phone, far too few to guess someone's number. Counted per sender (channel and user id), not per
 * conversation: a new conversation does not bring new guesses.
 */
export const MAX_FAILED_PHONE_CHECKS_PER_SENDER = 5;
/** The window of the per-sender limit: a day, so a buyer who mistyped can try again tomorrow. */
export const SENDER_WINDOW_MS = 24 * 60 * 60_000;
/**
 * Failed checks the whole desk allows per window, whoever makes them: in open mode a caller can
 * invent any number of user ids, so only an overall limit bounds enumeration. Guests verifying
 * for real fail rarely; past this, verification pauses for everyone and a person can help.
 */
export const MAX_FAILED_PHONE_CHECKS_OVERALL = 60;
/** The window of the overall limit. */
export const OVERALL_WINDOW_MS = 60 * 60_000;
/** Senders remembered at most (a caller can invent ids without end). */
const MAX_SENDERS = 50_000;
const OVERALL = '*';

/** Why a check may not be made now: this sender used their guesses, or the desk's are used up. */
export type GuessRefusal = 'sender' | 'overall';

/**
 * The limits on guessing a buyer's phone number: failed checks per sender per day, and overall
 * per hour. Kept in memory: a restart forgets them (an attacker cannot restart the desk), and a
 * desk of several instances counts per instance.
 */
export class PhoneGuessLimiter {
  private readonly perSender = new SlidingWindowCounter(SENDER_WINDOW_MS, MAX_SENDERS);
  private readonly overall = new SlidingWindowCounter(OVERALL_WINDOW_MS, 1);

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Whether `sender` may check a number now; the refusal says which limit was reached. */
  refusal(sender: string): GuessRefusal | undefined {
    const at = this.now().getTime();
    if (this.perSender.count(sender, at) >= MAX_FAILED_PHONE_CHECKS_PER_SENDER) return 'sender';
    if (this.overall.count(OVERALL, at) >= MAX_FAILED_PHONE_CHECKS_OVERALL) return 'overall';
    return undefined;
  }

  /** A check that matched no buyer; returns the sender's failed checks left. */
  failed(sender: string): number {
    const at = this.now().getTime();
    this.overall.hit(OVERALL, at);
    return Math.max(0, MAX_FAILED_PHONE_CHECKS_PER_SENDER - this.perSender.hit(sender, at));
  }
}
