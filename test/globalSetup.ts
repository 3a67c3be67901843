import { loadConfig } from '../bot/config.js';
import { loadOrTrainModel } from '../recognizers/intentModel.js';

/**
 * Trains the intent model once before any test file runs (or finds it cached), so the desks that
 * test files start in parallel load it instead of each training their own.
 */
export default async function setup(): Promise<void> {
  await loadOrTrainModel(loadConfig({}).MODEL_DIR);
}
