import { describe, expect, it } from 'vitest';
import type { LabeledUtterance } from '../../recognizers/corpus.js';
import { FEATURE_VERSION, NodeNlpClassifier, TRAINING } from '../../recognizers/nodeNlpClassifier.js';

/** A few lines per intent, enough for a small model to separate them. */
const EXAMPLES: LabeledUtterance[] = [
  { text: '我的快递到哪了', locale: 'zh-CN', intent: 'task.track_logistics' },
  { text: '物流怎么不动了', locale: 'zh-CN', intent: 'task.track_logistics' },
  { text: 'where is my package', locale: 'en-US', intent: 'task.track_logistics' },
  { text: 'tracking shows nothing since monday', locale: 'en-US', intent: 'task.track_logistics' },
  { text: '谢谢', locale: 'zh-CN', intent: 'chitchat.thanks' },
  { text: '太感谢了', locale: 'zh-CN', intent: 'chitchat.thanks' },
  { text: 'thanks a lot', locale: 'en-US', intent: 'chitchat.thanks' },
  { text: 'thank you so much', locale: 'en-US', intent: 'chitchat.thanks' },
  { text: '我要退款', locale: 'zh-CN', intent: 'task.return_refund' },
  { text: '退货退款', locale: 'zh-CN', intent: 'task.return_refund' },
  { text: 'i want a refund', locale: 'en-US', intent: 'task.return_refund' },
  { text: 'how do i return this', locale: 'en-US', intent: 'task.return_refund' },
];

describe('NodeNlpClassifier', () => {
  const classifier = NodeNlpClassifier.train(EXAMPLES);

  it.each<[string, string]>([
    ['快递到哪了', 'task.track_logistics'],
    ['where is my parcel', 'task.track_logistics'],
    ['感谢', 'chitchat.thanks'],
    ['thanks!', 'chitchat.thanks'],
    ['退款', 'task.return_refund'],
    ['i want my money back, refund pls', 'task.return_refund'],
    ['refnud', 'task.return_refund'], // a typo reached through letter trigrams
  ])('%s → %s', (text, intent) => {
    expect(classifier.classify(text)[0]!.intent).toBe(intent);
  });

  it('gives every intent it was trained on a score, best first, summing to 1', () => {
    const scored = classifier.classify('where is my package');
    expect(scored.map((s) => s.intent).sort()).toEqual(['chitchat.thanks', 'task.return_refund', 'task.track_logistics']);
    expect(scored.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 9);
    expect([...scored].sort((a, b) => b.score - a.score)).toEqual(scored);
  });

  it('a message of unknown features gets the biases alone, not an error', () => {
    const scored = classifier.classify('%%%');
    expect(scored).toHaveLength(3);
    const total = scored.reduce((sum, s) => sum + s.score, 0);
    expect(total === 0 || Math.abs(total - 1) < 1e-9).toBe(true);
  });

  it.each(['20260412112906', '+1 (617) 555-0142', '13911112222 ?'])('a message of numbers only (%s) scores every intent 0: no words ask for anything', (text) => {
    const scored = classifier.classify(text);
    expect(scored).toHaveLength(3);
    expect(scored.every((s) => s.score === 0 && s.raw === 0)).toBe(true);
  });

  it('a number with words is read by its words', () => {
    expect(classifier.classify('where is 20260412112906')[0]!.intent).toBe('task.track_logistics');
  });

  it('trains the same model from the same lines', () => {
    expect(NodeNlpClassifier.train(EXAMPLES).toJSON()).toEqual(classifier.toJSON());
  });

  it("reports every epoch until node-nlp's stopping rule or the cap", () => {
    const epochs: number[] = [];
    NodeNlpClassifier.train(EXAMPLES, TRAINING, (p) => {
      expect(p.maxEpochs).toBe(TRAINING.iterations);
      expect(Number.isFinite(p.error)).toBe(true);
      epochs.push(p.epoch);
    });
    expect(epochs.length).toBeGreaterThan(0);
    expect(epochs.length).toBeLessThanOrEqual(TRAINING.iterations!);
    expect(epochs).toEqual(Array.from({ length: epochs.length }, (_, i) => i + 1));
  });

  it('saved and loaded through JSON, it scores exactly as before', () => {
    const loaded = NodeNlpClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())));
    for (const text of ['where is it', '谢谢亲', 'refund']) expect(loaded.classify(text)).toEqual(classifier.classify(text));
  });

  it('refuses a model of other features or of intents the desk does not know', () => {
    const json = classifier.toJSON();
    expect(() => NodeNlpClassifier.fromJSON({ ...json, featureVersion: FEATURE_VERSION - 1 })).toThrow(/feature version/);
    expect(() => NodeNlpClassifier.fromJSON({ ...json, network: { ...json.network, intents: ['task.unknown'] } })).toThrow(/intents/);
  });

  it('refuses to train on nothing', () => {
    expect(() => NodeNlpClassifier.train([])).toThrow(/no examples/);
  });
});
