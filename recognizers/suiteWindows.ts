import type { Span } from './textSpans.js';

/**
 * Longest text recognizers-text reads in one call. Its time grows faster than the square of the
 * length on number-heavy text (2,000 characters of "1 1 1 …" take its currency model about two
 * minutes, 56 take it ~40 ms), and 56 characters hold a date or an amount in words with the words
 * around it ("paid one hundred and twenty dollars and fifty cents"). Messages this short are read
 * whole, as they always were.
 */
export const SUITE_WINDOW_CHARS = 56;
/** Context read before a cue, first served: "one hundred and twenty dollars", "the day after christmas". */
const CONTEXT_BEFORE = 24;
/** Context read after a cue, as much as the window has room for: "christmas last year", "twenty dollars and fifty cents". */
const CONTEXT_AFTER = 16;
/**
 * Most recognizers-text calls per message, for dates and again for amounts: buyers name one or
 * two festivals or amounts in words, and one call on hostile text costs tens of milliseconds.
 */
export const MAX_SUITE_WINDOWS = 2;

const WORD_CHAR = /[A-Za-z0-9]/;

/** Whether a window edge at `at` would cut a Latin word, a number or a surrogate pair (an emoji) in two. */
function cuts(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const before = text.charCodeAt(at - 1);
  if (before >= 0xd800 && before <= 0xdbff) return true;
  return WORD_CHAR.test(text[at - 1]!) && WORD_CHAR.test(text[at]!);
}

/**
 * The stretches of a message recognizers-text reads for the cues the patterns left over (where a
 * fallback cue matched): the whole message when it is short, else each cue with a little context
 * (before it first, then after it), no word cut, in text order, at most `MAX_SUITE_WINDOWS` of
 * them. A cue inside the stretch before is read with it; of a cue longer than a window (a long
 * run of numerals before "元"), its end.
 */
export function suiteWindows(text: string, cues: readonly Span[]): Span[] {
  if (cues.length === 0) return [];
  if (text.length <= SUITE_WINDOW_CHARS) return [{ start: 0, end: text.length }];
  const windows: Span[] = [];
  let previousCueEnd = 0;
  for (const cue of [...cues].sort((a, b) => a.start - b.start)) {
    if (windows.length >= MAX_SUITE_WINDOWS) break;
    const last = windows.at(-1);
    if (last && cue.start >= last.start && cue.end <= last.end) continue;
    // Not from inside the cue before, read in its own window: "[black] friday the day after christmas" would read a bare "friday".
    let start = Math.max(0, cue.start - CONTEXT_BEFORE, previousCueEnd);
    let end = Math.min(text.length, cue.end + CONTEXT_AFTER, Math.max(cue.end, start + SUITE_WINDOW_CHARS));
    start = Math.max(start, end - SUITE_WINDOW_CHARS);
    while (start < cue.start && cuts(text, start)) start++;
    while (end > cue.end && cuts(text, end)) end--;
    windows.push({ start, end });
    previousCueEnd = cue.end;
  }
  return windows;
}
