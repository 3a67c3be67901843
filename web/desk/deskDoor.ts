import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Activity } from 'botbuilder';
import type { DeskAuthentication } from '../../bot/adapter.js';
import { handoffHistory } from '../../bot/agentBriefing.js';
import { BadRequestError, readJsonObject } from '../../bot/activityBody.js';
import { agentLocale, type HandoffDesk } from '../../bot/handoffDesk.js';
import { cutText, MAX_MESSAGE_CHARS } from '../../bot/inputLimits.js';
import type { Logger } from '../../bot/logger.js';
import type { Transcript } from '../../data/deskStore.js';
import type { Notification, NotificationBus } from '../../data/notifications.js';
import type { ConversationAddress, Handoff } from '../../data/records.js';
import type { Repositories } from '../../data/repositories/index.js';
import type { Agent, Locale } from '../../data/shopSchema.js';
import type { Person, SignIn } from '../../desk/access/signIn.js';
import { HttpError, sessionIdOf, setSessionCookie, signInAs } from '../webSession.js';
import type { OrderActions } from '../../desk/orders/orderActions.js';
import { suggestReplies } from '../../desk/handoff/suggestions.js';
import type { ReplyMiner } from '../../desk/replies/replyMiner.js';
import type { IntentRecognizer } from '../../recognizers/intentRecognizer.js';
import { completions } from '../../desk/handoff/completions.js';
import { deskPage } from './deskPage.js';
import { deskState, handoffView } from './deskViews.js';
import { pageLocale } from '../pageLocale.js';
import { serveFile } from '../staticFile.js';

/** The service URL of the agents' web desk as a channel: what the desk sends an agent there becomes a live notification. */
export const WEB_DESK_SERVICE_URL = 'https://webdesk.invalid/';
/** The channel id of the web desk in stored addresses. */
export const WEB_DESK_CHANNEL = 'webdesk';
/** How often an open desk page marks its agent as present (well inside the idle timeout). */
const PRESENCE_MS = 60_000;
/** Live sockets one agent may hold (tabs, screens). */
const MAX_SOCKETS_PER_AGENT = 10;

/** What the web desk needs. */
export interface WebDeskParts {
  handoffs: HandoffDesk;
  repos: Repositories;
  transcript: Transcript;
  actions: OrderActions;
  recognizer: Pick<IntentRecognizer, 'recognize'>;
  /** The mined replies managers approved: suggested and completed like the shop's own. */
  miner: Pick<ReplyMiner, 'approvedFor' | 'allApproved'>;
  signIn: SignIn;
  auth: DeskAuthentication;
  notifications: NotificationBus;
  defaultLocale: Locale;
  logger: Logger;
  now: () => Date;
  /** Brings the desk's copy of the store up to date with what other desks changed (PostgreSQL). */
  refresh: () => Promise<void>;
}

/** Where the desk reaches an agent on the web desk: a local channel, never fetched. */
export function webDeskAddress(agentId: string): ConversationAddress {
  return {
    channelId: WEB_DESK_CHANNEL,
    serviceUrl: WEB_DESK_SERVICE_URL,
    conversation: { id: `agent:${agentId}` },
    user: { id: agentId },
    bot: { id: 'desk-bot', name: 'Desk' },
  } as ConversationAddress;
}

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/**
 * The agents' web desk (web.md "Agents"): sign-in with a session cookie, one live page, and the
 * small JSON + WebSocket API it uses (README "The agents' desk API"), all calling the same
 * handoff service as the chat commands, every action checked against the agent's own lines and
 * buyers. What the desk would send an agent on a chat channel (a buyer's message, someone
 * waiting) reaches the web desk as a live notification instead.
 */
export class WebDeskDoor {
  private readonly live = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly parts: WebDeskParts) {
    parts.auth.addLocalChannel({
      serviceUrl: WEB_DESK_SERVICE_URL,
      send: async (conversationId, activity) => {
        await this.toAgentPage(conversationId.replace(/^agent:/, ''), activity);
        return { id: '' };
      },
    });
    this.unsubscribe = parts.notifications.subscribe((n) => this.deliver(n));
  }

  private get service() {
    return this.parts.handoffs.service;
  }

  register(server: Server): void {
    serveFile(server, '/desk/desk.js', path.join(ASSETS, 'desk.js'), 'text/javascript; charset=utf-8');
    serveFile(server, '/desk/desk.css', path.join(ASSETS, 'desk.css'), 'text/css; charset=utf-8');
    server.get('/desk', async (req: Request, res: Response) => {
      const locale = pageLocale(req, this.parts.defaultLocale);
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:",
      });
      res.end(deskPage(locale));
    });
    const api = (method: 'get' | 'post', route: string, handler: (req: Request, agent: Agent, res: Response) => Promise<unknown>, open = false) => {
      server[method](`/desk/api${route}`, async (req: Request, res: Response) => {
        try {
          await this.parts.refresh();
          const agent = open ? (undefined as unknown as Agent) : await this.agentOf(req);
          const body = await handler(req, agent, res);
          res.status(200);
          res.json(body ?? { ok: true });
        } catch (err) {
          const status = err instanceof HttpError || err instanceof BadRequestError ? err.status : 500;
          if (status === 500) this.parts.logger.error({ err, url: req.url }, 'a web desk request failed');
          res.status(status);
          res.json({ error: status === 500 ? 'the desk could not do this now' : (err as Error).message });
        }
      });
    };
    api('post', '/sign-in', (req, _agent, res) => this.signIn(req, res), true);
    server.post('/desk/api/sign-out', async (req: Request, res: Response) => {
      // Signing out is going offline too: nobody waits in the queue for an agent who left.
      const person = await this.parts.signIn.whoIs(sessionIdOf(req)).catch(() => undefined);
      const agent = person?.kind === 'agent' ? this.parts.repos.agents.get(person.id) : undefined;
      if (agent) await this.service.seen(agent, webDeskAddress(agent.id), false).catch(() => undefined);
      await this.parts.signIn.signOut(sessionIdOf(req));
      setSessionCookie(req, res, undefined);
      res.json({ ok: true });
    });
    api('get', '/state', async (_req, agent) => deskState(this.service, this.parts.repos, agent, this.parts.now()));
    api('get', '/handoffs/:id', async (req, agent) => this.view(agent, this.visible(agent, req.params.id as string)));
    api('post', '/claim', async (_req, agent) => {
      const result = await this.service.claimNext(agent);
      if (!result.ok) return { ok: false, why: result.why };
      await this.parts.handoffs.tellClaimed(agent, result.handoff);
      return { ok: true, handoffId: result.handoff.id };
    });
    api('post', '/handoffs/:id/messages', async (req, agent) => {
      const h = this.served(agent, req.params.id as string);
      const body = await readJsonObject(req, { maxBytes: 16 * 1024 });
      const text = typeof body.text === 'string' ? cutText(body.text.trim(), MAX_MESSAGE_CHARS) : '';
      if (!text) throw new HttpError(400, 'text is required');
      await this.parts.handoffs.agentSays(agent, h, text);
      return { ok: true };
    });
    api('post', '/handoffs/:id/end', async (req, agent) => {
      const h = this.served(agent, req.params.id as string);
      const ended = await this.service.end(h, `agent:${agent.id}`);
      if (ended) await this.parts.handoffs.tellEnded(ended, `agent:${agent.id}`);
      return { ok: true };
    });
    api('get', '/handoffs/:id/merchant', async (req, agent) => {
      const of = this.service.merchantOf(agent, this.served(agent, req.params.id as string).id);
      if (!of.ok) throw new HttpError(404, 'this buyer has no order with a merchant');
      return { merchant: of.merchant.name, contact: of.merchant.contactHandle, orderId: of.order.id };
    });
    api('post', '/handoffs/:id/merchant', async (req, agent) => {
      const of = this.service.merchantOf(agent, this.served(agent, req.params.id as string).id);
      if (!of.ok) throw new HttpError(404, 'this buyer has no order with a merchant');
      const body = await readJsonObject(req, { maxBytes: 16 * 1024 });
      const message = typeof body.message === 'string' ? cutText(body.message.trim(), MAX_MESSAGE_CHARS) : '';
      if (!message) throw new HttpError(400, 'message is required');
      const result = await this.parts.actions.messageMerchant(of.order.id, of.order.status, { by: `agent:${agent.id}`, conversationId: `agent:${agent.id}` }, message);
      if (!result.ok) throw new HttpError(409, 'the message could not be left on this order');
      return { ok: true, orderId: of.order.id };
    });
    api('get', '/completions', async (req, agent) => {
      const url = new URL(req.url ?? '/', 'http://desk');
      const locale = url.searchParams.get('locale') === 'en-US' ? 'en-US' : url.searchParams.get('locale') === 'zh-CN' ? 'zh-CN' : agentLocale(agent);
      return { completions: completions(this.parts.repos, url.searchParams.get('q') ?? '', locale, this.parts.miner.allApproved(locale)) };
    });
    server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head));
  }

  private async signIn(req: Request, res: Response): Promise<unknown> {
    const person = await signInAs('agent', '/console', this.parts.signIn, req, res);
    const agent = this.parts.repos.agents.get(person.id)!;
    await this.service.seen(agent, webDeskAddress(agent.id), true);
    return { ok: true, agent: { id: agent.id, name: agent.name } };
  }

  /** The signed-in agent of a request (and they are present); 401 otherwise. */
  private async agentOf(req: IncomingMessage): Promise<Agent> {
    const person: Person | undefined = await this.parts.signIn.whoIs(sessionIdOf(req));
    const agent = person?.kind === 'agent' ? this.parts.repos.agents.get(person.id) : undefined;
    if (!agent) throw new HttpError(401, 'sign in first');
    await this.service.seen(agent, webDeskAddress(agent.id), true);
    return agent;
  }

  /** A handoff the agent serves now; 404 for anyone else's (the same answer as for none). */
  private served(agent: Agent, handoffId: string): Handoff {
    const h = this.service.recipient(agent, handoffId);
    if (!h) throw new HttpError(404, 'you are not serving this buyer');
    return h;
  }

  /** A handoff the agent may look at: one they serve, or one they served that ended. */
  private visible(agent: Agent, handoffId: string): Handoff {
    const h = this.service.book.get(handoffId);
    const theirs = h && (h.agentId === agent.id || (h.state === 'ended' && h.previousAgentIds.at(-1) === agent.id));
    if (!h || !theirs || h.state === 'queued') throw new HttpError(404, 'you are not serving this buyer');
    return h;
  }

  private async view(agent: Agent, h: Handoff): Promise<unknown> {
    const conversation = await handoffHistory(this.parts.transcript, h);
    const latest = conversation.filter((e) => e.direction === 'in').at(-1)?.text ?? '';
    const recognition = latest && h.state === 'claimed' ? await this.parts.recognizer.recognize(latest, h.locale, this.parts.now()) : undefined;
    const suggestions = recognition ? suggestReplies(this.parts.repos, recognition, h.locale, {}, (intent, locale) => this.parts.miner.approvedFor(intent, locale)) : [];
    return handoffView({ service: this.service, repos: this.parts.repos }, agent, h, conversation, suggestions);
  }

  /** What the desk says to an agent (a buyer's words, someone waiting): a live notification to their pages. */
  private async toAgentPage(agentId: string, activity: Partial<Activity>): Promise<void> {
    const handoffId = (activity.suggestedActions?.actions?.[0]?.value as { handoffId?: unknown } | undefined)?.handoffId;
    await this.parts.notifications.publish({ kind: 'desk.message', target: `agent:${agentId}`, payload: { text: activity.text ?? '', ...(typeof handoffId === 'string' ? { handoffId } : {}) } });
  }

  /** Hands a notification to the live pages it concerns: the agent's own, or those of the agents of its line. */
  private deliver(n: Notification): void {
    for (const [agentId, sockets] of this.sockets) {
      const agent = this.parts.repos.agents.get(agentId);
      if (!agent) continue;
      const forThem = n.target === `agent:${agentId}` || n.target === '*' || (n.target.startsWith('line:') && agent.businessLines.includes(n.target.slice(5)));
      if (!forThem) continue;
      const frame = JSON.stringify({ kind: n.kind, payload: n.payload });
      for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
    }
  }

  /** `/desk/api/live`: the WebSocket a signed-in page listens on; it keeps the agent present while open. */
  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (new URL(req.url ?? '/', 'http://desk').pathname !== '/desk/api/live') return;
    const refuse = (status: number, reason: string): void => void socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    let agent: Agent;
    try {
      agent = await this.agentOf(req);
    } catch {
      return refuse(401, 'Unauthorized');
    }
    const set = this.sockets.get(agent.id) ?? new Set<WebSocket>();
    if (set.size >= MAX_SOCKETS_PER_AGENT) return refuse(429, 'Too Many Requests');
    this.live.handleUpgrade(req, socket, head, (ws) => {
      set.add(ws);
      this.sockets.set(agent.id, set);
      const presence = setInterval(() => void this.service.seen(agent, webDeskAddress(agent.id), true).catch(() => undefined), PRESENCE_MS);
      presence.unref();
      ws.on('message', () => undefined);
      ws.on('error', () => undefined);
      ws.on('close', () => {
        clearInterval(presence);
        set.delete(ws);
        if (set.size === 0) this.sockets.delete(agent.id);
      });
      ws.send(JSON.stringify({ kind: 'hello', payload: { agentId: agent.id } }));
    });
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.sockets.clear();
    await new Promise<void>((resolve) => this.live.close(() => resolve()));
  }
}
