import type { DeskState } from '../bot/deskState.js';
import type { Repositories } from '../data/repositories/index.js';
import type { IntentRecognizer } from '../recognizers/intentRecognizer.js';

/** What the dialogs need from the desk, passed through constructors (tests pass their own). */
export interface DialogServices {
  repos: Repositories;
  recognizer: IntentRecognizer;
  state: DeskState;
  now: () => Date;
}
