/**
 * The small part of node-nlp the desk uses (it ships no types): the neural network of
 * `nodeNlpClassifier.ts`, the English stemmer of `features.ts` and the NLU pipeline
 * `compareTokenizationCli.ts` measures against, nothing more.
 */
declare module 'node-nlp' {
  /** Feature → weight (1 for present); the perceptrons' input. */
  export type FeatureVector = Record<string, number>;

  export interface NeuralNetworkSettings {
    iterations?: number;
    errorThresh?: number;
    deltaErrorThresh?: number;
    learningRate?: number;
    momentum?: number;
    alpha?: number;
    log?: boolean | ((status: TrainingStatus, ms: number) => void);
  }

  export interface TrainingStatus {
    error: number;
    deltaError: number;
    iterations: number;
  }

  export interface NeuralNetworkJson {
    settings: NeuralNetworkSettings;
    features?: string[];
    intents?: string[];
    perceptrons?: number[][];
  }

  /** One leaky-ReLU perceptron per intent over sparse features (the classifier of node-nlp's NLU). */
  export class NeuralNetwork {
    constructor(settings?: NeuralNetworkSettings);
    train(corpus: { input: FeatureVector; output: Record<string, number> }[]): TrainingStatus;
    run(input: FeatureVector): Record<string, number> | undefined;
    toJSON(): NeuralNetworkJson;
    fromJSON(json: NeuralNetworkJson): void;
  }

  /** A language's stemmer, as node-nlp picks it by locale. */
  export interface Stemmer {
    stemWord(word: string): string;
  }

  /** node-nlp's per-language helpers. */
  export const NlpUtil: {
    getStemmer(locale: string): Stemmer;
  };

  export interface NlpManagerSettings {
    languages: string[];
    autoSave?: boolean;
    autoLoad?: boolean;
    modelFileName?: string;
    nlu?: { log?: boolean; useNoneFeature?: boolean };
    ner?: { builtins?: string[] };
  }

  export interface NlpProcessResult {
    locale: string;
    intent: string;
    score: number;
    classifications: { intent: string; score: number }[];
  }

  /** node-nlp's whole pipeline, used only as the baseline the desk's tokenization is compared with. */
  export class NlpManager {
    constructor(settings: NlpManagerSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<void>;
    process(locale: string, utterance: string): Promise<NlpProcessResult>;
  }
}
