import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Activity } from 'botbuilder';
import type { DeskProcess } from './deskProcess.js';
import type { Reply, ReplyWatcher, SoakChannel } from './soakChannel.js';

/** A turn the desk does not answer within this long is stuck, not slow: counted as a failure while up. */
const POST_TIMEOUT_MS = 30_000;
/** How long after a failed POST the soak looks at whether the desk went down: its exit event may trail the socket error. */
const FAILURE_SETTLE_MS = 150;
/** A POST that fails while the desk stays up is sent again at most this many times (a bug, not a kill). */
const MAX_SENDS_WHILE_UP = 3;
/** A POST is sent again at most this many times across downtimes and refusals before the buyer gives the turn up. */
const MAX_SENDS = 12;
/** A `Retry-After` longer than this is not waited out: the message is given up (a limit far stricter than any person needs). */
const MAX_RETRY_AFTER_S = 65;
/** After a 202 (the turn went over the desk's time budget and goes on), replies are awaited until none came for this long… */
const SETTLE_QUIET_MS = 1_000;
/** …or this long in all. */
const SETTLE_MAX_MS = 30_000;
/** How often the channel is looked at while replies settle. */
const SETTLE_POLL_MS = 50;

/** Counts of every buyer's turns, for the figures. */
export interface TurnStats {
  /** POSTs sent to the desk. */
  posts: number;
  /** POSTs that failed because the desk was down or went down meanwhile (sent again after the restart). */
  failedDuringDowntime: number;
  /** POSTs that failed while the desk stayed up: an error status, a reset, a hang. */
  failedWhileUp: number;
  /** What the first few of those were. */
  whileUpErrors: string[];
  /** POSTs refused by the desk's limits (429 sender rate or conversation flood, 503 busy) and sent again after `Retry-After`. */
  refusedByLimits: number;
  /** What the first few refusals said. */
  refusals: string[];
  /** POSTs answered 202: the turn went over the desk's time budget and its replies came later. */
  overBudget: number;
}

/** A new, empty set of turn counts. */
export function newTurnStats(): TurnStats {
  return { posts: 0, failedDuringDowntime: 0, failedWhileUp: 0, whileUpErrors: [], refusedByLimits: 0, refusals: [], overBudget: 0 };
}

/** What one message brought back: the replies, and whether it had to be sent again after a restart. */
export interface Exchange {
  replies: Reply[];
  /** The first POST failed (the desk was killed) and the same activity was sent again once it was back. */
  resent: boolean;
}

/** What a message's sender wants to hear about while it is under way. */
export interface SendHooks {
  /** Sees each reply to the message the moment it lands at the channel. */
  watcher?: ReplyWatcher;
  /** Counts the message while its POST is open (the kill schedule aims at yeses in flight). */
  inFlight?: { count: number };
}

/** The POST's outcome: an HTTP status, or the socket error that stands for "no answer". */
type PostResult = { status: number; body: string; retryAfter: number | undefined } | { error: string };

function postJson(url: string, body: unknown): Promise<PostResult> {
  return new Promise((resolve) => {
    const data = Buffer.from(JSON.stringify(body), 'utf8');
    // agent: false: no kept-alive socket to a killed desk is ever reused for the next request.
    const req = http.request(url, { method: 'POST', agent: false, timeout: POST_TIMEOUT_MS, headers: { 'content-type': 'application/json', 'content-length': data.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      const retryAfter = Number(res.headers['retry-after']);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined }));
      res.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(data);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps one sender under a rate: the desk answers a sender past `SENDER_MESSAGES_PER_MINUTE` with
 * 429, and a soak that trips it measures the limit, not the store. Shared by a buyer's conversations.
 */
export class SendPacer {
  private next = 0;

  constructor(private readonly perMinute: number) {}

  /** Resolves when the sender may send again, and books that moment. */
  async turn(): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + 60_000 / this.perMinute;
    if (at > now) await sleep(at - now);
  }
}

/**
 * One buyer conversation with the desk over the soak channel. A message whose POST fails because
 * the desk was killed is sent again, the same activity with the same id as a channel retries it,
 * once the desk answers `/healthz` again.
 */
export class SoakConversation {
  readonly id = `soak-${randomUUID()}`;

  constructor(
    private readonly channel: SoakChannel,
    private readonly desk: DeskProcess,
    private readonly stats: TurnStats,
    private readonly pacer: SendPacer,
    readonly userId: string,
    readonly locale: string,
  ) {}

  /** The activity a channel would send, with `overrides` on top. */
  activity(overrides: Partial<Activity> & Record<string, unknown>): Record<string, unknown> & { id: string } {
    return {
      type: 'message',
      timestamp: new Date().toISOString(),
      channelId: 'emulator',
      serviceUrl: this.channel.serviceUrl,
      from: { id: this.userId, name: this.userId, role: 'user' },
      recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' },
      conversation: { id: this.id },
      locale: this.locale,
      ...overrides,
      id: randomUUID(),
    };
  }

  /** Opens the conversation as the Emulator does (conversationUpdate with the bot and the buyer). */
  open(): Promise<Exchange> {
    return this.send({ type: 'conversationUpdate', membersAdded: [{ id: 'desk-bot', name: 'Desk' }, { id: this.userId, name: this.userId }] });
  }

  /** Types a message. */
  say(text: string, hooks: SendHooks = {}): Promise<Exchange> {
    return this.send({ text }, hooks);
  }

  /** Presses a messageBack button: its text with its value. */
  press(button: { text?: string; value?: unknown }, hooks: SendHooks = {}): Promise<Exchange> {
    return this.send({ text: button.text ?? '', value: button.value }, hooks);
  }

  /** Sends one activity until the desk answers it (200, or 202 and its replies later). */
  async send(overrides: Partial<Activity> & Record<string, unknown>, hooks: SendHooks = {}): Promise<Exchange> {
    const activity = this.activity(overrides);
    if (hooks.watcher) this.channel.watch(activity.id, hooks.watcher);
    let resent = false;
    let whileUp = 0;
    for (let sends = 1; ; sends++) {
      await this.desk.whenUp();
      await this.pacer.turn();
      const generation = this.desk.generation;
      this.stats.posts++;
      if (hooks.inFlight) hooks.inFlight.count++;
      const result = await postJson(this.desk.endpoint, activity).finally(() => {
        if (hooks.inFlight) hooks.inFlight.count--;
      });
      if ('status' in result && result.status === 200) return { replies: this.channel.take(activity.id), resent };
      if ('status' in result && result.status === 202) {
        this.stats.overBudget++;
        return { replies: await this.settle(activity.id), resent };
      }
      if ('status' in result && (result.status === 429 || result.status === 503) && sends < MAX_SENDS) {
        const wait = result.retryAfter ?? 1;
        this.stats.refusedByLimits++;
        if (this.stats.refusals.length < 10) this.stats.refusals.push(`${this.userId}: HTTP ${result.status} ${result.body.slice(0, 160)}`);
        if (wait > MAX_RETRY_AFTER_S) throw new Error(`${this.userId}: refused with Retry-After ${wait} s`);
        await sleep(wait * 1000);
        resent = true;
        continue;
      }
      await sleep(FAILURE_SETTLE_MS);
      const what = 'status' in result ? `HTTP ${result.status} ${result.body.slice(0, 200)}` : result.error;
      if (this.desk.generation !== generation || !this.desk.up) {
        this.stats.failedDuringDowntime++;
      } else {
        this.stats.failedWhileUp++;
        whileUp++;
        if (this.stats.whileUpErrors.length < 10) this.stats.whileUpErrors.push(`${this.userId} ${this.id}: ${what}`);
      }
      if (whileUp >= MAX_SENDS_WHILE_UP || sends >= MAX_SENDS) {
        this.channel.take(activity.id);
        throw new Error(`${this.userId}: gave up a message after ${sends} sends (last: ${what})`);
      }
      resent = true;
    }
  }

  /** The replies of a turn still running after its 202: awaited until they stop coming. */
  private async settle(activityId: string): Promise<Reply[]> {
    const began = performance.now();
    let seen = -1;
    let quietSince = began;
    for (;;) {
      const replies = this.channel.peek(activityId);
      if (replies.length !== seen) {
        seen = replies.length;
        quietSince = performance.now();
      }
      const answered = replies.some((r) => r.type === 'message');
      if ((answered && performance.now() - quietSince >= SETTLE_QUIET_MS) || performance.now() - began >= SETTLE_MAX_MS) return this.channel.take(activityId);
      await sleep(SETTLE_POLL_MS);
    }
  }
}
