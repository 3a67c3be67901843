/**
 * Calendar days as whole numbers (days since 1970-01-01), so that date arithmetic in the date
 * patterns is integer arithmetic that no time of day or daylight-saving shift can skew.
 *
 * "Today" is the calendar date on the buyer's wall clock: `now` read in the buyer's time zone (an
 * IANA name), so "昨天" written at 07:00 in Beijing, 23:00 UTC the evening before, is the buyer's
 * yesterday. Without a zone it is the process's local date, as recognizers-text reads its reference.
 */

/** Milliseconds in a calendar day of the UTC time line the arithmetic runs on. */
export const MS_PER_DAY = 86_400_000;

/** A calendar day: days since 1970-01-01. */
export type Day = number;

/** Year, month (1–12) and day of month of a calendar day. */
export interface Ymd {
  year: number;
  month: number;
  date: number;
}

/** Intl formatters are costly to build and cheap to use: one per time zone, kept. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** Year, month (1–12), day, hour, minute and second that a wall clock in `timeZone` shows at `now`. */
function wallClock(now: Date, timeZone: string): number[] {
  let format = wallClocks.get(timeZone);
  if (!format) {
    const numeric = 'numeric' as const;
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: numeric, month: numeric, day: numeric, hour: numeric, minute: numeric, second: numeric });
    wallClocks.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  return (['year', 'month', 'day', 'hour', 'minute', 'second'] as const).map((type) => Number(parts.find((p) => p.type === type)?.value));
}

/** The calendar day of `now` on the buyer's wall clock in `timeZone`, or in the process's zone when none is given. */
export function dayOf(now: Date, timeZone?: string): Day {
  if (timeZone === undefined) return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY;
  const [year, month, date] = wallClock(now, timeZone);
  return Date.UTC(year!, month! - 1, date!) / MS_PER_DAY;
}

/**
 * A Date whose process-local fields show what a wall clock in `timeZone` shows at `now`:
 * recognizers-text reads its reference date's local fields, so this gives it the buyer's time.
 */
export function wallClockDate(now: Date, timeZone: string): Date {
  const [year, month, date, hour, minute, second] = wallClock(now, timeZone);
  return new Date(year!, month! - 1, date!, hour, minute, second);
}

/** Days in a month (1–12) of a year, with months past December or before January rolling over. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of a year, month (1–12) and day of month; undefined when no such day exists (2月30号, 13/3). */
export function dayFromYmd(year: number, month: number, date: number): Day | undefined {
  if (!Number.isInteger(month) || !Number.isInteger(date)) return undefined;
  if (month < 1 || month > 12 || date < 1 || date > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, date) / MS_PER_DAY;
}

/** Year, month and day of month of a day. */
export function ymdOf(day: Day): Ymd {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, date: d.getUTCDate() };
}

/** The day as "YYYY-MM-DD", the format entities carry. */
export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day as "YYYY-MM-DD", or undefined when there is no such day. */
export function optionalIso(day: Day | undefined): string | undefined {
  return day === undefined ? undefined : isoOf(day);
}

/** Day of the week, 0 = Monday … 6 = Sunday: weeks start on Monday, in China and in recognizers-text. */
export function weekdayOf(day: Day): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** The Monday of the week `weeks` weeks from the week of `day` (0 this week, -1 last week). */
export function mondayOf(day: Day, weeks = 0): Day {
  return day - weekdayOf(day) + 7 * weeks;
}

/** The first day of the month `months` months from the month of `day`. */
export function firstOfMonth(day: Day, months = 0): Day {
  const { year, month } = ymdOf(day);
  return Date.UTC(year, month - 1 + months, 1) / MS_PER_DAY;
}

/** The same day of the month `months` months away, clamped to the month's end (03-31 minus a month → 02-28). */
export function addMonths(day: Day, months: number): Day {
  const { date } = ymdOf(day);
  const first = firstOfMonth(day, months);
  const { year, month } = ymdOf(first);
  return first + Math.min(date, daysInMonth(year, month)) - 1;
}

/**
 * The latest day not after `today` that has the given month (1–12, or undefined for any month)
 * and day of month: "11月3号", "the 3rd", "2月29号" (the last leap year's) as buyers mean them,
 * speaking of past orders. Undefined when no such day exists (a 30th of February).
 */
export function latestPastDay(today: Day, month: number | undefined, date: number): Day | undefined {
  return nearestDay(today, month, date, -1);
}

/** The earliest day from `today` on with the given month (or any) and day of month: "by the 20th", "till the 15th". */
export function earliestComingDay(today: Day, month: number | undefined, date: number): Day | undefined {
  return nearestDay(today, month, date, 1);
}

function nearestDay(today: Day, month: number | undefined, date: number, direction: 1 | -1): Day | undefined {
  const { year } = ymdOf(today);
  // Eight years cover every 29th of February; 24 months every 31st.
  const steps = month === undefined ? 24 : 8;
  for (let i = 0; i < steps; i++) {
    const day = month === undefined ? sameMonthDay(firstOfMonth(today, direction * i), date) : dayFromYmd(year + direction * i, month, date);
    if (day !== undefined && direction * (day - today) >= 0) return day;
  }
  return undefined;
}

/** The given day of the month of `first`, if the month has it. */
function sameMonthDay(first: Day, date: number): Day | undefined {
  const { year, month } = ymdOf(first);
  return dayFromYmd(year, month, date);
}

/** The latest day not after `today` that falls on a weekday (0 = Monday): "周五", "on friday". */
export function latestWeekday(today: Day, weekday: number): Day {
  return today - ((weekdayOf(today) - weekday + 7) % 7);
}

/** The earliest day from `today` on that falls on a weekday (0 = Monday): "by friday", "周五之前能到吗". */
export function comingWeekday(today: Day, weekday: number): Day {
  return today + ((weekday - weekdayOf(today) + 7) % 7);
}
