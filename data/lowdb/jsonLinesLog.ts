import { createWriteStream, type WriteStream } from 'node:fs';
import { appendFile, mkdir, open as openFile, readFile } from 'node:fs/promises';
import path from 'node:path';

/** A crash can leave a last line without its newline; end it, so the next entry is not glued to it. */
async function endTornLine(file: string): Promise<void> {
  const handle = await openFile(file, 'a+').catch(() => undefined);
  if (!handle) return;
  try {
    const { size } = await handle.stat();
    if (size === 0) return;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await appendFile(file, '\n');
  } finally {
    await handle.close();
  }
}

/**
 * An append-only JSON Lines file, for data that only grows (transcripts, order events): nothing is
 * ever rewritten, so the store does not grow per message and a crash loses at most the last line.
 */
export class JsonLinesLog<T extends object> {
  protected constructor(
    readonly file: string,
    private readonly stream: WriteStream,
  ) {}

  /** Opens `file` for appending (creating it and its folder), ending a torn last line first. */
  protected static async openStream(file: string): Promise<WriteStream> {
    await mkdir(path.dirname(file), { recursive: true });
    await endTornLine(file);
    const stream = createWriteStream(file, { flags: 'a', encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  append(entry: T): void {
    this.writeLine(JSON.stringify(entry));
  }

  /** Writes one already-serialized entry as a line. */
  protected writeLine(json: string): void {
    this.stream.write(`${json}\n`);
  }

  /** Resolves once every line appended so far is written. */
  async flush(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.write('', () => resolve()));
  }

  /**
   * Every entry for which `keep` is true, oldest first. `hint` is a string the raw line must
   * contain (a cheap pre-filter before parsing); a torn line (crash mid-write) is skipped.
   */
  async read(keep: (entry: T) => boolean, hint = ''): Promise<T[]> {
    await this.flush();
    const text = await readFile(this.file, 'utf8').catch(() => '');
    const entries: T[] = [];
    for (const line of text.split('\n')) {
      if (line === '' || !line.includes(hint)) continue;
      try {
        const entry = JSON.parse(line) as T;
        if (keep(entry)) entries.push(entry);
      } catch {
        // a line cut by a crash: skip it, keep the rest
      }
    }
    return entries;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.stream.end(resolve));
  }
}
