/**
 * The contacts the console counts, whatever their source (the imported history, the desk's own
 * handoffs), reduced to what the figures need, and the hour of the shop's day each fell in.
 */

/** One contact: its line, when it began, and, when a person took it, when it was queued, claimed and ended. */
export interface ContactTimes {
  line: string;
  startedAt: number;
  queuedAt?: number;
  claimedAt?: number;
  endedAt?: number;
}

/**
 * Local date (YYYY-MM-DD) and hour of an instant in a time zone, cached per UTC hour: zones move
 * by whole quarter-hours at most, and an hour's bucket is computed once however many contacts
 * fall in it (10^5 contacts are a few thousand buckets).
 */
export class ShopClock {
  private readonly cache = new Map<number, { date: string; hour: number }>();
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /** The shop's date and hour of day at `ms`. */
  local(ms: number): { date: string; hour: number } {
    const bucket = Math.floor(ms / 900_000); // quarter hours: exact for every zone's offset
    let hit = this.cache.get(bucket);
    if (!hit) {
      const parts = Object.fromEntries(this.format.formatToParts(new Date(bucket * 900_000)).map((p) => [p.type, p.value]));
      hit = { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(bucket, hit);
    }
    return hit;
  }
}

/** Days from `from` to `to` inclusive (YYYY-MM-DD), 0 when `to` is before `from`. */
export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) || b < a ? 0 : Math.round((b - a) / 86_400_000) + 1;
}

/**
 * What web.md's staffing needs for one line over `from`…`to` (the shop's dates): contacts queued
 * per hour of day, and the mean handle time (ended − claimed) of the line's claimed contacts in
 * the period, in minutes (0 when none).
 */
export function staffingCounts(contacts: Iterable<ContactTimes>, line: string, from: string, to: string, clock: ShopClock): { queuedByHour: number[]; handleMinutes: number } {
  const queuedByHour = Array.from({ length: 24 }, () => 0);
  let handled = 0;
  let handleMs = 0;
  for (const c of contacts) {
    if (c.line !== line || c.queuedAt === undefined) continue;
    const { date, hour } = clock.local(c.queuedAt);
    if (date < from || date > to) continue;
    queuedByHour[hour]!++;
    if (c.claimedAt !== undefined && c.endedAt !== undefined && c.endedAt >= c.claimedAt) {
      handled++;
      handleMs += c.endedAt - c.claimedAt;
    }
  }
  return { queuedByHour, handleMinutes: handled ? handleMs / handled / 60_000 : 0 };
}
