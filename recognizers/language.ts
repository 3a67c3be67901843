import type { Locale } from '../data/shopSchema.js';

/**
 * One Chinese character carries about as much as a short English word (~4 letters), so Latin
 * letters are weighed by this much less when judging a mixed message's main script.
 */
const LATIN_LETTERS_PER_HAN = 4;

/**
 * The language of a message by its script: `zh-CN` when Chinese characters carry at least as much
 * of it as Latin words ("我的 order 怎么还没 ship" is Chinese), `en-US` for Latin text, undefined
 * when it has neither (digits, emoji, punctuation).
 */
export function detectLanguage(text: string): Locale | undefined {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (han === 0 && latin === 0) return undefined;
  return han * LATIN_LETTERS_PER_HAN >= latin ? 'zh-CN' : 'en-US';
}

/** Maps a channel locale ("zh", "zh-TW", "en-GB") to a supported one; undefined for other languages. */
export function supportedLocale(locale: string | undefined): Locale | undefined {
  const lang = locale?.trim().toLowerCase().split(/[-_]/)[0];
  if (lang === 'zh') return 'zh-CN';
  if (lang === 'en') return 'en-US';
  return undefined;
}
