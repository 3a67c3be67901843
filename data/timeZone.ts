import type { Locale } from './shopSchema.js';

/**
 * The time zone a buyer with none on file reads times in, by language: dates they write ("昨天",
 * "yesterday") and times the desk shows them are both on this calendar.
 */
const DEFAULT_TIME_ZONE: Readonly<Record<Locale, string>> = { 'zh-CN': 'Asia/Shanghai', 'en-US': 'America/New_York' };

/** The buyer's own zone when known, else the usual one for their language. */
export function timeZoneFor(locale: Locale, own?: string): string {
  return own ?? DEFAULT_TIME_ZONE[locale];
}
