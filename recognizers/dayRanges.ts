import { dayFromYmd, firstOfMonth, isoOf, MS_PER_DAY, mondayOf, weekdayOf, ymdOf, type Day } from './calendarDay.js';

// Ranges of days as entities carry them, "first/last" with both days included: the weeks,
// weekends, months and years that "上周", "last weekend", "上个月" and "去年" name.

/** A range of days as "first/last", both days included: "上周" on 2026-11-25 is "2026-11-16/2026-11-22". */
export function isoRange(first: Day, last: Day): string {
  return `${isoOf(first)}/${isoOf(last)}`;
}

/** Monday to Sunday of the week `weeks` weeks away: "上周", "last week". */
export function weekRange(today: Day, weeks: number): string {
  return isoRange(mondayOf(today, weeks), mondayOf(today, weeks) + 6);
}

/** Saturday and Sunday of the week `weeks` weeks away: "上周末", "last weekend". */
export function weekendRange(today: Day, weeks: number): string {
  const monday = mondayOf(today, weeks);
  return isoRange(monday + 5, monday + 6);
}

/** The latest weekend that has begun by `today`: a bare "周末" / "the weekend", said of a past order. */
export function latestWeekendRange(today: Day): string {
  return weekendRange(today, weekdayOf(today) >= 5 ? 0 : -1);
}

/** The whole month `months` months away: "上个月", "last month". */
export function monthRange(today: Day, months: number): string {
  return isoRange(firstOfMonth(today, months), firstOfMonth(today, months + 1) - 1);
}

/** The whole year `years` years away: "去年", "last year". */
export function yearRange(today: Day, years: number): string {
  const { year } = ymdOf(today);
  return isoRange(Date.UTC(year + years, 0, 1) / MS_PER_DAY, Date.UTC(year + years + 1, 0, 1) / MS_PER_DAY - 1);
}

/** A whole month (1–12) of a year, or of the latest year in which it has begun by `today` ("11月", "2025年11月"). */
export function namedMonthRange(today: Day, month: number, year?: number): string | undefined {
  const { year: thisYear } = ymdOf(today);
  let start = dayFromYmd(year ?? thisYear, month, 1);
  if (start === undefined) return undefined;
  if (year === undefined && start > today) start = dayFromYmd(thisYear - 1, month, 1)!;
  const { year: y } = ymdOf(start);
  return isoRange(start, Date.UTC(y, month, 1) / MS_PER_DAY - 1);
}
