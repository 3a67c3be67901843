import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import type { ActivityHandler, ConfigurationBotFrameworkAuthentication, InvokeResponse } from 'botbuilder';
import type { DeskAdapter } from './adapter.js';
import { BadRequestError, readActivity } from './activityBody.js';
import type { DeskConfig } from './config.js';
import type { Logger } from './logger.js';
import { refuseServiceUrl } from './serviceUrlGuard.js';
import { conversationKey, type TurnQueue } from './turnQueue.js';

/** What the HTTP layer needs. */
export interface ServerParts {
  config: DeskConfig;
  auth: ConfigurationBotFrameworkAuthentication;
  adapter: DeskAdapter;
  bot: ActivityHandler;
  queue: TurnQueue;
  logger: Logger;
}

function sendError(res: Response, status: number, message: string): void {
  res.status(status);
  res.json({ error: message });
}

/**
 * The restify server: `POST /api/messages` for the Bot Framework, `GET /healthz` for operators.
 * Bad bodies get 4xx with a reason before anything is processed; in open mode replies may only
 * go to loopback or allow-listed service URLs; a failed authentication is 401 (CloudAdapter
 * would answer 500 for a bad signature); turns of one conversation run one at a time.
 */
export function createServer(parts: ServerParts): Server {
  const { config, auth, adapter, bot, queue, logger } = parts;
  const server = restify.createServer({ name: 'aftersales-desk', handleUncaughtExceptions: false });

  server.post('/api/messages', async (req: Request, res: Response) => {
    let activity;
    try {
      activity = await readActivity(req);
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err;
      logger.warn({ reason: err.message }, 'refused a request');
      return sendError(res, err.status, err.message);
    }
    if (config.openMode) {
      const refusal = refuseServiceUrl(activity.serviceUrl, config.SERVICE_URL_ALLOW_LIST);
      if (refusal) {
        logger.warn({ conversationId: activity.conversation.id, reason: refusal }, 'refused a serviceUrl');
        return sendError(res, 403, refusal);
      }
    }
    const authHeader = String(req.headers.authorization ?? '');
    const key = conversationKey(activity.channelId, activity.conversation.id);
    const outcome = await queue.run(key, async (): Promise<{ status: number; body?: unknown }> => {
      let authResult;
      try {
        authResult = await auth.authenticateRequest(activity, authHeader);
      } catch (err) {
        logger.warn({ conversationId: activity.conversation.id, reason: (err as Error).message }, 'unauthenticated request');
        return { status: 401, body: { error: 'unauthorized: missing or invalid Bot Framework token' } };
      }
      const invoke: InvokeResponse | undefined = await adapter.runTurn(authResult, activity, (context) => bot.run(context));
      return { status: invoke?.status ?? 200, body: invoke?.body };
    });
    res.status(outcome.status);
    if (outcome.body === undefined) res.end();
    else res.json(outcome.body);
  });

  server.get('/healthz', (_req: Request, res: Response, next: restify.Next) => {
    res.json({ status: 'ok' });
    next();
  });

  return server;
}

/** Starts listening; resolves with the port actually bound (port 0 picks a free one, for tests). */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
