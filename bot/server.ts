import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import type { ActivityHandler, ConfigurationBotFrameworkAuthentication, InvokeResponse } from 'botbuilder';
import type { DeskAdapter } from './adapter.js';
import { BadRequestError, readActivity } from './activityBody.js';
import type { DeskConfig } from './config.js';
import type { Logger } from './logger.js';
import type { SenderLimiter } from './senderLimiter.js';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './serverLimits.js';
import type { SeenActivityIds } from '../data/deskStore.js';
import { SeenActivities } from './seenActivities.js';
import { refuseServiceUrl } from './serviceUrlGuard.js';
import { precheckToken } from './tokenPrecheck.js';
import { conversationKey, type TurnQueue } from './turnQueue.js';

/** What the HTTP layer needs. */
export interface ServerParts {
  config: DeskConfig;
  auth: ConfigurationBotFrameworkAuthentication;
  adapter: DeskAdapter;
  bot: ActivityHandler;
  queue: TurnQueue;
  senders: SenderLimiter;
  logger: Logger;
  limits?: ServerLimits;
  /** Activity ids already run (shared by the desks of one database); by default this process's memory. */
  seen?: SeenActivityIds;
}

/** The outcome of one request, before it is written. */
interface Outcome {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const OVER_BUDGET = Symbol('over budget');
/** The claim of a channel's token that names the serviceUrl the bot may answer at (Bot Framework's `serviceurl`). */
const SERVICE_URL_CLAIM = 'serviceurl';

function send(res: Response, outcome: Outcome): void {
  if (res.headersSent || res.writableEnded) return;
  for (const [name, value] of Object.entries(outcome.headers ?? {})) res.setHeader(name, value);
  res.status(outcome.status);
  if (outcome.body === undefined) res.end();
  else res.json(outcome.body);
}

/**
 * Answers a request whose body was not (all) read, and closes its connection: a client still
 * sending would otherwise have its next request on that socket read as the rest of this one.
 */
function refuseAndClose(req: Request, res: Response, status: number, message: string): void {
  res.setHeader('Connection', 'close');
  lingerOnClose(req.socket);
  send(res, { status, body: { error: message } });
}

/**
 * How long a refused client still sending its body is read (and the bytes dropped) after the
 * answer, before the socket is destroyed: closing at once, with its bytes unread, makes the
 * kernel reset the connection, and a reset can wipe the answer from the client's buffers before
 * it reads it (nginx's "lingering close").
 */
const LINGER_MS = 2000;

/** Node ends a `Connection: close` response with `socket.destroySoon()`: here that half-closes and lingers instead. */
function lingerOnClose(socket: Request['socket']): void {
  socket.destroySoon = function lingeringClose(this: typeof socket): void {
    this.end();
    this.resume();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once('close', () => clearTimeout(timer));
    this.once('end', () => this.destroy()); // the client is done sending: nothing left to drain
  };
}

/**
 * The restify server: `POST /api/messages` for the Bot Framework, `GET /healthz` for operators.
 * Bad bodies get 4xx with a reason before anything is processed; in open mode replies may only
 * go to loopback or allow-listed service URLs; a failed authentication is 401 (CloudAdapter
 * would answer 500 for a bad signature); a sender past their rate gets 429, a flooded
 * conversation 429, a desk past its turns in flight 503; turns of one conversation run one at a
 * time, within a time budget; sockets are bounded in time (headers, body, idle).
 */
export function createServer(parts: ServerParts): Server {
  const { config, auth, adapter, bot, queue, senders, logger } = parts;
  const limits = parts.limits ?? DEFAULT_SERVER_LIMITS;
  const server = restify.createServer({ name: 'aftersales-desk', handleUncaughtExceptions: false });
  server.server.headersTimeout = limits.headersTimeoutMs;
  server.server.requestTimeout = limits.bodyTimeoutMs + limits.headersTimeoutMs;
  server.server.keepAliveTimeout = limits.keepAliveMs;
  server.server.setTimeout(limits.idleSocketMs); // no listener: Node destroys a socket idle this long
  let inFlight = 0;
  /** The port the desk listens on (replies never go to the desk itself). */
  const deskPort = (): number | undefined => (server.address() as AddressInfo | null)?.port;
  const seen = parts.seen ?? new SeenActivities();

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (inFlight >= limits.maxTurnsInFlight) {
      logger.warn({ inFlight }, 'refused a request: too many turns in flight');
      return refuseAndClose(req, res, 503, 'the desk is busy: too many messages at once; try again in a moment');
    }
    let activity;
    try {
      activity = await readActivity(req, limits.bodyTimeoutMs);
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err;
      logger.warn({ reason: err.message, status: err.status }, 'refused a request');
      if (!req.complete) return refuseAndClose(req, res, err.status, err.message);
      return send(res, { status: err.status, body: { error: err.message } });
    }
    if (config.openMode) {
      const refusal = refuseServiceUrl(activity.serviceUrl, config.SERVICE_URL_ALLOW_LIST, deskPort());
      if (refusal) {
        logger.warn({ conversationId: activity.conversation.id, reason: refusal }, 'refused a serviceUrl');
        return send(res, { status: 403, body: { error: refusal } });
      }
    }
    const key = conversationKey(activity.channelId, activity.conversation.id);
    if (queue.waiting(key) >= limits.maxQueuedPerConversation) {
      logger.warn({ conversationId: activity.conversation.id }, 'refused a request: too many turns queued in one conversation');
      return send(res, { status: 429, headers: { 'Retry-After': '5' }, body: { error: 'too many messages queued in this conversation; try again in a moment' } });
    }
    const authHeader = String(req.headers.authorization ?? '');
    inFlight++;
    const turn = queue.run(key, async (): Promise<Outcome> => {
      const early = config.openMode ? undefined : precheckToken(authHeader, config.MicrosoftAppTenantId);
      if (early) {
        logger.warn({ conversationId: activity.conversation.id, reason: early }, 'unauthenticated request');
        return { status: 401, body: { error: 'unauthorized: missing or invalid Bot Framework token' } };
      }
      let authResult;
      try {
        authResult = await auth.authenticateRequest(activity, authHeader);
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        logger.warn({ conversationId: activity.conversation.id, reason: (err as Error).message, status }, 'unauthenticated request');
        // The signing keys could not be fetched (the library's 500, or the fetch itself failed): the desk's trouble, not a bad token.
        const keysUnavailable = (status !== undefined && status >= 500) || (err as Error).name === 'FetchError';
        if (keysUnavailable) return { status: 503, headers: { 'Retry-After': '30' }, body: { error: 'could not check the token now (signing keys unavailable); try again later' } };
        return { status: 401, body: { error: 'unauthorized: missing or invalid Bot Framework token' } };
      }
      // A channel's token names the serviceUrl it may be answered at; an Emulator's names none, so
      // its replies may only go where an open desk's may (loopback, the allow-list), not wherever the activity says.
      if (!config.openMode && !authResult.claimsIdentity?.claims?.some((c) => c.type === SERVICE_URL_CLAIM)) {
        const refusal = refuseServiceUrl(activity.serviceUrl, config.SERVICE_URL_ALLOW_LIST, deskPort());
        if (refusal) {
          logger.warn({ conversationId: activity.conversation.id, reason: refusal }, 'refused a serviceUrl of a token bound to none');
          return { status: 403, body: { error: refusal } };
        }
      }
      // After authentication: an unauthenticated caller can neither mark an id as seen nor use up a sender's rate.
      if (await seen.seen(key, activity.id)) {
        logger.info({ conversationId: activity.conversation.id, activityId: activity.id }, 'an activity sent again: acknowledged, not run twice');
        return { status: 200 };
      }
      const limited = senders.check(activity);
      if (limited) {
        logger.warn({ conversationId: activity.conversation.id, retryAfterSeconds: limited.retryAfterSeconds }, 'refused a message: sender over their rate');
        if (limited.firstInWindow) await senders.tellSlowDown(authResult, activity, adapter);
        return { status: 429, headers: { 'Retry-After': String(limited.retryAfterSeconds) }, body: { error: `too many messages from this sender; try again in ${limited.retryAfterSeconds} s` } };
      }
      const invoke: InvokeResponse | undefined = await adapter.runTurn(authResult, activity, (context) => bot.run(context));
      return { status: invoke?.status ?? 200, body: invoke?.body };
    });
    void turn.then(
      () => inFlight--,
      () => inFlight--,
    );
    let budget: NodeJS.Timeout | undefined;
    const overBudget = new Promise<typeof OVER_BUDGET>((resolve) => {
      budget = setTimeout(() => resolve(OVER_BUDGET), limits.turnBudgetMs);
    });
    try {
      const outcome = await Promise.race([turn, overBudget]);
      if (outcome === OVER_BUDGET) {
        logger.warn({ conversationId: activity.conversation.id, activityId: activity.id, budgetMs: limits.turnBudgetMs }, 'a turn is over its time budget: answered 202, it goes on');
        return send(res, { status: 202, body: { status: 'accepted: the turn is still running; replies follow' } });
      }
      send(res, outcome);
    } finally {
      clearTimeout(budget);
    }
  });

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    res.json({ status: 'ok' });
    next();
  });

  return server;
}

/** Starts listening on `host` (every interface when undefined); resolves with the port actually bound (port 0 picks a free one, for tests). */
export function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const bound = (): void => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    };
    if (host === undefined) server.listen(port, bound);
    else server.listen(port, host, bound);
  });
}
