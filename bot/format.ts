import type { Buyer, Locale } from '../data/shopSchema.js';
import { timeZoneFor } from '../data/timeZone.js';

/**
 * The time zone a buyer reads times in: their profile's, else the usual one for their profile's
 * language (an English buyer writing Chinese is still in New York), else for the turn's language.
 */
export function timeZoneOf(buyer: Pick<Buyer, 'timeZone' | 'locale'> | undefined, locale: Locale): string {
  return timeZoneFor(buyer?.locale ?? locale, buyer?.timeZone);
}

/** Intl formatters are costly to build (a greeting with 5 cards built ~15 of them): one per key, kept. */
const moneyFormats = new Map<string, Intl.NumberFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** ¥198.00 / $19.99, as the buyer's language writes money. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

/** A short date and time in the buyer's zone: "11月2日 15:00" / "Nov 2, 3:00 PM". */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: locale !== 'zh-CN', timeZone });
    timeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}
