import { Culture, recognizeCurrency, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../data/shopSchema.js';
import { dayFromYmd, dayOf, isoOf, wallClockDate } from './calendarDay.js';
import { EN_MONTH, EN_MONTH_NOT_MAY } from './dateRulesEn.js';
import type { Entity } from './entities.js';
import { overlapsAny, spansOf } from './textSpans.js';

// recognizers-text, for the dates and amounts the patterns leave to it: its models read forms the
// patterns do not (festivals, numbers in words), at ~1 ms a call and ~10 ms at p99, so it runs
// only where a narrow cue says it has something to add.

/**
 * Date forms the patterns leave to recognizers-text, each kept narrow because the suite costs ~1 ms
 * at the median and ~10 ms at p99 a call: festivals ("双十一", "Black Friday"), and month names
 * without a day ("in November", "mid October"). Checked only where the patterns found no date.
 */
const DATE_FALLBACK_CUES: Readonly<Record<Locale, RegExp>> = {
  // Festivals on fixed days only: recognizers-text puts lunar ones (中秋, 端午, 春节) on solar days.
  'zh-CN': /双十一|国庆节|元旦|劳动节|五一|情人节|圣诞节/g,
  'en-US': new RegExp(
    `\\b(?:christmas|thanksgiving|black friday|new year|halloween|valentine|memorial day|labor day|independence day|` +
      `(?:in|since|during|last|this|next|early|mid|late|end of|beginning of|start of)\\s+(?:${EN_MONTH})|${EN_MONTH_NOT_MAY})\\b`,
    'gi',
  ),
};

/**
 * Amounts the patterns leave to recognizers-text: numbers written in words before a currency
 * ("一百九十九元", "两百块", "twenty dollars"). "一块" alone is a piece of something, not a yuan.
 * Checked only where the patterns found no amount; the suite's finds must match the cue too.
 */
const AMOUNT_FALLBACK_CUES: Readonly<Record<Locale, RegExp>> = {
  'zh-CN': /[零〇一二两三四五六七八九十百千万]{2,}块|[零〇一二两三四五六七八九十百千万]+(?:块钱|元(?![旦宵])|美元|美金|欧元|英镑|日元)/g,
  'en-US':
    /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred|thousand)[\s-]+(?:dollars?|euros?|yuan|rmb|usd|eur|cny)\b/gi,
};

/**
 * The language whose fallback cue matches somewhere the patterns found nothing, the turn's own
 * language tried first: "a strong cue remains", so recognizers-text has something to add.
 */
function cueLeftOver(text: string, locale: Locale, found: readonly Entity[], cues: Readonly<Record<Locale, RegExp>>): Locale | undefined {
  const covered = found.flatMap((e) => spansOf(text, e.text));
  const languages: Locale[] = locale === 'zh-CN' ? ['zh-CN', 'en-US'] : ['en-US', 'zh-CN'];
  return languages.find((l) => [...text.matchAll(cues[l])].some((m) => !overlapsAny({ start: m.index, end: m.index + m[0].length }, covered)));
}

/** The pattern finds with the fallback's finds that add something, in the order they are written. */
function withFallback(text: string, found: Entity[], fallback: readonly Entity[]): Entity[] {
  const covered = found.flatMap((e) => spansOf(text, e.text));
  const added = fallback.filter((e) => spansOf(text, e.text).some((span) => !overlapsAny(span, covered)));
  return added.length === 0 ? found : [...found, ...added].sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));
}

/**
 * The dates the patterns found, and recognizers-text's where a date cue remains outside them
 * ("black friday", "in November"), read on the buyer's calendar in `timeZone`.
 */
export function withSuiteDates(text: string, locale: Locale, now: Date, timeZone: string, found: Entity[]): Entity[] {
  const cued = cueLeftOver(text, locale, found, DATE_FALLBACK_CUES);
  return cued ? withFallback(text, found, suiteDates(text, cued, now, timeZone)) : found;
}

/** The amounts the patterns found, and recognizers-text's where an amount cue remains outside them ("两百块", "twenty dollars"). */
export function withSuiteAmounts(text: string, locale: Locale, found: Entity[]): Entity[] {
  const cued = cueLeftOver(text, locale, found, AMOUNT_FALLBACK_CUES);
  return cued ? withFallback(text, found, suiteAmounts(text, cued)) : found;
}

/** A result's words as the buyer wrote them: recognizers-text lower-cases its `text` ("black friday"); its `end` is inclusive. */
function asWritten(text: string, r: { start: number; end: number }): string {
  return text.slice(r.start, r.end + 1);
}

/** The recognizers-text culture that reads a locale's language. */
export function cultureOf(locale: Locale): string {
  return locale === 'zh-CN' ? Culture.Chinese : Culture.English;
}

interface DateValue {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

/** recognizers-text's dates as the patterns give theirs: the latest reading not in the future, ranges with their last day. */
function suiteDates(text: string, locale: Locale, now: Date, timeZone: string): Entity[] {
  const out: Entity[] = [];
  const today = isoOf(dayOf(now, timeZone));
  for (const r of recognizeDateTime(text, cultureOf(locale), undefined, wallClockDate(now, timeZone))) {
    const values = ((r.resolution as { values?: DateValue[] } | undefined)?.values ?? []).filter((v) => v.type === 'date' || v.type === 'daterange');
    // Of several readings ("Christmas" this year or last), the latest that is not in the future: buyers talk about past orders.
    const past = values.filter((v) => (v.value ?? v.start ?? '') <= today);
    const pick = (past.length ? past : values).at(-1);
    if (!pick) continue;
    const value = pick.type === 'date' ? pick.value : `${pick.start}/${dayBefore(pick.end)}`;
    if (value && /^\d{4}-\d{2}-\d{2}(\/\d{4}-\d{2}-\d{2})?$/.test(value)) out.push({ type: 'date', text: asWritten(text, r), value });
  }
  return out;
}

/** The day before an ISO day: recognizers-text ends its ranges on the first day after them. */
function dayBefore(iso: string | undefined): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  const day = m ? dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
  return day === undefined ? undefined : isoOf(day - 1);
}

/** recognizers-text's currency amounts that the fallback cue names (not "一块" in "一块污渍" beside "两百块"). */
function suiteAmounts(text: string, locale: Locale): Entity[] {
  const amounts: Entity[] = [];
  for (const r of recognizeCurrency(text, cultureOf(locale))) {
    if (r.text.search(AMOUNT_FALLBACK_CUES[locale]) < 0) continue;
    const res = r.resolution as { value?: string; isoCurrency?: string; unit?: string } | undefined;
    const value = Number(res?.value);
    if (!Number.isFinite(value)) continue;
    amounts.push({ type: 'amount', text: asWritten(text, r), value, currency: res?.isoCurrency ?? (res?.unit === 'Dollar' ? 'USD' : undefined) });
  }
  return amounts;
}
