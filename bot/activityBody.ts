import type { IncomingMessage } from 'node:http';
import type { Activity } from 'botbuilder';
import { z } from 'zod';

/**
 * Largest request body accepted. A 200,000-character message is about 600 KB in UTF-8 (more when
 * escaped); anything past this is not a chat message, and reading it would only cost memory.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** A request the desk refuses before any processing, with the HTTP status and a reason for the caller. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Longest id of an activity, a user or a bot: channels' ids are far shorter; a longer one is not an id. */
export const MAX_ID_CHARS = 256;
/** Longest conversation id (some channels append thread and message ids to it). */
export const MAX_CONVERSATION_ID_CHARS = 512;
/** Longest `serviceUrl`: a URL a channel answers at. */
const MAX_URL_CHARS = 2048;
/** Attachments one message may carry: a buyer sends a few photos, not a gallery. */
export const MAX_ATTACHMENTS = 10;
/** Members one conversationUpdate may name. */
const MAX_MEMBERS = 100;
/** Entities (mentions, client info) one activity may carry. */
const MAX_ENTITIES = 50;
/** Longest short string field (type, channel id, locale, names, content types, timestamps). */
const MAX_SHORT_CHARS = 256;

const short = z.string().max(MAX_SHORT_CHARS, `must be at most ${MAX_SHORT_CHARS} characters`);
const account = z.looseObject({
  id: z.string().min(1, 'must not be empty').max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`),
  name: z.string().optional(), // cut at the turn's boundary, not refused: a long display name is no attack on its own
});

/**
 * What the desk reads of an activity, checked before anything is processed; the rest of the
 * Activity schema is left to botbuilder. Every field the desk or botbuilder touches has its type
 * and a bound here, so a malformed field is a 400 with its path, not a failed turn.
 */
const activityShape = z
  .looseObject({
    type: short.min(1, 'must not be empty'),
    id: z.string().max(MAX_ID_CHARS, `must be at most ${MAX_ID_CHARS} characters`).optional(),
    serviceUrl: z.string().min(1, 'must not be empty').max(MAX_URL_CHARS, `must be at most ${MAX_URL_CHARS} characters`),
    // A channel id is a word ("msteams", "directline"): a blank one would make the token check skip the channel's endorsements.
    channelId: short.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a channel id (letters, digits, ".", "_", "-")'),
    conversation: z.looseObject({
      id: z.string().min(1, 'must not be empty').max(MAX_CONVERSATION_ID_CHARS, `must be at most ${MAX_CONVERSATION_ID_CHARS} characters`),
    }),
    from: account.optional(),
    recipient: account.optional(),
    text: z.string().optional(),
    locale: short.optional(),
    replyToId: z.string().max(MAX_ID_CHARS).optional(),
    name: short.optional(),
    timestamp: short.optional(),
    localTimestamp: short.optional(),
    attachments: z
      .array(
        z.looseObject({
          contentType: short.min(1, 'must not be empty'),
          // Relayed to agents as it is: a link they may open, so only web and inline content (never javascript:, file:).
          contentUrl: z.string().max(MAX_URL_CHARS * 4, 'is too long').regex(/^(https?:|data:)/i, 'must be an http(s) or data URL').optional(),
          name: short.optional(),
          thumbnailUrl: z.string().max(MAX_URL_CHARS, 'is too long').optional(),
        }),
        { message: 'must be a list of attachments' },
      )
      .max(MAX_ATTACHMENTS, `must hold at most ${MAX_ATTACHMENTS} attachments`)
      .optional(),
    membersAdded: z.array(account).max(MAX_MEMBERS).optional(),
    membersRemoved: z.array(account).max(MAX_MEMBERS).optional(),
    entities: z.array(z.looseObject({ type: short.optional() })).max(MAX_ENTITIES).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.type === 'message' && !a.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required on a message' });
  });

/**
 * How long a request may take to send its body: a chat message arrives in milliseconds; a body
 * that trickles in (slowloris) would hold a socket and memory for nothing.
 */
export const BODY_TIMEOUT_MS = 10_000;

/** Reads the raw body as text; see `readBodyBytes`. */
async function readBody(req: IncomingMessage, timeoutMs: number, maxBytes: number = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, timeoutMs, maxBytes)).toString('utf8');
}

/** Reads the raw body with a size limit and a deadline, so a huge, endless or trickling request cannot hold the desk. */
export function readBodyBytes(req: IncomingMessage, timeoutMs: number, maxBytes: number = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new BadRequestError(413, `body larger than ${maxBytes} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err: Error | undefined, body?: Buffer): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (err) {
        req.resume(); // the rest is read and dropped until the answer closes the connection (see server.ts), so the client sees the answer, not a reset
        reject(err);
      } else resolve(body!);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) finish(new BadRequestError(413, `body larger than ${maxBytes} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(undefined, Buffer.concat(chunks));
    const onError = (err: Error): void => finish(new BadRequestError(400, `body could not be read: ${err.message}`));
    const onAborted = (): void => finish(new BadRequestError(400, 'the request was aborted while sending its body'));
    const timer = setTimeout(() => finish(new BadRequestError(408, `body not received within ${timeoutMs} ms`)), timeoutMs);
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}

/**
 * Reads a JSON object body (empty allowed when `optional`), within `maxBytes` and the deadline;
 * throws `BadRequestError` with a reason a developer can act on.
 */
export async function readJsonObject(req: IncomingMessage, options: { maxBytes?: number; timeoutMs?: number; optional?: boolean } = {}): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  const text = await readBody(req, options.timeoutMs ?? BODY_TIMEOUT_MS, options.maxBytes ?? MAX_BODY_BYTES);
  if (options.optional && text.trim() === '') return {};
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new BadRequestError(415, `expected Content-Type application/json, got "${type}"`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(400, `body is not JSON: ${(err as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(400, 'body is not an activity: expected a JSON object');
  }
  return body as Record<string, unknown>;
}

/** Checks an activity's shape (see `activityShape`); throws `BadRequestError` naming the first bad field. */
export function checkActivity(body: Record<string, unknown>): Activity {
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(400, `body is not an activity: ${issue?.path.join('.') || 'activity'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data as unknown as Activity;
}

/** Parses and checks an incoming activity; throws `BadRequestError` with a reason a developer can act on. */
export async function readActivity(req: IncomingMessage, bodyTimeoutMs: number = BODY_TIMEOUT_MS): Promise<Activity> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new BadRequestError(415, `expected Content-Type application/json, got "${type}"`);
  }
  return checkActivity(await readJsonObject(req, { timeoutMs: bodyTimeoutMs }));
}
