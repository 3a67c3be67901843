import { recognizeBoolean, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../data/shopSchema.js';
import { timeZoneFor } from '../data/timeZone.js';
import { findAmountPatterns } from './amountPatterns.js';
import { findDatePatterns } from './datePatterns.js';
import { MAX_ENTITIES_PER_KIND } from './entityLimits.js';
import { cultureOf, withSuiteAmounts, withSuiteDates } from './suiteFallback.js';
import { coverageOf, standsFree } from './textSpans.js';
import type { Entity } from './entityTypes.js';

export type { Entity } from './entityTypes.js';


type OfType<T extends Entity['type']> = Extract<Entity, { type: T }>;

/** Order numbers are long digit runs (platforms use 12–20 digits); shorter runs are amounts, quantities or phones. */
const ORDER_NUMBER = /(?<![\d+＋])[\d０-９]{12,20}(?![\d０-９])/g;
/** recognizers-text scores a bare 11-digit run 0.6 and a 14-digit order number 0.3: keep the former. */
const MIN_PHONE_SCORE = 0.5;
/** A message this short can be an answer to a yes/no question; in a longer one "ok" or "不" is part of a sentence. */
const MAX_YES_NO_CHARS = 24;


/**
 * Yes and no as whole short answers ("好的", "行", "算了", "不要了", "yep", "nah, leave it"): the
 * answer word, then at most a polite or softening tail. A word that only starts a sentence
 * ("可以开发票吗", "no idea where it is", "not sure") is no answer, and reading it as one could
 * confirm a cancellation nobody asked for.
 */
const TAIL = String.raw`([,，\s]*(了|吧|啦|呀|哈|哦|噢|嗯|的|滴|谢谢|多谢|thanks?|thank you|thx|please|pls|plz|then|mate|for now))*`;
/** One answer pattern: the words (longest first, so "好的" is not read as "好" + a tail), then the tail. */
function answer(words: string[]): RegExp {
  const alternatives = [...words].sort((a, b) => b.length - a.length).join('|');
  return new RegExp(String.raw`^(${alternatives})${TAIL}$`, 'i');
}
const YES_NO_PATTERNS: [RegExp, 'yes' | 'no'][] = [
  [answer(['算了', '不要', '不要了', '不用', '不用了', '别了', '不了', '不行', '不可以', '不同意', '取消吧', '先不', '先不要', '再说吧', '不需要', '没必要', '不', 'no', 'nope', 'nah', 'no way', 'never ?mind', 'nvm', 'cancel that', "don'?t", 'leave it']), 'no'],
  [answer(['好', '好的', '好滴', '好嘞', '好啊', '行', '行的', '可以', '可以的', '嗯', '嗯嗯', '对', '对的', '是', '是的', '确定', '确认', '没问题', '要', '要的', 'ok', 'okay', 'okey', 'k', 'yes', 'yep', 'yeah', 'yup', 'ya', 'sure', 'go ahead', 'do it', 'please do', 'confirm(ed)?', 'alright', 'fine']), 'yes'],
];
/** A question or a doubt is never an answer, whatever word it starts with. */
const NOT_AN_ANSWER = /[?？吗么]|是不是|行不行|好不好|对不对|要不要|可不可以|not sure|no idea|maybe/i;

/** Order numbers written in a message, in order of appearance (the first `MAX_ENTITIES_PER_KIND`). */
export function findOrderNumbers(text: string): OfType<'orderNumber'>[] {
  // Full-width digits (a Chinese keyboard in full-width mode) are the same number.
  const ascii = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  return [...text.matchAll(ORDER_NUMBER)].slice(0, MAX_ENTITIES_PER_KIND).map((m) => ({ type: 'orderNumber' as const, text: m[0], value: ascii(m[0]) }));
}

/** Digits in a Chinese mobile number. */
const CN_MOBILE_DIGITS = 11;
/** The last 11 digits of a phone as written: a Chinese mobile found twice ("+86 139…" and "139…") is one phone. */
function mobileTail(text: string): string {
  return text.replace(/\D/g, '').slice(-CN_MOBILE_DIGITS);
}

/** Phone numbers (Chinese mobiles, +86 / +1 forms, dashed), never an order number; the first `MAX_ENTITIES_PER_KIND`. */
export function findPhoneNumbers(text: string, locale: Locale): OfType<'phoneNumber'>[] {
  if ((text.match(/\d/g) ?? []).length < 7) return [];
  const found = recognizePhoneNumber(text, cultureOf(locale))
    .filter((r) => Number((r.resolution as { score?: string } | undefined)?.score ?? 0) >= MIN_PHONE_SCORE)
    .filter((r) => !/^\d{12,}$/.test(r.text))
    .map((r) => ({ type: 'phoneNumber' as const, text: r.text, value: String((r.resolution as { value?: string }).value ?? r.text) }));
  // recognizers-text scores mobiles with runs of one digit (13911112222) below its bar; a Chinese mobile's shape is unmistakable.
  const tails = new Set(found.map((f) => mobileTail(f.text)));
  for (const m of text.matchAll(CN_MOBILE)) {
    if (tails.has(mobileTail(m[1]!))) continue;
    found.push({ type: 'phoneNumber', text: m[0], value: m[0] });
    tails.add(mobileTail(m[0]));
  }
  return found.slice(0, MAX_ENTITIES_PER_KIND);
}

/**
 * Dates and relative dates ("上周二", "前天", "last Tuesday", "2 weeks ago"), on the buyer's calendar
 * at `now` (see datePatterns.ts); recognizers-text reads the rarer forms its fallback cues name.
 */
export function findDates(text: string, locale: Locale, now: Date): Entity[] {
  const timeZone = timeZoneFor(locale);
  return withSuiteDates(text, locale, now, timeZone, findDatePatterns(text, now, timeZone));
}

/**
 * Amounts with or without a currency ("199元", "¥59", "$24.99", "the 199 one"), never the numbers
 * of dates, counts, phones or order numbers (see amountPatterns.ts); ¥ means yuan unless yen is said.
 * recognizers-text reads amounts written in words ("一百九十九元", "twenty dollars").
 */
export function findAmounts(text: string, locale: Locale): Entity[] {
  return withSuiteAmounts(text, locale, findAmountPatterns(text));
}

/** A Chinese mobile number (+86 optional, spaces or dashes allowed), not inside a longer digit run. */
const CN_MOBILE = /(?<![\d０-９])(?:\+?86[-\s]?)?(1[3-9]\d[-\s]?\d{4}[-\s]?\d{4})(?![\d０-９])/g;

/**
 * Trailing punctuation and spaces. The lookbehind lets a match start only where such a run starts:
 * without it, a long run followed by a word was tried from each of its characters (quadratic).
 */
const TRAILING_PUNCTUATION = /(?<![。.!！~～,，\s])[。.!！~～,，\s]+$/u;

/** A short answer as its words: trimmed, without the trailing punctuation and spaces buyers add ("好的。", "ok!!", "行～"). */
export function bareAnswer(text: string): string {
  return text.trim().replace(TRAILING_PUNCTUATION, '');
}

/** Yes or no in a short answer ("好的", "行", "算了", "yep", "nope"); undefined in longer messages. */
export function findYesNo(text: string, locale: Locale): Entity[] {
  const trimmed = bareAnswer(text);
  if (trimmed === '' || Array.from(trimmed).length > MAX_YES_NO_CHARS || NOT_AN_ANSWER.test(trimmed)) return [];
  for (const [pattern, value] of YES_NO_PATTERNS) {
    const m = pattern.exec(trimmed);
    if (m) return [{ type: 'yesNo', text: m[1] ?? trimmed, value }];
  }
  // recognizers-text knows more ways to say it ("affirmative", "negative"), but only a whole-message answer counts.
  const r = recognizeBoolean(trimmed, cultureOf(locale))[0];
  const res = r?.resolution as { value?: boolean } | undefined;
  const whole = r && r.text.length >= trimmed.replace(/[^\p{L}\p{N}]/gu, '').length;
  return whole && typeof res?.value === 'boolean' ? [{ type: 'yesNo', text: trimmed, value: res.value ? 'yes' : 'no' }] : [];
}

/** Every entity of a message: order and phone numbers, dates, amounts, yes/no. */
export function findEntities(text: string, locale: Locale, now: Date): Entity[] {
  const orders = findOrderNumbers(text);
  const phones = findPhoneNumbers(text, locale);
  // A digit group of a phone or an order number is no amount, wherever the patterns stopped reading it.
  const numbers = coverageOf(text, [...orders, ...phones].map((e) => e.text));
  const amounts = findAmounts(text, locale).filter((a) => standsFree(text, a.text, numbers));
  const dates = findDates(text, locale, now).filter((d) => !orders.some((o) => o.text.includes(d.text) || d.text.includes(o.text)));
  return [...orders, ...phones, ...dates, ...amounts, ...findYesNo(text, locale)];
}
