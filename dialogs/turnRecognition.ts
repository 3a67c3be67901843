import type { TurnContext } from 'botbuilder';
import { sendTrace } from '../bot/traces.js';
import { currentBuyer, turnInfo, type TurnInfo } from '../bot/turnInfo.js';
import { withGoodsAsOrder } from '../recognizers/orderReference.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import type { IntentId } from '../data/intents.js';
import type { DialogServices } from './dialogServices.js';

const RECOGNITION = Symbol('TurnRecognition');

/**
 * Recognizes the turn's text once, however many dialogs ask (the interruption check and the route
 * both do), and reports it as the `IntentRecognition` trace the first time. When unsure and the
 * buyer named goods of their own orders, it reads the message again with the goods as "order".
 */
export async function recognizeTurn(context: TurnContext, services: DialogServices, text: string): Promise<RecognitionResult> {
  const cached = context.turnState.get(RECOGNITION) as { text: string; result: RecognitionResult } | undefined;
  if (cached && cached.text === text) return cached.result;
  const result = await recognizeText(services, turnInfo(context), text);
  context.turnState.set(RECOGNITION, { text, result });
  await sendTrace(context, 'IntentRecognition', result);
  return result;
}

/**
 * Recognizes a piece of text (a whole message or one request of it) for this turn's sender: when
 * unsure and the text names goods of the buyer's own orders, reads it again with the goods as "order".
 */
export async function recognizeText(services: DialogServices, info: TurnInfo, text: string): Promise<RecognitionResult> {
  let result = await services.recognizer.recognize(text, info.locale, services.now());
  const buyer = currentBuyer(info);
  if (result.confidence !== 'confident' && buyer) {
    // Goods names are words the classifier never saw: read "那个键盘到哪了" as "那个订单到哪了".
    const plain = withGoodsAsOrder(text, services.repos.orders.listForBuyer(buyer.id), info.locale === 'zh-CN' ? '订单' : 'order');
    const second = plain === undefined ? undefined : await services.recognizer.recognize(plain, info.locale, services.now());
    if (second?.confidence === 'confident') result = { ...second, entities: result.entities };
  }
  return openingVerbDecides(text, result);
}

/** A request that opens with a task's own verb, what it asks for, and the readings the verb does not overrule. */
const OPENING_VERBS: readonly { verb: RegExp; intent: IntentId; unless: readonly IntentId[] }[] = [
  { verb: /^(?:please |pls |plz |can you |could you |can u |just )?cancel\b/iu, intent: 'task.cancel_order', unless: [] },
  { verb: /^(?:请|麻烦|帮我|帮忙)?取消/u, intent: 'task.cancel_order', unless: [] },
  { verb: /^(?:please |pls |plz |can you |could you |can u |i want to |i'd like to )?(?:return|send back)\b/iu, intent: 'task.return_refund', unless: ['question.return_policy', 'question.refund_time', 'question.shipping'] },
  { verb: /^(?:please |pls |plz |can you |could you |can u |i want to |i'd like to )?(?:exchange|swap)\b/iu, intent: 'task.exchange', unless: ['question.return_policy'] },
];

/**
 * "cancel the sweater i didn't pay for": a message that opens with a task's verb asks for that
 * task, though its story ("didn't pay") pulls the classifier elsewhere. When the task is among the
 * alternatives with at least half the top score, the verb decides; nothing moves before the
 * buyer's yes to the question that names the order anyway.
 */
export function openingVerbDecides(text: string, result: RecognitionResult): RecognitionResult {
  const rule = OPENING_VERBS.find((r) => r.verb.test(text.trim()));
  if (!rule || result.intent === rule.intent || rule.unless.includes(result.intent)) return result;
  const alternative = result.alternatives.find((a) => a.intent === rule.intent);
  const top = result.alternatives[0]?.score ?? 0;
  if (!alternative || alternative.score < top / 2) return result;
  return { ...result, kind: 'task', intent: rule.intent, score: alternative.score, confidence: 'confident' };
}
