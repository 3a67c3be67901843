import { findDateSpans } from './datePatterns.js';
import type { Entity } from './entityTypes.js';
import { MAX_ENTITIES_PER_KIND } from './entityLimits.js';
import { EN_NOT_MONEY_AFTER, ZH_NOT_MONEY_AFTER } from './numberWords.js';
import { Coverage, leftmostLongest, type Span } from './textSpans.js';

type Amount = Extract<Entity, { type: 'amount' }>;

/** A number as buyers write prices: "199", "24.99", "1,299.00". */
const NUMBER = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
/** Currency signs and codes written before the number: "¥59", "US$24.99", "RMB 199". */
const BEFORE = 'US\\$|HK\\$|\\$|¥|￥|€|£|RMB|CNY|USD|EUR|GBP|JPY|HKD|人民币';
/** Currency words written after the number: "199元", "199块钱", "24 bucks", "30欧元". */
const AFTER = '块钱|元(?![旦宵])|块|人民币|美元|美金|欧元|英镑|日元|港币|港元|rmb|cny|usd|eur|gbp|jpy|hkd|dollars?|bucks?|euros?|yuan|yen';

/** ISO code of each currency sign or word, lower-cased; "¥" is decided by `yenSignCurrency`. */
const CURRENCIES: Readonly<Record<string, string>> = {
  $: 'USD', us$: 'USD', usd: 'USD', dollar: 'USD', dollars: 'USD', buck: 'USD', bucks: 'USD', 美元: 'USD', 美金: 'USD',
  rmb: 'CNY', cny: 'CNY', 人民币: 'CNY', 元: 'CNY', 块: 'CNY', 块钱: 'CNY', yuan: 'CNY',
  '€': 'EUR', eur: 'EUR', euro: 'EUR', euros: 'EUR', 欧元: 'EUR',
  '£': 'GBP', gbp: 'GBP', 英镑: 'GBP',
  jpy: 'JPY', yen: 'JPY', 日元: 'JPY',
  hk$: 'HKD', hkd: 'HKD', 港币: 'HKD', 港元: 'HKD',
};

const PREFIXED = new RegExp(`(?<![A-Za-z])(${BEFORE})\\s*(${NUMBER})(\\s*万)?(?:\\s*(${AFTER})(?![A-Za-z]))?`, 'gi');
/** "199元", "1.5万元", "100多块", "3块5" (3.5 yuan: a digit after 块 is jiao, unless it counts something). */
const SUFFIXED = new RegExp(
  `(?<![\\d.,A-Za-z])(${NUMBER})(\\s*万)?(\\s*多)?\\s*(${AFTER})(?![A-Za-z])(?:(?<=块)(\\d)(?![\\d.]|\\s*(?:${ZH_NOT_MONEY_AFTER}))[毛角]?)?`,
  'gi',
);
/** A number standing alone: not glued to letters ("2x", "iPhone15"), times ("10:30"), dates ("11/3") or ranges. */
const BARE = new RegExp(`(?<![\\d.,:/A-Za-z#+×第-])(${NUMBER})(\\s*万)?(?![\\d.,]?\\d|[A-Za-z:/]|-\\d)`, 'g');

/** After a bare number (sticky, tested where it ends): a count, size, time or rate ("2件", "3 pairs", "5折", "10%"), or the start of a range of them ("3到7天", "7 or 30 days"). */
const NOT_MONEY_AFTER = new RegExp(
  `(?:\\s*(?:到|至|~|～|-|—|to|or)\\s*${NUMBER})?(?:\\s*(?:多\\s*)?(?:${ZH_NOT_MONEY_AFTER})|\\s+${EN_NOT_MONEY_AFTER})`,
  'iy',
);
/**
 * Before a bare number: the unit of a measure it completes ("2米7", "7点20"). This and the
 * identifier word below are sticky lookbehinds tested at the number, reading back only over the
 * words before it: patterns ending in `$` tested on all the text before each number made a
 * message of numbers quadratic (issue 9).
 */
const MEASURE_BEFORE = new RegExp(`(?<=\\d\\s*(?:${ZH_NOT_MONEY_AFTER}))`, 'y');
/** Before a bare number, then the separator ("order: 1234", "尾号 5678"): it identifies something, it is no price. */
const IDENTIFIER_WORD = /(?<=\b(?:order|no\.?|number|tracking|code|id)|订单号?|单号|尾号|编号|号码|验证码|账号|手机)/iy;
/** What may stand between an identifier word and its number: spaces, then one ":", "：" or "#", then spaces. */
const IDENTIFIER_SEPARATOR = /[:：#]/;
const SPACE = /\s/;
/** Bare digit runs this long are phones, order numbers or codes, which have entities of their own. */
const MIN_IDENTIFIER_DIGITS = 7;
/** Phones written in groups ("138 0000 0001", "+1 415-555-0100", "(415) 555-0134"): none of their groups is an amount. */
const GROUPED_PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(\d{2,4}\)\s?|\d{2,4}[\s-])\d{3,4}[\s-]\d{4}(?!\d)/g;
const MIN_GROUPED_PHONE_DIGITS = 10;
/** The message names yen, so its "¥" is yen rather than yuan. */
const YEN_SAID = /jpy|\byen\b|日元|円/i;

/** "¥" is yuan in both languages' messages (the desk's shops sell in CNY) unless the message says yen. */
function yenSignCurrency(text: string): string {
  return YEN_SAID.test(text) ? 'JPY' : 'CNY';
}

/** The currency of a sign or word; `yenSign` is what "¥" means in this message (read once, not once per amount). */
function currencyOf(token: string, yenSign: string): string | undefined {
  const key = token.toLowerCase();
  return key === '¥' || key === '￥' ? yenSign : CURRENCIES[key];
}

/** Whether a sticky pattern holds at `index` of `text`: one place tried, not every one before or after it. */
function holdsAt(pattern: RegExp, text: string, index: number): boolean {
  pattern.lastIndex = index;
  return pattern.test(text);
}

/**
 * Whether an identifier word ("order", "尾号") stands before `index`, maybe with a separator
 * between: as `IDENTIFIER_WORD\s*[:：#]?\s*$` on the text before, reading back only over the spaces.
 */
function identifierBefore(text: string, index: number): boolean {
  let at = index;
  const skipSpaces = (): void => {
    while (at > 0 && SPACE.test(text[at - 1]!)) at--;
  };
  skipSpaces();
  if (at > 0 && IDENTIFIER_SEPARATOR.test(text[at - 1]!)) {
    at--;
    skipSpaces();
  }
  return holdsAt(IDENTIFIER_WORD, text, at);
}

/** The value of a number with its optional 万 (ten thousand), rounded to the cent against float noise. */
function valueOf(number: string, wan: string | undefined): number {
  const value = Number(number.replace(/,/g, '')) * (wan ? 10_000 : 1);
  return Math.round(value * 100) / 100;
}

interface AmountMatch extends Span {
  amount: Amount;
}

function currencyAmounts(text: string): AmountMatch[] {
  const found: AmountMatch[] = [];
  const yenSign = yenSignCurrency(text);
  for (const m of text.matchAll(PREFIXED)) {
    const currency = currencyOf(m[1]!, yenSign) ?? (m[4] ? currencyOf(m[4], yenSign) : undefined);
    found.push({ start: m.index, end: m.index + m[0].length, amount: { type: 'amount', text: m[0], value: valueOf(m[2]!, m[3]), currency } });
  }
  for (const m of text.matchAll(SUFFIXED)) {
    const jiao = m[5] ? Number(m[5]) / 10 : 0;
    const value = Math.round((valueOf(m[1]!, m[2]) + jiao) * 100) / 100;
    found.push({ start: m.index, end: m.index + m[0].length, amount: { type: 'amount', text: m[0], value, currency: currencyOf(m[4]!, yenSign) } });
  }
  return found;
}

function bareAmounts(text: string, taken: readonly Span[]): AmountMatch[] {
  const phones = [...text.matchAll(GROUPED_PHONE)]
    .filter((m) => m[0].replace(/\D/g, '').length >= MIN_GROUPED_PHONE_DIGITS)
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const blocked = new Coverage(text.length, [...taken, ...phones, ...findDateSpans(text)]);
  const found: AmountMatch[] = [];
  for (const m of text.matchAll(BARE)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (m[1]!.replace(/\D/g, '').length >= MIN_IDENTIFIER_DIGITS || blocked.overlaps(span)) continue;
    if (holdsAt(NOT_MONEY_AFTER, text, span.end) || identifierBefore(text, span.start) || holdsAt(MEASURE_BEFORE, text, span.start)) continue;
    const value = valueOf(m[1]!, m[2]);
    if (value > 0) found.push({ ...span, amount: { type: 'amount', text: m[0], value } });
  }
  return found;
}

/**
 * Amounts of money as buyers write them, read by patterns in microseconds where recognizers-text
 * takes milliseconds: with a currency ("199元", "¥59", "RMB 199", "$24.99", "24 bucks", "€30",
 * "1.5万元", "3块5") or without one ("the 199 one", "花了1299").
 *
 * ¥/￥ is CNY unless the message says yen; "0元" (free shipping) is an amount, a bare 0 is not. A bare number is left out when it belongs to something
 * else: an order number, phone or code (7+ digits), a date ("11月3号", "Nov 3", "3天前", "11/3"),
 * a count or measure ("2件", "3 pairs", "2 shirts"), a rate ("5折", "10%"), an ordinal ("第2个",
 * "3rd"), a time ("10:30") or an identifier ("order 1234"). Amounts come in text order, the
 * first `MAX_ENTITIES_PER_KIND` of them.
 */
export function findAmountPatterns(text: string): Amount[] {
  if (!/\d/.test(text)) return [];
  const withCurrency = leftmostLongest(currencyAmounts(text)).filter((a) => Number.isFinite(a.amount.value));
  const all = leftmostLongest([...withCurrency, ...bareAmounts(text, withCurrency)]);
  return all.slice(0, MAX_ENTITIES_PER_KIND).map((a) => a.amount);
}
