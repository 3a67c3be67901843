import { createHash, randomBytes } from 'node:crypto';
import type { WebAccess, WebSession } from '../../data/webAccess.js';
import { hashPassword, verifyPassword } from './passwords.js';

/** The demo shop's agents and managers sign in with this password (web.md), only in a store seeded with the demo shop. */
export const DEMO_PASSWORD = 'demo-desk';
/** How long a session lasts: a working day and a bit; then the agent signs in again. */
export const SESSION_HOURS = 12;
/** Failed tries (per account, per address) before each further try waits. */
const FREE_FAILURES = 5;
/** The window failures are counted in. */
const FAILURE_WINDOW_MS = 15 * 60_000;
/** The longest wait between tries once they are slowed down. */
const MAX_WAIT_SECONDS = 300;
/** Failure records kept at most (keys are what a guesser invents). */
const MAX_FAILURE_KEYS = 10_000;

/** Someone who may sign in: an agent or a manager of the shop. */
export interface Person {
  kind: 'agent' | 'manager';
  id: string;
  name: string;
}

/** The outcome of a sign-in: a session id for the cookie, or a neutral refusal (with how long to wait when slowed down). */
export type SignInResult = { ok: true; person: Person; sessionId: string; expiresAt: string } | { ok: false; retryAfterSeconds?: number };

function hashId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/**
 * Signing agents and managers in to the web pages: passwords checked against their slow salted
 * hashes (the demo password in a demo store, until one is set), one neutral refusal whatever was
 * wrong, repeated failures slowed down per account and per address, and sessions stored by the
 * hash of their id (a leaked store holds no usable cookie).
 */
export class SignIn {
  private readonly failures = new Map<string, number[]>();
  /** A hash to check unknown accounts against, so an unknown id takes as long as a wrong password. */
  private readonly decoy: Promise<string>;

  constructor(
    private readonly access: WebAccess,
    private readonly people: (id: string) => Person | undefined,
    private readonly isDemoStore: () => boolean,
    private readonly now: () => Date,
  ) {
    this.decoy = hashPassword(randomBytes(16).toString('hex'));
  }

  async attempt(id: string, password: string, address: string): Promise<SignInResult> {
    const at = this.now().getTime();
    const keys = [`id:${id}`, `address:${address}`];
    const wait = Math.max(...keys.map((k) => this.waitSeconds(k, at)));
    if (wait > 0) return { ok: false, retryAfterSeconds: wait };
    const person = this.people(id);
    const stored = person ? await this.access.passwordHash(person.id) : undefined;
    const demo = !!person && stored === undefined && this.isDemoStore();
    const matches = demo ? (await verifyPassword(password, await this.decoy), password === DEMO_PASSWORD) : await verifyPassword(password, stored ?? (await this.decoy));
    if (!person || !matches || (!stored && !demo)) {
      for (const k of keys) this.fail(k, at);
      return { ok: false };
    }
    for (const k of keys) this.failures.delete(k);
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(at + SESSION_HOURS * 3_600_000).toISOString();
    await this.access.createSession({ idHash: hashId(sessionId), who: `${person.kind}:${person.id}`, expiresAt });
    return { ok: true, person, sessionId, expiresAt };
  }

  /** The person a session id speaks for, while it lasts and they are still in the shop. */
  async whoIs(sessionId: string | undefined): Promise<Person | undefined> {
    if (!sessionId) return undefined;
    const session: WebSession | undefined = await this.access.session(hashId(sessionId), this.now());
    if (!session) return undefined;
    const [kind, ...rest] = session.who.split(':');
    const person = this.people(rest.join(':'));
    return person && person.kind === kind ? person : undefined;
  }

  async signOut(sessionId: string | undefined): Promise<void> {
    if (sessionId) await this.access.endSession(hashId(sessionId));
  }

  private recent(key: string, at: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > at - FAILURE_WINDOW_MS);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  private waitSeconds(key: string, at: number): number {
    const times = this.recent(key, at);
    if (times.length < FREE_FAILURES) return 0;
    const wait = Math.min(MAX_WAIT_SECONDS, 2 ** (times.length - FREE_FAILURES));
    return Math.max(0, Math.ceil((times.at(-1)! + wait * 1000 - at) / 1000));
  }

  private fail(key: string, at: number): void {
    const times = this.recent(key, at);
    times.push(at);
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > MAX_FAILURE_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }
}
