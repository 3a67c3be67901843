import type { ContactLog } from '../../data/contactLog.js';
import { addDays, daysBetween, ShopClock } from '../../data/shopClock.js';
import type { ShopData } from '../../data/shopSchema.js';
import { staffingCounts, staffingTable, type StaffingHour } from './staffing.js';
import { volumeOf, type Volume } from './volume.js';

/** Days the console looks back by default: four weeks, so every weekday counts alike. */
export const DEFAULT_DAYS = 28;

/** Staffing of one line over a period (web.md "Staffing, exactly"). */
export interface Staffing {
  handleMinutes: number;
  seatsPerAgent: number;
  hours: StaffingHour[];
}

/**
 * The figures managers read, for every door that shows them (the console's page and API, `/today`
 * on a chat channel): volume and staffing of a line over the shop's dates, from the contact log's
 * sums.
 */
export class ManagerFigures {
  private readonly clock: ShopClock;

  constructor(
    private readonly parts: { contacts: Pick<ContactLog, 'buckets'>; shop: () => ShopData; timeZone: string },
  ) {
    this.clock = new ShopClock(parts.timeZone);
  }

  /** The shop's date and hour at `at`. */
  local(at: Date): { date: string; hour: number } {
    return this.clock.local(at.getTime());
  }

  /** The default period: the four weeks up to `to` (today unless given). */
  defaultFrom(to: string): string {
    return addDays(to, -(DEFAULT_DAYS - 1));
  }

  async volume(line: string, from: string, to: string): Promise<Volume> {
    return volumeOf(await this.parts.contacts.buckets({ line, from, to, timeZone: this.parts.timeZone, by: 'started' }), from, to);
  }

  async staffing(line: string, from: string, to: string, target: number, answerSeconds: number): Promise<Staffing> {
    const agents = this.parts.shop().agents.filter((a) => a.businessLines.includes(line));
    const seatsPerAgent = agents.length ? agents.reduce((n, a) => n + a.capacity, 0) / agents.length : 1;
    const { queuedByHour, handleMinutes } = staffingCounts(await this.parts.contacts.buckets({ line, from, to, timeZone: this.parts.timeZone, by: 'queued' }));
    const hours = staffingTable({ queuedByHour, days: daysBetween(from, to), handleMinutes, seatsPerAgent, target, answerSeconds });
    return { handleMinutes, seatsPerAgent, hours };
  }
}
