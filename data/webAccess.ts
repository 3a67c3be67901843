/**
 * Who may use the web pages: agents' and managers' password hashes (set by `npm run
 * set-password`) and their signed-in sessions, shared by every desk of the store.
 */

/** A signed-in session: whose, and until when. The id itself is never stored, only its hash. */
export interface WebSession {
  /** SHA-256 of the cookie's session id. */
  idHash: string;
  /** `agent:<id>` or `manager:<id>`. */
  who: string;
  expiresAt: string;
}

/** Passwords and sessions: a small JSON file on lowdb (rewritten atomically), two tables on PostgreSQL. */
export interface WebAccess {
  /** The stored hash of an agent's or manager's password, or undefined when none was set. */
  passwordHash(id: string): Promise<string | undefined>;
  setPasswordHash(id: string, hash: string, at: string): Promise<void>;
  createSession(session: WebSession): Promise<void>;
  /** The session of a hash, while it has not expired at `now`. */
  session(idHash: string, now: Date): Promise<WebSession | undefined>;
  endSession(idHash: string): Promise<void>;
  close(): Promise<void>;
}
