import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import { BadRequestError, readJsonObject } from '../../bot/activityBody.js';
import type { Logger } from '../../bot/logger.js';
import type { Handoff } from '../../data/records.js';
import type { HistoryContact, Locale, Manager, ShopData } from '../../data/shopSchema.js';
import type { SignIn } from '../../desk/access/signIn.js';
import { HttpError, sessionIdOf, setSessionCookie, signInAs } from '../webSession.js';
import type { ReplyMiner } from '../../desk/replies/replyMiner.js';
import { daysBetween, ShopClock, staffingCounts, type ContactTimes } from '../../desk/staffing/contacts.js';
import { staffingTable } from '../../desk/staffing/staffing.js';
import { pageLocale } from '../pageLocale.js';
import { consolePage } from './consolePage.js';
import { serveFile } from '../staticFile.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

/** What the console needs. */
export interface ConsoleParts {
  shop: () => ShopData;
  /** The desk's own handoffs (open ones and the latest ended). */
  handoffs: () => Readonly<Record<string, Handoff>>;
  signIn: SignIn;
  miner: ReplyMiner;
  /** `CONSOLE_TOKEN`: a bearer token for scripts; undefined: signed-in managers only. */
  token: string | undefined;
  timeZone: string;
  defaultLocale: Locale;
  refresh: () => Promise<void>;
  logger: Logger;
  now: () => Date;
}

/** Who calls the console's API: a manager (with the lines they oversee), or a script with the console token (all lines). */
type Caller = { kind: 'manager'; manager: Manager } | { kind: 'script' };

const ms = (iso: string | null | undefined): number | undefined => (iso ? Date.parse(iso) : undefined);

/**
 * The managers' console (web.md "Managers"): sign-in as on /desk, the page, and the JSON API
 * (`/api/console/staffing`, `/api/console/replies`), for a manager's session or the console token.
 */
export class ConsoleDoor {
  private readonly clock: ShopClock;
  private historyContacts: { from: readonly HistoryContact[]; contacts: ContactTimes[] } | undefined;

  constructor(private readonly parts: ConsoleParts) {
    this.clock = new ShopClock(parts.timeZone);
  }

  register(server: Server): void {
    serveFile(server, '/console/console.js', path.join(ASSETS, 'console.js'), 'text/javascript; charset=utf-8');
    server.get('/console', async (req: Request, res: Response) => {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:",
      });
      res.end(consolePage(pageLocale(req, this.parts.defaultLocale)));
    });
    const api = (method: 'get' | 'post', route: string, handler: (req: Request, caller: Caller, res: Response) => Promise<unknown>, open = false) => {
      server[method](route, async (req: Request, res: Response) => {
        try {
          await this.parts.refresh();
          const caller = open ? ({ kind: 'script' } as Caller) : await this.callerOf(req);
          res.status(200);
          res.json((await handler(req, caller, res)) ?? { ok: true });
        } catch (err) {
          const status = err instanceof HttpError || err instanceof BadRequestError ? err.status : 500;
          if (status === 500) this.parts.logger.error({ err, url: req.url }, 'a console request failed');
          res.status(status);
          res.json({ error: status === 500 ? 'the desk could not do this now' : (err as Error).message });
        }
      });
    };
    api('post', '/console/api/sign-in', async (req, _caller, res) => {
      const person = await signInAs('manager', '/desk', this.parts.signIn, req, res);
      return { ok: true, manager: { id: person.id, name: person.name } };
    }, true);
    server.post('/console/api/sign-out', async (req: Request, res: Response) => {
      await this.parts.signIn.signOut(sessionIdOf(req));
      setSessionCookie(req, res, undefined);
      res.json({ ok: true });
    });
    api('get', '/console/api/me', async (_req, caller) => {
      const lines = this.linesOf(caller);
      return { manager: caller.kind === 'manager' ? { id: caller.manager.id, name: caller.manager.name } : null, lines: this.parts.shop().businessLines.filter((l) => lines.includes(l.id)), timeZone: this.parts.timeZone };
    });
    api('get', '/api/console/staffing', async (req, caller) => this.staffing(req, caller));
    api('get', '/api/console/volume', async (req, caller) => this.volume(req, caller));
    api('get', '/api/console/replies', async (_req, caller) => {
      const lines = this.linesOf(caller);
      void lines; // replies are the shop's, per question, not per line
      return this.parts.miner.proposals();
    });
    for (const action of ['approve', 'reject'] as const) {
      api('post', `/api/console/replies/:id/${action}`, async (req, caller) => {
        const body = await readJsonObject(req, { maxBytes: 16 * 1024, optional: true });
        const by = caller.kind === 'manager' ? `manager:${caller.manager.id}` : 'console-token';
        const id = String(req.params.id);
        const result = action === 'approve' ? await this.parts.miner.approve(id, by, typeof body.text === 'string' ? body.text : undefined) : await this.parts.miner.reject(id, by);
        if (!result.ok) throw new HttpError(result.why === 'not_found' ? 404 : 400, result.why === 'not_found' ? 'no such reply' : result.why === 'uncivil' ? 'an uncivil reply cannot be approved' : 'the text is empty');
        return result.proposal;
      });
    }
  }

  private async callerOf(req: IncomingMessage): Promise<Caller> {
    const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim();
    if (bearer && this.parts.token) {
      const a = Buffer.from(bearer);
      const b = Buffer.from(this.parts.token);
      if (a.length === b.length && timingSafeEqual(a, b)) return { kind: 'script' };
    }
    const person = await this.parts.signIn.whoIs(sessionIdOf(req));
    const manager = person?.kind === 'manager' ? (this.parts.shop().managers ?? []).find((m) => m.id === person.id) : undefined;
    if (!manager) throw new HttpError(401, 'sign in as a manager, or send Authorization: Bearer <CONSOLE_TOKEN>');
    return { kind: 'manager', manager };
  }

  /** The lines a caller may see: a manager's own (all when none listed), a script's all. */
  private linesOf(caller: Caller): string[] {
    const all = this.parts.shop().businessLines.map((l) => l.id);
    return caller.kind === 'manager' && caller.manager.businessLines?.length ? all.filter((l) => caller.manager.businessLines!.includes(l)) : all;
  }

  /** The history and the desk's own handoffs as contacts (the history's converted once per import). */
  private contacts(): ContactTimes[] {
    const history = this.parts.shop().history ?? [];
    if (this.historyContacts?.from !== history) {
      this.historyContacts = {
        from: history,
        contacts: history.map((c) => ({ line: c.businessLine, startedAt: Date.parse(c.startedAt), queuedAt: ms(c.queuedAt), claimedAt: ms(c.claimedAt), endedAt: ms(c.endedAt) })),
      };
    }
    const own = Object.values(this.parts.handoffs()).map((h) => ({ line: h.line, startedAt: Date.parse(h.queuedAt), queuedAt: Date.parse(h.queuedAt), claimedAt: ms(h.claimedAt), endedAt: ms(h.endedAt) }));
    return [...this.historyContacts.contacts, ...own];
  }

  /** The line and the period a request names (the caller's first line, the 28 days to today, by default). */
  private period(req: Request, caller: Caller): { q: URLSearchParams; line: string; from: string; to: string; days: number } {
    const q = new URL(req.url ?? '/', 'http://desk').searchParams;
    const lines = this.linesOf(caller);
    const line = q.get('line') ?? lines[0] ?? '';
    if (!this.parts.shop().businessLines.some((l) => l.id === line)) throw new HttpError(404, `no business line "${line}"`);
    if (!lines.includes(line)) throw new HttpError(403, 'this line is not one you oversee');
    const today = this.clock.local(this.parts.now().getTime()).date;
    const to = q.get('to') || today;
    const from = q.get('from') || new Date(Date.parse(`${to}T00:00:00Z`) - 27 * 86_400_000).toISOString().slice(0, 10);
    const days = daysBetween(from, to);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || days === 0) throw new HttpError(400, 'from and to must be dates YYYY-MM-DD, from not after to');
    return { q, line, from, to, days };
  }

  /** Contacts by day and by hour of day, the share the bot resolved alone, waits and satisfaction. */
  private volume(req: Request, caller: Caller): unknown {
    const { line, from, to, days } = this.period(req, caller);
    const byDay = new Map<string, { contacts: number; queued: number }>();
    for (let i = 0; i < days; i++) byDay.set(new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10), { contacts: 0, queued: 0 });
    const byHour = Array.from({ length: 24 }, () => ({ contacts: 0, queued: 0 }));
    let contacts = 0;
    let queued = 0;
    let waitMs = 0;
    let waited = 0;
    for (const c of this.contacts()) {
      if (c.line !== line) continue;
      const { date, hour } = this.clock.local(c.startedAt);
      if (date < from || date > to) continue;
      contacts++;
      byDay.get(date)!.contacts++;
      byHour[hour]!.contacts++;
      if (c.queuedAt !== undefined) {
        queued++;
        byDay.get(date)!.queued++;
        byHour[hour]!.queued++;
        if (c.claimedAt !== undefined) {
          waited++;
          waitMs += c.claimedAt - c.queuedAt;
        }
      }
    }
    const ratings = (this.parts.shop().history ?? []).filter((h) => h.businessLine === line && h.rating && h.startedAt.slice(0, 10) >= from && h.startedAt.slice(0, 10) <= to);
    return {
      line,
      from,
      to,
      contacts,
      resolvedByBot: contacts ? (contacts - queued) / contacts : null,
      meanWaitSeconds: waited ? waitMs / waited / 1000 : null,
      satisfaction: ratings.length ? ratings.filter((h) => h.rating!.satisfied).length / ratings.length : null,
      byDay: [...byDay.entries()].map(([date, v]) => ({ date, ...v })),
      byHour: byHour.map((v, hour) => ({ hour, ...v })),
    };
  }

  private staffing(req: Request, caller: Caller): unknown {
    const { q, line, from, to, days } = this.period(req, caller);
    const target = Number(q.get('target') ?? 0.8);
    const answerSeconds = Number(q.get('answerSeconds') ?? 30);
    if (!(target > 0 && target < 1)) throw new HttpError(400, 'target must be between 0 and 1 (e.g. 0.8)');
    if (!(answerSeconds > 0)) throw new HttpError(400, 'answerSeconds must be positive');
    const agents = this.parts.shop().agents.filter((a) => a.businessLines.includes(line));
    const seatsPerAgent = agents.length ? agents.reduce((n, a) => n + a.capacity, 0) / agents.length : 1;
    const { queuedByHour, handleMinutes } = staffingCounts(this.contacts(), line, from, to, this.clock);
    const hours = staffingTable({ queuedByHour, days, handleMinutes, seatsPerAgent, target, answerSeconds });
    return { line, from, to, target, answerSeconds, handleMinutes, seatsPerAgent, hours };
  }
}
