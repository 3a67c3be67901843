import type { Buyer, Locale } from '../data/shopSchema.js';

/** The time zone a buyer reads times in: their profile's, else the usual one for their language. */
export function timeZoneOf(buyer: Pick<Buyer, 'timeZone'> | undefined, locale: Locale): string {
  return buyer?.timeZone ?? (locale === 'zh-CN' ? 'Asia/Shanghai' : 'America/New_York');
}

/** ¥198.00 / $19.99, as the buyer's language writes money. */
export function formatMoney(amount: number, currency: string, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
}

/** A short date and time in the buyer's zone: "11月2日 15:00" / "Nov 2, 3:00 PM". */
export function formatTime(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: locale !== 'zh-CN',
    timeZone,
  }).format(new Date(iso));
}
