import { ActionTypes, CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { Locale } from '../data/shopSchema.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import { isIntentId, type IntentId } from '../recognizers/intents.js';
import { DID_YOU_MEAN } from './intentLabels.js';
import { say, type Phrase } from './strings.js';

/** The most "did you mean" choices a buyer sees, besides "none of these". */
export const MAX_CHOICES = 3;
/** How much of the buyer's words a button carries back, so the picked intent is handled with them. */
const MAX_CARRIED_TEXT = 500;

/** The `value` of a "did you mean" button: the intent picked (`none` for "none of these") and the buyer's words. */
export interface PickIntentValue {
  action: 'pickIntent';
  intent: IntentId;
  text: string;
}

/** True when an activity value is a "did you mean" button press. */
export function isPickIntentValue(value: unknown): value is PickIntentValue {
  const v = value as Partial<PickIntentValue> | null | undefined;
  return !!v && v.action === 'pickIntent' && typeof v.intent === 'string' && isIntentId(v.intent) && typeof v.text === 'string';
}

const ASK: Phrase = { zh: () => '我不太确定您的意思，您是想问：', en: () => "I'm not quite sure what you mean. Is it about:" };
const NONE_OF_THESE: Phrase = { zh: () => '都不是', en: () => 'None of these' };

/** The "did you mean" card: up to three likely meanings as questions, plus "none of these". */
export function didYouMeanActivity(recognition: RecognitionResult, text: string, locale: Locale): Partial<Activity> {
  const carried = Array.from(text).slice(0, MAX_CARRIED_TEXT).join('');
  const choices = recognition.alternatives
    .map((a) => a.intent)
    .filter((i): i is Exclude<IntentId, 'none'> => i !== 'none')
    .slice(0, MAX_CHOICES);
  const button = (intent: IntentId, title: string) => ({
    type: ActionTypes.MessageBack,
    title,
    displayText: title,
    value: { action: 'pickIntent', intent, text: carried } satisfies PickIntentValue,
  });
  const buttons = [...choices.map((i) => button(i, say(DID_YOU_MEAN[i], locale))), button('none', say(NONE_OF_THESE, locale))];
  return MessageFactory.attachment(CardFactory.heroCard('', say(ASK, locale), undefined, buttons));
}
