import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import type { Locale } from '../../data/shopSchema.js';
import { loadCorpus } from '../../recognizers/corpus.js';
import { accuracyOn, loadOrTrainModel, type IntentModel } from '../../recognizers/intentModel.js';
import type { IntentId } from '../../data/intents.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';

let model: IntentModel;
/** The model trained on the train split only: its validation figures are honest. */
let splitModel: IntentModel;
let recognizer: NlpRecognizer;
beforeAll(async () => {
  model = await loadOrTrainModel(loadConfig({}).MODEL_DIR);
  splitModel = await loadOrTrainModel(loadConfig({}).MODEL_DIR, { trainedOn: 'train split' });
  recognizer = new NlpRecognizer(model);
});

/**
 * Messages written for this test (not in the corpus), as buyers write them: plain, misspelled,
 * code-switched, slangy, indirect. The trained model must get each right.
 */
const TABLE: [string, Locale, IntentId][] = [
  ['你好呀 在不在', 'zh-CN', 'chitchat.greeting'],
  ['good evening, anybody around?', 'en-US', 'chitchat.greeting'],
  ['太感谢了 帮大忙了', 'zh-CN', 'chitchat.thanks'],
  ['thx so much!!', 'en-US', 'chitchat.thanks'],
  ['你是真人还是机器人啊', 'zh-CN', 'chitchat.bot_identity'],
  ['am i chatting with a robot rn', 'en-US', 'chitchat.bot_identity'],
  ['今天天气怎么样', 'zh-CN', 'chitchat.off_topic'],
  ["what's the capital of France", 'en-US', 'chitchat.off_topic'],
  ['退款一般几天能到账', 'zh-CN', 'question.refund_time'],
  ['how long does a refund usually take', 'en-US', 'question.refund_time'],
  ['支持花呗分期吗', 'zh-CN', 'question.payment'],
  ['do u take paypal', 'en-US', 'question.payment'],
  ['买完第二天就降价了 能退差价吗', 'zh-CN', 'question.price_protection'],
  ['手滑多拍了一单', 'zh-CN', 'task.cancel_order'],
  ['pls cancel my order i changed my mind', 'en-US', 'task.cancel_order'],
  ['我要退货退款', 'zh-CN', 'task.return_refund'],
  ['can i 退货', 'en-US', 'task.return_refund'],
  ['尺码小了 想换大一号', 'zh-CN', 'task.exchange'],
  ['我的快递到哪了', 'zh-CN', 'task.track_logistics'],
  ['wher is my pakage', 'en-US', 'task.track_logistics'],
  ['我的 order 怎么还没 ship', 'zh-CN', 'task.urge_shipping'],
  ["it's been 5 days and you still haven't shipped it", 'en-US', 'task.urge_shipping'],
  ['地址填错了 帮我改一下', 'zh-CN', 'task.change_address'],
  ['收到的杯子碎了', 'zh-CN', 'task.report_problem'],
  ['the screen arrived cracked', 'en-US', 'task.report_problem'],
  ['商家一直不回消息', 'zh-CN', 'task.contact_merchant'],
  ['我要投诉这个卖家', 'zh-CN', 'task.complain'],
  ['转人工', 'zh-CN', 'task.human_agent'],
  ['let me talk to a real person', 'en-US', 'task.human_agent'],
  ['asdfghjkl', 'en-US', 'none'],
  ['book me a table for two at 7 tonight', 'en-US', 'none'],
  ['帮我订一张明天去上海的机票', 'zh-CN', 'none'],
  ['设个明早七点的闹钟', 'zh-CN', 'none'],
];

describe('the trained recognizer', () => {
  it.each(TABLE)('"%s" (%s) → %s', async (text, locale, intent) => {
    const result = await recognizer.recognize(text, locale);
    expect(result.intent).toBe(intent);
    expect(result.alternatives).toHaveLength(3);
    expect(result.locale).toBe(locale);
  });

  it('reports the recognition result of intents.md', async () => {
    const result = await recognizer.recognize('上周二买的那个退款了吗 20261101000123', 'zh-CN', new Date('2026-11-25T10:00:00Z'));
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['kind', 'intent', 'score', 'alternatives', 'locale', 'entities']));
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(1);
    expect(result.entities).toContainEqual({ type: 'orderNumber', text: '20261101000123', value: '20261101000123' });
  });

  it('an empty or emoji-only message is none', async () => {
    expect((await recognizer.recognize('', 'en-US')).intent).toBe('none');
    expect((await recognizer.recognize('🙂🙂', 'zh-CN')).intent).toBe('none');
  });
});

/**
 * Quality gate on the validation split, judged by the model trained on the train split only (the
 * desk serves the whole corpus's): accuracy with rejection, overall and per language, about 2
 * points under what it reaches (0.884, zh 0.895, en 0.875), so a corpus or feature change that
 * loses ground fails here. The targets are higher still.
 */
const ACCURACY_FLOOR = { overall: 0.865, 'zh-CN': 0.875, 'en-US': 0.86 } as const;

describe('accuracy on the validation split', () => {
  it.each(Object.entries(ACCURACY_FLOOR))('%s ≥ %f', async (scope, floor) => {
    const { validation } = await loadCorpus();
    const lines = scope === 'overall' ? validation : validation.filter((u) => u.locale === scope);
    expect(lines.length).toBeGreaterThan(100);
    expect(accuracyOn(splitModel.classifier, splitModel.calibration, lines)).toBeGreaterThanOrEqual(floor);
  });
});
