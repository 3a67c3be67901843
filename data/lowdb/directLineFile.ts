import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JsonLinesLog } from './jsonLinesLog.js';
import {
  DIRECT_LINE_PAGE,
  directLineActivityId,
  type DirectLineActivity,
  type DirectLineActivitySet,
  type DirectLineConversation,
  type DirectLineLog,
  type DirectLineUpload,
} from '../directLineLog.js';

/** One line of the file: a conversation opened or started, or an activity appended. */
type Line =
  | { kind: 'conversation'; conversation: DirectLineConversation }
  | { kind: 'started'; conversationId: string; at: string }
  | { kind: 'activity'; conversationId: string; watermark: number; activity: DirectLineActivity }
  | { kind: 'secret'; name: string; value: string }
  | { kind: 'upload'; id: string; conversationId: string; contentType: string; name: string; file: string };

/** Activities one conversation keeps in memory: older ones stay in the file; a client that far behind starts over from these. */
const KEPT_PER_CONVERSATION = 1_000;

/**
 * Direct Line on the embedded store: an append-only JSON Lines file beside the store (nothing is
 * rewritten; a crash loses at most the line being written), read once into memory when it opens.
 * One process owns it, as it owns the lowdb store.
 */
export class DirectLineFile implements DirectLineLog {
  private readonly conversations = new Map<string, DirectLineConversation>();
  private readonly activities = new Map<string, { first: number; list: DirectLineActivity[] }>();
  private readonly secrets = new Map<string, string>();
  private readonly uploads = new Map<string, Omit<Extract<Line, { kind: 'upload' }>, 'kind'>>();

  private constructor(
    private readonly lines: LinesFile,
    private readonly uploadDir: string,
  ) {}

  /** Opens the log at `file`; uploads go to a folder beside it (`desk.directline.jsonl` → `desk.uploads/`). */
  static async openFile(file: string): Promise<DirectLineFile> {
    const lines = await LinesFile.open(file);
    const { dir, name } = path.parse(file);
    const log = new DirectLineFile(lines, path.join(dir, `${name.replace(/\.directline$/, '')}.uploads`));
    for (const line of await lines.read(() => true)) log.apply(line);
    return log;
  }

  private apply(line: Line): void {
    if (line.kind === 'upload') {
      const { kind: _kind, ...upload } = line;
      this.uploads.set(line.id, upload);
    } else if (line.kind === 'secret') {
      if (!this.secrets.has(line.name)) this.secrets.set(line.name, line.value);
    } else if (line.kind === 'conversation') this.conversations.set(line.conversation.id, line.conversation);
    else if (line.kind === 'started') {
      const c = this.conversations.get(line.conversationId);
      if (c) c.startedAt = line.at;
    } else {
      const held = this.activities.get(line.conversationId) ?? { first: line.watermark, list: [] };
      held.list.push(line.activity);
      if (held.list.length > KEPT_PER_CONVERSATION) {
        held.list.shift();
        held.first++;
      }
      this.activities.set(line.conversationId, held);
    }
  }

  private async write(line: Line): Promise<void> {
    this.apply(line);
    this.lines.append(line);
    await this.lines.flush();
  }

  async open(conversation: Omit<DirectLineConversation, 'startedAt'>): Promise<DirectLineConversation> {
    const existing = this.conversations.get(conversation.id);
    if (existing) return existing;
    await this.write({ kind: 'conversation', conversation: { ...conversation } });
    return this.conversations.get(conversation.id)!;
  }

  async get(conversationId: string): Promise<DirectLineConversation | undefined> {
    return this.conversations.get(conversationId);
  }

  async markStarted(conversationId: string, at: string): Promise<boolean> {
    const c = this.conversations.get(conversationId);
    if (!c || c.startedAt) return false;
    await this.write({ kind: 'started', conversationId, at });
    return true;
  }

  async append(conversationId: string, activity: DirectLineActivity): Promise<{ id: string; watermark: number }> {
    const held = this.activities.get(conversationId);
    const watermark = held ? held.first + held.list.length : 1;
    const id = directLineActivityId(conversationId, watermark);
    await this.write({ kind: 'activity', conversationId, watermark, activity: { ...activity, id } });
    return { id, watermark };
  }

  async since(conversationId: string, watermark: number): Promise<DirectLineActivitySet> {
    const held = this.activities.get(conversationId);
    if (!held) return { activities: [], watermark: Math.max(watermark, 0) };
    const last = held.first + held.list.length - 1;
    const from = Math.max(watermark + 1, held.first);
    const activities = held.list.slice(from - held.first, from - held.first + DIRECT_LINE_PAGE);
    return { activities, watermark: activities.length ? from + activities.length - 1 : Math.max(Math.min(watermark, last), 0) };
  }

  async putUpload(upload: DirectLineUpload): Promise<void> {
    await mkdir(this.uploadDir, { recursive: true });
    const file = path.join(this.uploadDir, upload.id);
    await writeFile(`${file}.tmp`, upload.bytes);
    await rename(`${file}.tmp`, file);
    await this.write({ kind: 'upload', id: upload.id, conversationId: upload.conversationId, contentType: upload.contentType, name: upload.name, file: upload.id });
  }

  async getUpload(id: string): Promise<DirectLineUpload | undefined> {
    const meta = this.uploads.get(id);
    if (!meta) return undefined;
    const bytes = await readFile(path.join(this.uploadDir, meta.file)).catch(() => undefined);
    return bytes ? { id, conversationId: meta.conversationId, contentType: meta.contentType, name: meta.name, bytes } : undefined;
  }

  async secret(name: string, fresh: string): Promise<string> {
    if (!this.secrets.has(name)) await this.write({ kind: 'secret', name, value: fresh });
    return this.secrets.get(name)!;
  }

  close(): Promise<void> {
    return this.lines.close();
  }
}

/** The file itself. */
class LinesFile extends JsonLinesLog<Line> {
  static async open(file: string): Promise<LinesFile> {
    return new LinesFile(file, await JsonLinesLog.openStream(file));
  }
}
