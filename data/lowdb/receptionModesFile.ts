import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AtomicJsonFile } from './atomicJsonFile.js';
import type { ReceptionModes, ReceptionSetting } from '../receptionModes.js';

/** The lines' reception modes in one small JSON file beside the store, rewritten atomically (a manager changes them now and then). */
export class ReceptionModesFile implements ReceptionModes {
  private readonly file: AtomicJsonFile<{ lines: Record<string, ReceptionSetting> }>;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.file = new AtomicJsonFile(path);
  }

  async list(): Promise<ReceptionSetting[]> {
    return Object.values((await this.file.read())?.lines ?? {});
  }

  put(setting: ReceptionSetting): Promise<void> {
    const next = this.writing.then(async () => {
      const doc = (await this.file.read()) ?? { lines: {} };
      doc.lines[setting.line] = setting;
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
