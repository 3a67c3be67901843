import type { Locale } from '../data/shopSchema.js';
import type { Entity } from './entities.js';
import type { IntentId, IntentKind } from '../data/intents.js';

/** The recognition result of `intents.md`, as reported in the `IntentRecognition` trace. */
export interface RecognitionResult {
  kind: IntentKind;
  intent: IntentId;
  score: number;
  alternatives: { intent: IntentId; score: number }[];
  locale: Locale;
  entities: Entity[];
  /** `confident`: act on it; `unsure`: ask "did you mean" with the alternatives; `none`: nothing fits. */
  confidence: 'confident' | 'unsure' | 'none';
}

/** The one interface the dialogs know; the classifier behind it can change without them noticing. */
export interface IntentRecognizer {
  recognize(text: string, locale: Locale, now?: Date): Promise<RecognitionResult>;
}
