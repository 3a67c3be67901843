import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtomicJsonFile } from './atomicJsonFile.js';
import type { WebAccess, WebSession } from '../webAccess.js';

interface Document {
  passwords: Record<string, { hash: string; at: string }>;
  sessions: Record<string, WebSession>;
}

/** Sessions kept at most: past it, the ones closest to expiring go first (a person signs in a few times a day). */
const MAX_SESSIONS = 10_000;

/**
 * Web access on the embedded store: one small JSON file beside it, rewritten atomically. It is
 * read fresh on every call, so `npm run set-password` takes effect on a running desk at once; a
 * file that does not parse is refused and left as it is.
 */
export class WebAccessFile implements WebAccess {
  private readonly file: AtomicJsonFile<Document>;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.file = new AtomicJsonFile<Document>(path);
  }

  private async read(): Promise<Document> {
    const doc = await this.file.read();
    return { passwords: doc?.passwords ?? {}, sessions: doc?.sessions ?? {} };
  }

  /** Read, change, write, one change at a time (a process's own writes never interleave). */
  private change(edit: (doc: Document) => void): Promise<void> {
    const next = this.writing.then(async () => {
      const doc = await this.read();
      edit(doc);
      await mkdir(dirname(this.file.file), { recursive: true });
      await this.file.write(doc);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  async passwordHash(id: string): Promise<string | undefined> {
    return (await this.read()).passwords[id]?.hash;
  }

  setPasswordHash(id: string, hash: string, at: string): Promise<void> {
    return this.change((doc) => {
      doc.passwords[id] = { hash, at };
      // A new password ends the sessions signed in with the old one.
      for (const [key, s] of Object.entries(doc.sessions)) if (s.who.endsWith(`:${id}`)) delete doc.sessions[key];
    });
  }

  createSession(session: WebSession): Promise<void> {
    return this.change((doc) => {
      const now = Date.now();
      for (const [key, s] of Object.entries(doc.sessions)) if (Date.parse(s.expiresAt) <= now) delete doc.sessions[key];
      const all = Object.values(doc.sessions);
      if (all.length >= MAX_SESSIONS) {
        for (const s of all.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt)).slice(0, all.length - MAX_SESSIONS + 1)) delete doc.sessions[s.idHash];
      }
      doc.sessions[session.idHash] = session;
    });
  }

  async session(idHash: string, now: Date): Promise<WebSession | undefined> {
    const s = (await this.read()).sessions[idHash];
    return s && Date.parse(s.expiresAt) > now.getTime() ? s : undefined;
  }

  endSession(idHash: string): Promise<void> {
    return this.change((doc) => {
      delete doc.sessions[idHash];
    });
  }

  async close(): Promise<void> {
    await this.writing;
  }
}
