import { loadConfig } from '../bot/config.js';
import { loadOrTrainModel } from '../recognizers/intentModel.js';

/**
 * Makes the intent models ready once before any test file runs, so the desks that test files start
 * in parallel load them instead of each training their own: the one the desk serves (shipped, or
 * trained for a changed corpus) and the train split's, whose accuracy on the validation split the
 * recognizer's tests check (trained on a fresh clone, then cached in MODEL_DIR).
 */
export default async function setup(): Promise<void> {
  const modelDir = loadConfig({}).MODEL_DIR;
  await loadOrTrainModel(modelDir);
  await loadOrTrainModel(modelDir, { trainedOn: 'train split' });
}
