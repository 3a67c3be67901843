import { NeuralNetwork, type NeuralNetworkJson, type NeuralNetworkSettings } from 'node-nlp';
import type { LabeledUtterance } from './corpus.js';
import { featuresOf } from './features.js';
import { isIntentId, type IntentId } from '../data/intents.js';

/** One intent with its normalized score (all scores of a message sum to 1, or all are 0). */
export interface ScoredIntent {
  intent: IntentId;
  score: number;
  /**
   * The intent's perceptron output before normalizing (trained towards 1 for its lines, 0 for the
   * others): how much the message says for it at all. Normalized scores hide it: a message of
   * words the corpus never had can leave one perceptron barely firing and score it 1.
   */
  raw?: number;
}

/**
 * Length of the input vector the network sees (the features are scaled from unit length to it).
 * node-nlp's perceptrons output 0.07 × (w·x + b), so with unit-length inputs the weights must grow
 * to ~50 one small step at a time: ~1,000 epochs (9 to 26 minutes on a 2-core machine). At length
 * 4 every step moves the output 16 times as far and validation accuracy levels off by epoch ~70;
 * at 8 the perceptrons overshoot into the ReLU's dead zone and half the messages score zero
 * everywhere (measured on the validation split, scratch runs of 40-150 epochs).
 */
export const INPUT_LENGTH = 4;

/**
 * Training settings of node-nlp's network: its own stopping rule (the error moves less than 1e-6
 * between epochs, reached at epoch ~80 with `INPUT_LENGTH`) and a learning rate of 0.15 (at 0.3
 * it stops sooner but ~1 point lower on the validation split, at 0.6 it oscillates); the
 * iteration cap only bounds a pathological corpus.
 */
export const TRAINING: Readonly<NeuralNetworkSettings> = Object.freeze({
  iterations: 150,
  errorThresh: 0.00005,
  deltaErrorThresh: 0.000001,
  learningRate: 0.15,
  momentum: 0.5,
  alpha: 0.07,
  log: false,
});

/** Where a training run is, reported once an epoch. */
export interface TrainingProgress {
  epoch: number;
  maxEpochs: number;
  /** Mean squared error of the epoch (node-nlp's). */
  error: number;
}

/** Bump when `featuresOf` or the input's weighting changes meaning: a model trained on other features must not be loaded. */
export const FEATURE_VERSION = 8;

/** Serialized model: node-nlp's network, the features' inverse document frequencies, and the feature version it was trained with. */
export interface ClassifierJson {
  featureVersion: number;
  /** Inverse document frequency of each of `network.features`, in its order (rounded). */
  idf: number[];
  /** What a feature no training line had weighs (`UNSEEN_IDF_SHARE` of the largest idf). */
  unseenIdf: number;
  network: NeuralNetworkJson;
}

/**
 * Seed of the order the lines are trained in. node-nlp's network trains each perceptron over the
 * lines in the order given, with momentum; in the corpus's order (one intent's lines, then the
 * next's) a perceptron sees all its positives in one run and forgets them over the rest.
 * Shuffled once with a fixed seed, so the same corpus trains the same model: validation
 * 0.859 → 0.872, CLINC150 in-scope 0.847 → 0.893 (scratch runs on the validation split).
 */
const SHUFFLE_SEED = 20261206;

/** The lines in a fixed pseudo-random order (Fisher-Yates over a linear congruential generator). */
function shuffled<T>(items: readonly T[], seed = SHUFFLE_SEED): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Rounds a weight or an idf for the saved model, so a model loaded from JSON scores exactly as the
 * one trained: node-nlp keeps float32 weights, which JSON writes with ~18 digits; at 4 decimals
 * the shipped model is ~2 MB gzipped instead of ~4, and no score moves by more than ~1e-4.
 */
const roundForJson = (v: number): number => Math.round(v * 1e4) / 1e4;

/** The class tokens of numbers (`features.ts`), and the marks that may come with them. */
const NUMBER_TOKENS: ReadonlySet<string> = new Set(['#order', '#phone', '#num', '?', '!']);

/**
 * What a feature no training line had weighs, as a share of the largest idf. Unseen features
 * count in the input's length, so a message of words the desk never saw scores low everywhere and
 * says too little for any intent (calibration's `minEvidence`); at the full idf a product's name
 * ("where are the berries") outweighed the request's own words, left out entirely none recall
 * fell; at half, validation 0.883 and CLINC150 in-scope 0.920 (scratch runs on the validation split).
 */
const UNSEEN_IDF_SHARE = 0.5;

/**
 * Each feature's inverse document frequency over the training lines, `ln((N+1)/(df+1)) + 1`:
 * a character or word that half the corpus has ("的", "my") says little; "发票" says much.
 * The network sees features times their idf (validation 0.872 → 0.880, Bitext 0.889 → 0.905,
 * CLINC150 none recall 0.707 → 0.730 with in-scope 0.903).
 */
function inverseDocumentFrequencies(lines: readonly string[]): { idf: Map<string, number>; unseen: number } {
  const df = new Map<string, number>();
  for (const text of lines) for (const f of featuresOf(text).keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const n = lines.length;
  const idf = new Map<string, number>();
  for (const [f, d] of df) idf.set(f, roundForJson(Math.log((n + 1) / (d + 1)) + 1));
  return { idf, unseen: roundForJson(UNSEEN_IDF_SHARE * (Math.log(n + 1) + 1)) };
}

/**
 * The features of a message at the network's input length: each feature's weight times its idf,
 * scaled to `INPUT_LENGTH` (this runs on every turn).
 */
function networkInput(text: string, idf: ReadonlyMap<string, number>, unseen: number): Record<string, number> {
  const input: Record<string, number> = {};
  let norm = 0;
  for (const [f, w] of featuresOf(text)) {
    const v = w * (idf.get(f) ?? unseen);
    input[f] = v;
    norm += v * v;
  }
  const scale = INPUT_LENGTH / (Math.sqrt(norm) || 1);
  for (const f in input) input[f]! *= scale;
  return input;
}

/**
 * The intent classifier: node-nlp's neural network (one leaky-ReLU perceptron per intent, the
 * classifier of node-nlp's NLU) over the desk's own features (`features.ts`). The only file that
 * touches node-nlp's classifier.
 */
export class NodeNlpClassifier {
  private constructor(
    private readonly network: NeuralNetwork,
    private readonly idf: ReadonlyMap<string, number>,
    private readonly unseenIdf: number,
    /** The intents the network was trained on (all scored 0 for a message of numbers only). */
    private readonly intents: readonly string[] = [],
  ) {}

  /** Trains on labeled utterances (both languages in one model, so code-switched text is understood). */
  static train(examples: readonly LabeledUtterance[], settings: Readonly<NeuralNetworkSettings> = TRAINING, progress?: (p: TrainingProgress) => void): NodeNlpClassifier {
    if (examples.length === 0) throw new Error('NodeNlpClassifier.train(): no examples');
    const maxEpochs = settings.iterations ?? TRAINING.iterations!;
    const log = progress ? (s: { iterations: number; error: number }): void => progress({ epoch: s.iterations, maxEpochs, error: s.error }) : false;
    const { idf, unseen } = inverseDocumentFrequencies(examples.map((e) => e.text));
    const network = new NeuralNetwork({ ...settings, log });
    network.train(shuffled(examples).map((e) => ({ input: networkInput(e.text, idf, unseen), output: { [e.intent]: 1 } })));
    // Through JSON once, so the trained classifier scores exactly as the saved one will (weights rounded).
    return NodeNlpClassifier.fromJSON(new NodeNlpClassifier(network, idf, unseen).toJSON());
  }

  /** Loads a model saved with `toJSON`; throws when it was trained with other features. */
  static fromJSON(json: ClassifierJson): NodeNlpClassifier {
    if (json.featureVersion !== FEATURE_VERSION) {
      throw new Error(`NodeNlpClassifier.fromJSON(): model has feature version ${json.featureVersion}, expected ${FEATURE_VERSION}`);
    }
    if ((json.network.intents ?? []).some((i) => !isIntentId(i))) throw new Error('NodeNlpClassifier.fromJSON(): model has intents the desk does not know');
    const features = json.network.features ?? [];
    if (json.idf.length !== features.length) throw new Error('NodeNlpClassifier.fromJSON(): idf and features differ in length');
    const network = new NeuralNetwork();
    network.fromJSON(json.network);
    return new NodeNlpClassifier(network, new Map(features.map((f, i) => [f, json.idf[i]!])), json.unseenIdf, json.network.intents ?? []);
  }

  toJSON(): ClassifierJson {
    // node-nlp saves only settings that differ from its defaults; `log` must not be a function.
    const json = this.network.toJSON();
    const { log: _log, ...settings } = json.settings;
    const idf = (json.features ?? []).map((f) => this.idf.get(f) ?? this.unseenIdf);
    const perceptrons = json.perceptrons?.map((weights) => weights.map(roundForJson));
    return { featureVersion: FEATURE_VERSION, idf, unseenIdf: this.unseenIdf, network: { ...json, settings, ...(perceptrons && { perceptrons }) } };
  }

  /**
   * Every intent's score for a message, best first. Scores are node-nlp's perceptron outputs
   * squared and normalized (as its NLU does); a message with no known feature scores all zero.
   */
  classify(text: string): ScoredIntent[] {
    const input = networkInput(text, this.idf, this.unseenIdf);
    // Only numbers ("20260412112906", "+1 617 555 0142"): no words to ask for anything with. The
    // answer to a question, or an order pointed at; never a task the network reads into a number.
    const raw: Record<string, number> = Object.keys(input).every((f) => NUMBER_TOKENS.has(f))
      ? Object.fromEntries(this.intents.map((i) => [i, 0]))
      : (this.network.run(input) ?? {});
    let total = 0;
    const scored: ScoredIntent[] = [];
    for (const [intent, value] of Object.entries(raw)) {
      if (!isIntentId(intent)) continue;
      const score = value * value;
      total += score;
      scored.push({ intent, score, raw: value });
    }
    if (total > 0) for (const s of scored) s.score /= total;
    return scored.sort((a, b) => b.score - a.score);
  }
}
