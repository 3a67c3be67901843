import type { TurnContext } from 'botbuilder';
import { sendTrace } from '../bot/traces.js';
import { currentBuyer, turnInfo, type TurnInfo } from '../bot/turnInfo.js';
import { withGoodsAsOrder } from '../recognizers/orderReference.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
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
  return result;
}
