import { describe, expect, it } from 'vitest';
import { calibrate, CONFIDENT_PRECISION, decide, WRONG_INTENT_COST, type Calibration } from '../../recognizers/calibration.js';
import type { LabeledUtterance } from '../../recognizers/corpus.js';
import { evaluate, type Prediction } from '../../recognizers/evaluation.js';
import type { IntentId } from '../../data/intents.js';
import type { ScoredIntent } from '../../recognizers/nodeNlpClassifier.js';

/** A score list, best first, from `[intent, score]` pairs. */
const scores = (...pairs: [IntentId, number][]): ScoredIntent[] => pairs.map(([intent, score]) => ({ intent, score }));

describe('decide', () => {
  // Binary fractions, so "exactly at" is exact.
  const c: Calibration = { noneBoost: 1, rejectBelow: 0.375, minMargin: 0.125, confidentAbove: 0.75 };

  it.each<[string, ScoredIntent[], { intent: IntentId; score: number }]>([
    ['a clear winner is accepted', scores(['task.cancel_order', 0.7], ['task.return_refund', 0.2]), { intent: 'task.cancel_order', score: 0.7 }],
    ['exactly at the threshold and margin is accepted', scores(['task.cancel_order', 0.375], ['task.return_refund', 0.25]), { intent: 'task.cancel_order', score: 0.375 }],
    ['the only score is accepted when above the threshold', scores(['chitchat.thanks', 0.45]), { intent: 'chitchat.thanks', score: 0.45 }],
    ['below the threshold is rejected, with 1 - top as the score of none', scores(['task.cancel_order', 0.25], ['task.return_refund', 0.125]), { intent: 'none', score: 0.75 }],
    ['too close to the second is rejected', scores(['task.cancel_order', 0.5], ['task.return_refund', 0.4375]), { intent: 'none', score: 0.5 }],
    ['a confident none keeps its own score', scores(['none', 0.875], ['chitchat.fun', 0.0625]), { intent: 'none', score: 0.875 }],
    ['a rejected none keeps its own score too', scores(['none', 0.25], ['chitchat.fun', 0.2]), { intent: 'none', score: 0.25 }],
    ['no scores at all is none for sure', [], { intent: 'none', score: 1 }],
  ])('%s', (_name, scored, expected) => {
    expect(decide(scored, c)).toEqual(expected);
  });

  it('thresholds of 0 reject nothing: the top intent wins even at a tie', () => {
    expect(decide(scores(['task.exchange', 0.25], ['task.return_refund', 0.25]), { noneBoost: 1, rejectBelow: 0, minMargin: 0, confidentAbove: 1 })).toEqual({
      intent: 'task.exchange',
      score: 0.25,
    });
  });
});

describe('decide with an evidence threshold', () => {
  const c: Calibration = { noneBoost: 1, minEvidence: 0.25, rejectBelow: 0, minMargin: 0, confidentAbove: 1 };
  const only = (raw: number): ScoredIntent[] => [{ intent: 'chitchat.bot_identity', score: 1, raw }];

  it('one intent barely firing scores 1 once normalized, yet says too little: none', () => {
    expect(decide(only(0.125), c)).toEqual({ intent: 'none', score: 0 });
  });

  it('at or above the threshold it is accepted', () => {
    expect(decide(only(0.25), c)).toEqual({ intent: 'chitchat.bot_identity', score: 1 });
  });

  it('scores without raw outputs (older callers) are judged without it', () => {
    expect(decide(scores(['task.exchange', 0.75]), c)).toEqual({ intent: 'task.exchange', score: 0.75 });
  });

  it('calibration picks the threshold that costs least: out-of-scope lines with little evidence, in-scope ones with much', () => {
    const line = (intent: IntentId, top: IntentId, raw: number) => ({ utterance: { text: '', locale: 'en-US' as const, intent }, scored: [{ intent: top, score: 1, raw }] });
    const validation = [...Array.from({ length: 6 }, () => line('none', 'chitchat.fun', 0.1)), ...Array.from({ length: 6 }, () => line('chitchat.fun', 'chitchat.fun', 0.6))];
    const calibration = calibrate(validation);
    expect(calibration.minEvidence).toBeGreaterThan(0.1);
    expect(calibration.minEvidence).toBeLessThanOrEqual(0.6);
    expect(validation.every((v) => decide(v.scored, calibration).intent === v.utterance.intent)).toBe(true);
  });
});

describe('decide with none boosted', () => {
  const c: Calibration = { noneBoost: 1.5, rejectBelow: 0, minMargin: 0, confidentAbove: 1 };

  it.each<[string, ScoredIntent[], { intent: IntentId; score: number }]>([
    ['none second but within the boost wins, with its own score', scores(['task.exchange', 0.4], ['none', 0.3], ['task.return_refund', 0.3]), { intent: 'none', score: 0.3 }],
    ['none further behind does not', scores(['task.exchange', 0.5], ['none', 0.3], ['task.return_refund', 0.2]), { intent: 'task.exchange', score: 0.5 }],
    ['without none among the scores, nothing changes', scores(['task.exchange', 0.5], ['task.return_refund', 0.4]), { intent: 'task.exchange', score: 0.5 }],
  ])('%s', (_name, scored, expected) => {
    expect(decide(scored, c)).toEqual(expected);
  });

  it('the margin is taken to the boosted none', () => {
    // exchange 0.5 against none 0.3 × 1.5 = 0.45: a margin of 0.05, under 0.125.
    expect(decide(scores(['task.exchange', 0.5], ['none', 0.3], ['task.return_refund', 0.2]), { ...c, minMargin: 0.125 }).intent).toBe('none');
  });
});

/** A validation line whose text is its index, so the set can hold many alike. */
function line(intent: IntentId, scored: ScoredIntent[], i: number): { utterance: LabeledUtterance; scored: ScoredIntent[] } {
  return { utterance: { text: `u${i}`, locale: i % 2 ? 'zh-CN' : 'en-US', intent }, scored };
}

describe('calibrate', () => {
  // Right answers score 0.6–0.9 with a margin of 0.3 or more; gibberish (labeled none) scores its top
  // guess 0.4 with an even larger margin (0.35), so no margin can reject it without rejecting right
  // answers: only a reject threshold above 0.4 and at most 0.6 can. The grid's first such value is 0.42.
  const confidentRight = [0.9, 0.88, 0.86, 0.84, 0.82].map((s, i) => line('task.cancel_order', scores(['task.cancel_order', s], ['task.return_refund', s - 0.5]), i));
  const wrongGuess = line('task.return_refund', scores(['task.cancel_order', 0.7], ['task.return_refund', 0.3]), 10); // accepted, wrong
  const lowRight = [0.65, 0.6].map((s, i) => line('question.refund_time', scores(['question.refund_time', s], ['question.shipping', s - 0.3]), 20 + i));
  const gibberish = [0, 1, 2, 3].map((i) => line('none', scores(['chitchat.fun', 0.4], ['chitchat.off_topic', 0.05]), 30 + i));
  const validation = [...confidentRight, wrongGuess, ...lowRight, ...gibberish];

  it('picks the lowest reject threshold that gives the best accuracy, and no margin', () => {
    const c = calibrate(validation);
    expect(c.rejectBelow).toBeCloseTo(0.42, 10);
    expect(c.minMargin).toBe(0);
    expect(c.noneBoost).toBe(1); // none never scores here: boosting it changes nothing
    const accuracy = (cal: Calibration) => validation.filter((v) => decide(v.scored, cal).intent === v.utterance.intent).length;
    expect(accuracy(c)).toBe(validation.length - 1); // all but the wrong guess, which no threshold can fix
    expect(accuracy({ ...c, rejectBelow: 0 })).toBe(validation.length - 1 - gibberish.length); // without it, the gibberish is acted on
  });

  // Best first the accepted answers run 5 right (0.9–0.82), the wrong guess (0.7), 2 right: the running
  // precision is 1 down to 0.82, then 5/6, 6/7, 7/8, so any target above 7/8 puts the band at 0.82.
  it('sets the confident band where its answers reach the precision target, and no lower', () => {
    expect(CONFIDENT_PRECISION).toBeGreaterThan(7 / 8);
    const c = calibrate(validation);
    expect(c.confidentAbove).toBeCloseTo(0.82, 10);
    const band = (threshold: number) => {
      const accepted = validation.map((v) => ({ v, d: decide(v.scored, c) })).filter(({ d }) => d.intent !== 'none' && d.score >= threshold);
      return accepted.filter(({ v, d }) => d.intent === v.utterance.intent).length / accepted.length;
    };
    expect(band(c.confidentAbove)).toBeGreaterThanOrEqual(CONFIDENT_PRECISION);
    expect(band(0.7)).toBeLessThan(CONFIDENT_PRECISION); // the next lower score takes in the wrong guess
  });

  it('finds a margin when only a margin separates right from wrong', () => {
    // Ambiguous lines (label none) score higher than the right ones, but between two intents.
    const right = [0.45, 0.5].map((s, i) => line('task.exchange', scores(['task.exchange', s], ['task.return_refund', s - 0.3]), i));
    const ambiguous = [0, 1, 2].map((i) => line('none', scores(['task.exchange', 0.5], ['task.return_refund', 0.45]), 10 + i));
    const c = calibrate([...right, ...ambiguous]);
    expect(c.rejectBelow).toBe(0);
    expect(c.minMargin).toBeCloseTo(0.06, 10); // the first grid value above the ambiguous margin of 0.05
  });

  it('boosts none as far as a wrong intent costs more than a wrong none', () => {
    // 4 out-of-scope lines score none 0.35 behind a guess at 0.45 (boost ≥ 1.3 turns them to none);
    // 3 right answers score 0.45 with none 0.3 behind (boost ≥ 1.5 turns them to none, wrongly).
    const outOfScope = [0, 1, 2, 3].map((i) => line('none', scores(['chitchat.fun', 0.45], ['none', 0.35], ['chitchat.mood', 0.2]), i));
    const inScope = [0, 1, 2].map((i) => line('chitchat.fun', scores(['chitchat.fun', 0.45], ['none', 0.3], ['chitchat.mood', 0.25]), 10 + i));
    const c = calibrate([...outOfScope, ...inScope]);
    expect(c.noneBoost).toBeCloseTo(1.3, 10);
    const wrong = [...outOfScope, ...inScope].filter((v) => decide(v.scored, c).intent !== v.utterance.intent);
    expect(wrong).toHaveLength(0);
    // Boosted only where it saves more than it costs: 4 alike lines at 0.45 vs none 0.35, 1 right and
    // 3 none, are worth 1 wrong none rather than 3 wrong intents; 3 right and 1 none the other way.
    expect(WRONG_INTENT_COST).toBeGreaterThanOrEqual(1);
    expect(WRONG_INTENT_COST).toBeLessThan(3);
    const mixed = [0, 1, 2, 3].map((i) => line(i === 0 ? 'chitchat.fun' : 'none', scores(['chitchat.fun', 0.45], ['none', 0.35]), 20 + i));
    expect(calibrate(mixed).noneBoost).toBeGreaterThan(1);
    const costly = [0, 1, 2, 3].map((i) => line(i < 3 ? 'chitchat.fun' : 'none', scores(['chitchat.fun', 0.45], ['none', 0.35]), 30 + i));
    expect(calibrate(costly).noneBoost).toBe(1); // 3 right answers are worth more than 1 wrong intent
  });

  it('never puts the confident band below the reject threshold', () => {
    const c = calibrate(validation);
    expect(c.confidentAbove).toBeGreaterThanOrEqual(c.rejectBelow);
  });

  it('with nothing to learn from, rejects nothing and is confident about nothing', () => {
    expect(calibrate([])).toEqual({ noneBoost: 1, minEvidence: 0, rejectBelow: 0, minMargin: 0, confidentAbove: 1 });
  });
});

describe('evaluate', () => {
  const p = (text: string, locale: LabeledUtterance['locale'], intent: IntentId, predicted: IntentId): Prediction => ({ utterance: { text, locale, intent }, predicted });
  // Worked by hand:
  //   cancel_order: predicted 2 (both right), expected 3 → P 1, R 2/3, F1 0.8
  //   return_refund: predicted 3 (2 right), expected 2 → P 2/3, R 1, F1 0.8
  //   refund_time: never predicted, expected 1 → 0, 0, 0
  //   none: predicted once, never expected → in the table with support 0, left out of macro-F1
  //   accuracy 4/6; macro-F1 (0.8 + 0.8 + 0) / 3
  const predictions = [
    p('取消订单', 'zh-CN', 'task.cancel_order', 'task.cancel_order'),
    p('不想要了', 'zh-CN', 'task.cancel_order', 'task.return_refund'),
    p('我要退货', 'zh-CN', 'task.return_refund', 'task.return_refund'),
    p('I want to return this', 'en-US', 'task.return_refund', 'task.return_refund'),
    p('how long does a refund take', 'en-US', 'question.refund_time', 'none'),
    p('cancel my order', 'en-US', 'task.cancel_order', 'task.cancel_order'),
  ];

  it('gives accuracy, macro-F1 and the per-intent table', () => {
    const report = evaluate(predictions);
    expect(report.count).toBe(6);
    expect(report.accuracy).toBe(0.6667);
    expect(report.macroF1).toBe(0.5333);
    expect(report.byIntent).toEqual({
      'task.cancel_order': { precision: 1, recall: 0.6667, f1: 0.8, support: 3 },
      'task.return_refund': { precision: 0.6667, recall: 1, f1: 0.8, support: 2 },
      'question.refund_time': { precision: 0, recall: 0, f1: 0, support: 1 },
      none: { precision: 0, recall: 0, f1: 0, support: 0 },
    });
  });

  it('gives the same figures per locale, each over its own lines', () => {
    // zh: cancel_order P 1 R 1/2 F1 2/3; return_refund P 1/2 R 1 F1 2/3.
    // en: return_refund 1; refund_time 0; cancel_order 1; none left out → (1 + 0 + 1) / 3.
    expect(evaluate(predictions).byLocale).toEqual({
      'zh-CN': { accuracy: 0.6667, macroF1: 0.6667, count: 3 },
      'en-US': { accuracy: 0.6667, macroF1: 0.6667, count: 3 },
    });
  });

  it('lists the confusions, most frequent first, with examples', () => {
    const more = [...predictions, p('不要了', 'zh-CN', 'task.cancel_order', 'task.return_refund')];
    expect(evaluate(more).confusions).toEqual([
      { expected: 'task.cancel_order', predicted: 'task.return_refund', count: 2, examples: ['不想要了', '不要了'] },
      { expected: 'question.refund_time', predicted: 'none', count: 1, examples: ['how long does a refund take'] },
    ]);
    expect(evaluate(more, 1).confusions).toHaveLength(1);
  });

  it('all right is 1 everywhere', () => {
    const report = evaluate([p('谢谢', 'zh-CN', 'chitchat.thanks', 'chitchat.thanks'), p('bye', 'en-US', 'chitchat.goodbye', 'chitchat.goodbye')]);
    expect(report).toMatchObject({ accuracy: 1, macroF1: 1, count: 2, confusions: [] });
  });
});
