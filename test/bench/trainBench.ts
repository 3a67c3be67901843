import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrTrainModel } from '../../recognizers/intentModel.js';
import { TRAINING } from '../../recognizers/nodeNlpClassifier.js';
import { num, out, table } from './report.js';

/** How often the bench says which epoch it is on, as `npm run train` does. */
const PROGRESS_EVERY_MS = 5000;

/**
 * What `npm ci` waits for: training the intent model from scratch on the current corpus (into a
 * temporary model directory, so the cached model is untouched), then loading what it wrote.
 */
export async function runTrainBench(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-train-bench-'));
  try {
    const started = performance.now();
    let last = started;
    let epochs = 0;
    const trained = await loadOrTrainModel(dir, {
      progress: ({ epoch }) => {
        if (epoch === undefined) return;
        epochs = epoch;
        if (performance.now() - last >= PROGRESS_EVERY_MS) {
          last = performance.now();
          out(`  epoch ${epoch}, ${num((last - started) / 1000, 0)} s`);
        }
      },
    });
    const total = performance.now() - started;
    const loaded = await loadOrTrainModel(dir);
    table(
      ['measure', 'value'],
      [
        ['training (train split, node-nlp network)', `${num(trained.trainMs / 1000, 1)} s`],
        [`epochs (at most ${TRAINING.iterations})`, String(epochs)],
        ['whole run: corpus, training, calibration, writing the model', `${num(total / 1000, 1)} s`],
        ['model file', `${num((await stat(trained.file)).size / 2 ** 20, 1)} MiB`],
        ['loading it back (the next start)', `${num(loaded.loadMs, 0)} ms`],
        ['validation accuracy (with rejection)', `${num(trained.validationAccuracy * 100, 1)}%`],
      ],
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
