import { createReadStream } from 'node:fs';
import { open as openFile, stat } from 'node:fs/promises';
import { JsonLinesLog } from './jsonLinesLog.js';
import type { Transcript } from '../deskStore.js';
import type { TranscriptEntry } from '../records.js';


/** Where one line sits in the file: byte offset and length. */
type Span = [start: number, length: number];

/**
 * Conversation transcripts as an append-only JSON Lines file beside the store, with an index of
 * where each conversation's lines are: an agent's `+1` reads one buyer's history without reading
 * the whole (ever-growing) file. The index is rebuilt by one pass over the file when it opens.
 */
export class TranscriptLog extends JsonLinesLog<TranscriptEntry> implements Transcript {
  private readonly spans = new Map<string, Span[]>();
  private size = 0;

  static async open(file: string): Promise<TranscriptLog> {
    const log = new TranscriptLog(file, await JsonLinesLog.openStream(file));
    await log.buildIndex();
    return log;
  }

  override append(entry: TranscriptEntry): void {
    const json = JSON.stringify(entry);
    const length = Buffer.byteLength(json) + 1;
    this.index(entry.conversationId, [this.size, length]);
    this.size += length;
    this.writeLine(json);
  }

  /** Every entry of one conversation, oldest first; a torn line (crash mid-write) is skipped. */
  async readConversation(conversationId: string): Promise<TranscriptEntry[]> {
    const spans = this.spans.get(conversationId);
    if (!spans?.length) return [];
    await this.flush();
    const handle = await openFile(this.file, 'r');
    try {
      const entries: TranscriptEntry[] = [];
      for (const [start, length] of spans) {
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, start);
        try {
          const entry = JSON.parse(buffer.toString('utf8')) as TranscriptEntry;
          if (entry.conversationId === conversationId) entries.push(entry);
        } catch {
          // a line cut by a crash: skip it, keep the rest
        }
      }
      return entries;
    } finally {
      await handle.close();
    }
  }

  private index(conversationId: string, span: Span): void {
    const list = this.spans.get(conversationId) ?? [];
    list.push(span);
    this.spans.set(conversationId, list);
  }

  /** One pass over the existing file: the span of every line, by conversation. */
  private async buildIndex(): Promise<void> {
    this.size = (await stat(this.file).catch(() => ({ size: 0 }))).size;
    if (this.size === 0) return;
    let pending: Buffer[] = [];
    let pendingStart = 0;
    const flushLine = (line: Buffer): void => {
      const start = pendingStart;
      pendingStart = start + line.length + 1;
      if (line.length === 0) return;
      try {
        const { conversationId } = JSON.parse(line.toString('utf8')) as Partial<TranscriptEntry>;
        if (typeof conversationId === 'string') this.index(conversationId, [start, line.length + 1]);
      } catch {
        // a torn line from a crash: not indexed
      }
    };
    for await (const chunk of createReadStream(this.file, { end: this.size - 1 })) {
      const data = chunk as Buffer;
      let from = 0;
      for (let i = data.indexOf(0x0a); i !== -1; i = data.indexOf(0x0a, i + 1)) {
        pending.push(data.subarray(from, i));
        flushLine(Buffer.concat(pending));
        pending = [];
        from = i + 1;
      }
      if (from < data.length) pending.push(data.subarray(from));
    }
    if (pending.length) flushLine(Buffer.concat(pending));
  }
}
