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

const account = z.looseObject({ id: z.string().min(1, 'must not be empty') });

/** What every activity the desk handles needs; the rest of the Activity schema is left to botbuilder. */
const activityShape = z.looseObject({
  type: z.string().min(1, 'must not be empty'),
  serviceUrl: z.string().min(1, 'must not be empty'),
  channelId: z.string().min(1, 'must not be empty'),
  conversation: account,
  from: account.optional(),
  recipient: account.optional(),
  text: z.string().optional(),
  locale: z.string().optional(),
});

/** Reads the raw body with a size limit, so a huge or endless request cannot exhaust memory. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequestError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses and checks an incoming activity; throws `BadRequestError` with a reason a developer can act on. */
export async function readActivity(req: IncomingMessage): Promise<Activity> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new BadRequestError(415, `expected Content-Type application/json, got "${type}"`);
  }
  const text = await readBody(req);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new BadRequestError(400, `body is not JSON: ${(err as Error).message}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(400, 'body is not an activity: expected a JSON object');
  }
  const parsed = activityShape.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(400, `body is not an activity: ${issue?.path.join('.') || 'activity'} ${issue?.message ?? 'is invalid'}`);
  }
  return parsed.data as unknown as Activity;
}
