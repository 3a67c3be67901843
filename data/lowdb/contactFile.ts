import { createReadStream } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { HistoryContact } from '../shopSchema.js';
import { addToBucket, emptyBucket, historyChange, type BucketQuery, type ContactBucket, type ContactChange, type ContactConversation, type ContactFacts, type ContactLog, type ContactMessage } from '../contactLog.js';
import { roughBounds, ShopClock } from '../shopClock.js';
import { JsonLinesLog } from './jsonLinesLog.js';

/** A line of the file: a change to one contact, or every history contact dropped (a new import follows). */
type Line = ContactChange | { clear: 'history' };

const BATCH = 500;
/** Past this share of lines no contact needs any more (the demo's history moved to the present), the file is rewritten at start. */
const COMPACT_WHEN_DEAD_OVER = 0.5;
const COMPACT_UP_TO_BYTES = 256 * 1024 * 1024;

/** A line a crash cut short: JSON that only lacks its end (anything else that does not parse is damage). */
function torn(text: string, err: unknown): boolean {
  const message = (err as Error).message;
  if (/Unexpected end of JSON input|Unterminated string/.test(message)) return true;
  const at = /position (\d+)/.exec(message);
  return !!at && Number(at[1]) >= text.length - 1;
}

/** Reads the file a line at a time; a line that does not parse is counted (torn by a crash, or damaged), not fatal. */
async function eachLine(file: string, visit: (line: Line) => void): Promise<{ lines: number; damaged: number }> {
  let lines = 0;
  let damaged = 0;
  const exists = await stat(file).then(() => true, () => false);
  if (!exists) return { lines, damaged };
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of reader) {
    if (!text) continue;
    lines++;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch (err) {
      if (!torn(text, err)) damaged++;
      continue;
    }
    visit(line);
  }
  return { lines, damaged };
}

/** Applies a change to facts kept in memory. */
function apply(facts: Map<string, Partial<ContactFacts>>, withAgent: Set<string>, change: ContactChange): void {
  let f = facts.get(change.id);
  if (!f) facts.set(change.id, (f = {}));
  if (change.set) Object.assign(f, change.set);
  if (change.setOnce) for (const [k, v] of Object.entries(change.setOnce)) if ((f as Record<string, unknown>)[k] === undefined) (f as Record<string, unknown>)[k] = v;
  if (change.messages?.some((m) => m.from === 'agent')) withAgent.add(change.id);
}

function complete(f: Partial<ContactFacts>): f is ContactFacts {
  return typeof f.line === 'string' && typeof f.startedAt === 'number';
}

/**
 * The contacts on the embedded store: an append-only JSON Lines file (`desk.contacts.jsonl`), one
 * change a line, and what the figures count of every contact in memory (a few numbers each; the
 * messages stay in the file until a miner reads them). The console's sums are a scan of memory,
 * a few milliseconds at 10^5 contacts. A line a crash cut short is skipped; a file with any other
 * bad line is never rewritten.
 */
export class ContactFile implements ContactLog {
  private readonly facts = new Map<string, Partial<ContactFacts>>();
  private readonly withAgent = new Set<string>();
  private lines = 0;
  private changes = 0;

  private constructor(
    readonly file: string,
    private readonly log: Appender,
  ) {}

  static async open(file: string): Promise<ContactFile> {
    const facts = new Map<string, Partial<ContactFacts>>();
    const withAgent = new Set<string>();
    const linesOf = new Map<string, number>();
    let dead = 0;
    const clear = () => {
      dead++;
      for (const [id, f] of facts) {
        if (f.source === 'history') {
          facts.delete(id);
          withAgent.delete(id);
          dead += linesOf.get(id) ?? 0;
          linesOf.delete(id);
        }
      }
    };
    const read = await eachLine(file, (line) => {
      if ('clear' in line) return clear();
      apply(facts, withAgent, line);
      linesOf.set(line.id, (linesOf.get(line.id) ?? 0) + 1);
    });
    const size = read.lines ? (await stat(file)).size : 0;
    let lines = read.lines;
    if (read.damaged === 0 && read.lines > 1000 && dead > read.lines * COMPACT_WHEN_DEAD_OVER && size < COMPACT_UP_TO_BYTES) {
      lines = await ContactFile.compact(file);
    }
    const log = await Appender.openAt(file);
    const contacts = new ContactFile(file, log);
    for (const [id, f] of facts) contacts.facts.set(id, f);
    for (const id of withAgent) contacts.withAgent.add(id);
    contacts.lines = lines;
    return contacts;
  }

  /** Rewrites the file with one line per live contact (atomically: a temporary file renamed over it); resolves with the lines written. */
  private static async compact(file: string): Promise<number> {
    const merged = new Map<string, ContactChange & { set: Partial<ContactFacts>; messages: ContactMessage[] }>();
    await eachLine(file, (line) => {
      if ('clear' in line) {
        for (const [id, c] of merged) if (c.set.source === 'history') merged.delete(id);
        return;
      }
      let c = merged.get(line.id);
      if (!c) merged.set(line.id, (c = { id: line.id, set: {}, messages: [] }));
      Object.assign(c.set, line.set ?? {});
      for (const [k, v] of Object.entries(line.setOnce ?? {})) if ((c.set as Record<string, unknown>)[k] === undefined) (c.set as Record<string, unknown>)[k] = v;
      c.messages.push(...(line.messages ?? []));
    });
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.compact`);
    const handle = await open(temp, 'w');
    try {
      let chunk = '';
      for (const c of merged.values()) {
        chunk += `${JSON.stringify({ id: c.id, set: c.set, ...(c.messages.length ? { messages: c.messages } : {}) })}\n`;
        if (chunk.length > 1 << 20) {
          await handle.write(chunk);
          chunk = '';
        }
      }
      await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file).catch(async (err: unknown) => {
      await unlink(temp).catch(() => undefined);
      throw err;
    });
    return merged.size;
  }

  async record(changes: readonly ContactChange[]): Promise<void> {
    if (!changes.length) return;
    for (const change of changes) {
      apply(this.facts, this.withAgent, change);
      this.lines++;
      if (change.messages?.length || change.set) this.changes++;
    }
    this.log.appendAll(changes);
    await this.log.flush();
  }

  async replaceHistory(contacts: readonly HistoryContact[]): Promise<void> {
    this.log.append({ clear: 'history' });
    for (const [id, f] of this.facts) {
      if (f.source === 'history') {
        this.facts.delete(id);
        this.withAgent.delete(id);
      }
    }
    this.changes++;
    await this.record(contacts.map(historyChange));
  }

  async buckets(q: BucketQuery): Promise<ContactBucket[]> {
    const clock = new ShopClock(q.timeZone);
    const { after, before } = roughBounds(q.from, q.to);
    const out = new Map<string, ContactBucket>();
    for (const f of this.facts.values()) {
      if (f.line !== q.line || !complete(f)) continue;
      const t = q.by === 'started' ? f.startedAt : f.queuedAt;
      if (t === undefined || t < after || t > before) continue;
      const { date, hour } = clock.local(t);
      if (date < q.from || date > q.to) continue;
      const key = `${date} ${hour}`;
      let b = out.get(key);
      if (!b) out.set(key, (b = emptyBucket(date, hour)));
      addToBucket(b, f);
    }
    return [...out.values()];
  }

  async *conversations(): AsyncIterable<ContactConversation[]> {
    await this.log.flush();
    const wanted = new Set(this.withAgent);
    const found = new Map<string, { source?: string; messages: ContactMessage[] }>();
    await eachLine(this.file, (line) => {
      if ('clear' in line) {
        for (const [id, c] of found) if (c.source === 'history') found.delete(id);
        return;
      }
      if (!wanted.has(line.id)) return;
      let c = found.get(line.id);
      if (!c) found.set(line.id, (c = { messages: [] }));
      if (line.set?.source) c.source = line.set.source;
      if (line.messages) c.messages.push(...line.messages);
    });
    let batch: ContactConversation[] = [];
    for (const [id, c] of found) {
      const f = this.facts.get(id);
      if (!f?.locale || !c.messages.some((m) => m.from === 'agent')) continue;
      batch.push({ id, locale: f.locale, messages: c.messages });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async version(): Promise<string> {
    return `${this.changes}`;
  }

  async historyEnd(): Promise<number | undefined> {
    let end: number | undefined;
    for (const f of this.facts.values()) if (f.source === 'history' && f.startedAt !== undefined && (end === undefined || f.startedAt > end)) end = f.startedAt;
    return end;
  }

  async count(): Promise<number> {
    let n = 0;
    for (const f of this.facts.values()) if (complete(f)) n++;
    return n;
  }

  /** Lines in the file (tests of compaction read it). */
  get lineCount(): number {
    return this.lines;
  }

  async close(): Promise<void> {
    await this.log.close();
  }
}

/** The append side of the file. */
class Appender extends JsonLinesLog<Line> {
  /** Many lines in one write (an imported history of 10^5 contacts). */
  appendAll(lines: readonly Line[]): void {
    const CHUNK = 2_000;
    for (let i = 0; i < lines.length; i += CHUNK) this.writeLine(lines.slice(i, i + CHUNK).map((l) => JSON.stringify(l)).join('\n'));
  }

  static async openAt(file: string): Promise<Appender> {
    return new Appender(file, await JsonLinesLog.openStream(file));
  }
}
