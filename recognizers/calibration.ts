import type { LabeledUtterance } from './corpus.js';
import type { IntentId } from './intents.js';
import type { ScoredIntent } from './intentClassifier.js';

/**
 * The thresholds that turn scores into a decision, tuned on the validation split only:
 * - below `rejectBelow`, or with less than `minMargin` between the top two, the message is `none`
 *   (a classifier guesses confidently on text it never saw; this is where the desk admits it);
 * - from `confidentAbove` up, the top intent is acted on; in between the buyer is asked
 *   "did you mean…" with up to three choices.
 */
export interface Calibration {
  rejectBelow: number;
  minMargin: number;
  confidentAbove: number;
}

/**
 * Precision the confident band must reach on validation: a wrong action costs more than a question,
 * so the desk acts alone only where it is at least as precise as AliMe's reported ~90%.
 */
export const CONFIDENT_PRECISION = 0.9;

/** Decides an intent from scores: the top intent, or `none` when rejected. */
export function decide(scored: readonly ScoredIntent[], c: Calibration): { intent: IntentId; score: number } {
  const [top, second] = scored;
  if (!top || top.score < c.rejectBelow || top.score - (second?.score ?? 0) < c.minMargin) {
    return { intent: 'none', score: top && top.intent === 'none' ? top.score : 1 - (top?.score ?? 0) };
  }
  return { intent: top.intent, score: top.score };
}

const GRID = Array.from({ length: 41 }, (_, i) => i / 50); // 0, 0.02, … 0.8

/**
 * Tunes the thresholds on labeled validation utterances: the reject threshold and margin that
 * give the best accuracy (ties: the lower thresholds), then the lowest confident threshold whose
 * accepted answers are at least `CONFIDENT_PRECISION` right.
 */
export function calibrate(validation: readonly { utterance: LabeledUtterance; scored: ScoredIntent[] }[]): Calibration {
  let best = { rejectBelow: 0, minMargin: 0, accuracy: -1 };
  for (const rejectBelow of GRID) {
    for (const minMargin of GRID) {
      const right = validation.filter(({ utterance, scored }) => decide(scored, { rejectBelow, minMargin, confidentAbove: 1 }).intent === utterance.intent).length;
      const accuracy = right / Math.max(1, validation.length);
      if (accuracy > best.accuracy + 1e-9) best = { rejectBelow, minMargin, accuracy };
    }
  }
  const accepted = validation
    .map(({ utterance, scored }) => ({ expected: utterance.intent, got: decide(scored, { ...best, confidentAbove: 1 }) }))
    .filter((x) => x.got.intent !== 'none')
    .sort((a, b) => b.got.score - a.got.score);
  let confidentAbove = 1;
  let right = 0;
  accepted.forEach((x, i) => {
    if (x.got.intent === x.expected) right++;
    if (right / (i + 1) >= CONFIDENT_PRECISION) confidentAbove = Math.min(confidentAbove, x.got.score);
  });
  return { rejectBelow: best.rejectBelow, minMargin: best.minMargin, confidentAbove: Math.max(confidentAbove, best.rejectBelow) };
}
