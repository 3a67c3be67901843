import type { StoreDocument } from './records.js';

/** An ISO 8601 time with a zone offset, as the demo shop writes them: the offset is kept when shifting. */

const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Moves an ISO time by `ms`, written in the same zone offset as before. */
export function shiftIsoTime(iso: string, ms: number): string {
  const match = ISO_TIME.exec(iso);
  if (!match) return iso;
  const zone = match[2]!;
  const offsetMin = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  const local = new Date(Date.parse(iso) + ms + offsetMin * 60_000);
  const text =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${text}${zone}`;
}

function shiftAll(value: unknown, ms: number): unknown {
  if (typeof value === 'string') return shiftIsoTime(value, ms);
  if (Array.isArray(value)) return value.map((v) => shiftAll(v, ms));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftAll(v, ms)]));
  }
  return value;
}

/**
 * Keeps the demo shop's times relative to now: a demo store started a week after it was seeded
 * would otherwise find its "delivered 3 days ago" order 10 days old, and every 7-day, 15-day and
 * 72-hour example off by a week. Moves every time in the demo shop forward by the time since it
 * was seeded. An imported shop is real data and is never touched. Returns the moved shop and its
 * meta, or undefined when there is nothing to move.
 */
export function rebaseDemoShop(doc: StoreDocument, now: Date): Pick<StoreDocument, 'shop' | 'meta'> | undefined {
  if (doc.meta.source !== 'demo' || !doc.meta.seededAt) return undefined;
  const ms = now.getTime() - Date.parse(doc.meta.seededAt);
  if (!Number.isFinite(ms) || ms < 60_000) return undefined; // less than a minute: nothing worth rewriting
  // The history is in the contact log (data/contactHistory.ts keeps the demo's current), not here.
  const shop = shiftAll(doc.shop, ms);
  return { shop: shop as StoreDocument['shop'], meta: { ...doc.meta, seededAt: now.toISOString() } };
}
