import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Received } from './testChannel.js';

/** A reply that reached the channel, with the Authorization header the bot sent it with. */
export interface AuthorizedReply {
  activity: Received;
  authorization: string | undefined;
}

/**
 * A Bot Framework channel for app-id mode: it POSTs activities to the bot with whatever
 * Authorization header a test gives (a token the test minted, or a forgery), and hosts the
 * `serviceUrl` where the bot's replies arrive. Like Azure's channels it refuses (401) a reply that
 * does not carry the token it expects from the bot (`requiredAuthorization`); without one it takes
 * every reply. Every reply attempt is recorded with its Authorization header.
 */
export class BotFrameworkChannel {
  /** Replies the channel accepted, in arrival order. */
  readonly replies: AuthorizedReply[] = [];
  /** Replies the channel refused for a missing or wrong token. */
  readonly refused: AuthorizedReply[] = [];
  private server!: http.Server;
  /** `http://127.0.0.1:PORT`: the activities' `serviceUrl`, and what a channel token's `serviceurl` claim names. */
  serviceUrl = '';

  private constructor(
    readonly endpoint: string,
    readonly channelId: string,
    private readonly requiredAuthorization: string | undefined,
  ) {}

  /** Starts the channel on a free port of 127.0.0.1. */
  static async start(options: { endpoint: string; channelId: string; requiredAuthorization?: string }): Promise<BotFrameworkChannel> {
    const channel = new BotFrameworkChannel(options.endpoint, options.channelId, options.requiredAuthorization);
    channel.server = http.createServer((req, res) => channel.handle(req, res));
    await new Promise<void>((resolve) => channel.server.listen(0, '127.0.0.1', resolve));
    channel.serviceUrl = `http://127.0.0.1:${(channel.server.address() as AddressInfo).port}`;
    return channel;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !/^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      const reply: AuthorizedReply = {
        activity: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received,
        authorization: req.headers.authorization,
      };
      if (this.requiredAuthorization !== undefined && reply.authorization !== this.requiredAuthorization) {
        this.refused.push(reply);
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'Unauthorized', message: 'the bot did not send its token' } }));
        return;
      }
      this.replies.push(reply);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  }

  /** A message from `userId` in a new conversation (unless `conversationId` is given), with `overrides` on top. */
  activity(options: { userId: string; conversationId?: string; text?: string; overrides?: Record<string, unknown> }): Record<string, unknown> {
    return {
      type: 'message',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: this.channelId,
      serviceUrl: this.serviceUrl,
      from: { id: options.userId, name: options.userId, role: 'user' },
      recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' },
      conversation: { id: options.conversationId ?? `conv-${randomUUID()}` },
      locale: 'en-US',
      text: options.text ?? 'hi',
      ...options.overrides,
    };
  }

  /**
   * POSTs an activity to the bot with this Authorization header (none when undefined); resolves
   * once the bot answered, with the status and every reply attempt for that conversation.
   */
  async post(activity: Record<string, unknown>, authorization: string | undefined): Promise<{ status: number; body: string; replies: AuthorizedReply[]; refused: AuthorizedReply[] }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(this.endpoint, { method: 'POST', headers, body: JSON.stringify(activity) });
    const body = await res.text();
    const conversationId = (activity.conversation as { id: string }).id;
    const inConversation = (r: AuthorizedReply): boolean => r.activity.conversation?.id === conversationId;
    return { status: res.status, body, replies: this.replies.filter(inConversation), refused: this.refused.filter(inConversation) };
  }

  /** Stops the channel's server. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
