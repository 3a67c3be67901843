import type { Locale } from '../../data/shopSchema.js';
import { findOrderNumbers, findPhoneNumbers } from '../../recognizers/entities.js';
import type { IntentRecognizer, RecognitionResult } from '../../recognizers/intentRecognizer.js';
import { kindOf, type IntentId } from '../../data/intents.js';

/** A handful of unmistakable small-talk words; everything else is `none`. */
const KEYWORDS: [RegExp, IntentId][] = [
  [/^(hi|hello|hey|hiya|good (morning|afternoon|evening))\b|^(你好|您好|在吗|在不在|哈喽|嗨)/i, 'chitchat.greeting'],
  [/\b(thanks|thank you|thx|ty)\b|谢谢|多谢|感谢/i, 'chitchat.thanks'],
  [/\b(bye|goodbye|see you)\b|再见|拜拜|没事了/i, 'chitchat.goodbye'],
  [/\b(agent|human|real person)\b|转人工|人工客服|真人/i, 'task.human_agent'],
];

/**
 * A keyword recognizer for tests that need a recognizer they control (wrapped to fail on demand,
 * say): a handful of unmistakable small-talk words plus entities, behind the desk's interface.
 */
export class KeywordRecognizer implements IntentRecognizer {
  async recognize(text: string, locale: Locale): Promise<RecognitionResult> {
    const trimmed = text.trim();
    const intent = KEYWORDS.find(([re]) => re.test(trimmed))?.[1] ?? 'none';
    const score = intent === 'none' ? 0 : 1;
    return {
      kind: kindOf(intent),
      intent,
      score,
      alternatives: [{ intent, score }],
      locale,
      entities: [...findOrderNumbers(trimmed), ...findPhoneNumbers(trimmed, locale)],
      confidence: intent === 'none' ? 'none' : 'confident',
    };
  }
}
