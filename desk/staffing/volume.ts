import type { ContactBucket } from '../../data/contactLog.js';
import { addDays, daysBetween } from '../../data/shopClock.js';

/** Contacts and those handed to a person, in one day or one hour of day. */
export interface VolumeCount {
  contacts: number;
  queued: number;
}

/** What the console's Volume shows for a line and a period (web.md "Managers"). */
export interface Volume {
  contacts: number;
  /** Share of contacts the bot resolved without a person (null: no contacts). */
  resolvedByBot: number | null;
  /** Mean wait in the queue, queued → claimed, seconds. */
  meanWaitSeconds: number | null;
  /** Mean time to an agent's first reply, queued → first reply, seconds. */
  meanFirstReplySeconds: number | null;
  /** Share of ratings that were satisfied. */
  satisfaction: number | null;
  ratings: number;
  byDay: ({ date: string } & VolumeCount)[];
  byHour: ({ hour: number } & VolumeCount)[];
}

/** The Volume figures from the contact log's sums by the hour contacts began (every day of the period listed, empty ones too). */
export function volumeOf(startedBuckets: readonly ContactBucket[], from: string, to: string): Volume {
  const byDay = new Map<string, VolumeCount>();
  for (let i = 0; i < daysBetween(from, to); i++) byDay.set(addDays(from, i), { contacts: 0, queued: 0 });
  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, contacts: 0, queued: 0 }));
  const sum = { contacts: 0, queued: 0, claimed: 0, waitMs: 0, answered: 0, firstReplyMs: 0, rated: 0, satisfied: 0 };
  for (const b of startedBuckets) {
    const day = byDay.get(b.date);
    if (!day) continue;
    day.contacts += b.contacts;
    day.queued += b.queued;
    byHour[b.hour]!.contacts += b.contacts;
    byHour[b.hour]!.queued += b.queued;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += b[k];
  }
  return {
    contacts: sum.contacts,
    resolvedByBot: sum.contacts ? (sum.contacts - sum.queued) / sum.contacts : null,
    meanWaitSeconds: sum.claimed ? sum.waitMs / sum.claimed / 1000 : null,
    meanFirstReplySeconds: sum.answered ? sum.firstReplyMs / sum.answered / 1000 : null,
    satisfaction: sum.rated ? sum.satisfied / sum.rated : null,
    ratings: sum.rated,
    byDay: [...byDay.entries()].map(([date, v]) => ({ date, ...v })),
    byHour,
  };
}
