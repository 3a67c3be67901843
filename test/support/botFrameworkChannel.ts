import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { startReplyReceiver, type ReplyAnswer } from './replyReceiver.js';
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
    const { server, serviceUrl } = await startReplyReceiver((activity, req) => channel.take({ activity, authorization: req.headers.authorization }));
    channel.server = server;
    channel.serviceUrl = serviceUrl;
    return channel;
  }

  private take(reply: AuthorizedReply): ReplyAnswer {
    if (this.requiredAuthorization !== undefined && reply.authorization !== this.requiredAuthorization) {
      this.refused.push(reply);
      return { status: 401, error: 'the bot did not send its token' };
    }
    this.replies.push(reply);
    return { status: 200 };
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
