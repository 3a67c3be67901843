import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { startReplyReceiver } from '../support/replyReceiver.js';
import type { Received } from '../support/testChannel.js';
import { nowMs } from './report.js';

/** A relayed message seen at the channel: when it arrived, in which conversation, with what text. */
export interface Arrival {
  at: number;
  conversationId: string;
  text: string;
}

/** Marks a bench message so its relay can be told apart from everything else the bot sends: `⟨r123⟩`. */
export function tag(seq: number): string {
  return `⟨r${seq}⟩`;
}

const TAG = /⟨r(\d+)⟩/;

/**
 * The test channel of test/support/testChannel.ts cut down for timing: it receives the bot's
 * activities at its `serviceUrl` like the Emulator, stamps the arrival of every message carrying a
 * bench tag and hands it to whoever waits for that tag; other activities are kept per
 * conversation only while `keep` is on (setup), so a long run holds nothing.
 */
export class RelayChannel {
  serviceUrl = '';
  keep = true;
  activities = 0;
  private readonly kept = new Map<string, Received[]>();
  private readonly waiting = new Map<number, (arrival: Arrival) => void>();
  private server!: http.Server;

  private constructor(readonly endpoint: string) {}

  static async start(endpoint: string): Promise<RelayChannel> {
    const channel = new RelayChannel(endpoint);
    const { server, serviceUrl } = await startReplyReceiver((activity) => channel.arrived(activity), { keepAliveMs: 60_000 });
    channel.server = server;
    channel.serviceUrl = serviceUrl;
    return channel;
  }

  private arrived(activity: Received): void {
    const at = nowMs();
    this.activities++;
    const seq = activity.type === 'message' ? TAG.exec(activity.text ?? '')?.[1] : undefined;
    const waiter = seq === undefined ? undefined : this.waiting.get(Number(seq));
    if (waiter) {
      this.waiting.delete(Number(seq));
      waiter({ at, conversationId: activity.conversation.id, text: activity.text ?? '' });
    } else if (this.keep) {
      const list = this.kept.get(activity.conversation.id) ?? [];
      list.push(activity);
      this.kept.set(activity.conversation.id, list);
    }
  }

  /** Resolves when a message tagged `seq` arrives, or with undefined after `timeoutMs`. Register before sending. */
  expect(seq: number, timeoutMs: number): Promise<Arrival | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(seq);
        resolve(undefined);
      }, timeoutMs);
      this.waiting.set(seq, (arrival) => {
        clearTimeout(timer);
        resolve(arrival);
      });
    });
  }

  /** What a conversation received so far while `keep` was on, taken out of the channel. */
  take(conversationId: string): Received[] {
    const list = this.kept.get(conversationId) ?? [];
    this.kept.delete(conversationId);
    return list;
  }

  /** Drops everything kept and keeps nothing more. */
  stopKeeping(): void {
    this.keep = false;
    this.kept.clear();
  }

  /** POSTs one activity from `from` in `conversationId`; resolves with the status once the bot answered. */
  async post(conversationId: string, from: string, overrides: Record<string, unknown>): Promise<number> {
    const activity = {
      type: 'message', id: randomUUID(), timestamp: new Date().toISOString(), channelId: 'emulator', serviceUrl: this.serviceUrl,
      from: { id: from, name: from, role: 'user' }, recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' }, conversation: { id: conversationId },
      ...overrides,
    };
    const res = await fetch(this.endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    return res.status;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections(); // the bot's keep-alive connections would hold the close
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
