/**
 * Longest message the desk reads. Buyers' real messages are a few sentences; past this it is a
 * pasted log or an accident, and reading it all would only slow every step after.
 */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * Longest display name kept for a chat account (a guest's name goes into the handoff and the
 * agent's queue): real names are short, and a name is stored and shown many times.
 */
export const MAX_NAME_CHARS = 64;

/** Cuts text to `max` characters (code points) without splitting an emoji (a surrogate pair); cheap for huge inputs. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text.slice(0, max * 2)).slice(0, max).join('');
}

/** The length of a text in characters (code points), as `cutText` counts them. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
