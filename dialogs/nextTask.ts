import type { TaskOptions } from './taskDialog.js';

/** A task's result that asks the main dialog to go on with another task (a cancel that became a return). */
export interface NextTask {
  startTask: TaskOptions;
}

/** True when a dialog result asks for another task. */
export function isNextTask(result: unknown): result is NextTask {
  const r = result as Partial<NextTask> | null | undefined;
  return !!r && typeof r.startTask === 'object' && r.startTask !== null && typeof r.startTask.intent === 'string';
}
