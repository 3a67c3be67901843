import { randomUUID } from 'node:crypto';
import { TestChannel, type TestConversation } from '../support/testChannel.js';
import { nowMs, percentiles, type Percentiles } from './report.js';

/** What buyers say when they are not asking for anything yet: greetings, thanks, chit-chat, in both languages. */
export const SMALL_TALK: readonly string[] = [
  '你好',
  'hi there',
  '在吗',
  'how are you',
  '谢谢亲',
  'thanks a lot',
  '早上好',
  'good morning',
  '辛苦了',
  'thank you so much',
  '哈喽',
  'have a nice day',
];

/** How hard and how long to push: concurrent conversations, a warm-up that is thrown away, a measured window. */
export interface LoadOptions {
  conversations: number;
  warmupMs: number;
  measureMs: number;
}

/** A chat account to write from (a demo buyer's emulator account, so the desk knows who it is). */
export interface ChatAccount {
  channelId: string;
  userId: string;
}

/** The figures of one load run against one bot. */
export interface LoadResult {
  system: string;
  /** Turns that completed inside the measured window. */
  turns: number;
  turnsPerSecond: number;
  latency: Percentiles;
  /** POSTs answered with a status other than 200. */
  failures: number;
  /** POSTs answered 200 without a message reply having reached the channel first. */
  unanswered: number;
  /** Activities (messages, traces, typing) the channel received per turn, over the whole run. */
  activitiesPerTurn: number;
  /** Turns of the whole run, warm-up and opening included. */
  allTurns: number;
}

/** Collects what the channel received, without keeping it: the bench would otherwise hold every reply. */
class ReplyTally {
  private readonly answered = new Set<string>();
  activities = 0;

  constructor(private readonly channel: TestChannel) {}

  /** Moves everything received so far into the tally; call it after each POST returns. */
  drain(): void {
    const received = this.channel.received.splice(0);
    this.activities += received.length;
    for (const a of received) if (a.type === 'message' && a.replyToId) this.answered.add(a.replyToId);
  }

  /** True (once) when a message reply to `activityId` arrived. */
  take(activityId: string): boolean {
    return this.answered.delete(activityId);
  }
}

/** One conversation's loop: one small-talk message at a time, each waiting for the previous POST. */
async function converse(conv: TestConversation, offset: number, clock: { from: number; to: number }, tally: ReplyTally, sink: LoadSink): Promise<void> {
  for (let i = offset; nowMs() < clock.to; i++) {
    const activity = conv.activity({ text: SMALL_TALK[i % SMALL_TALK.length] });
    const start = nowMs();
    const res = await fetch(conv.channel.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    const end = nowMs();
    tally.drain();
    sink.allTurns++;
    const answered = tally.take(String(activity.id));
    if (end < clock.from || end >= clock.to) continue; // warm-up, or still running when the window closed
    if (res.status !== 200) sink.failures++;
    else if (!answered) sink.unanswered++;
    sink.latencies.push(end - start);
  }
}

interface LoadSink {
  latencies: number[];
  failures: number;
  unanswered: number;
  allTurns: number;
}

/**
 * Drives `endpoint` with `options.conversations` conversations at once over a real test channel,
 * each from its own conversation id and one of `accounts` (cycled), each sending small talk one
 * message after another; reports turns/s and POST latency over the measured window only.
 */
export async function runTurnLoad(system: string, endpoint: string, accounts: readonly ChatAccount[], options: LoadOptions): Promise<LoadResult> {
  if (accounts.length === 0) throw new Error('runTurnLoad(): no accounts to write from');
  const channel = await TestChannel.start(endpoint);
  try {
    const tally = new ReplyTally(channel);
    const convs = Array.from({ length: options.conversations }, (_, i) => {
      const account = accounts[i % accounts.length]!;
      return channel.conversation({ channelId: account.channelId, userId: account.userId, conversationId: `bench-${system}-${i}-${randomUUID()}` });
    });
    await Promise.all(convs.map((c) => c.open())); // as the Emulator does; not measured
    tally.drain();
    tally.activities = 0;
    const start = nowMs();
    const clock = { from: start + options.warmupMs, to: start + options.warmupMs + options.measureMs };
    const sink: LoadSink = { latencies: [], failures: 0, unanswered: 0, allTurns: 0 };
    await Promise.all(convs.map((c, i) => converse(c, i, clock, tally, sink)));
    return {
      system,
      turns: sink.latencies.length,
      turnsPerSecond: sink.latencies.length / (options.measureMs / 1000),
      latency: percentiles(sink.latencies),
      failures: sink.failures,
      unanswered: sink.unanswered,
      activitiesPerTurn: sink.allTurns === 0 ? 0 : tally.activities / sink.allTurns,
      allTurns: sink.allTurns + convs.length,
    };
  } finally {
    await channel.close();
  }
}
