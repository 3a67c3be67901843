import type { Day } from './calendarDay.js';

/*
 * The types the entity recognizers share: one file below all of them, so the recognizers import
 * each other in one direction only (no cycles).
 */

/** An entity found in a message, as reported in the `IntentRecognition` trace. */
export type Entity =
  | { type: 'orderNumber'; text: string; value: string }
  | { type: 'phoneNumber'; text: string; value: string }
  /** A day ("2026-11-17") or a range of days, both ends included ("2026-11-09/2026-11-15"), on the buyer's calendar at the message's time. */
  | { type: 'date'; text: string; value: string }
  | { type: 'amount'; text: string; value: number; currency?: string }
  | { type: 'yesNo'; text: string; value: 'yes' | 'no' };

/** One form of date the patterns read: where it is in a message, and what day or range it means. */
export interface DateRule {
  /** A global regex; the whole match is the entity's text. */
  readonly pattern: RegExp;
  /** "YYYY-MM-DD" or "first/last" (both included), against today; undefined when the calendar has no such day ("2月30号"). */
  resolve(m: RegExpExecArray, today: Day): string | undefined;
}
