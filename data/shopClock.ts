/**
 * The shop's calendar: the local date (YYYY-MM-DD) and hour of an instant in the shop's time zone
 * (`SHOP_TIME_ZONE`), for the console's days and hours of day.
 */
export class ShopClock {
  private readonly cache = new Map<number, { date: string; hour: number }>();
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  /**
   * The shop's date and hour of day at `ms`, cached per quarter hour: zones move by whole quarter
   * hours at most, so a bucket is exact, and 10^5 contacts are a few thousand buckets.
   */
  local(ms: number): { date: string; hour: number } {
    const bucket = Math.floor(ms / 900_000);
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

/** The date `days` after `date` (YYYY-MM-DD; negative goes back). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Instants surely before and after every moment of the shop's dates `from`…`to`, in any zone (±14 h). */
export function roughBounds(from: string, to: string): { after: number; before: number } {
  return { after: Date.parse(`${from}T00:00:00Z`) - 86_400_000, before: Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000 };
}
