/**
 * Turns a buyer message into the features the classifier sees. node-nlp's Chinese tokenizer splits
 * Latin words inside Chinese into letters ("我的 order" → 我的, o, r, d, e, r) and its dictionary
 * segmenter misreads chat Chinese; here:
 * - Chinese runs give character unigrams and bigrams (robust to typos and unknown words, no
 *   dictionary needed);
 * - Latin words stay whole, whatever script surrounds them, stemmed with node-nlp's English
 *   stemmer ("cancelled" = "cancel"), plus adjacent-word bigrams at half weight;
 * - order numbers, phone numbers, amounts and other numbers become class tokens (`#order`, …),
 *   so "20261101000123" teaches "an order number is here", not one useless id;
 * - emoji and ?/! are kept, since they carry tone.
 */

import { NlpUtil } from 'node-nlp';

const HAN = /\p{Script=Han}/u;
/** Runs of Chinese characters, Latin letters (with in-word apostrophes), numbers (digit groups split by single spaces, as phones are written, stay one number), emoji, or ?/!. */
const RUNS = /(\p{Script=Han}+)|([a-z]+(?:'[a-z]+)*)|(\d(?:[\d.,:\-/()]|\s(?=\d))*)|(\p{Extended_Pictographic})|([?？!！])/gu;
/**
 * Weight of a word bigram relative to a word: bigrams carry phrasing ("not_received") but are
 * sparse; at full weight they overfit the training sentences (measured on the validation split).
 */
const BIGRAM_WEIGHT = 0.5;

const stemmer = NlpUtil.getStemmer('en');
/** Stems seen so far: the stemmer is the costliest step, and buyers reuse few words. */
const stems = new Map<string, string>();
function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer.stemWord(word);
    if (stems.size < 50_000) stems.set(word, s);
  }
  return s;
}

/** The token a number stands for: long digit runs are order numbers, 11 digits a phone, else a number. */
function numberToken(digits: string): string {
  const plain = digits.replace(/\D/g, '');
  if (plain.length >= 12) return '#order';
  if (plain.length >= 7) return '#phone';
  return '#num';
}

/** Full-width forms to ASCII (NFKC) and lowercase: "ＯＲＤＥＲ１２" and "order12" are the same words. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The features of one message with their weights (order does not matter to the classifier). */
export function featuresOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (feature: string, weight = 1): void => {
    out.set(feature, Math.max(out.get(feature) ?? 0, weight));
  };
  let previousWord: string | undefined;
  for (const match of normalizeText(text).matchAll(RUNS)) {
    const [, han, word, number, emoji, mark] = match;
    if (han) {
      previousWord = undefined;
      for (let i = 0; i < han.length; i++) {
        add(han[i]!);
        if (i + 1 < han.length) add(han.slice(i, i + 2));
      }
    } else if (word) {
      const w = stem(word);
      add(`w:${w}`);
      if (previousWord) add(`b:${previousWord}_${w}`, BIGRAM_WEIGHT);
      previousWord = w;
    } else if (number) {
      previousWord = undefined;
      add(numberToken(number));
    } else if (emoji) {
      add(`e:${emoji}`);
    } else if (mark) {
      add(mark === '？' ? '?' : mark === '！' ? '!' : mark);
    }
  }
  return out;
}

/**
 * The features scaled to unit length: without it a long message's scores dwarf a short one's and
 * one-word messages fall to whichever intent has the largest bias (+5 points on the validation split).
 */
export function featureVector(text: string): Record<string, number> {
  const features = featuresOf(text);
  let norm = 0;
  for (const w of features.values()) norm += w * w;
  norm = Math.sqrt(norm) || 1;
  const vector: Record<string, number> = {};
  for (const [f, w] of features) vector[f] = w / norm;
  return vector;
}

/** True when a message contains Chinese characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}
