import { describe, expect, it } from 'vitest';
import { openingVerbDecides } from '../../dialogs/turnRecognition.js';
import type { RecognitionResult } from '../../recognizers/intentRecognizer.js';
import { kindOf, type IntentId } from '../../data/intents.js';

/** A recognition as the classifier gives it: the top intent and its alternatives, best first. */
const read = (...alternatives: [IntentId, number][]): RecognitionResult => ({
  kind: kindOf(alternatives[0]![0]),
  intent: alternatives[0]![0],
  score: alternatives[0]![1],
  alternatives: alternatives.map(([intent, score]) => ({ intent, score })),
  locale: 'en-US',
  entities: [],
  confidence: 'confident',
});

describe('a message that opens with a task verb asks for that task', () => {
  it.each<[string, RecognitionResult, IntentId]>([
    ['cancel the sweater i didnt pay for', read(['question.payment', 0.41], ['task.cancel_order', 0.38], ['none', 0.1]), 'task.cancel_order'],
    ['pls cancel the lamp, never paid', read(['question.payment', 0.5], ['task.cancel_order', 0.3]), 'task.cancel_order'],
    ['取消那个没付款的台灯', read(['question.payment', 0.45], ['task.cancel_order', 0.4]), 'task.cancel_order'],
    ['return the chinos, the coupon did not apply', read(['question.coupon', 0.5], ['task.return_refund', 0.4]), 'task.return_refund'],
    ['swap the shoes for a 42, it was on sale', read(['question.price_protection', 0.5], ['task.exchange', 0.3]), 'task.exchange'],
  ])('"%s": the verb decides between close readings', (text, result, intent) => {
    const decided = openingVerbDecides(text, result);
    expect(decided.intent).toBe(intent);
    expect(decided.kind).toBe('task');
  });

  it.each<[string, RecognitionResult]>([
    ['cancel my netflix subscription', read(['none', 0.8], ['task.cancel_order', 0.15])], // far behind: the classifier stands
    ['return policy for sale items?', read(['question.return_policy', 0.55], ['task.return_refund', 0.4])], // the policy itself
    ['where is my order, cancel it if late', read(['task.track_logistics', 0.6], ['task.cancel_order', 0.4])], // does not open with the verb
    ['cancellation fees?', read(['question.payment', 0.5], ['task.cancel_order', 0.45])], // "cancellation" is not the verb
  ])('"%s": the classifier\'s reading stands', (text, result) => {
    expect(openingVerbDecides(text, result)).toEqual(result);
  });
});
