import {
  Culture,
  recognizeBoolean,
  recognizeCurrency,
  recognizeDateTime,
  recognizeNumber,
  recognizePhoneNumber,
} from '@microsoft/recognizers-text-suite';
import type { Locale } from '../data/shopSchema.js';

/** An entity found in a message, as reported in the `IntentRecognition` trace. */
export type Entity =
  | { type: 'orderNumber'; text: string; value: string }
  | { type: 'phoneNumber'; text: string; value: string }
  /** A day ("2026-11-17") or a range of days ("2026-11-09/2026-11-15"), resolved against the message's time. */
  | { type: 'date'; text: string; value: string }
  | { type: 'amount'; text: string; value: number; currency?: string }
  | { type: 'yesNo'; text: string; value: 'yes' | 'no' };

type OfType<T extends Entity['type']> = Extract<Entity, { type: T }>;

/** Order numbers are long digit runs (platforms use 12–20 digits); shorter runs are amounts, quantities or phones. */
const ORDER_NUMBER = /(?<!\d)\d{12,20}(?!\d)/g;
/** recognizers-text scores a bare 11-digit run 0.6 and a 14-digit order number 0.3: keep the former. */
const MIN_PHONE_SCORE = 0.5;
/** A message this short can be an answer to a yes/no question; in a longer one "ok" or "不" is part of a sentence. */
const MAX_YES_NO_CHARS = 24;

/**
 * Cheap cues that a message may hold a date; the date-time recognizer costs ~1 ms or more per call,
 * so it only runs when one of these is present.
 */
const DATE_CUE = {
  'zh-CN': /\d|[月日号週周星期天昨前今明后上下去]|礼拜/,
  'en-US':
    /\d|\b(yesterday|today|tonight|tomorrow|ago|last|this|next|week|weekend|month|year|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\b/i,
} as const;

/** Yes and no where recognizers-text has none ("算了", "不要了", "nah"), checked first. */
const YES_NO_PATTERNS: [RegExp, 'yes' | 'no'][] = [
  [/^(算了|不要了?|不用了?|别了|不了|不行|不可以|不同意|取消吧?|先不|再说吧|nah|nope|no way|never ?mind|nvm|cancel( that)?|don'?t)(?![a-z])/i, 'no'],
  [/^(好的?|好滴|好嘞|行|可以|嗯嗯?|对|是的?|确定|确认|没问题|要的?|ok(ay)?|yep|yeah|yup|sure|go ahead|do it|please do|confirm(ed)?)(?![a-z])/i, 'yes'],
];

function cultureOf(locale: Locale): string {
  return locale === 'zh-CN' ? Culture.Chinese : Culture.English;
}

/** Order numbers written in a message, in order of appearance. */
export function findOrderNumbers(text: string): OfType<'orderNumber'>[] {
  return [...text.matchAll(ORDER_NUMBER)].map((m) => ({ type: 'orderNumber' as const, text: m[0], value: m[0] }));
}

/** Phone numbers (Chinese mobiles, +86 / +1 forms, dashed), never an order number. */
export function findPhoneNumbers(text: string, locale: Locale): OfType<'phoneNumber'>[] {
  if ((text.match(/\d/g) ?? []).length < 7) return [];
  return recognizePhoneNumber(text, cultureOf(locale))
    .filter((r) => Number((r.resolution as { score?: string } | undefined)?.score ?? 0) >= MIN_PHONE_SCORE)
    .filter((r) => !/^\d{12,}$/.test(r.text))
    .map((r) => ({ type: 'phoneNumber' as const, text: r.text, value: String((r.resolution as { value?: string }).value ?? r.text) }));
}

interface DateValue {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

/** Dates and relative dates ("上周二", "前天", "last Tuesday", "2 weeks ago"), resolved against `now`. */
export function findDates(text: string, locale: Locale, now: Date): Entity[] {
  if (!DATE_CUE[locale].test(text)) return [];
  const out: Entity[] = [];
  for (const r of recognizeDateTime(text, cultureOf(locale), undefined, now)) {
    const values = ((r.resolution as { values?: DateValue[] } | undefined)?.values ?? []).filter((v) => v.type === 'date' || v.type === 'daterange');
    // Of several readings ("Tuesday" this week or last), the latest that is not in the future: buyers talk about past orders.
    const today = now.toISOString().slice(0, 10);
    const past = values.filter((v) => (v.value ?? v.start ?? '') <= today);
    const pick = (past.length ? past : values).at(-1);
    if (!pick) continue;
    const value = pick.type === 'date' ? pick.value : `${pick.start}/${pick.end}`;
    if (value && !value.includes('undefined')) out.push({ type: 'date', text: r.text, value: value.slice(0, 21) });
  }
  return out;
}

/** Amounts with or without a currency ("199元", "¥59", "$24.99", "the 199 one"); ¥ means yuan in a Chinese message. */
export function findAmounts(text: string, locale: Locale): Entity[] {
  if (!/\d/.test(text)) return [];
  const culture = cultureOf(locale);
  const amounts: Entity[] = [];
  const covered: [number, number][] = [];
  for (const r of recognizeCurrency(text, culture)) {
    const res = r.resolution as { value?: string; isoCurrency?: string; unit?: string } | undefined;
    const value = Number(res?.value);
    if (!Number.isFinite(value)) continue;
    let currency = res?.isoCurrency ?? (res?.unit === 'Dollar' ? 'USD' : undefined);
    if (currency === 'JPY' && (locale === 'zh-CN' || /[元块]/.test(r.text))) currency = 'CNY';
    amounts.push({ type: 'amount', text: r.text, value, currency });
    covered.push([r.start, r.end]);
  }
  for (const r of recognizeNumber(text, culture)) {
    if (covered.some(([s, e]) => r.start >= s && r.end <= e)) continue;
    if (!/\d/.test(r.text)) continue; // "one" in "the 199 one" is not an amount
    const digits = r.text.replace(/\D/g, '');
    if (digits.length >= 7) continue; // phone or order number, found above
    const value = Number((r.resolution as { value?: string }).value);
    if (Number.isFinite(value) && value > 0) amounts.push({ type: 'amount', text: r.text, value });
  }
  return amounts;
}

/** Yes or no in a short answer ("好的", "行", "算了", "yep", "nope"); undefined in longer messages. */
export function findYesNo(text: string, locale: Locale): Entity[] {
  const trimmed = text.trim().replace(/[。.!！~～,，]+$/u, '');
  if (trimmed === '' || Array.from(trimmed).length > MAX_YES_NO_CHARS) return [];
  for (const [pattern, value] of YES_NO_PATTERNS) {
    const m = pattern.exec(trimmed);
    if (m) return [{ type: 'yesNo', text: m[0], value }];
  }
  const r = recognizeBoolean(trimmed, cultureOf(locale))[0];
  const res = r?.resolution as { value?: boolean } | undefined;
  return r && typeof res?.value === 'boolean' ? [{ type: 'yesNo', text: r.text, value: res.value ? 'yes' : 'no' }] : [];
}

/** Every entity of a message: order and phone numbers, dates, amounts, yes/no. */
export function findEntities(text: string, locale: Locale, now: Date): Entity[] {
  const orders = findOrderNumbers(text);
  const phones = findPhoneNumbers(text, locale);
  const longNumbers = new Set([...orders, ...phones].map((e) => e.text.replace(/\D/g, '')));
  const amounts = findAmounts(text, locale).filter((a) => !longNumbers.has(a.text.replace(/\D/g, '')));
  const dates = findDates(text, locale, now).filter((d) => !orders.some((o) => o.text.includes(d.text) || d.text.includes(o.text)));
  return [...orders, ...phones, ...dates, ...amounts, ...findYesNo(text, locale)];
}
