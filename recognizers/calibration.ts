import type { LabeledUtterance } from './corpus.js';
import type { IntentId } from '../data/intents.js';
import type { ScoredIntent } from './nodeNlpClassifier.js';

/**
 * The thresholds that turn scores into a decision, tuned on the validation split only:
 * - `none`'s score counts `noneBoost` times when the intents are ranked (the classifier learns
 *   `none` from few kinds of text, so it underrates it on text unlike all of them);
 * - when the top intent's own perceptron output (`raw`) is below `minEvidence`, the message says
 *   too little for any intent and is `none` (CLINC150's out-of-scope lines mostly end here);
 * - below `rejectBelow`, or with less than `minMargin` between the top two, the message is `none`
 *   (a classifier guesses confidently on text it never saw; this is where the desk admits it);
 * - from `confidentAbove` up, the top intent is acted on; in between the buyer is asked
 *   "did you mean…" with up to three choices.
 */
export interface Calibration {
  noneBoost: number;
  /** Absent in models calibrated before it: no evidence threshold. */
  minEvidence?: number;
  rejectBelow: number;
  minMargin: number;
  confidentAbove: number;
}

/**
 * Precision the confident band must reach on validation: a wrong action costs more than a question,
 * so the desk acts alone only where it is at least as precise as AliMe's reported ~90%.
 */
export const CONFIDENT_PRECISION = 0.9;

/**
 * What a wrong intent costs against a wrong `none`, in the calibration's objective: a wrong intent
 * starts a flow the buyer must back out of, a wrong `none` asks them to rephrase. At 1 (plain
 * accuracy) the validation split wants no boost; at 1.25, when added, it picked 1.15, which cost
 * the split 0.1 point and gave CLINC150's out-of-scope recall 2.3 (in-scope −0.4); at 1.5 the
 * split loses 0.2 more for ~1.5 more. Which boost or reject threshold wins moves with the corpus.
 */
export const WRONG_INTENT_COST = 1.25;

/** The top two intents once `none`'s score is boosted (the input is best first, unboosted). */
function topTwo(scored: readonly ScoredIntent[], noneBoost: number): [ScoredIntent | undefined, ScoredIntent | undefined] {
  if (noneBoost === 1) return [scored[0], scored[1]];
  let top: ScoredIntent | undefined;
  let second: ScoredIntent | undefined;
  for (const s of scored) {
    const b = s.intent === 'none' ? { intent: s.intent, score: s.score * noneBoost } : s;
    if (!top || b.score > top.score) [top, second] = [b, top];
    else if (!second || b.score > second.score) second = b;
  }
  return [top, second];
}

/** Decides an intent from scores: the top intent (with `none` boosted), or `none` when rejected. */
export function decide(scored: readonly ScoredIntent[], c: Calibration): { intent: IntentId; score: number } {
  const [top, second] = topTwo(scored, c.noneBoost);
  if (top?.intent === 'none') return { intent: 'none', score: scored.find((s) => s.intent === 'none')!.score };
  const tooLittle = c.minEvidence !== undefined && top?.raw !== undefined && top.raw < c.minEvidence;
  if (!top || tooLittle || top.score < c.rejectBelow || top.score - (second?.score ?? 0) < c.minMargin) {
    return { intent: 'none', score: 1 - (top?.score ?? 0) };
  }
  return { intent: top.intent, score: top.score };
}

const GRID = Array.from({ length: 41 }, (_, i) => i / 50); // 0, 0.02, … 0.8
const BOOST_GRID = Array.from({ length: 31 }, (_, i) => 1 + i / 20); // 1, 1.05, … 2.5
const EVIDENCE_GRID = Array.from({ length: 11 }, (_, i) => i / 25); // 0, 0.04, … 0.4

type Validation = readonly { utterance: LabeledUtterance; scored: ScoredIntent[] }[];

/** What a calibration's mistakes on validation cost (`WRONG_INTENT_COST` each wrong intent, 1 each wrong `none`). */
function costOn(validation: Validation, c: Calibration): number {
  let cost = 0;
  for (const { utterance, scored } of validation) {
    const got = decide(scored, c).intent;
    if (got !== utterance.intent) cost += got === 'none' ? 1 : WRONG_INTENT_COST;
  }
  return cost;
}

/**
 * Tunes the thresholds on labeled validation utterances: the `none` boost, then the evidence
 * threshold, then the reject threshold and margin, that cost least (`WRONG_INTENT_COST`; ties: the lower values), then the
 * lowest confident threshold whose accepted answers are at least `CONFIDENT_PRECISION` right.
 */
export function calibrate(validation: Validation): Calibration {
  let noneBoost = 1;
  let least = Infinity;
  for (const boost of BOOST_GRID) {
    const cost = costOn(validation, { noneBoost: boost, rejectBelow: 0, minMargin: 0, confidentAbove: 1 });
    if (cost < least - 1e-9) [noneBoost, least] = [boost, cost];
  }
  let minEvidence = 0;
  least = Infinity;
  for (const evidence of EVIDENCE_GRID) {
    const cost = costOn(validation, { noneBoost, minEvidence: evidence, rejectBelow: 0, minMargin: 0, confidentAbove: 1 });
    if (cost < least - 1e-9) [minEvidence, least] = [evidence, cost];
  }
  let best = { noneBoost, minEvidence, rejectBelow: 0, minMargin: 0 };
  least = Infinity;
  for (const rejectBelow of GRID) {
    for (const minMargin of GRID) {
      const cost = costOn(validation, { noneBoost, minEvidence, rejectBelow, minMargin, confidentAbove: 1 });
      if (cost < least - 1e-9) [best, least] = [{ noneBoost, minEvidence, rejectBelow, minMargin }, cost];
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
  return { ...best, confidentAbove: Math.max(confidentAbove, best.rejectBelow) };
}
