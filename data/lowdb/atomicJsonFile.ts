import { open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreFormatError, StoreParseError } from '../storeErrors.js';

/** Turns a JSON.parse position into "line L, column C", which is what a person fixing the file needs. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { line, column };
}

/** True when `prefix` is valid JSON or could still become valid JSON with more text after it. */
function couldContinue(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (err) {
    const message = (err as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return true;
    const at = /position (\d+)/.exec(message);
    return !!at?.[1] && Number(at[1]) >= prefix.length;
  }
}

/**
 * The first offset that cannot be part of valid JSON, for the messages V8 gives without a
 * position ("Unexpected end of JSON input", "Unexpected token 'x', … is not valid JSON"):
 * a binary search for the longest prefix that could still continue. Only runs on a failed parse.
 */
function firstBadOffset(text: string): number {
  let good = 0;
  let bad = text.length;
  if (couldContinue(text)) return text.length; // valid so far: the text just ends too early
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    if (couldContinue(text.slice(0, mid))) good = mid;
    else bad = mid;
  }
  return good;
}

/** Finds the character offset in V8's JSON.parse messages ("at position 12", or "line 2 column 5"). */
function positionOf(message: string, text: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos?.[1]) return Number(pos[1]);
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc?.[1] && lc[2]) {
    const lines = text.split('\n');
    return lines.slice(0, Number(lc[1]) - 1).reduce((n, l) => n + l.length + 1, 0) + Number(lc[2]) - 1;
  }
  return firstBadOffset(text);
}

/**
 * A lowdb adapter for one JSON file whose writes are atomic and durable: the document is written to
 * a temporary file beside it, fsynced, renamed over the original, and the directory fsynced. A crash
 * at any point leaves either the old file or the new one, never a torn one. Reading a file that does
 * not parse throws `StoreParseError` with the position and leaves the file alone.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  private readonly dir: string;
  private readonly tempPrefix: string;
  private seq = 0;

  constructor(readonly file: string) {
    this.dir = path.dirname(file);
    this.tempPrefix = `.${path.basename(file)}.`;
  }

  /** The document, or null when the file is missing or empty (a store to be seeded). */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    if (text.trim() === '') return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      const message = (err as Error).message;
      const position = positionOf(message, text);
      const { line, column } = lineAndColumn(text, position);
      throw new StoreParseError(
        `${this.file} is not valid JSON at line ${line}, column ${column} (character ${position}): ${message}. The file was left as it is; repair or move it, then start again.`,
      );
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      // `null` or `[]` is somebody's file, not an empty store: refuse rather than seed over it.
      throw new StoreFormatError(`${this.file} is not a desk store; it was left as it is:\n$: expected an object, received ${parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed}`);
    }
    return parsed as T;
  }

  /** Serializes at once (so later mutations are not included), then replaces the file atomically. */
  async write(data: T): Promise<void> {
    const text = JSON.stringify(data);
    const temp = path.join(this.dir, `${this.tempPrefix}${process.pid}.${++this.seq}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.file);
    } catch (err) {
      await unlink(temp).catch(() => undefined);
      throw err;
    }
    const dirHandle = await open(this.dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }

  /** Removes temporary files a crashed writer left behind; only called while holding the store's lock. */
  async removeLeftovers(): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((n) => n.startsWith(this.tempPrefix) && n.endsWith('.tmp'))
        .map((n) => unlink(path.join(this.dir, n)).catch(() => undefined)),
    );
  }
}
