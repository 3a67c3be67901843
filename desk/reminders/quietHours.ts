/**
 * The buyer's night, when the desk never writes first: a payment nudge that wakes someone up is
 * not gentle. From 22:00 (night) to 08:00 (day again), on the clock of the buyer's time zone.
 */
export const NIGHT_STARTS_HOUR = 22;
/** The first hour of the buyer's day: see `NIGHT_STARTS_HOUR`. */
export const NIGHT_ENDS_HOUR = 8;

/** Intl formatters are costly to build: one per time zone, kept (there are a few hundred zones at most). */
const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) on the clock of `timeZone` at `at`; throws a RangeError for an unknown zone. */
export function localHour(at: Date, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.formatToParts(at).find((p) => p.type === 'hour')?.value);
}

/** True at night in `timeZone`: from 22:00 exactly up to 07:59; 08:00 is day. */
export function isNight(at: Date, timeZone: string): boolean {
  const hour = localHour(at, timeZone);
  return hour >= NIGHT_STARTS_HOUR || hour < NIGHT_ENDS_HOUR;
}

/** True when Intl knows the zone: a buyer's zone comes from imported data, where a typo is possible. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    localHour(new Date(0), timeZone);
    return true;
  } catch {
    return false;
  }
}
