import { runCli } from '../bot/cli.js';
import { loadConfig } from '../bot/config.js';
import { loadOrTrainModel } from './intentModel.js';

/**
 * `npm run train` (also run by `npm ci`, as `prepare`): trains the intent model for the current
 * corpus into MODEL_DIR, unless it is there already, so the first `npm start` does not wait for it.
 */
async function main(): Promise<void> {
  const model = await loadOrTrainModel(loadConfig().MODEL_DIR);
  const what = model.trained ? `trained in ${(model.trainMs / 1000).toFixed(1)} s` : 'already trained for this corpus';
  process.stdout.write(`Intent model ${what}: ${model.file} (validation accuracy ${(model.validationAccuracy * 100).toFixed(1)}%)\n`);
}

runCli(main);
