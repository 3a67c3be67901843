import {
  addMonths,
  comingWeekday,
  dayFromYmd,
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
  namedMonthRange,
  weekendRange,
  weekRange,
  yearRange,
} from './dayRanges.js';
import type { DateRule } from './entityTypes.js';
import { smallNumber, ZH_NOT_MONEY_AFTER, ZH_SMALL_NUMERAL } from './numberWords.js';

/** A count: digits or a Chinese numeral below 100. */
const N = `\\d{1,3}|${ZH_SMALL_NUMERAL}`;
/** A month number, 1–12 in digits or 一…十二. */
const MONTH = '\\d{1,2}|十[一二]?|[一二三四五六七八九]';
/** Nothing numeric before a month number, so "11月" is not read as "1月". */
const NOT_AFTER_NUMBER = '(?<![\\d一二两三四五六七八九十])';
/** 上周 / 这个星期 / 下礼拜: the week (or month) offset a prefix names. */
const OFFSET = '(上上|上|这|本|下下|下)';
const OFFSETS: Readonly<Record<string, number>> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1, 下下: 2 };
const WEEK = '(?:周|星期|礼拜)';
/** A weekday after 周/星期/礼拜; not the 一 of 一直/一下/一起… ("上周一直没发货" is last week, not Monday). */
const WEEKDAY = '(?:一(?![直次共般定样些会个])|[二三四五六日天])';
const WEEKDAYS: Readonly<Record<string, number>> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6 };
/** Words after "3号"/"3日" that make it a building, a line, a locker, a span of days or yen (日元), not a day of the month. */
const NOT_A_DAY_AFTER = '元|内|之内|以内|无理由|之后|以后|后|之前|以前|前|左右|起|楼|线|店|柜|门|床|房|机|仓|窗|码|位|台|库|车|站|口|厅|馆|包裹|快递';

const RELATIVE_DAYS: Readonly<Record<string, number>> = { 大前天: -3, 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
/** Around a bare 周五 or 周末, words that point it forward: "能在周五之前到吗", "赶在周末前收到", "周末前能收到". */
const POINTS_FORWARD_BEFORE = /(?:赶在|能在|要在|得在|到)\s*$/;
const POINTS_FORWARD_AFTER = /^(?:之前|以前|前)\s*(?:能|要|得|到|收|送|发|寄)/;
const RELATIVE_YEARS: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };

/** Whether the words around a bare weekday or weekend point it forward rather than back, as bare days point by default. */
function pointsForward(m: RegExpExecArray): boolean {
  return POINTS_FORWARD_BEFORE.test(m.input.slice(Math.max(0, m.index - 3), m.index)) || POINTS_FORWARD_AFTER.test(m.input.slice(m.index + m[0].length));
}

function offsetOf(prefix: string | undefined): number {
  return OFFSETS[prefix ?? ''] ?? 0;
}

/** Days, weeks, months or years from today by a signed count: "3天前", "两个星期前", "1个月前", "3天后". */
function shifted(today: Day, count: number, unit: string, sign: number): string | undefined {
  if (!Number.isFinite(count)) return undefined;
  if (unit === '天') return isoOf(today + sign * count);
  if (unit === '个月') return isoOf(addMonths(today, sign * count));
  if (unit === '年') return isoOf(addMonths(today, sign * 12 * count));
  return isoOf(today + sign * 7 * count); // 周, 星期, 礼拜
}

/** Chinese date forms, the ones buyers type: relative days and weeks, "N天前", "11月3号", "3号". */
export const ZH_DATE_RULES: readonly DateRule[] = [
  {
    pattern: /大前天|前天|昨天|昨日|今天|今日|明天|明日|大后天|后天/g,
    resolve: (m, today) => isoOf(today + RELATIVE_DAYS[m[0]]!),
  },
  {
    // 上周二, 上个星期二, 这周五, 本周一, 下礼拜一; a bare 周三/星期三 is the latest one not in the future.
    pattern: new RegExp(`(?:${OFFSET}个?)?${WEEK}(${WEEKDAY})`, 'g'),
    resolve: (m, today) => {
      const weekday = WEEKDAYS[m[2]!]!;
      if (m[1]) return isoOf(mondayOf(today, offsetOf(m[1])) + weekday);
      return isoOf(pointsForward(m) ? comingWeekday(today, weekday) : latestWeekday(today, weekday));
    },
  },
  {
    pattern: new RegExp(`${OFFSET}个?${WEEK}(?!末|${WEEKDAY})`, 'g'),
    resolve: (m, today) => weekRange(today, offsetOf(m[1])),
  },
  {
    pattern: new RegExp(`(?:${OFFSET}个?)?周末`, 'g'),
    resolve: (m, today) => (m[1] || pointsForward(m) ? weekendRange(today, offsetOf(m[1])) : latestWeekendRange(today)),
  },
  {
    pattern: new RegExp(`(${N})\\s*(天|个?(?:星期|礼拜)|周|个月|年)\\s*(之前|以前|前|之后|以后|后)`, 'g'),
    resolve: (m, today) => shifted(today, smallNumber(m[1]!), m[2]!.replace(/^个(?=星期|礼拜)/, ''), m[3]!.endsWith('前') ? -1 : 1),
  },
  {
    pattern: new RegExp(`${OFFSET}个?月(?:(${N})[号日])?`, 'g'),
    resolve: (m, today) => {
      if (!m[2]) return monthRange(today, offsetOf(m[1]));
      const { year, month } = ymdOf(firstOfMonth(today, offsetOf(m[1])));
      return optionalIso(dayFromYmd(year, month, smallNumber(m[2])));
    },
  },
  {
    // 去年, 明年三月, 去年11月11号
    pattern: new RegExp(`(前年|去年|今年|明年)(?:(${MONTH})月份?(?:(${N})[号日])?)?`, 'g'),
    resolve: (m, today) => {
      const years = RELATIVE_YEARS[m[1]!]!;
      if (!m[2]) return yearRange(today, years);
      const year = ymdOf(today).year + years;
      if (!m[3]) return namedMonthRange(today, smallNumber(m[2]), year);
      return optionalIso(dayFromYmd(year, smallNumber(m[2]), smallNumber(m[3])));
    },
  },
  {
    // 2025年, 2025年11月, 2025年11月3日
    pattern: new RegExp(`(?<!\\d)(\\d{4})年(?:(${MONTH})月(?:(${N})[日号])?)?`, 'g'),
    resolve: (m, today) => {
      const year = Number(m[1]);
      if (!m[2]) return yearRange(dayFromYmd(year, 1, 1)!, 0);
      if (!m[3]) return namedMonthRange(today, smallNumber(m[2]), year);
      return optionalIso(dayFromYmd(year, smallNumber(m[2]), smallNumber(m[3])));
    },
  },
  {
    // 11月3号, 11月3日, 十一月三号, 11月3 (then no count or measure word: not "11月3件")
    pattern: new RegExp(`${NOT_AFTER_NUMBER}(${MONTH})月(${N})(?:[日号]|(?!\\d|${ZH_SMALL_NUMERAL}|${ZH_NOT_MONEY_AFTER}))`, 'g'),
    resolve: (m, today) => optionalIso(latestPastDay(today, smallNumber(m[1]!), smallNumber(m[2]!))),
  },
  {
    // 11月, 11月份: the month, this year or, if it has not begun, last year
    pattern: new RegExp(`${NOT_AFTER_NUMBER}(${MONTH})月份?(?![前后])`, 'g'),
    resolve: (m, today) => namedMonthRange(today, smallNumber(m[1]!)),
  },
  {
    // 3号, 25日, 三号: this month's, or the last month's that has the day, if not yet come
    pattern: new RegExp(`(?<![\\d一二两三四五六七八九十月第])(${N})[号日](?!${NOT_A_DAY_AFTER})`, 'g'),
    resolve: (m, today) => optionalIso(latestPastDay(today, undefined, smallNumber(m[1]!))),
  },
];
