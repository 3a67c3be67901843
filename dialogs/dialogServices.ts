import type { DeskState } from '../bot/deskState.js';
import type { PhoneGuessLimiter } from '../bot/phoneGuesses.js';
import type { OrderActions } from '../desk/orders/orderActions.js';
import type { Repositories } from '../data/repositories/index.js';
import type { EventLog } from '../data/deskStore.js';
import type { IntentRecognizer } from '../recognizers/intentRecognizer.js';

/** What the dialogs need from the desk, passed through constructors (tests pass their own). */
export interface DialogServices {
  repos: Repositories;
  recognizer: IntentRecognizer;
  state: DeskState;
  now: () => Date;
  /** The only way a dialog changes an order: compare-and-set, with history. */
  actions: OrderActions;
  /** Handovers and answer feedback are recorded here. */
  events: EventLog;
  /** How many phone numbers guests may still try, per sender and overall. */
  guesses: PhoneGuessLimiter;
}
