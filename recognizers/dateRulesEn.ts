import {
  addMonths,
  comingWeekday,
  dayFromYmd,
  earliestComingDay,
  firstOfMonth,
  isoOf,
  latestPastDay,
  latestWeekday,
  mondayOf,
  optionalIso,
  ymdOf,
  type Day,
} from './calendarDay.js';
import {
  latestWeekendRange,
  monthRange,
  weekendRange,
  weekRange,
  yearRange,
} from './dayRanges.js';
import type { DateRule } from './entityTypes.js';
import { EN_COUNT, englishCount } from './numberWords.js';

/** English month names and abbreviations ("Nov", "Sept") but "may", which rules admit only where it cannot be the verb. */
export const EN_MONTH_NOT_MAY =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/** English month names and abbreviations: a regex source. */
export const EN_MONTH = `${EN_MONTH_NOT_MAY}|may`;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
/** Abbreviated weekdays, read only after last/this/next/on: "sat" and "sun" are words too. */
const WEEKDAY_SHORT = 'mon|tues?|wed|thu(?:rs?)?|fri|sat|sun';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)';
const OFFSETS: Readonly<Record<string, number>> = { last: -1, this: 0, next: 1 };
/** Words before a bare day that point it forward: "will it arrive by friday", "till the 20th", "before the weekend". */
const POINTS_FORWARD = /\b(?:by|before|until|till|til|for)\s+$/i;
const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  'the day before yesterday': -2, yesterday: -1, today: 0, tomorrow: 1, 'the day after tomorrow': 2,
};
const RANGES: Readonly<Record<string, (today: Day) => string>> = {
  'the week before last': (t) => weekRange(t, -2),
  'last week': (t) => weekRange(t, -1),
  'this week': (t) => weekRange(t, 0),
  'next week': (t) => weekRange(t, 1),
  'the month before last': (t) => monthRange(t, -2),
  'last month': (t) => monthRange(t, -1),
  'this month': (t) => monthRange(t, 0),
  'next month': (t) => monthRange(t, 1),
  'last year': (t) => yearRange(t, -1),
  'this year': (t) => yearRange(t, 0),
  'next year': (t) => yearRange(t, 1),
};

function monthOf(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function weekdayOfName(name: string): number {
  return WEEKDAYS.indexOf(name.slice(0, 3).toLowerCase());
}

/** Whether the words before a match point it forward ("by friday") rather than back, as bare days point by default. */
function pointsForward(m: RegExpExecArray): boolean {
  return POINTS_FORWARD.test(m.input.slice(Math.max(0, m.index - 12), m.index));
}

/** A weekday in the week a prefix names ("last tuesday" is last week's, as in recognizers-text), else the latest one, or the coming one. */
function weekday(today: Day, m: RegExpExecArray, prefix: string | undefined, name: string): string {
  const day = weekdayOfName(name);
  if (prefix !== undefined) return isoOf(mondayOf(today, OFFSETS[prefix.toLowerCase()]!) + day);
  return isoOf(pointsForward(m) ? comingWeekday(today, day) : latestWeekday(today, day));
}

/** A day of the month: the latest not in the future, or the coming one after "by", "till"… */
function dayOfMonth(today: Day, m: RegExpExecArray, date: number): string | undefined {
  return optionalIso(pointsForward(m) ? earliestComingDay(today, undefined, date) : latestPastDay(today, undefined, date));
}

/** A month and day, in the given year or the latest not in the future. */
function monthDay(today: Day, month: number, date: number, year: string | undefined): string | undefined {
  return optionalIso(year ? dayFromYmd(Number(year), month, date) : latestPastDay(today, month, date));
}

/** English date forms, the ones buyers type: relative days and weeks, "3 days ago", "Nov 3", "on the 3rd". */
export const EN_DATE_RULES: readonly DateRule[] = [
  {
    pattern: /\b(?:the day before yesterday|the day after tomorrow|yesterday|today|tomorrow)\b/gi,
    resolve: (m, today) => isoOf(today + RELATIVE_DAYS[m[0].toLowerCase()]!),
  },
  {
    // not the Friday of "Black Friday": the fallback reads the festival
    pattern: new RegExp(`\\b(?:(last|this|next)\\s+)?(?<!\\b(?:black|cyber|good)\\s+)(${WEEKDAY})\\b`, 'gi'),
    resolve: (m, today) => weekday(today, m, m[1], m[2]!),
  },
  {
    pattern: new RegExp(`\\b(?:(last|this|next)\\s+|(?<=\\bon\\s+))(${WEEKDAY_SHORT})\\b\\.?`, 'gi'),
    resolve: (m, today) => weekday(today, m, m[1], m[2]!),
  },
  {
    pattern: /\b(?:the (?:week|month) before last|(?:last|this|next) (?:week|month|year))\b/gi,
    resolve: (m, today) => RANGES[m[0].toLowerCase().replace(/\s+/g, ' ')]?.(today),
  },
  {
    // "last weekend", "this weekend"; a bare "the weekend" is the latest that has begun, or this week's after "by", "before"…
    pattern: /\b(?:(last|this|next)\s+|the\s+)?weekend\b/gi,
    resolve: (m, today) => {
      if (m[1]) return weekendRange(today, OFFSETS[m[1].toLowerCase()]!);
      return pointsForward(m) ? weekendRange(today, 0) : latestWeekendRange(today);
    },
  },
  {
    pattern: new RegExp(`\\b(${EN_COUNT})\\s+(day|week|month|year)s?\\s+ago\\b`, 'gi'),
    resolve: (m, today) => {
      const count = englishCount(m[1]!);
      const unit = m[2]!.toLowerCase();
      if (!Number.isFinite(count)) return undefined;
      if (unit === 'day') return isoOf(today - count);
      if (unit === 'week') return isoOf(today - 7 * count);
      return isoOf(addMonths(today, -(unit === 'year' ? 12 : 1) * count));
    },
  },
  {
    // "Nov 3", "November 3rd", "Nov. 30, 2025"
    pattern: new RegExp(`\\b(${EN_MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?![:/.]\\d)(?:,?\\s+(\\d{4})\\b)?`, 'gi'),
    resolve: (m, today) => monthDay(today, monthOf(m[1]!), Number(m[2]), m[3]),
  },
  {
    // "3 November", "3rd of November", "the 3rd of Nov 2025"; "may" only with an ordinal or "of" ("2 may be late")
    pattern: new RegExp(
      `\\b(?:the\\s+)?(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${EN_MONTH_NOT_MAY})|${ORDINAL}\\s+(?:of\\s+)?(may)|(\\d{1,2})\\s+of\\s+(may))\\b\\.?(?:,?\\s+(\\d{4})\\b)?`,
      'gi',
    ),
    resolve: (m, today) => monthDay(today, monthOf(m[2] ?? m[4] ?? m[6]!), Number(m[1] ?? m[3] ?? m[5]), m[7]),
  },
  {
    // "on the 3rd", "on 3rd": the latest 3rd not in the future. The lookahead first: the lookbehind alone,
    // tried at every place, read back over every run of spaces from each of its places (quadratic).
    pattern: new RegExp(`(?=the\\s|\\d)(?<=\\bon\\s+)(?:the\\s+)?${ORDINAL}\\b`, 'gi'),
    resolve: (m, today) => dayOfMonth(today, m, Number(m[1])),
  },
  {
    // "the 3rd" ending a clause ("since the 3rd.", "by the 20th"), or "the 3rd of this/last month"; not "the 3rd one"
    pattern: new RegExp(`\\b(?:the\\s+)?${ORDINAL}(?:\\s+of\\s+(this|last)\\s+month\\b|(?<=the\\s+\\d{1,2}(?:st|nd|rd|th))(?=\\s*(?:$|[.,!?;)])))`, 'gi'),
    resolve: (m, today) => {
      const date = Number(m[1]);
      if (!m[2]) return dayOfMonth(today, m, date);
      const { year, month } = ymdOf(firstOfMonth(today, m[2].toLowerCase() === 'last' ? -1 : 0));
      return optionalIso(dayFromYmd(year, month, date));
    },
  },
];
