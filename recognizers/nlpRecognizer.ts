import type { Locale } from '../data/shopSchema.js';
import { decide } from './calibration.js';
import { findEntities } from './entities.js';
import type { IntentRecognizer, RecognitionResult } from './intentRecognizer.js';
import type { IntentModel } from './intentModel.js';
import { kindOf } from '../data/intents.js';

/** How many alternatives a result carries (and the most "did you mean" buttons a buyer sees). */
export const ALTERNATIVES = 3;

/**
 * The desk's recognizer: the trained node-nlp classifier with its calibrated rejection, plus the
 * entities of the message. One model for both languages, so a code-switched message ("我的 order
 * 怎么还没 ship") is understood in full; the locale reported is the one the turn chose.
 */
export class NlpRecognizer implements IntentRecognizer {
  constructor(private readonly model: IntentModel) {}

  async recognize(text: string, locale: Locale, now: Date = new Date()): Promise<RecognitionResult> {
    return this.recognizeSync(text, locale, now);
  }

  /** The same, synchronously (for evaluation and benchmarks). */
  recognizeSync(text: string, locale: Locale, now: Date = new Date()): RecognitionResult {
    const { calibration, classifier } = this.model;
    const scored = classifier.classify(text);
    const decision = decide(scored, calibration);
    const round = (n: number): number => Math.round(n * 1e4) / 1e4;
    const confidence = decision.intent === 'none' ? 'none' : decision.score >= calibration.confidentAbove ? 'confident' : 'unsure';
    return {
      kind: kindOf(decision.intent),
      intent: decision.intent,
      score: round(decision.score),
      alternatives: scored.slice(0, ALTERNATIVES).map((s) => ({ intent: s.intent, score: round(s.score) })),
      locale,
      entities: findEntities(text, locale, now),
      confidence,
    };
  }
}
