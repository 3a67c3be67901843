import { setRecent } from './recentMap.js';

/**
 * Counts events per key over a sliding time window, with a bounded number of keys: the memory of
 * the desk's rate limits and guess limits. Keys are whatever a client can invent (user ids), so
 * the oldest keys are forgotten past `maxKeys` rather than letting the map grow with every new id.
 */
export class SlidingWindowCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    /** How far back events count, in milliseconds. */
    private readonly windowMs: number,
    /** Keys kept at most; past it the least recently hit are dropped. */
    private readonly maxKeys: number,
  ) {}

  /** Events of `key` within the window ending at `now`. */
  count(key: string, now: number): number {
    const times = this.hits.get(key);
    if (!times) return 0;
    const recent = this.recent(times, now);
    if (recent.length === 0) this.hits.delete(key);
    else if (recent.length !== times.length) this.hits.set(key, recent);
    return recent.length;
  }

  /** Records one event of `key` at `now`; returns the count within the window, this one included. */
  hit(key: string, now: number): number {
    const times = this.recent(this.hits.get(key) ?? [], now);
    times.push(now);
    setRecent(this.hits, key, times, this.maxKeys);
    return times.length;
  }

  /** When the oldest event of `key` in the window leaves it: the time a refused caller may try again. */
  retryAt(key: string, now: number): number {
    const first = this.recent(this.hits.get(key) ?? [], now)[0];
    return first === undefined ? now : first + this.windowMs;
  }

  private recent(times: number[], now: number): number[] {
    const since = now - this.windowMs;
    let i = 0;
    while (i < times.length && times[i]! <= since) i++;
    return i === 0 ? times : times.slice(i);
  }
}
