import path from 'node:path';
import { runCli } from '../../bot/cli.js';
import { loadConfig } from '../../bot/config.js';
import { loadCorpus } from '../../recognizers/corpus.js';
import { cacheModel, isShipped, modelKey, readShippedModel, SHIPPED_MODEL_FILE, shippedBytes, trainModel, writeShippedModel, type TrainedOn } from '../../recognizers/intentModel.js';
import type { TrainingProgress } from '../../recognizers/nodeNlpClassifier.js';

/** How often training says where it is: a silent minute looks like a hang. */
const PROGRESS_EVERY_MS = 3000;

const pct = (n: number): string => `${(n * 100).toFixed(1)}%`;

/** Prints a training's start and then its epoch every few seconds. */
function reporter(started: number): (p: { trainCount: number; trainedOn: TrainedOn } & Partial<TrainingProgress>) => void {
  let lastReport = performance.now();
  return ({ trainCount, trainedOn, epoch, maxEpochs, error }) => {
    const now = performance.now();
    if (epoch === undefined) {
      process.stdout.write(`Training the intent model on the ${trainedOn} (${trainCount} lines)…\n`);
    } else if (now - lastReport >= PROGRESS_EVERY_MS) {
      lastReport = now;
      process.stdout.write(`  epoch ${epoch} (at most ${maxEpochs}), error ${error!.toExponential(2)}, ${((now - started) / 1000).toFixed(0)} s\n`);
    }
  };
}

/**
 * `npm run train [-- --check | --force]`: the shipped intent model (`recognizers/model/`), which
 * `npm ci && npm start` loads instead of training.
 * - no option: when the shipped model is not the current corpus's (the corpus, features or
 *   training changed), trains it (the train split's model for the calibration and the figures,
 *   then the whole corpus's) and writes it, to be committed with the change;
 * - `--force`: trains and writes it even when it is current;
 * - `--check` (CI): trains it from scratch and fails unless the shipped file is exactly what the
 *   training gives, so the committed model is always the current corpus's and reproducible.
 */
async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const force = argv.includes('--force');
  if (argv.some((a) => a !== '--check' && a !== '--force')) {
    process.stderr.write('usage: npm run train [-- --check | --force]\n');
    return 2;
  }
  const started = performance.now();
  const corpus = await loadCorpus();
  const shipped = await readShippedModel();
  const current = shipped?.key === modelKey(corpus.hash);
  const where = path.relative(process.cwd(), SHIPPED_MODEL_FILE);
  if (current && !check && !force) {
    process.stdout.write(`The shipped intent model is the current corpus's: ${where} (validation accuracy ${pct(shipped!.validationAccuracy)}). --force trains it again.\n`);
    return 0;
  }
  const progress = reporter(started);
  const split = trainModel(corpus, 'train split', undefined, progress);
  process.stdout.write(`  train split: ${(split.trainMs / 1000).toFixed(1)} s, validation accuracy ${pct(split.model.validationAccuracy)}\n`);
  // Cached for npm run eval:nlu -- --validation and the tests, which judge this model on the validation split.
  await cacheModel(loadConfig().MODEL_DIR, split.model, corpus.hash);
  const whole = trainModel(corpus, 'whole corpus', split.model, progress);
  process.stdout.write(`  whole corpus: ${(whole.trainMs / 1000).toFixed(1)} s\n`);
  const bytes = await shippedBytes(whole.model);
  if (check) {
    if (await isShipped(bytes)) {
      process.stdout.write(`The shipped intent model is reproduced exactly by training (${((performance.now() - started) / 1000).toFixed(0)} s).\n`);
      return 0;
    }
    process.stderr.write(
      `${where} is not what training the current corpus gives (${!shipped ? 'missing or unreadable' : current ? 'same key, other weights' : 'trained on another corpus, features or settings'}): run npm run train and commit it.\n`,
    );
    return 1;
  }
  await writeShippedModel(bytes);
  process.stdout.write(
    `Wrote ${where} (${(bytes.length / 2 ** 20).toFixed(1)} MiB) in ${((performance.now() - started) / 1000).toFixed(0)} s; validation accuracy ${pct(whole.model.validationAccuracy)}. Commit it with the corpus.\n`,
  );
  return 0;
}

runCli(main);
