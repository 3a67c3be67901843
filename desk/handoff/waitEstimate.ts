/**
 * How long a buyer will wait for an agent, by Erlang C (the M/M/c queue of call centres): agents
 * online in the line are the servers (each counted once per buyer they can take at a time), the
 * recent arrival rate and handle time give the offered load, and the chance of waiting at all
 * and the mean wait follow. A buyer already in the queue at position k waits, on top, for the k
 * conversations ahead of them to free a seat.
 */

/** Handle time assumed before a line has any finished handoffs: a typical after-sales chat. */
export const DEFAULT_HANDLE_MINUTES = 6;

/** The probability that an arrival waits (Erlang C), for `servers` servers and `load` Erlangs. 1 when overloaded. */
export function erlangC(servers: number, load: number): number {
  if (servers <= 0) return 1;
  if (load <= 0) return 0;
  if (load >= servers) return 1;
  // Erlang B by the stable recurrence, then C from B.
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  const rho = load / servers;
  return b / (1 - rho + rho * b);
}

/** What the estimate is built from, for one business line. */
export interface LineLoad {
  /** Seats online: the sum of the capacities of the line's online agents. */
  seats: number;
  /** Seats taken now (buyers being served). */
  busy: number;
  /** Buyers who joined the line's queue per minute, recently. */
  arrivalsPerMinute: number;
  /** Mean minutes an agent spends on one buyer, recently. */
  handleMinutes: number;
}

/**
 * Minutes until an agent takes the buyer at `position` (1 = next): 0 when a seat is free now;
 * none (undefined) when no agent is online; else the Erlang C mean wait for a newcomer, or, for
 * a buyer already queued, the time for `position` seats to free up (each seat frees on average
 * every `handleMinutes / seats`), whichever is longer.
 */
export function estimateWaitMinutes(load: LineLoad, position: number): number | undefined {
  if (load.seats <= 0) return undefined;
  if (load.busy < load.seats && position <= load.seats - load.busy) return 0;
  const handle = load.handleMinutes > 0 ? load.handleMinutes : DEFAULT_HANDLE_MINUTES;
  const offered = load.arrivalsPerMinute * handle;
  const pWait = erlangC(load.seats, offered);
  const erlang = offered < load.seats ? (pWait * handle) / (load.seats - offered) : Number.POSITIVE_INFINITY;
  const queued = (position * handle) / load.seats;
  const minutes = Number.isFinite(erlang) ? Math.max(erlang, queued) : queued;
  return Math.max(1, Math.ceil(minutes));
}
