import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtomicJsonFile } from './atomicJsonFile.js';

/**
 * A few records by key in one small JSON file beside the store (`{ <field>: { key: record } }`),
 * rewritten atomically on each change, one change after the other: for what people decide now and
 * then (managers' reviews of mined replies, lines' reception modes), never for what grows per turn.
 */
export class KeyedJsonFile<T> {
  private readonly file: AtomicJsonFile<Record<string, Record<string, T>>>;
  private writing: Promise<unknown> = Promise.resolve();

  /** `field`: the name the records are kept under in the file. */
  constructor(
    path: string,
    private readonly field: string,
  ) {
    this.file = new AtomicJsonFile(path);
  }

  async list(): Promise<T[]> {
    return Object.values((await this.file.read())?.[this.field] ?? {});
  }

  /** Stores `record` under `key` (replacing an earlier one); resolves once written. */
  put(key: string, record: T): Promise<void> {
    const next = this.writing.then(async () => {
      const doc = (await this.file.read()) ?? {};
      doc[this.field] = { ...(doc[this.field] ?? {}), [key]: record };
      await mkdir(dirname(this.file.file), { recursive: true });
      await this.file.write(doc);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.writing;
  }
}
