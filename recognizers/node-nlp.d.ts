/**
 * The small part of node-nlp the desk uses (it ships no types): the English stemmer of
 * `features.ts` and the NLU pipeline `compareTokenizationCli.ts` measures against, nothing more.
 */
declare module 'node-nlp' {
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
