import { stat } from 'node:fs/promises';
import { loadCorpus } from '../../recognizers/corpus.js';
import { isShipped, readShippedModel, SHIPPED_MODEL_FILE, shippedBytes, trainModel } from '../../recognizers/intentModel.js';
import { NodeNlpClassifier, TRAINING } from '../../recognizers/nodeNlpClassifier.js';
import { num, out, table } from './report.js';

/** How often the bench says which epoch it is on, as `npm run train` does. */
const PROGRESS_EVERY_MS = 5000;

/**
 * What a newcomer waits for and what `npm run train` costs: loading the shipped model (all that
 * `npm ci && npm start` does about the classifier), then training it from scratch as
 * `npm run train` does (the train split's model, then the whole corpus's), in memory: the shipped
 * file is not touched.
 */
export async function runTrainBench(): Promise<void> {
  const loadStart = performance.now();
  const shipped = await readShippedModel();
  const classifier = shipped && NodeNlpClassifier.fromJSON(shipped.classifier);
  const loadMs = performance.now() - loadStart;
  const corpus = await loadCorpus();
  const started = performance.now();
  let last = started;
  const epochs: Record<string, number> = {};
  const progress = ({ trainedOn, epoch }: { trainedOn: string; epoch?: number }): void => {
    if (epoch === undefined) return;
    epochs[trainedOn] = epoch;
    if (performance.now() - last >= PROGRESS_EVERY_MS) {
      last = performance.now();
      out(`  ${trainedOn}: epoch ${epoch}, ${num((last - started) / 1000, 0)} s`);
    }
  };
  const split = trainModel(corpus, 'train split', undefined, progress);
  const whole = trainModel(corpus, 'whole corpus', split.model, progress);
  const total = performance.now() - started;
  const bytes = await shippedBytes(whole.model);
  table(
    ['measure', 'value'],
    [
      ['loading the shipped model (what npm start does; npm ci trains nothing)', classifier ? `${num(loadMs, 0)} ms` : 'no shipped model'],
      ['shipped model file', `${num((await stat(SHIPPED_MODEL_FILE).then((s) => s.size, () => 0)) / 2 ** 20, 2)} MiB`],
      [`npm run train: train split (${split.model.trainCount} lines, ${epochs['train split']} epochs of at most ${TRAINING.iterations})`, `${num(split.trainMs / 1000, 1)} s`],
      [`  whole corpus (${whole.model.trainCount} lines, ${epochs['whole corpus']} epochs)`, `${num(whole.trainMs / 1000, 1)} s`],
      ['  whole run: corpus, both trainings, calibration', `${num(total / 1000, 1)} s`],
      ['validation accuracy (train split model, with rejection)', `${num(split.model.validationAccuracy * 100, 1)}%`],
      ['the training reproduces the shipped file', shipped && (await isShipped(bytes)) ? 'yes' : 'no (run npm run train)'],
    ],
  );
}

