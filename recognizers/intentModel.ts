import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { CONFIDENT_PRECISION, calibrate, decide, WRONG_INTENT_COST, type Calibration } from './calibration.js';
import { CORPUS_DIR, loadCorpus, type LabeledUtterance, type SplitCorpus } from './corpus.js';
import { FEATURE_VERSION, INPUT_LENGTH, NodeNlpClassifier, TRAINING, type ClassifierJson, type TrainingProgress } from './nodeNlpClassifier.js';

/**
 * The model that ships with the desk, committed beside the corpus: trained by `npm run train` on
 * the whole corpus, so `npm ci && npm start` loads it instead of training. `npm test` checks it is
 * the model of the current corpus; CI retrains it and checks the result is byte for byte the same.
 */
export const SHIPPED_MODEL_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'model', 'intent-model.json.gz');

/**
 * What a model was trained on: the train split (its validation figures are honest, and
 * `npm run eval:nlu -- --validation` reads them), or the whole corpus (what the desk serves: a
 * fifth more lines, with the calibration and validation figures of the train split's model).
 * Trained on 60% instead of 80% of the corpus the validation split lost 2.1 points, so the last
 * fifth is worth about one.
 */
export type TrainedOn = 'train split' | 'whole corpus';

/** A trained, calibrated model as saved in the model directory or shipped. */
export interface ModelFile {
  key: string;
  trainedOn: TrainedOn;
  trainCount: number;
  validationCount: number;
  /** Accuracy with rejection on the validation split, of the model trained on the train split. */
  validationAccuracy: number;
  calibration: Calibration;
  classifier: ClassifierJson;
}

/** Models of earlier corpora are megabytes each and never used again: keep only the current ones. */
async function removeOtherModels(modelDir: string, keep: readonly string[]): Promise<void> {
  const names = await readdir(modelDir).catch(() => [] as string[]);
  const stale = names.filter((n) => /^intent-model-[0-9a-f]+\.json$/.test(n) && !keep.includes(path.join(modelDir, n)));
  await Promise.all(stale.map((n) => unlink(path.join(modelDir, n)).catch(() => undefined)));
}

/** A model ready to classify, and where it came from. */
export interface IntentModel {
  classifier: NodeNlpClassifier;
  calibration: Calibration;
  file: string;
  trainedOn: TrainedOn;
  /** True when this call trained it; false when it was loaded (shipped or cached). */
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
  /** The corpus to train on (default: the project's, whose whole-corpus model is shipped). */
  corpusDir?: string;
  /** Which model (default: the whole corpus's, the one the desk serves). */
  trainedOn?: TrainedOn;
  /** Where the shipped model is looked for (default `SHIPPED_MODEL_FILE`; only for the project's corpus). */
  shippedFile?: string;
  /** Told when a training starts (with its number of lines) and after every epoch; not called when the model is loaded. */
  progress?: (p: { trainCount: number; trainedOn: TrainedOn } & Partial<TrainingProgress>) => void;
}

/** The key of a corpus's model: the corpus, what it was trained on, the features, the training settings, the calibration's targets. */
export function modelKey(corpusHash: string, trainedOn: TrainedOn = 'whole corpus'): string {
  return createHash('sha256')
    .update(corpusHash)
    .update(trainedOn)
    .update(String(FEATURE_VERSION))
    .update(String(INPUT_LENGTH))
    .update(JSON.stringify(TRAINING))
    .update(String(CONFIDENT_PRECISION))
    .update(String(WRONG_INTENT_COST))
    .digest('hex')
    .slice(0, 20);
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The shipped model's bytes: its JSON, gzipped (the same model always gives the same bytes). */
export async function shippedBytes(model: ModelFile): Promise<Buffer> {
  return gzipAsync(JSON.stringify(model), { level: 9 });
}

/** Writes a file whole or not at all (a temporary file renamed over it): a parallel start reads the old model or the new one, never half. */
async function replaceFile(file: string, data: string | Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

/** Writes the shipped model's bytes (`shippedBytes`). */
export async function writeShippedModel(bytes: Buffer, file = SHIPPED_MODEL_FILE): Promise<void> {
  await replaceFile(file, bytes);
}

/** Whether the shipped file is exactly these bytes (`shippedBytes` of a model just trained). */
export async function isShipped(bytes: Buffer, file = SHIPPED_MODEL_FILE): Promise<boolean> {
  return (await readFile(file).catch(() => undefined))?.equals(bytes) ?? false;
}

/** Reads a shipped model, or undefined when there is none or it cannot be read. */
export async function readShippedModel(file = SHIPPED_MODEL_FILE): Promise<ModelFile | undefined> {
  try {
    return JSON.parse((await gunzipAsync(await readFile(file))).toString('utf8')) as ModelFile;
  } catch {
    return undefined;
  }
}

/** What `trainModel` returns: the model file and how long its training took. */
export interface TrainedModel {
  model: ModelFile;
  trainMs: number;
}

/**
 * Trains a corpus's model: on the train split, calibrated (and measured) on the validation split;
 * or on the whole corpus with the calibration and figures of `splitModel` (the train split's).
 */
export function trainModel(
  corpus: SplitCorpus,
  trainedOn: TrainedOn,
  splitModel?: ModelFile,
  progress?: (p: { trainCount: number; trainedOn: TrainedOn } & Partial<TrainingProgress>) => void,
): TrainedModel {
  const lines = trainedOn === 'train split' ? corpus.train : [...corpus.train, ...corpus.validation];
  if (trainedOn === 'whole corpus' && !splitModel) throw new Error('trainModel(): the whole corpus model needs the train split model for its calibration');
  const started = performance.now();
  progress?.({ trainCount: lines.length, trainedOn });
  const classifier = NodeNlpClassifier.train(lines, TRAINING, progress && ((p) => progress({ trainCount: lines.length, trainedOn, ...p })));
  const trainMs = performance.now() - started;
  let { calibration, validationAccuracy } = splitModel ?? { calibration: undefined, validationAccuracy: 0 };
  if (trainedOn === 'train split') {
    const scored = corpus.validation.map((utterance) => ({ utterance, scored: classifier.classify(utterance.text) }));
    calibration = calibrate(scored);
    validationAccuracy = scored.filter((v) => decide(v.scored, calibration!).intent === v.utterance.intent).length / Math.max(1, scored.length);
  }
  return {
    model: {
      key: modelKey(corpus.hash, trainedOn),
      trainedOn,
      trainCount: lines.length,
      validationCount: corpus.validation.length,
      validationAccuracy,
      calibration: calibration!,
      classifier: classifier.toJSON(),
    },
    trainMs,
  };
}

function ready(model: ModelFile, file: string, trained: boolean, trainMs: number, started: number): IntentModel {
  return {
    classifier: NodeNlpClassifier.fromJSON(model.classifier),
    calibration: model.calibration,
    file,
    trainedOn: model.trainedOn,
    trained,
    trainMs,
    loadMs: trained ? 0 : performance.now() - started,
    validationAccuracy: model.validationAccuracy,
  };
}

/**
 * The model for the current corpus: the shipped one when it is this corpus's (the project's corpus,
 * whole), else the one cached in `modelDir`, else trained now and cached there (the whole corpus's
 * model trains the train split's first, for its calibration, and caches both). The file names
 * carry the model's key, so an unchanged corpus is never retrained and a changed one never served
 * a stale model. Nothing is written into the working directory.
 */
export async function loadOrTrainModel(modelDir: string, options: LoadOrTrainOptions = {}): Promise<IntentModel> {
  const started = performance.now();
  const found = await loadOrTrainFile(modelDir, options.trainedOn ?? 'whole corpus', options);
  return ready(found.model, found.file, found.trainMs !== undefined, found.trainMs ?? 0, started);
}

/** `loadOrTrainModel`'s search, giving the model file itself (and `trainMs` when this call trained it). */
async function loadOrTrainFile(modelDir: string, trainedOn: TrainedOn, options: LoadOrTrainOptions): Promise<{ model: ModelFile; file: string; trainMs?: number }> {
  const corpus = await loadCorpus(options.corpusDir);
  const key = modelKey(corpus.hash, trainedOn);
  const projectCorpus = options.corpusDir === undefined || path.resolve(options.corpusDir) === CORPUS_DIR;
  if (trainedOn === 'whole corpus' && projectCorpus) {
    const shippedFile = options.shippedFile ?? SHIPPED_MODEL_FILE;
    const shipped = await readShippedModel(shippedFile);
    if (shipped?.key === key) return { model: shipped, file: shippedFile };
  }
  const file = path.join(modelDir, `intent-model-${key}.json`);
  const cached = await readFile(file, 'utf8').then((t) => JSON.parse(t) as ModelFile, () => undefined);
  if (cached?.key === key) return { model: cached, file };

  const split = trainedOn === 'whole corpus' ? await loadOrTrainFile(modelDir, 'train split', options) : undefined;
  const { model, trainMs } = trainModel(corpus, trainedOn, split?.model, options.progress);
  await cacheModel(modelDir, model, corpus.hash);
  return { model, file, trainMs };
}

/**
 * Saves a trained model in the model directory, where `loadOrTrainModel` finds it, and removes
 * the models of other corpora (the train split's and the whole corpus's of this one stay).
 */
export async function cacheModel(modelDir: string, model: ModelFile, corpusHash: string): Promise<string> {
  const file = path.join(modelDir, `intent-model-${model.key}.json`);
  await replaceFile(file, JSON.stringify(model));
  const keep = (['train split', 'whole corpus'] as const).map((on) => path.join(modelDir, `intent-model-${modelKey(corpusHash, on)}.json`));
  await removeOtherModels(modelDir, keep);
  return file;
}
