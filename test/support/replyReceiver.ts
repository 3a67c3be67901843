import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Received } from './testChannel.js';

/** What a channel's reply route answers: 200 with a resource id, or a refusal. */
export type ReplyAnswer = { status: 200 } | { status: number; error: string };

/** A reply the bot POSTed, with the request it came in (its headers). */
export type ReplyHandler = (activity: Received, req: http.IncomingMessage) => ReplyAnswer | void;

/** The bot's reply routes of the Bot Framework connector API: `POST /v3/conversations/{id}/activities[/{replyToId}]`. */
const REPLY_ROUTE = /^\/v3\/conversations\/[^/]+\/activities/;

/**
 * The `serviceUrl` side of every test channel: an HTTP server on a free port of 127.0.0.1 that
 * takes the bot's replies on the connector routes, hands each to `onReply`, and answers as a
 * channel does (a resource id); anything else is a 404. Resolves with the server and its URL.
 */
export async function startReplyReceiver(onReply: ReplyHandler, options: { keepAliveMs?: number } = {}): Promise<{ server: http.Server; serviceUrl: string }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || !REPLY_ROUTE.test(req.url ?? '')) {
        res.writeHead(404).end();
        return;
      }
      const answer = onReply(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Received, req) ?? { status: 200 };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify('error' in answer ? { error: { code: 'Refused', message: answer.error } } : { id: randomUUID() }));
    });
  });
  if (options.keepAliveMs !== undefined) server.keepAliveTimeout = options.keepAliveMs;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
