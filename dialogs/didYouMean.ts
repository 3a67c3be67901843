import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Locale } from '../data/shopSchema.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import type { IntentId } from '../data/intents.js';
import { MAX_CARRIED_TEXT, type ButtonOf } from '../bot/buttonValues.js';
import { cutText } from '../bot/inputLimits.js';
import { DID_YOU_MEAN } from './intentLabels.js';
import { say, type Phrase } from '../bot/strings.js';

/** The most "did you mean" choices a buyer sees, besides "none of these". */
export const MAX_CHOICES = 3;

const ASK: Phrase = { zh: () => '我不太确定您的意思，您是想问：', en: () => "I'm not quite sure what you mean. Is it about:" };
const NONE_OF_THESE: Phrase = { zh: () => '都不是', en: () => 'None of these' };

/** The "did you mean" card: up to three likely meanings as questions, plus "none of these". */
export function didYouMeanActivity(recognition: RecognitionResult, text: string, locale: Locale): Partial<Activity> {
  const carried = cutText(text, MAX_CARRIED_TEXT);
  const choices = recognition.alternatives
    .map((a) => a.intent)
    .filter((i): i is Exclude<IntentId, 'none'> => i !== 'none')
    .slice(0, MAX_CHOICES);
  const button = (intent: IntentId, title: string) => ({
    type: ActionTypes.MessageBack,
    title,
    displayText: title,
    value: { action: 'pickIntent', intent, text: carried } satisfies ButtonOf<'pickIntent'>,
  });
  const buttons = [...choices.map((i) => button(i, say(DID_YOU_MEAN[i], locale))), button('none', say(NONE_OF_THESE, locale))];
  return MessageFactory.attachment(CardFactory.heroCard('', say(ASK, locale), undefined, buttons));
}
