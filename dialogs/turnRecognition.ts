import type { TurnContext } from 'botbuilder';
import { sendTrace } from '../bot/traces.js';
import { turnInfo } from '../bot/turnInfo.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import type { DialogServices } from './dialogServices.js';

const RECOGNITION = Symbol('TurnRecognition');

/**
 * Recognizes the turn's text once, however many dialogs ask (the interruption check and the route
 * both do), and reports it as the `IntentRecognition` trace the first time.
 */
export async function recognizeTurn(context: TurnContext, services: DialogServices, text: string): Promise<RecognitionResult> {
  const cached = context.turnState.get(RECOGNITION) as { text: string; result: RecognitionResult } | undefined;
  if (cached && cached.text === text) return cached.result;
  const result = await services.recognizer.recognize(text, turnInfo(context).locale, services.now());
  context.turnState.set(RECOGNITION, { text, result });
  await sendTrace(context, 'IntentRecognition', result);
  return result;
}
