import { Culture, recognizeCurrency, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../data/shopSchema.js';
import { dayFromYmd, dayOf, isoOf, wallClockDate } from './calendarDay.js';
import { EN_MONTH, EN_MONTH_NOT_MAY } from './dateRulesEn.js';
import type { Entity } from './entityTypes.js';
import { suiteWindows } from './suiteWindows.js';
import { coverageOf, standsFree, type Coverage, type Span } from './textSpans.js';

// recognizers-text, for the dates and amounts the patterns leave to it: its models read forms the
// patterns do not (festivals, numbers in words), at ~1 ms a call and ~10 ms at p99, so it runs
// only where a narrow cue says it has something to add, and reads only the stretches of a long
// message around those cues (suiteWindows.ts): on a whole hostile message it takes minutes.

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
  // Only from the start of a run of numerals (the lookbehind): tried from each of its characters, a long run without a unit was quadratic.
  'zh-CN':
    /(?<![零〇一二两三四五六七八九十百千万])(?:[零〇一二两三四五六七八九十百千万]{2,}块|[零〇一二两三四五六七八九十百千万]+(?:块钱|元(?![旦宵])|美元|美金|欧元|英镑|日元))/g,
  'en-US':
    /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred|thousand)[\s-]+(?:dollars?|euros?|yuan|rmb|usd|eur|cny)\b/gi,
};

/** Cues of one language that the patterns left over: where recognizers-text has something to add. */
interface CuesLeftOver {
  locale: Locale;
  spans: Span[];
}

/**
 * The cues of the language whose fallback cue matches somewhere the patterns found nothing, the
 * turn's own language tried first: "a strong cue remains", so recognizers-text has something to add.
 */
function cuesLeftOver(text: string, locale: Locale, found: readonly Entity[], cues: Readonly<Record<Locale, RegExp>>): CuesLeftOver | undefined {
  const languages: Locale[] = locale === 'zh-CN' ? ['zh-CN', 'en-US'] : ['en-US', 'zh-CN'];
  let covered: Coverage | undefined;
  for (const l of languages) {
    const matches = [...text.matchAll(cues[l])].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    if (matches.length === 0) continue;
    const patternFinds = (covered ??= coverageOf(text, found.map((e) => e.text)));
    const spans = matches.filter((span) => !patternFinds.overlaps(span));
    if (spans.length > 0) return { locale: l, spans };
  }
  return undefined;
}

/** The pattern finds with the fallback's finds that add something, in the order they are written. */
function withFallback(text: string, found: Entity[], fallback: readonly Entity[]): Entity[] {
  const covered = coverageOf(text, found.map((e) => e.text));
  const added = fallback.filter((e) => standsFree(text, e.text, covered));
  if (added.length === 0) return found;
  const firstAt = new Map<string, number>();
  const at = (e: Entity): number => {
    let index = firstAt.get(e.text);
    if (index === undefined) firstAt.set(e.text, (index = text.indexOf(e.text)));
    return index;
  };
  return [...found, ...added].sort((a, b) => at(a) - at(b));
}

/**
 * The dates the patterns found, and recognizers-text's where a date cue remains outside them
 * ("black friday", "in November"), read on the buyer's calendar in `timeZone`.
 */
export function withSuiteDates(text: string, locale: Locale, now: Date, timeZone: string, found: Entity[]): Entity[] {
  const cued = cuesLeftOver(text, locale, found, DATE_FALLBACK_CUES);
  return cued ? withFallback(text, found, suiteDates(text, suiteWindows(text, cued.spans), cued.locale, now, timeZone)) : found;
}

/** The amounts the patterns found, and recognizers-text's where an amount cue remains outside them ("两百块", "twenty dollars"). */
export function withSuiteAmounts(text: string, locale: Locale, found: Entity[]): Entity[] {
  const cued = cuesLeftOver(text, locale, found, AMOUNT_FALLBACK_CUES);
  return cued ? withFallback(text, found, suiteAmounts(text, suiteWindows(text, cued.spans), cued.locale)) : found;
}

/** A result of recognizers-text on a window of the text: where it stands in the window, `end` inclusive. */
interface SuiteResult {
  start: number;
  end: number;
}

/**
 * recognizers-text's results on each window of the text, each with its place in the whole text
 * (a result two overlapping windows both read, once).
 */
function readWindows<R extends SuiteResult>(text: string, windows: readonly Span[], read: (piece: string) => R[]): R[] {
  const seen = new Set<string>();
  const results: R[] = [];
  for (const w of windows) {
    for (const r of read(text.slice(w.start, w.end))) {
      const placed = { ...r, start: r.start + w.start, end: r.end + w.start };
      const key = `${placed.start}:${placed.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      results.push(placed);
    }
  }
  return results;
}

/** A result's words as the buyer wrote them: recognizers-text lower-cases its `text` ("black friday"); its `end` is inclusive. */
function asWritten(text: string, r: SuiteResult): string {
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

/** recognizers-text's dates in the windows, as the patterns give theirs: the latest reading not in the future, ranges with their last day. */
function suiteDates(text: string, windows: readonly Span[], locale: Locale, now: Date, timeZone: string): Entity[] {
  const out: Entity[] = [];
  const today = isoOf(dayOf(now, timeZone));
  const reference = wallClockDate(now, timeZone);
  for (const r of readWindows(text, windows, (piece) => recognizeDateTime(piece, cultureOf(locale), undefined, reference))) {
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

/** recognizers-text's currency amounts in the windows that the fallback cue names (not "一块" in "一块污渍" beside "两百块"). */
function suiteAmounts(text: string, windows: readonly Span[], locale: Locale): Entity[] {
  const amounts: Entity[] = [];
  for (const r of readWindows(text, windows, (piece) => recognizeCurrency(piece, cultureOf(locale)))) {
    if (r.text.search(AMOUNT_FALLBACK_CUES[locale]) < 0) continue;
    const res = r.resolution as { value?: string; isoCurrency?: string; unit?: string } | undefined;
    const value = Number(res?.value);
    if (!Number.isFinite(value)) continue;
    amounts.push({ type: 'amount', text: asWritten(text, r), value, currency: res?.isoCurrency ?? (res?.unit === 'Dollar' ? 'USD' : undefined) });
  }
  return amounts;
}
