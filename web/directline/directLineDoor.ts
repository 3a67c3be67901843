import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, Response, Server } from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import type { DeskAdapter, DeskAuthentication } from '../../bot/adapter.js';
import { BadRequestError, checkActivity, MAX_ATTACHMENTS, readBodyBytes, readJsonObject } from '../../bot/activityBody.js';
import { cutText, MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from '../../bot/inputLimits.js';
import type { Logger } from '../../bot/logger.js';
import type { SenderLimiter } from '../../bot/senderLimiter.js';
import { conversationKey, type TurnQueue } from '../../bot/turnQueue.js';
import type { DirectLineActivity, DirectLineConversation, DirectLineLog } from '../../data/directLineLog.js';
import type { NotificationBus } from '../../data/notifications.js';
import { DirectLineTokens, type DirectLineClaims } from './directLineTokens.js';
import { DIRECT_LINE_NOTIFICATION, DirectLineStreams, MAX_SOCKETS_PER_CONVERSATION, directLineTarget } from './directLineStreams.js';

/** The channel id of activities that come through the desk's own Direct Line (web.md). */
export const DIRECT_LINE_CHANNEL = 'directline';
/**
 * The service URL in Direct Line activities and stored conversation references. It names the
 * desk's own channel and is never fetched (`.invalid` cannot resolve): the adapter hands what
 * the bot sends there to this door in process (bot/adapter.ts `LocalChannel`).
 */
export const DIRECT_LINE_SERVICE_URL = 'https://directline.invalid/';
/** Where the door's routes live. */
export const DIRECT_LINE_PATH = '/v3/directline';
/** A user's activity is a chat message, not an upload: anything bigger is refused. */
const MAX_ACTIVITY_BYTES = 64 * 1024;
/** Activity types a client may post; the rest (conversationUpdate, invoke results) are the desk's to make. */
const CLIENT_TYPES = new Set(['message', 'event', 'typing']);
/** Files a buyer may upload with a message: photos and documents an agent opens, nothing a browser would run. */
const UPLOAD_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf']);
/** One uploaded file at most: a phone photo. */
const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/** One upload request at most (its files together). */
const MAX_UPLOAD_REQUEST_BYTES = 20 * 1024 * 1024;
/** Longest user id a token may carry (a channel account id). */
const MAX_USER_ID_CHARS = 128;

/** What the Direct Line door needs. */
export interface DirectLineParts {
  /** `DIRECT_LINE_SECRET`: the shop's backend exchanges it for tokens; undefined: only the desk's own pages make tokens. */
  secret: string | undefined;
  log: DirectLineLog;
  notifications: NotificationBus;
  auth: DeskAuthentication;
  adapter: DeskAdapter;
  bot: ActivityHandler;
  queue: TurnQueue;
  senders: SenderLimiter;
  /** The bot's account in Direct Line activities. */
  botId: string;
  botName: string;
  logger: Logger;
  now: () => Date;
}

/** A refusal with its status. */
class Refusal extends Error {
  override name = 'Refusal';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Caller = { kind: 'secret' } | { kind: 'token'; claims: DirectLineClaims };

function bearer(req: IncomingMessage): string {
  const header = String(req.headers.authorization ?? '');
  return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The desk's public origin as the client reached it, for the `ws://` stream URL (a proxy's `X-Forwarded-*` first). */
function wsOrigin(req: IncomingMessage): string {
  const proto = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim();
  const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0]!.trim();
  return `${proto === 'https' ? 'wss' : 'ws'}://${host}`;
}

/** A query parameter of the request (restify parses none by itself). */
function query(req: IncomingMessage, name: string): string | undefined {
  return new URL(req.url ?? '/', 'http://desk').searchParams.get(name) ?? undefined;
}

function watermarkOf(value: unknown): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

/**
 * The desk's own Direct Line 3.0 (web.md), so Microsoft's Web Chat and DirectLineJS talk to it
 * unchanged, with no Azure: tokens bound to one conversation and one user, conversations whose
 * activities are numbered in the store (any desk on the database answers, and a reconnect with
 * a watermark misses nothing), the WebSocket stream, and a user's activities run as turns of the
 * same adapter, middleware and dialogs as every other channel, one at a time per conversation.
 */
export class DirectLineDoor {
  readonly streams: DirectLineStreams;

  private constructor(
    private readonly parts: DirectLineParts,
    private readonly tokens: DirectLineTokens,
  ) {
    this.streams = new DirectLineStreams(parts.log, parts.notifications, parts.logger);
    parts.auth.addLocalChannel({ serviceUrl: DIRECT_LINE_SERVICE_URL, send: (conversationId, activity) => this.fromBot(conversationId, activity) });
  }

  /** The door, with the token key every desk of the store shares (made by the first desk). */
  static async open(parts: DirectLineParts): Promise<DirectLineDoor> {
    const key = await parts.log.secret('directline.tokenKey', randomBytes(32).toString('base64'));
    return new DirectLineDoor(parts, new DirectLineTokens(Buffer.from(key, 'base64'), parts.now));
  }

  /** A token for a new conversation of `userId` (the shop's backend with the secret, or the desk's own `/chat` page). */
  async newConversation(userId: string, userName?: string): Promise<{ conversationId: string; token: string; expires_in: number }> {
    const id = cutText(userId, MAX_USER_ID_CHARS);
    const name = userName ? cutText(userName, MAX_NAME_CHARS) : undefined;
    const conversationId = randomBytes(16).toString('base64url');
    await this.parts.log.open({ id: conversationId, userId: id, ...(name ? { userName: name } : {}), createdAt: this.parts.now().toISOString() });
    return { conversationId, ...this.tokens.issue(conversationId, id, name) };
  }

  /** Adds the routes to the server and the stream to its upgrades. */
  register(server: Server): void {
    const route = (handler: (req: Request) => Promise<{ status?: number; body?: unknown }>) => async (req: Request, res: Response) => {
      try {
        const { status = 200, body } = await handler(req);
        res.status(status);
        if (body === undefined) res.end();
        else res.json(body);
      } catch (err) {
        const status = err instanceof Refusal || err instanceof BadRequestError ? err.status : 500;
        if (status === 500) this.parts.logger.error({ err, url: req.url }, 'a Direct Line request failed');
        else this.parts.logger.warn({ status, reason: (err as Error).message, url: req.getPath() }, 'refused a Direct Line request');
        if (!res.headersSent) {
          res.status(status);
          res.json({ error: { code: status === 500 ? 'ServiceError' : 'BadArgument', message: status === 500 ? 'the desk could not do this now' : (err as Error).message } });
        }
      }
    };
    server.post(`${DIRECT_LINE_PATH}/tokens/generate`, route((req) => this.generate(req)));
    server.post(`${DIRECT_LINE_PATH}/tokens/refresh`, route(async (req) => this.refresh(req)));
    server.post(`${DIRECT_LINE_PATH}/conversations`, route((req) => this.start(req)));
    server.get(`${DIRECT_LINE_PATH}/conversations/:id`, route((req) => this.reconnect(req)));
    server.get(`${DIRECT_LINE_PATH}/conversations/:id/activities`, route((req) => this.activities(req)));
    server.post(`${DIRECT_LINE_PATH}/conversations/:id/activities`, route((req) => this.post(req)));
    server.post(`${DIRECT_LINE_PATH}/conversations/:id/upload`, route((req) => this.upload(req)));
    server.get(`${DIRECT_LINE_PATH}/attachments/:id`, async (req: Request, res: Response) => {
      const upload = await this.parts.log.getUpload(String(req.params.id)).catch(() => undefined);
      if (!upload) {
        res.status(404);
        res.json({ error: { code: 'NotFound', message: 'no such attachment' } });
        return;
      }
      res.writeHead(200, {
        'Content-Type': upload.contentType,
        'Content-Length': upload.bytes.length,
        'Cache-Control': 'private, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        'Content-Disposition': `${upload.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
      });
      res.end(upload.bytes);
    });
    server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head));
  }

  /** The conversation and user a Direct Line token speaks for, when it is valid (the web chat's completions). */
  tokenHolder(token: string): { conversationId: string; userId: string } | undefined {
    const claims = this.tokens.verify(token);
    return claims ? { conversationId: claims.conversationId, userId: claims.userId } : undefined;
  }

  /** Who calls: the secret, or a valid token (which may speak only for its own conversation). */
  private caller(req: IncomingMessage, conversationId?: string): Caller {
    const given = bearer(req);
    if (!given) throw new Refusal(401, 'missing Authorization: Bearer <secret or token>');
    if (this.parts.secret && sameSecret(given, this.parts.secret)) return { kind: 'secret' };
    const claims = this.tokens.verify(given);
    if (!claims) throw new Refusal(403, 'the token is not valid (expired, changed, or not from this desk)');
    if (conversationId !== undefined && claims.conversationId !== conversationId) throw new Refusal(403, 'the token is for another conversation');
    return { kind: 'token', claims };
  }

  private async conversation(id: string): Promise<DirectLineConversation> {
    const c = await this.parts.log.get(id);
    if (!c) throw new Refusal(404, 'no such conversation');
    return c;
  }

  private streamUrl(req: IncomingMessage, conversationId: string, token: string, watermark?: number): string {
    const w = watermark === undefined ? '' : `watermark=${watermark}&`;
    return `${wsOrigin(req)}${DIRECT_LINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?${w}t=${encodeURIComponent(token)}`;
  }

  private async generate(req: Request): Promise<{ body: unknown }> {
    if (!this.parts.secret) throw new Refusal(403, 'no DIRECT_LINE_SECRET is configured: tokens come from the desk\'s own /chat page');
    if (this.caller(req).kind !== 'secret') throw new Refusal(403, 'tokens/generate needs the secret, not a token');
    const body = await readJsonObject(req, { maxBytes: 4096, optional: true });
    const user = (body.user ?? {}) as { id?: unknown; name?: unknown };
    const userId = typeof user.id === 'string' && user.id.trim() ? user.id.trim() : `dl_${randomBytes(12).toString('base64url')}`;
    return { body: await this.newConversation(userId, typeof user.name === 'string' ? user.name : undefined) };
  }

  private refresh(req: Request): { body: unknown } {
    const caller = this.caller(req);
    if (caller.kind !== 'token') throw new Refusal(403, 'tokens/refresh needs a token');
    const { conversationId, userId, userName } = caller.claims;
    return { body: { conversationId, ...this.tokens.issue(conversationId, userId, userName) } };
  }

  /** `POST /conversations`: with a token, starts its conversation; with the secret, a new one. The bot hears the user joined once. */
  private async start(req: Request): Promise<{ status: number; body: unknown }> {
    const caller = this.caller(req);
    let conversationId: string;
    let token: string;
    let expires: number;
    if (caller.kind === 'token') {
      conversationId = caller.claims.conversationId;
      await this.conversation(conversationId);
      token = bearer(req);
      expires = caller.claims.exp - Math.floor(this.parts.now().getTime() / 1000);
    } else {
      const body = await readJsonObject(req, { maxBytes: 4096, optional: true });
      const user = (body.user ?? {}) as { id?: unknown; name?: unknown };
      const userId = typeof user.id === 'string' && user.id.trim() ? user.id.trim() : `dl_${randomBytes(12).toString('base64url')}`;
      const made = await this.newConversation(userId, typeof user.name === 'string' ? user.name : undefined);
      ({ conversationId, token, expires_in: expires } = made);
    }
    const conversation = await this.conversation(conversationId);
    if (await this.parts.log.markStarted(conversationId, this.parts.now().toISOString())) {
      // As Azure's Direct Line: the bot sees the user join and greets without the buyer typing.
      void this.runTurn(this.activityFor(conversation, { type: 'conversationUpdate', membersAdded: [{ id: conversation.userId, name: conversation.userName ?? '' }] })).catch((err: unknown) =>
        this.parts.logger.error({ err, conversationId }, 'the greeting turn of a Direct Line conversation failed'),
      );
    }
    return { status: 201, body: { conversationId, token, expires_in: expires, streamUrl: this.streamUrl(req, conversationId, token) } };
  }

  private async reconnect(req: Request): Promise<{ body: unknown }> {
    const conversationId = req.params.id as string;
    this.caller(req, conversationId);
    await this.conversation(conversationId);
    const token = bearer(req);
    const given = query(req, 'watermark');
    const watermark = given ? watermarkOf(given) : undefined;
    return { body: { conversationId, token, streamUrl: this.streamUrl(req, conversationId, token, watermark) } };
  }

  private async activities(req: Request): Promise<{ body: unknown }> {
    const conversationId = req.params.id as string;
    this.caller(req, conversationId);
    await this.conversation(conversationId);
    const set = await this.parts.log.since(conversationId, watermarkOf(query(req, 'watermark')));
    return { body: { activities: set.activities, watermark: String(set.watermark) } };
  }

  /** A user's activity: checked, stored (the client sees it come back with its `clientActivityID`), then run as a turn. */
  private async post(req: Request): Promise<{ body: unknown; status?: number }> {
    const conversationId = req.params.id as string;
    const caller = this.caller(req, conversationId);
    const conversation = await this.conversation(conversationId);
    const body = await readJsonObject(req, { maxBytes: MAX_ACTIVITY_BYTES });
    const type = typeof body.type === 'string' ? body.type : '';
    if (!CLIENT_TYPES.has(type)) throw new Refusal(400, `activity type "${type}" may not be posted; post a message, event or typing`);
    const from = body.from as { id?: unknown } | undefined;
    const userId = caller.kind === 'token' ? caller.claims.userId : conversation.userId;
    if (from && typeof from === 'object' && from.id !== undefined && from.id !== userId) throw new Refusal(403, 'from.id is not the user this token speaks for');
    const activity = this.activityFor(conversation, {
      type,
      ...(typeof body.text === 'string' ? { text: cutText(body.text, MAX_MESSAGE_CHARS) } : {}),
      ...(body.value !== undefined ? { value: body.value } : {}),
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(typeof body.locale === 'string' ? { locale: body.locale } : {}),
      ...(typeof body.textFormat === 'string' ? { textFormat: body.textFormat } : {}),
      ...(Array.isArray(body.attachments) ? { attachments: body.attachments } : {}),
      ...(Array.isArray(body.entities) ? { entities: body.entities } : {}),
      ...(body.channelData && typeof body.channelData === 'object' ? { channelData: body.channelData } : {}),
    });
    const checked = checkActivity(activity as unknown as Record<string, unknown>); // the same bounds as /api/messages
    if (type === 'typing') return { body: { id: '' } }; // nobody reads a buyer's typing: the bot answers whole messages
    const limited = this.parts.senders.check(checked);
    if (limited) throw new Refusal(429, `too many messages from this user; try again in ${limited.retryAfterSeconds} s`);
    const { id } = await this.append(conversationId, checked as unknown as DirectLineActivity);
    checked.id = id;
    await this.runTurn(checked);
    return { body: { id } };
  }

  /**
   * `POST …/upload` (multipart/form-data, as Web Chat sends a message with files): each file stored
   * (photos and PDFs, bounded in size), then the message runs with them as attachments whose
   * links the desk serves (`…/attachments/{id}`, unguessable).
   */
  private async upload(req: Request): Promise<{ body: unknown }> {
    const conversationId = req.params.id as string;
    const caller = this.caller(req, conversationId);
    const conversation = await this.conversation(conversationId);
    const type = String(req.headers['content-type'] ?? '');
    if (!/^multipart\/form-data;/i.test(type)) throw new Refusal(415, `expected multipart/form-data, got "${type}"`);
    const raw = await readBodyBytes(req, 60_000, MAX_UPLOAD_REQUEST_BYTES);
    let form: FormData;
    try {
      form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    } catch {
      throw new Refusal(400, 'the body is not valid multipart/form-data');
    }
    let message: Record<string, unknown> = {};
    const files: File[] = [];
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') continue;
      if (name === 'activity') {
        try {
          message = JSON.parse(await value.text()) as Record<string, unknown>;
        } catch {
          throw new Refusal(400, 'the activity part is not JSON');
        }
      } else files.push(value);
    }
    if (files.length === 0) throw new Refusal(400, 'no file in the upload');
    if (files.length > MAX_ATTACHMENTS) throw new Refusal(413, `at most ${MAX_ATTACHMENTS} files at once`);
    const userId = caller.kind === 'token' ? caller.claims.userId : conversation.userId;
    const from = message.from as { id?: unknown } | undefined;
    if (from && typeof from === 'object' && from.id !== undefined && from.id !== userId) throw new Refusal(403, 'from.id is not the user this token speaks for');
    const origin = wsOrigin(req).replace(/^ws/, 'http');
    const attachments = [];
    for (const file of files) {
      const contentType = file.type.split(';')[0]!.trim().toLowerCase();
      if (!UPLOAD_TYPES.has(contentType)) throw new Refusal(415, `files of type "${file.type}" are not accepted: send a photo (JPEG, PNG, GIF, WebP) or a PDF`);
      if (file.size > MAX_UPLOAD_BYTES) throw new Refusal(413, `a file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      const id = randomBytes(24).toString('base64url');
      const name = cutText(file.name || 'file', 128);
      await this.parts.log.putUpload({ id, conversationId, contentType, name, bytes: Buffer.from(await file.arrayBuffer()) });
      attachments.push({ contentType, contentUrl: `${origin}${DIRECT_LINE_PATH}/attachments/${id}`, name });
    }
    const activity = this.activityFor(conversation, {
      type: 'message',
      ...(typeof message.text === 'string' ? { text: cutText(message.text, MAX_MESSAGE_CHARS) } : {}),
      ...(typeof message.locale === 'string' ? { locale: message.locale } : {}),
      ...(message.channelData && typeof message.channelData === 'object' ? { channelData: message.channelData } : {}),
      attachments,
    });
    const checked = checkActivity(activity as unknown as Record<string, unknown>);
    const limited = this.parts.senders.check(checked);
    if (limited) throw new Refusal(429, `too many messages from this user; try again in ${limited.retryAfterSeconds} s`);
    const { id } = await this.append(conversationId, checked as unknown as DirectLineActivity);
    checked.id = id;
    await this.runTurn(checked);
    return { body: { id } };
  }

  /** A Bot Framework activity of this conversation, from its user to the bot. */
  private activityFor(conversation: DirectLineConversation, fields: Partial<Activity> & { type: string }): Activity {
    return {
      ...fields,
      channelId: DIRECT_LINE_CHANNEL,
      serviceUrl: DIRECT_LINE_SERVICE_URL,
      conversation: { id: conversation.id } as Activity['conversation'],
      from: { id: conversation.userId, name: conversation.userName ?? '', role: 'user' },
      recipient: { id: this.parts.botId, name: this.parts.botName, role: 'bot' },
      timestamp: this.parts.now().toISOString(),
    } as unknown as Activity;
  }

  /** Runs a user's activity as a turn of its conversation, after the turns before it (on any desk). */
  private runTurn(activity: Activity): Promise<unknown> {
    const { queue, adapter, bot } = this.parts;
    return queue.run(conversationKey(DIRECT_LINE_CHANNEL, activity.conversation.id), () => adapter.runLocalTurn(activity, (context) => bot.run(context)));
  }

  /** Stores an activity of a conversation and tells every desk's streams. */
  private async append(conversationId: string, activity: DirectLineActivity): Promise<{ id: string; watermark: number }> {
    const stored = await this.parts.log.append(conversationId, JSON.parse(JSON.stringify(activity)) as DirectLineActivity);
    await this.parts.notifications
      .publish({ kind: DIRECT_LINE_NOTIFICATION, target: directLineTarget(conversationId), payload: { watermark: stored.watermark } })
      .catch((err: unknown) => this.parts.logger.warn({ err, conversationId }, 'could not announce a Direct Line activity: its streams see it on their next one'));
    return stored;
  }

  /** What the bot sends to a Direct Line conversation (a reply, or a proactive message from any desk). */
  private async fromBot(conversationId: string, activity: Partial<Activity>): Promise<{ id: string }> {
    if (!(await this.parts.log.get(conversationId))) throw new Error(`DirectLineDoor: no conversation ${conversationId}`);
    const { id } = await this.append(conversationId, { ...activity, timestamp: this.parts.now().toISOString() } as DirectLineActivity);
    return { id };
  }

  /** `…/conversations/{id}/stream?watermark=N&t=<token>`: the WebSocket, once the token speaks for that conversation. */
  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://desk');
    const match = new RegExp(`^${DIRECT_LINE_PATH}/conversations/([^/]+)/stream$`).exec(url.pathname);
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!match) return; // another upgrade (none today): not ours to answer
    const conversationId = decodeURIComponent(match[1]!);
    const token = url.searchParams.get('t') ?? bearer(req);
    const claims = token ? this.tokens.verify(token) : undefined;
    if (!claims || claims.conversationId !== conversationId) return refuse(403, 'Forbidden');
    if (this.streams.count(conversationId) >= MAX_SOCKETS_PER_CONVERSATION) return refuse(429, 'Too Many Requests');
    try {
      await this.conversation(conversationId);
    } catch {
      return refuse(404, 'Not Found');
    }
    const w = url.searchParams.get('watermark');
    this.streams.accept(req, socket, head, conversationId, w === null || w === '' || w === '-' ? 0 : watermarkOf(w));
  }

  close(): Promise<void> {
    return this.streams.close();
  }
}
