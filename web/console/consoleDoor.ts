import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response, Server } from 'restify';
import { BadRequestError, readJsonObject } from '../../bot/activityBody.js';
import type { Logger } from '../../bot/logger.js';
import type { Locale, Manager, ShopData } from '../../data/shopSchema.js';
import type { SignIn } from '../../desk/access/signIn.js';
import { HttpError, sessionIdOf, setSessionCookie, signInAs } from '../webSession.js';
import type { ReplyMiner } from '../../desk/replies/replyMiner.js';
import { daysBetween } from '../../data/shopClock.js';
import type { ManagerFigures } from '../../desk/staffing/figures.js';
import type { Reception } from '../../desk/handoff/reception.js';
import { RECEPTION_MODES } from '../../data/receptionModes.js';
import { pageLocale } from '../pageLocale.js';
import { consolePage } from './consolePage.js';
import { serveFile } from '../staticFile.js';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ASSETS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const require = createRequire(import.meta.url);

/** What the console needs. */
export interface ConsoleParts {
  shop: () => ShopData;
  /** Volume and staffing from every contact, the imported history and the desk's own. */
  figures: ManagerFigures;
  /** Resolves once the contacts are in place (the demo's history, made in the background at start). */
  ready?: Promise<void>;
  /** The lines' reception modes. */
  reception: Reception;
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

/**
 * The managers' console (web.md "Managers"): sign-in as on /desk, the page, and the JSON API
 * (`/api/console/staffing`, `/api/console/replies`), for a manager's session or the console token.
 */
export class ConsoleDoor {
  private readonly figures: ManagerFigures;

  constructor(private readonly parts: ConsoleParts) {
    this.figures = parts.figures;
  }

  register(server: Server): void {
    serveFile(server, '/console/console.js', path.join(ASSETS, 'console.js'), 'text/javascript; charset=utf-8');
    // uPlot (MIT), the charts' library, from node_modules: served by the desk, never a CDN.
    serveFile(server, '/console/uplot.js', require.resolve('uplot/dist/uPlot.iife.min.js'), 'text/javascript; charset=utf-8');
    serveFile(server, '/console/uplot.css', require.resolve('uplot/dist/uPlot.min.css'), 'text/css; charset=utf-8');
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
          await this.parts.ready;
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
    api('get', '/api/console/reception', async (_req, caller) => {
      const lines = this.linesOf(caller);
      const set = new Map((await this.parts.reception.list()).map((s) => [s.line, s]));
      return lines.map((line) => set.get(line) ?? { line, mode: 'bot_first' });
    });
    api('post', '/api/console/reception/:line', async (req, caller) => {
      const line = String(req.params.line);
      if (!this.parts.shop().businessLines.some((l) => l.id === line)) throw new HttpError(404, `no business line "${line}"`);
      if (!this.linesOf(caller).includes(line)) throw new HttpError(403, 'this line is not one you oversee');
      const body = await readJsonObject(req, { maxBytes: 4 * 1024 });
      const mode = body.mode;
      if (mode !== 'bot_first' && mode !== 'agents_first' && mode !== 'share') throw new HttpError(400, `mode must be one of ${RECEPTION_MODES.join(', ')}`);
      const share = Number(body.share);
      if (mode === 'share' && !(share >= 0 && share <= 1)) throw new HttpError(400, 'share must be a number from 0 to 1 (e.g. 0.3)');
      const by = caller.kind === 'manager' ? `manager:${caller.manager.id}` : 'console-token';
      return this.parts.reception.set(line, mode === 'share' ? { mode, share } : { mode }, by);
    });
    api('get', '/api/console/staffing', async (req, caller) => this.staffing(req, caller));
    api('get', '/api/console/volume', async (req, caller) => this.volume(req, caller));
    // Replies are the shop's, per question, not per line: every manager sees them all.
    api('get', '/api/console/replies', async () => this.parts.miner.proposals());
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

  /** The line and the period a request names (the caller's first line, the 28 days to today, by default). */
  private period(req: Request, caller: Caller): { q: URLSearchParams; line: string; from: string; to: string; days: number } {
    const q = new URL(req.url ?? '/', 'http://desk').searchParams;
    const lines = this.linesOf(caller);
    const line = q.get('line') ?? lines[0] ?? '';
    if (!this.parts.shop().businessLines.some((l) => l.id === line)) throw new HttpError(404, `no business line "${line}"`);
    if (!lines.includes(line)) throw new HttpError(403, 'this line is not one you oversee');
    const today = this.figures.local(this.parts.now()).date;
    const to = q.get('to') || today;
    const from = q.get('from') || this.figures.defaultFrom(to);
    const days = daysBetween(from, to);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || days === 0) throw new HttpError(400, 'from and to must be dates YYYY-MM-DD, from not after to');
    return { q, line, from, to, days };
  }

  /** Contacts by day and by hour of day, the share the bot resolved alone, waits, first replies and satisfaction. */
  private async volume(req: Request, caller: Caller): Promise<unknown> {
    const { line, from, to } = this.period(req, caller);
    return { line, from, to, ...(await this.figures.volume(line, from, to)) };
  }

  private async staffing(req: Request, caller: Caller): Promise<unknown> {
    const { q, line, from, to } = this.period(req, caller);
    const target = Number(q.get('target') ?? 0.8);
    const answerSeconds = Number(q.get('answerSeconds') ?? 30);
    if (!(target > 0 && target < 1)) throw new HttpError(400, 'target must be between 0 and 1 (e.g. 0.8)');
    if (!(answerSeconds > 0)) throw new HttpError(400, 'answerSeconds must be positive');
    return { line, from, to, target, answerSeconds, ...(await this.figures.staffing(line, from, to, target, answerSeconds)) };
  }
}
