import type http from 'node:http';
import type { Activity } from 'botbuilder';
import { startReplyReceiver } from '../support/replyReceiver.js';

/** A reply the channel received from the desk. */
export type Reply = Partial<Activity> & { type: string; conversation: { id: string } };

/** Called for each reply to one activity as it arrives, before the buyer's POST returns (or fails). */
export type ReplyWatcher = (reply: Reply) => void;

/**
 * The soak's Bot Framework channel, as test/support/testChannel.ts is the tests': it receives the
 * desk's replies at its `serviceUrl` (`POST /v3/conversations/{id}/activities[/{replyToId}]`). It
 * keeps replies by the activity they answer and forgets them once taken, so hours of load do not
 * pile up; a watcher sees a reply the moment it lands (an acknowledgement that arrived just before
 * a kill still counts).
 */
export class SoakChannel {
  private readonly byReplyTo = new Map<string, Reply[]>();
  private readonly watchers = new Map<string, ReplyWatcher>();
  private server!: http.Server;
  serviceUrl = '';
  /** Every reply received. */
  received = 0;
  /** Replies that answer no activity (messages the desk sent first). */
  unsolicited = 0;

  static async start(): Promise<SoakChannel> {
    const channel = new SoakChannel();
    const { server, serviceUrl } = await startReplyReceiver((activity) => channel.arrived(activity));
    channel.server = server;
    channel.serviceUrl = serviceUrl;
    return channel;
  }

  /** Calls `watcher` for every reply to `activityId` from now until `take(activityId)`. */
  watch(activityId: string, watcher: ReplyWatcher): void {
    this.watchers.set(activityId, watcher);
  }

  /** The replies to `activityId` received so far, kept. */
  peek(activityId: string): readonly Reply[] {
    return this.byReplyTo.get(activityId) ?? [];
  }

  /** The replies to `activityId` received so far, forgotten (with its watcher) afterwards. */
  take(activityId: string): Reply[] {
    const replies = this.byReplyTo.get(activityId) ?? [];
    this.byReplyTo.delete(activityId);
    this.watchers.delete(activityId);
    return replies;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private arrived(activity: Reply): void {
    this.received++;
    const replyTo = activity.replyToId;
    if (replyTo) {
      const list = this.byReplyTo.get(replyTo) ?? [];
      list.push(activity);
      this.byReplyTo.set(replyTo, list);
      this.watchers.get(replyTo)?.(activity);
    } else {
      this.unsolicited++;
    }
  }
}
