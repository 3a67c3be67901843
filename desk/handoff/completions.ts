import type { Repositories } from '../../data/repositories/index.js';
import type { Locale } from '../../data/shopSchema.js';
import { DEFAULT_REPLIES } from './defaultReplies.js';

/** Completions offered at once: a short list a person reads while typing. */
export const MAX_COMPLETIONS = 5;
/** Longest typed text completed: past it the agent is writing their own sentence. */
const MAX_TYPED_CHARS = 200;

/**
 * The phrasing the desk has, in one language: the mined replies managers approved, the shop's
 * standard replies, its knowledge-base answers, and the replies the desk ships.
 */
export function phrasing(repos: Repositories, locale: Locale, approved: readonly string[] = []): string[] {
  const pick = (t: { zh: string; en: string }) => (locale === 'zh-CN' ? t.zh : t.en);
  const all = [
    ...approved,
    ...repos.knowledgeBase.allStandardReplies().map((r) => pick(r.text)),
    ...repos.knowledgeBase.list().map((e) => pick(e.answer)),
    ...DEFAULT_REPLIES.map((r) => pick(r.text)),
  ];
  return [...new Set(all.map((t) => t.trim()).filter(Boolean))];
}

/**
 * Sentences that complete what an agent has typed, best first: those that begin with it, then
 * those with a clause that begins with it, then those that contain it (Chinese has no spaces to
 * split on; case and width of Latin letters are ignored).
 */
export function completions(repos: Repositories, typed: string, locale: Locale, approved: readonly string[] = []): string[] {
  return completeFrom(phrasing(repos, locale, approved), typed);
}

/** The phrases that complete `typed`, best first (see `completions`). */
export function completeFrom(phrases: Iterable<string>, typed: string): string[] {
  const q = typed.normalize('NFKC').trim().toLowerCase();
  if (!q || q.length > MAX_TYPED_CHARS) return [];
  const ranked: { text: string; rank: number }[] = [];
  for (const text of phrases) {
    const t = text.normalize('NFKC').toLowerCase();
    if (t === q) continue;
    const rank = t.startsWith(q) ? 0 : t.split(/[，,。.！!？?；;]\s*/).some((clause) => clause.startsWith(q)) ? 1 : t.includes(q) ? 2 : -1;
    if (rank >= 0) ranked.push({ text, rank });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank || a.text.length - b.text.length)
    .slice(0, MAX_COMPLETIONS)
    .map((r) => r.text);
}

/**
 * What a buyer may be typing, in one language: the shop's knowledge-base questions and the
 * questions buyers ask most often (mined from the contacts), for the web chat's completions.
 */
export function buyerPhrasing(repos: Repositories, locale: Locale, frequent: readonly string[] = []): string[] {
  const questions = repos.knowledgeBase.list().map((e) => (locale === 'zh-CN' ? e.question.zh : e.question.en));
  // One wording per question: the shop's own first; "how long does a refund take" is "How long does a refund take?".
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of [...questions, ...frequent].map((t) => t.trim())) {
    const key = text.normalize('NFKC').toLowerCase().replace(/[\s？?。.!！~～]+$/u, '');
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}
