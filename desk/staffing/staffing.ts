import { erlangC } from '../handoff/waitEstimate.js';
import type { ContactBucket } from '../../data/contactLog.js';

/** Seats tried at most above the offered load: far past any service level a real desk would target. */
const MAX_EXTRA_SEATS = 1_000;

/**
 * The service level `c` seats give (web.md "Staffing, exactly"): the share of buyers answered
 * within `answerSeconds`, 1 − C(c, A) · e^(−(c − A) · T / handle), for an offered load of `load`
 * Erlangs and a mean handle time of `handleMinutes`. 0 when the seats cannot carry the load.
 */
export function serviceLevel(seats: number, load: number, handleMinutes: number, answerSeconds: number): number {
  if (load <= 0) return 1;
  if (seats <= load) return 0;
  return 1 - erlangC(seats, load) * Math.exp((-(seats - load) * answerSeconds) / (handleMinutes * 60));
}

/** The least number of seats `c > load` whose service level reaches `target`; 0 for no load. */
export function seatsNeeded(load: number, handleMinutes: number, target: number, answerSeconds: number): number {
  if (load <= 0 || handleMinutes <= 0) return 0;
  for (let c = Math.floor(load) + 1; c <= Math.ceil(load) + MAX_EXTRA_SEATS; c++) {
    if (serviceLevel(c, load, handleMinutes, answerSeconds) >= target) return c;
  }
  return Math.ceil(load) + MAX_EXTRA_SEATS;
}

/** One hour of the day in the staffing table. */
export interface StaffingHour {
  hour: number;
  /** Contacts queued for an agent in this hour of the day, per day of the period. */
  arrivals: number;
  /** Offered load in seats: arrivals × handle / 60. */
  load: number;
  seats: number;
  agents: number;
}

/** What the table is computed from. */
export interface StaffingInput {
  /** Contacts queued for an agent in each hour of the shop's day (0–23), summed over the period. */
  queuedByHour: readonly number[];
  /** Days in the period (from … to inclusive). */
  days: number;
  /** Mean handle time of the line's claimed contacts in the period, minutes. */
  handleMinutes: number;
  /** Mean capacity of the line's agents: buyers one agent serves at once. */
  seatsPerAgent: number;
  /** Service level to reach, e.g. 0.8. */
  target: number;
  /** Answer time of the service level, seconds, e.g. 30. */
  answerSeconds: number;
}

/**
 * Seats and agents needed for each hour of the day (web.md "Staffing, exactly"): arrivals are the
 * hour's queued contacts per day, the offered load follows from the handle time, seats by Erlang
 * C for the target, agents = ceil(seats / seats per agent). An hour with no arrivals needs 0.
 */
export function staffingTable(input: StaffingInput): StaffingHour[] {
  const days = Math.max(1, input.days);
  return Array.from({ length: 24 }, (_, hour) => {
    const arrivals = (input.queuedByHour[hour] ?? 0) / days;
    const load = (arrivals * input.handleMinutes) / 60;
    const seats = arrivals > 0 ? seatsNeeded(load, input.handleMinutes, input.target, input.answerSeconds) : 0;
    const agents = seats > 0 ? Math.ceil(seats / Math.max(input.seatsPerAgent, 1e-9)) : 0;
    return { hour, arrivals, load, seats, agents };
  });
}

/** Staffing's counts from the contact log's sums by the hour they were queued: queued per hour of day, and the mean handle time. */
export function staffingCounts(queuedBuckets: readonly ContactBucket[]): { queuedByHour: number[]; handleMinutes: number } {
  const queuedByHour = Array.from({ length: 24 }, () => 0);
  let handled = 0;
  let handleMs = 0;
  for (const b of queuedBuckets) {
    queuedByHour[b.hour]! += b.queued;
    handled += b.handled;
    handleMs += b.handleMs;
  }
  return { queuedByHour, handleMinutes: handled ? handleMs / handled / 60_000 : 0 };
}
