import { Culture, recognizePhoneNumber } from '@microsoft/recognizers-text-suite';
import type { Locale } from '../data/shopSchema.js';

/** An entity found in a message, as reported in the `IntentRecognition` trace. */
export interface Entity {
  type: 'orderNumber' | 'phoneNumber';
  text: string;
  value: string;
}

/**
 * Order numbers are long digit runs (platforms use 12–20 digits); shorter runs are amounts,
 * quantities or phone numbers.
 */
const ORDER_NUMBER = /(?<![\d])\d{12,20}(?![\d])/g;

/** recognizers-text scores a bare 11-digit run 0.6 and a 14-digit order number 0.3: keep the former. */
const MIN_PHONE_SCORE = 0.5;

/** Order numbers written in a message, in order of appearance. */
export function findOrderNumbers(text: string): Entity[] {
  return [...text.matchAll(ORDER_NUMBER)].map((m) => ({ type: 'orderNumber', text: m[0], value: m[0] }));
}

/** Phone numbers in a message (Chinese mobiles, +86 / +1 forms, dashed), never an order number. */
export function findPhoneNumbers(text: string, locale: Locale): Entity[] {
  const culture = locale === 'zh-CN' ? Culture.Chinese : Culture.English;
  return recognizePhoneNumber(text, culture)
    .filter((r) => Number((r.resolution as { score?: string } | undefined)?.score ?? 0) >= MIN_PHONE_SCORE)
    .filter((r) => !/^\d{12,}$/.test(r.text))
    .map((r) => ({ type: 'phoneNumber', text: r.text, value: String((r.resolution as { value?: string }).value ?? r.text) }));
}
