import { NeuralNetwork, type NeuralNetworkJson, type NeuralNetworkSettings } from 'node-nlp';
import type { LabeledUtterance } from './corpus.js';
import { featureVector } from './features.js';
import { isIntentId, type IntentId } from './intents.js';

/** One intent with its normalized score (all scores of a message sum to 1). */
export interface ScoredIntent {
  intent: IntentId;
  score: number;
}

/**
 * Training settings of node-nlp's network. Against its defaults, a lower learning rate (0.3, not
 * 0.6) trained until the error stops moving (delta 1e-7, not 1e-6) gains ~3 points of validation
 * accuracy in Chinese and ~2 in English, for twice the training time (measured with `npm run
 * bench -- nlu`); the iteration cap only bounds a pathological corpus.
 */
export const TRAINING: Readonly<NeuralNetworkSettings> = Object.freeze({
  iterations: 2000,
  errorThresh: 0.00005,
  deltaErrorThresh: 0.0000001,
  learningRate: 0.3,
  momentum: 0.5,
  alpha: 0.07,
  log: false,
});

/** Serialized model: node-nlp's network plus the feature version it was trained with. */
export interface ClassifierJson {
  featureVersion: number;
  network: NeuralNetworkJson;
}

/** Bump when `featuresOf` changes meaning: a model trained on other features must not be loaded. */
export const FEATURE_VERSION = 3;

/**
 * The intent classifier: node-nlp's neural network (one perceptron per intent) over the desk's
 * own features (`features.ts`). The only file that touches node-nlp's classifier.
 */
export class NodeNlpClassifier {
  private constructor(private readonly network: NeuralNetwork) {}

  /** Trains on labeled utterances (both languages in one model, so code-switched text is understood). */
  static train(examples: readonly LabeledUtterance[], settings: NeuralNetworkSettings = TRAINING): NodeNlpClassifier {
    if (examples.length === 0) throw new Error('NodeNlpClassifier.train(): no examples');
    const network = new NeuralNetwork({ ...settings });
    network.train(examples.map((e) => ({ input: featureVector(e.text), output: { [e.intent]: 1 } })));
    return new NodeNlpClassifier(network);
  }

  /** Loads a model saved with `toJSON`; throws when it was trained with other features. */
  static fromJSON(json: ClassifierJson): NodeNlpClassifier {
    if (json.featureVersion !== FEATURE_VERSION) {
      throw new Error(`NodeNlpClassifier.fromJSON(): model has feature version ${json.featureVersion}, expected ${FEATURE_VERSION}`);
    }
    const network = new NeuralNetwork();
    network.fromJSON(json.network);
    return new NodeNlpClassifier(network);
  }

  toJSON(): ClassifierJson {
    return { featureVersion: FEATURE_VERSION, network: this.network.toJSON() };
  }

  /**
   * Every intent's score for a message, best first. Scores are node-nlp's perceptron outputs
   * squared and normalized (as its NLU does); a message with no known feature scores all zero.
   */
  classify(text: string): ScoredIntent[] {
    const raw = this.network.run(featureVector(text)) ?? {};
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
