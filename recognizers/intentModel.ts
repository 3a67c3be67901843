import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIDENT_PRECISION, calibrate, decide, WRONG_INTENT_COST, type Calibration } from './calibration.js';
import { loadCorpus, type LabeledUtterance } from './corpus.js';
import { FEATURE_VERSION, INPUT_LENGTH, NodeNlpClassifier, TRAINING, type ClassifierJson, type TrainingProgress } from './nodeNlpClassifier.js';

/** A trained, calibrated model as saved in the model directory. */
interface ModelFile {
  key: string;
  trainedAt: string;
  trainMs: number;
  trainCount: number;
  validationCount: number;
  validationAccuracy: number;
  calibration: Calibration;
  classifier: ClassifierJson;
}

/** Models of earlier corpora are ~10 MB each and never used again: keep only the current one. */
async function removeOtherModels(modelDir: string, keep: string): Promise<void> {
  const names = await readdir(modelDir).catch(() => [] as string[]);
  const stale = names.filter((n) => /^intent-model-[0-9a-f]+\.json$/.test(n) && path.join(modelDir, n) !== keep);
  await Promise.all(stale.map((n) => unlink(path.join(modelDir, n)).catch(() => undefined)));
}

/** A model ready to classify, and where it came from. */
export interface IntentModel {
  classifier: NodeNlpClassifier;
  calibration: Calibration;
  file: string;
  /** True when this call trained it; false when it was loaded from the cache. */
  trained: boolean;
  trainMs: number;
  loadMs: number;
  validationAccuracy: number;
}

/** Accuracy of a classifier + calibration on labeled utterances. */
export function accuracyOn(classifier: NodeNlpClassifier, calibration: Calibration, data: readonly LabeledUtterance[]): number {
  const right = data.filter((u) => decide(classifier.classify(u.text), calibration).intent === u.intent).length;
  return right / Math.max(1, data.length);
}

/** What `loadOrTrainModel` may be told besides the model directory. */
export interface LoadOrTrainOptions {
  /** The corpus to train on (default: the project's). */
  corpusDir?: string;
  /** Told when training starts (with the number of training lines) and after every epoch; not called when the model is cached. */
  progress?: (p: { trainCount: number } & Partial<TrainingProgress>) => void;
}

/** The cache key of a corpus's model: the corpus, the features, the training settings, the calibration's targets. */
export function modelKey(corpusHash: string): string {
  return createHash('sha256')
    .update(corpusHash)
    .update(String(FEATURE_VERSION))
    .update(String(INPUT_LENGTH))
    .update(JSON.stringify(TRAINING))
    .update(String(CONFIDENT_PRECISION))
    .update(String(WRONG_INTENT_COST))
    .digest('hex')
    .slice(0, 20);
}

/**
 * Loads the model for the current corpus from `modelDir`, or trains it (on the training split),
 * calibrates it (on the validation split) and saves it there. The file name carries a hash of the
 * corpus, the features, the training settings and the calibration target, so an unchanged corpus is never retrained and a
 * changed one never served a stale model. Nothing is written into the working directory.
 */
export async function loadOrTrainModel(modelDir: string, options: LoadOrTrainOptions = {}): Promise<IntentModel> {
  const started = performance.now();
  const corpus = await loadCorpus(options.corpusDir);
  const key = modelKey(corpus.hash);
  const file = path.join(modelDir, `intent-model-${key}.json`);
  const cached = await readFile(file, 'utf8').then((t) => JSON.parse(t) as ModelFile, () => undefined);
  if (cached?.key === key) {
    return {
      classifier: NodeNlpClassifier.fromJSON(cached.classifier),
      calibration: cached.calibration,
      file,
      trained: false,
      trainMs: cached.trainMs,
      loadMs: performance.now() - started,
      validationAccuracy: cached.validationAccuracy,
    };
  }
  const trainStart = performance.now();
  const { progress } = options;
  progress?.({ trainCount: corpus.train.length });
  const classifier = NodeNlpClassifier.train(corpus.train, TRAINING, progress && ((p) => progress({ trainCount: corpus.train.length, ...p })));
  const trainMs = performance.now() - trainStart;
  const scored = corpus.validation.map((utterance) => ({ utterance, scored: classifier.classify(utterance.text) }));
  const calibration = calibrate(scored);
  const validationAccuracy = scored.filter((v) => decide(v.scored, calibration).intent === v.utterance.intent).length / Math.max(1, scored.length);
  const model: ModelFile = {
    key,
    trainedAt: new Date().toISOString(),
    trainMs,
    trainCount: corpus.train.length,
    validationCount: corpus.validation.length,
    validationAccuracy,
    calibration,
    classifier: classifier.toJSON(),
  };
  await mkdir(modelDir, { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(model));
  await rename(temp, file); // atomic: a parallel start reads the old state or the whole model, never half
  await removeOtherModels(modelDir, file);
  return { classifier, calibration, file, trained: true, trainMs, loadMs: performance.now() - started, validationAccuracy };
}
