import { dayFromYmd, dayOf, latestPastDay, optionalIso } from './calendarDay.js';
import { EN_DATE_RULES } from './dateRulesEn.js';
import { ZH_DATE_RULES } from './dateRulesZh.js';
import type { DateRule, Entity } from './entityTypes.js';

export type { DateRule } from './entityTypes.js';
import { MAX_ENTITIES_PER_KIND } from './entityLimits.js';
import { leftmostLongest, type Span } from './textSpans.js';


/** Numeric dates, written alike in both languages: "2026-11-03", "2026/11/3", "2026.11.3", and month/day "11/3". */
const NUMERIC_DATE_RULES: readonly DateRule[] = [
  {
    pattern: /(?<![\d./-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d./-])/g,
    resolve: (m) => optionalIso(dayFromYmd(Number(m[1]), Number(m[3]), Number(m[4]))),
  },
  {
    // Month first, as in the US and in China; the latest such day not in the future ("12/30" in November is last year's).
    pattern: /(?<![\d./:-])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/g,
    resolve: (m, today) => optionalIso(latestPastDay(today, Number(m[1]), Number(m[2]))),
  },
];

/** Every rule; each language's rules need its own script, so a code-switched message ("我的 order last tuesday 到的") is read in full. */
const DATE_RULES: readonly DateRule[] = [...NUMERIC_DATE_RULES, ...ZH_DATE_RULES, ...EN_DATE_RULES];

interface DateMatch extends Span {
  rule: DateRule;
  match: RegExpExecArray;
}

/** Matches of every rule, overlaps settled leftmost-longest ("上周二" over "周二"). */
function dateMatches(text: string): DateMatch[] {
  const matches: DateMatch[] = [];
  for (const rule of DATE_RULES) {
    for (const match of text.matchAll(rule.pattern)) {
      matches.push({ start: match.index, end: match.index + match[0].length, rule, match });
    }
  }
  return leftmostLongest(matches);
}

/**
 * The dates buyers commonly write, in Chinese and English, read by patterns in microseconds where
 * recognizers-text takes milliseconds: relative days ("前天", "the day before yesterday"), weekdays
 * ("上周二", "last tuesday", "周五"), counts back ("3天前", "2 weeks ago"), weeks, months and years
 * ("上个月", "last week"), and calendar dates ("11月3号", "Nov 3", "the 3rd", "2026-11-03", "11/3").
 *
 * Values are "YYYY-MM-DD", or "first/last" for a range, both days included ("上周" is Monday to
 * Sunday). "Today" is `now`'s date on the buyer's wall clock in `timeZone` (an IANA name; the
 * process's zone when none is given: see calendarDay.ts). A form that names
 * no week, month or year ("周五", "11月3号", "the 3rd") is the latest such day not in the future:
 * buyers talk about orders they have placed. "last tuesday" and "上周二" are last week's Tuesday.
 * At most the first `MAX_ENTITIES_PER_KIND` dates of a message are read.
 */
export function findDatePatterns(text: string, now: Date, timeZone?: string): Extract<Entity, { type: 'date' }>[] {
  const today = dayOf(now, timeZone);
  const dates: Extract<Entity, { type: 'date' }>[] = [];
  for (const { match, rule } of dateMatches(text)) {
    if (dates.length >= MAX_ENTITIES_PER_KIND) break;
    const value = rule.resolve(match, today);
    if (value !== undefined) dates.push({ type: 'date', text: match[0], value });
  }
  return dates;
}

/**
 * Where the date patterns see dates, whether or not the day exists: the amount patterns leave
 * the numbers of "11月3号", "Nov 3" or "3天前" out of the amounts.
 */
export function findDateSpans(text: string): Span[] {
  return dateMatches(text).map(({ start, end }) => ({ start, end }));
}
