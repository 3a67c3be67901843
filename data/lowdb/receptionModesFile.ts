import { KeyedJsonFile } from './keyedJsonFile.js';
import type { ReceptionModes, ReceptionSetting } from '../receptionModes.js';

/** The lines' reception modes in one JSON file beside the store (a manager changes them now and then). */
export class ReceptionModesFile implements ReceptionModes {
  private readonly file: KeyedJsonFile<ReceptionSetting>;

  constructor(path: string) {
    this.file = new KeyedJsonFile(path, 'lines');
  }

  list(): Promise<ReceptionSetting[]> {
    return this.file.list();
  }

  put(setting: ReceptionSetting): Promise<void> {
    return this.file.put(setting.line, setting);
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
