import { createWriteStream, type WriteStream } from 'node:fs';
import { appendFile, mkdir, open as openFile, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One message in or out, as kept in the transcript. */
export interface TranscriptEntry {
  at: string;
  direction: 'in' | 'out';
  conversationId: string;
  channelId: string;
  /** The buyer the conversation is about, when known (a guest has none until verified). */
  buyerId: string | null;
  /** The chat account that wrote (in) or was written to (out). */
  userId: string;
  locale: string;
  type: string;
  text?: string;
  attachments?: string[];
  activityId?: string;
}

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
 * Conversation transcripts as an append-only JSON Lines file beside the store, so the store does
 * not grow per message and a crash loses at most the last unflushed line.
 */
export class TranscriptLog {
  private constructor(
    readonly file: string,
    private readonly stream: WriteStream,
  ) {}

  static async open(file: string): Promise<TranscriptLog> {
    await mkdir(path.dirname(file), { recursive: true });
    await endTornLine(file);
    const stream = createWriteStream(file, { flags: 'a', encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return new TranscriptLog(file, stream);
  }

  append(entry: TranscriptEntry): void {
    this.stream.write(`${JSON.stringify(entry)}\n`);
  }

  /** Every entry of one conversation, oldest first; a torn last line (crash mid-write) is skipped. */
  async readConversation(conversationId: string): Promise<TranscriptEntry[]> {
    await new Promise<void>((resolve) => this.stream.write('', () => resolve())); // lines queued before this call are on disk
    const text = await readFile(this.file, 'utf8').catch(() => '');
    const entries: TranscriptEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.includes(conversationId)) continue;
      try {
        const entry = JSON.parse(line) as TranscriptEntry;
        if (entry.conversationId === conversationId) entries.push(entry);
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
