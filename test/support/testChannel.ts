import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { Activity, Attachment } from 'botbuilder';
import { startReplyReceiver } from './replyReceiver.js';

/** A reply the channel received from the bot, in arrival order. */
export type Received = Partial<Activity> & { type: string; conversation: { id: string } };

/**
 * A Bot Framework channel for tests, as the Emulator is one: it POSTs activities to the bot's
 * endpoint over real HTTP and receives the bot's replies at its own `serviceUrl`
 * (`POST /v3/conversations/{id}/activities[/{replyToId}]`), answering with a resource id.
 */
export class TestChannel {
  readonly received: Received[] = [];
  private server!: http.Server;
  serviceUrl = '';

  private constructor(public endpoint: string) {}

  static async start(endpoint: string): Promise<TestChannel> {
    const channel = new TestChannel(endpoint);
    const { server, serviceUrl } = await startReplyReceiver((activity) => void channel.received.push(activity));
    channel.server = server;
    channel.serviceUrl = serviceUrl;
    return channel;
  }

  /** A conversation of one user with the bot on this channel. */
  conversation(options: { userId: string; channelId?: string; locale?: string; userName?: string; conversationId?: string }): TestConversation {
    return new TestConversation(this, {
      channelId: options.channelId ?? 'emulator',
      userId: options.userId,
      userName: options.userName ?? options.userId,
      locale: options.locale,
      conversationId: options.conversationId ?? `conv-${randomUUID()}`,
    });
  }

  /** Posts a raw body to the bot: for bad-input tests. */
  async postRaw(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): Promise<{ status: number; body: string }> {
    const res = await fetch(this.endpoint, { method: 'POST', headers, body });
    return { status: res.status, body: await res.text() };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** One conversation: sends activities and returns the replies each one produced. */
export class TestConversation {
  constructor(
    readonly channel: TestChannel,
    readonly opts: { channelId: string; userId: string; userName: string; locale: string | undefined; conversationId: string },
  ) {}

  get id(): string {
    return this.opts.conversationId;
  }

  /** Everything the bot sent in this conversation so far. */
  get received(): Received[] {
    return this.channel.received.filter((a) => a.conversation?.id === this.opts.conversationId);
  }

  /** The full activity the channel would send, with `overrides` on top. */
  activity(overrides: Partial<Activity> & Record<string, unknown> = {}): Record<string, unknown> {
    const { channelId, userId, userName, locale, conversationId } = this.opts;
    return {
      type: 'message',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId,
      serviceUrl: this.channel.serviceUrl,
      from: { id: userId, name: userName, role: 'user' },
      recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' },
      conversation: { id: conversationId },
      ...(locale ? { locale } : {}),
      ...overrides,
    };
  }

  /** Posts an activity; resolves with the HTTP status and the replies to it (the bot answers before the POST returns). */
  async post(overrides: Partial<Activity> & Record<string, unknown> = {}): Promise<{ status: number; replies: Received[]; body: string }> {
    const activity = this.activity(overrides);
    const res = await fetch(this.channel.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = await res.text();
    const replies = this.received.filter((a) => a.replyToId === activity.id);
    return { status: res.status, replies, body };
  }

  /** Sends a message and returns the replies. */
  async say(text: string, extra: Partial<Activity> & Record<string, unknown> = {}): Promise<Received[]> {
    const { status, replies, body } = await this.post({ text, ...extra });
    if (status !== 200) throw new Error(`TestConversation.say(): HTTP ${status} ${body}`);
    return replies;
  }

  /** Opens the conversation as the Emulator does: conversationUpdate with the bot and the user added. */
  async open(): Promise<Received[]> {
    const { status, replies, body } = await this.post({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'desk-bot', name: 'Desk' }, { id: this.opts.userId, name: this.opts.userName }],
      text: undefined,
    });
    if (status !== 200) throw new Error(`TestConversation.open(): HTTP ${status} ${body}`);
    return replies;
  }

  /** Presses a card button that sends a messageBack value. */
  async press(button: { value?: unknown; text?: string; displayText?: string }): Promise<Received[]> {
    return this.say(button.text ?? '', { value: button.value });
  }
}

/** The message texts of replies (traces and typing left out). */
export function texts(replies: Received[]): string[] {
  return replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
}

/** The trace values with this name. */
export function traces(replies: Received[], name: string): unknown[] {
  return replies.filter((r) => r.type === 'trace' && r.name === name).map((r) => r.value);
}

/** Every attachment of every reply. */
export function attachments(replies: Received[]): Attachment[] {
  return replies.flatMap((r) => r.attachments ?? []);
}

/** Hero cards' content. */
export interface HeroContent {
  title?: string;
  text?: string;
  buttons?: { type: string; title: string; value?: unknown; text?: string; displayText?: string }[];
}

export function heroCards(replies: Received[]): HeroContent[] {
  return attachments(replies)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.hero')
    .map((a) => a.content as HeroContent);
}

/** Adaptive cards' facts as a title → value map, one map per card. */
export function adaptiveFacts(replies: Received[]): Record<string, string>[] {
  return attachments(replies)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => {
      const body = (a.content as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body;
      const facts = body.find((b) => b.type === 'FactSet')?.facts ?? [];
      return Object.fromEntries(facts.map((f) => [f.title, f.value]));
    });
}
