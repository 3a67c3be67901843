import { watch } from 'node:fs';
import path from 'node:path';

/**
 * Counts the store's atomic writes from outside, by the uniquely numbered temporary file each one
 * creates beside the store file; `stop()` resolves with the count.
 */
export function watchWrites(file: string): { stop: () => Promise<number> } {
  const temps = new Set<string>();
  const prefix = `.${path.basename(file)}.`;
  const watcher = watch(path.dirname(file), (_event, name) => {
    if (name?.startsWith(prefix) && name.endsWith('.tmp')) temps.add(name);
  });
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the last events arrive
      watcher.close();
      return temps.size;
    },
  };
}
