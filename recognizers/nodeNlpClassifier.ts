import { NeuralNetwork, type NeuralNetworkJson, type NeuralNetworkSettings } from 'node-nlp';
import type { LabeledUtterance } from './corpus.js';
import { featuresOf } from './features.js';
import { isIntentId, type IntentId } from './intents.js';

/** One intent with its normalized score (all scores of a message sum to 1, or all are 0). */
export interface ScoredIntent {
  intent: IntentId;
  score: number;
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

/** Bump when `featuresOf` changes meaning: a model trained on other features must not be loaded. */
export const FEATURE_VERSION = 7;

/** Serialized model: node-nlp's network plus the feature version it was trained with. */
export interface ClassifierJson {
  featureVersion: number;
  network: NeuralNetworkJson;
}

/**
 * The features of a message at the network's input length: `featureVector`'s unit-length vector
 * times `INPUT_LENGTH`, read straight from `featuresOf` (this runs on every turn).
 */
function networkInput(text: string): Record<string, number> {
  const features = featuresOf(text);
  let norm = 0;
  for (const w of features.values()) norm += w * w;
  const scale = INPUT_LENGTH / (Math.sqrt(norm) || 1);
  const input: Record<string, number> = {};
  for (const [f, w] of features) input[f] = w * scale;
  return input;
}

/**
 * The intent classifier: node-nlp's neural network (one leaky-ReLU perceptron per intent, the
 * classifier of node-nlp's NLU) over the desk's own features (`features.ts`). The only file that
 * touches node-nlp's classifier.
 */
export class NodeNlpClassifier {
  private constructor(private readonly network: NeuralNetwork) {}

  /** Trains on labeled utterances (both languages in one model, so code-switched text is understood). */
  static train(examples: readonly LabeledUtterance[], settings: Readonly<NeuralNetworkSettings> = TRAINING, progress?: (p: TrainingProgress) => void): NodeNlpClassifier {
    if (examples.length === 0) throw new Error('NodeNlpClassifier.train(): no examples');
    const maxEpochs = settings.iterations ?? TRAINING.iterations!;
    const log = progress ? (s: { iterations: number; error: number }): void => progress({ epoch: s.iterations, maxEpochs, error: s.error }) : false;
    const network = new NeuralNetwork({ ...settings, log });
    network.train(examples.map((e) => ({ input: networkInput(e.text), output: { [e.intent]: 1 } })));
    return new NodeNlpClassifier(network);
  }

  /** Loads a model saved with `toJSON`; throws when it was trained with other features. */
  static fromJSON(json: ClassifierJson): NodeNlpClassifier {
    if (json.featureVersion !== FEATURE_VERSION) {
      throw new Error(`NodeNlpClassifier.fromJSON(): model has feature version ${json.featureVersion}, expected ${FEATURE_VERSION}`);
    }
    if ((json.network.intents ?? []).some((i) => !isIntentId(i))) throw new Error('NodeNlpClassifier.fromJSON(): model has intents the desk does not know');
    const network = new NeuralNetwork();
    network.fromJSON(json.network);
    return new NodeNlpClassifier(network);
  }

  toJSON(): ClassifierJson {
    // node-nlp saves only settings that differ from its defaults; `log` must not be a function.
    const json = this.network.toJSON();
    const { log: _log, ...settings } = json.settings;
    return { featureVersion: FEATURE_VERSION, network: { ...json, settings } };
  }

  /**
   * Every intent's score for a message, best first. Scores are node-nlp's perceptron outputs
   * squared and normalized (as its NLU does); a message with no known feature scores all zero.
   */
  classify(text: string): ScoredIntent[] {
    const raw = this.network.run(networkInput(text)) ?? {};
    let total = 0;
    const scored: ScoredIntent[] = [];
    for (const [intent, value] of Object.entries(raw)) {
      if (!isIntentId(intent)) continue;
      const score = value * value;
      total += score;
      scored.push({ intent, score });
    }
    if (total > 0) for (const s of scored) s.score /= total;
    return scored.sort((a, b) => b.score - a.score);
  }
}
