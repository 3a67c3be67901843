import type { IncomingMessage } from 'node:http';
import type { Response } from 'restify';
import { readJsonObject } from '../bot/activityBody.js';
import { SESSION_HOURS, type Person, type SignIn } from '../desk/access/signIn.js';

/** The session cookie every signed-in page shares (/desk, /console). */
const COOKIE = 'desk_session';

/** A refusal of a web API request, with its HTTP status and a message a developer can act on. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The session id the request's cookie carries, if any. */
export function sessionIdOf(req: IncomingMessage): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Sets the session cookie (HttpOnly, SameSite=Strict; Secure behind https), or clears it when `sessionId` is undefined. */
export function setSessionCookie(req: IncomingMessage, res: Response, sessionId: string | undefined): void {
  const secure = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https' ? '; Secure' : '';
  const value = sessionId === undefined ? '=; ' : `=${encodeURIComponent(sessionId)}; `;
  res.header('Set-Cookie', `${COOKIE}${value}HttpOnly; SameSite=Strict; Path=/; Max-Age=${sessionId === undefined ? 0 : SESSION_HOURS * 3600}${secure}`);
}

/**
 * `POST …/sign-in` `{id, password}` for one kind of person: the session cookie on success; one
 * neutral 401 for a wrong id or password, 429 with `Retry-After` when slowed down, 403 (and no
 * session) for a person of the other kind, whose page is `elsewhere`.
 */
export async function signInAs(kind: Person['kind'], elsewhere: string, signIn: SignIn, req: IncomingMessage, res: Response): Promise<Person> {
  const body = await readJsonObject(req, { maxBytes: 4096 });
  const id = typeof body.id === 'string' ? body.id.trim() : '';
  const password = typeof body.password === 'string' ? body.password : '';
  const result = await signIn.attempt(id, password, req.socket.remoteAddress ?? '');
  if (!result.ok) {
    if (result.retryAfterSeconds) {
      res.header('Retry-After', String(result.retryAfterSeconds));
      throw new HttpError(429, `too many failed sign-ins: try again in ${result.retryAfterSeconds} s`);
    }
    throw new HttpError(401, 'wrong ID or password');
  }
  if (result.person.kind !== kind) {
    await signIn.signOut(result.sessionId);
    throw new HttpError(403, `this sign-in is for ${kind}s: ${result.person.kind}s use ${elsewhere}`);
  }
  setSessionCookie(req, res, result.sessionId);
  return result.person;
}
