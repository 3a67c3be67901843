import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { DirectLineLog } from '../../data/directLineLog.js';
import type { NotificationBus, Notification } from '../../data/notifications.js';
import type { Logger } from '../../bot/logger.js';

/** What a Direct Line notification says: a conversation has a new activity (its target names the conversation). */
export const DIRECT_LINE_NOTIFICATION = 'directline.activity';

/** The notification target of a conversation's activities. */
export function directLineTarget(conversationId: string): string {
  return `directline:${conversationId}`;
}

/** Sockets one conversation may hold open at once: a buyer's tabs and devices, not a crowd. */
export const MAX_SOCKETS_PER_CONVERSATION = 10;
/** A client sends only empty pings: anything bigger than this is no Direct Line client. */
const MAX_CLIENT_FRAME_BYTES = 1024;
/** How often the desk pings each socket; one that did not answer the last ping is gone and is closed. */
const PING_MS = 30_000;

/** One open stream: a socket and the last watermark it was sent. */
interface Stream {
  socket: WebSocket;
  conversationId: string;
  watermark: number;
  pumping: boolean;
  again: boolean;
  alive: boolean;
}

/**
 * The Direct Line streams this desk holds: each socket first gets what came after its watermark,
 * then every new activity of its conversation, however it reached the store (this desk, or
 * another desk on the same database: the notification bus tells every desk).
 */
export class DirectLineStreams {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly streams = new Map<string, Set<Stream>>();
  private readonly unsubscribe: () => void;
  private readonly pinger: NodeJS.Timeout;

  constructor(
    private readonly log: DirectLineLog,
    notifications: NotificationBus,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = notifications.subscribe((n: Notification) => {
      if (n.kind !== DIRECT_LINE_NOTIFICATION || !n.target.startsWith('directline:')) return;
      for (const stream of this.streams.get(n.target.slice('directline:'.length)) ?? []) void this.pump(stream);
    });
    this.pinger = setInterval(() => this.ping(), PING_MS);
    this.pinger.unref();
  }

  /** Streams open for a conversation now (on this desk). */
  count(conversationId: string): number {
    return this.streams.get(conversationId)?.size ?? 0;
  }

  /** Takes over an HTTP upgrade the door has authorized, and starts streaming after `watermark`. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, conversationId: string, watermark: number): void {
    this.server.handleUpgrade(req, socket, head, (ws) => {
      const stream: Stream = { socket: ws, conversationId, watermark, pumping: false, again: false, alive: true };
      const set = this.streams.get(conversationId) ?? new Set<Stream>();
      set.add(stream);
      this.streams.set(conversationId, set);
      ws.on('pong', () => (stream.alive = true));
      ws.on('message', () => undefined); // Web Chat's empty keep-alive frames
      ws.on('error', (err) => this.logger.warn({ err, conversationId }, 'a Direct Line socket failed'));
      ws.on('close', () => {
        set.delete(stream);
        if (set.size === 0) this.streams.delete(conversationId);
      });
      void this.pump(stream);
    });
  }

  /** Sends the stream what came after its watermark, until nothing is left (one pump per stream at a time). */
  private async pump(stream: Stream): Promise<void> {
    if (stream.pumping) {
      stream.again = true;
      return;
    }
    stream.pumping = true;
    try {
      do {
        stream.again = false;
        const set = await this.log.since(stream.conversationId, stream.watermark);
        if (set.activities.length === 0) continue;
        if (stream.socket.readyState !== stream.socket.OPEN) return;
        stream.socket.send(JSON.stringify({ activities: set.activities, watermark: String(set.watermark) }));
        stream.watermark = set.watermark;
        stream.again = true; // a full page may have more behind it
      } while (stream.again);
    } catch (err) {
      this.logger.error({ err, conversationId: stream.conversationId }, 'could not send a Direct Line stream its activities');
    } finally {
      stream.pumping = false;
    }
  }

  private ping(): void {
    for (const set of this.streams.values()) {
      for (const stream of set) {
        if (!stream.alive) {
          stream.socket.terminate();
          continue;
        }
        stream.alive = false;
        stream.socket.ping();
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.pinger);
    this.unsubscribe();
    for (const set of this.streams.values()) for (const stream of set) stream.socket.terminate();
    this.streams.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
