import { runCli } from '../bot/cli.js';
import { loadConfig } from '../bot/config.js';
import { loadOrTrainModel } from './intentModel.js';

/** How often training says where it is: a silent minute looks like a hang. */
const PROGRESS_EVERY_MS = 3000;

/**
 * `npm run train` (also run by `npm ci`, as `prepare`): trains the intent model for the current
 * corpus into MODEL_DIR, unless it is there already, so the first `npm start` does not wait for it.
 * While it trains it prints the epoch every few seconds.
 */
async function main(): Promise<void> {
  const started = performance.now();
  let lastReport = started;
  const model = await loadOrTrainModel(loadConfig().MODEL_DIR, {
    progress: ({ trainCount, epoch, maxEpochs, error }) => {
      const now = performance.now();
      if (epoch === undefined) {
        process.stdout.write(`Training the intent model on ${trainCount} lines (no cached model for this corpus)…\n`);
      } else if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        process.stdout.write(`  epoch ${epoch} (at most ${maxEpochs}), error ${error!.toExponential(2)}, ${((now - started) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  const what = model.trained ? `trained in ${(model.trainMs / 1000).toFixed(1)} s` : 'already trained for this corpus';
  process.stdout.write(`Intent model ${what}: ${model.file} (validation accuracy ${(model.validationAccuracy * 100).toFixed(1)}%)\n`);
}

runCli(main);
