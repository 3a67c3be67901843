import type { Repositories } from '../../data/repositories/index.js';
import type { Locale } from '../../data/shopSchema.js';
import type { RecognitionResult } from '../../recognizers/intentRecognizer.js';
import { defaultRepliesFor } from './defaultReplies.js';

/** Replies suggested to an agent under a buyer's message: at most three, so they fit under it on a phone. */
export const MAX_SUGGESTIONS = 3;

/** Below this the recognizer is guessing: a reply suggested on a guess costs the agent a read for nothing. */
export const MIN_SUGGESTION_CONFIDENCE = 0.2;

/** Replies that ask the buyer for a photo or a picture. */
const ASKS_FOR_PHOTO = /照片|图片|拍照|拍张|拍个|拍一下|截图|photo|picture|\bpic\b|screenshot/iu;

/** A suggested standard reply, in the buyer's language, with how sure the desk is it fits. */
export interface Suggestion {
  text: string;
  confidence: number;
  source: string;
}

/**
 * Up to three replies for the buyer's latest message: the shop's standard replies and
 * knowledge-base answers for the recognized intent and its alternatives (and the desk's default
 * replies for an intent the shop has no standard reply for), each with the recognizer's score for
 * that intent as its confidence, best first.
 */
export function suggestReplies(
  repos: Repositories,
  recognition: RecognitionResult,
  locale: Locale,
  message: { photos?: number } = {},
  approved: (intent: string, locale: Locale) => readonly string[] = () => [],
): Suggestion[] {
  const scored = new Map<string, number>([[recognition.intent, recognition.score]]);
  for (const a of recognition.alternatives) if (!scored.has(a.intent)) scored.set(a.intent, a.score);
  const out: Suggestion[] = [];
  const pick = (t: { zh: string; en: string }) => (locale === 'zh-CN' ? t.zh : t.en);
  for (const [intent, score] of scored) {
    const own = repos.knowledgeBase.standardReplies(intent);
    const mined = approved(intent, locale);
    // The shop's own replies for the intent and the mined ones a manager approved; until it has some, the ones the desk ships.
    for (const r of own) out.push({ text: pick(r.text), confidence: score, source: 'standard' });
    for (const text of mined) out.push({ text, confidence: score, source: 'mined' });
    for (const e of repos.knowledgeBase.forIntent(intent)) out.push({ text: pick(e.answer), confidence: score, source: e.id });
    if (own.length === 0 && mined.length === 0) for (const r of defaultRepliesFor(intent)) out.push({ text: pick(r.text), confidence: score, source: 'default' });
  }
  const seen = new Set<string>();
  return out
    // A reply asking for a photo does not fit a message that brought one.
    .filter((s) => !(message.photos && ASKS_FOR_PHOTO.test(s.text)))
    .filter((s) => s.confidence >= MIN_SUGGESTION_CONFIDENCE && !seen.has(s.text) && seen.add(s.text))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, MAX_SUGGESTIONS);
}
