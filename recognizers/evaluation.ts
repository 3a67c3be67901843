import type { Locale } from '../data/shopSchema.js';
import type { LabeledUtterance } from './corpus.js';
import type { IntentId } from '../data/intents.js';

/** Precision, recall and F1 of one intent, with how many lines carry it. */
export interface IntentMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** The figures `npm run eval:nlu -- --json` prints (the shape of `interfaces.md`). */
export interface EvaluationReport {
  accuracy: number;
  macroF1: number;
  count: number;
  byLocale: Partial<Record<Locale, { accuracy: number; macroF1: number; count: number }>>;
  byIntent: Partial<Record<IntentId, IntentMetrics>>;
  confusions: { expected: IntentId; predicted: IntentId; count: number; examples: string[] }[];
}

/** One labeled line with what the classifier said. */
export interface Prediction {
  utterance: LabeledUtterance;
  predicted: IntentId;
}

const round = (n: number): number => Math.round(n * 1e4) / 1e4;

function perIntent(predictions: readonly Prediction[]): Partial<Record<IntentId, IntentMetrics>> {
  const intents = new Set<IntentId>();
  for (const p of predictions) intents.add(p.utterance.intent).add(p.predicted);
  const out: Partial<Record<IntentId, IntentMetrics>> = {};
  for (const intent of [...intents].sort()) {
    const tp = predictions.filter((p) => p.predicted === intent && p.utterance.intent === intent).length;
    const predicted = predictions.filter((p) => p.predicted === intent).length;
    const support = predictions.filter((p) => p.utterance.intent === intent).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    out[intent] = { precision: round(precision), recall: round(recall), f1: round(f1), support };
  }
  return out;
}

/** Macro-F1 over the intents that occur in the labels (an intent never expected does not count). */
function macroF1(byIntent: Partial<Record<IntentId, IntentMetrics>>): number {
  const present = Object.values(byIntent).filter((m) => m.support > 0);
  return round(present.reduce((s, m) => s + m.f1, 0) / Math.max(1, present.length));
}

function summary(predictions: readonly Prediction[]): { accuracy: number; macroF1: number; count: number } {
  const right = predictions.filter((p) => p.predicted === p.utterance.intent).length;
  return { accuracy: round(right / Math.max(1, predictions.length)), macroF1: macroF1(perIntent(predictions)), count: predictions.length };
}

/** Accuracy and macro-F1 overall and per locale, the per-intent table, and the worst confusions. */
export function evaluate(predictions: readonly Prediction[], maxConfusions = 15): EvaluationReport {
  const byLocale: EvaluationReport['byLocale'] = {};
  for (const locale of new Set(predictions.map((p) => p.utterance.locale))) {
    byLocale[locale] = summary(predictions.filter((p) => p.utterance.locale === locale));
  }
  const pairs = new Map<string, { expected: IntentId; predicted: IntentId; count: number; examples: string[] }>();
  for (const p of predictions) {
    if (p.predicted === p.utterance.intent) continue;
    const key = `${p.utterance.intent}>${p.predicted}`;
    const pair = pairs.get(key) ?? { expected: p.utterance.intent, predicted: p.predicted, count: 0, examples: [] };
    pair.count++;
    if (pair.examples.length < 3) pair.examples.push(p.utterance.text);
    pairs.set(key, pair);
  }
  return {
    ...summary(predictions),
    byLocale,
    byIntent: perIntent(predictions),
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count).slice(0, maxConfusions),
  };
}
