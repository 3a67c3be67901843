/**
 * Turns a buyer message into the features the classifier sees. node-nlp's Chinese tokenizer splits
 * Latin words inside Chinese into letters ("我的 order" → 我的, o, r, d, e, r) and its dictionary
 * segmenter misreads chat Chinese; here:
 * - Chinese runs give character unigrams and bigrams (robust to typos and unknown words, no
 *   dictionary needed);
 * - Latin words stay whole, whatever script surrounds them, plus their character trigrams (so
 *   "pakage" still shares most of its features with "package") and adjacent-word bigrams;
 * - order numbers, phone numbers, amounts and other numbers become class tokens (`#order`, …),
 *   so "20261101000123" teaches "an order number is here", not one useless id;
 * - emoji and ?/! are kept, since they carry tone.
 */

const HAN = /\p{Script=Han}/u;
/** Runs of Chinese characters, Latin letters (with in-word apostrophes), digits, emoji, or ?/!. */
const RUNS = /(\p{Script=Han}+)|([a-z]+(?:'[a-z]+)*)|(\d[\d.,:\-/]*)|(\p{Extended_Pictographic})|([?？!！])/gu;
/** Shortest Latin word worth splitting into trigrams: shorter ones are matched whole. */
const MIN_TRIGRAM_WORD = 4;

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

/** The feature set of one message (deduplicated; order does not matter to the classifier). */
export function featuresOf(text: string): string[] {
  const out = new Set<string>();
  let previousWord: string | undefined;
  for (const match of normalizeText(text).matchAll(RUNS)) {
    const [, han, word, number, emoji, mark] = match;
    if (han) {
      previousWord = undefined;
      for (let i = 0; i < han.length; i++) {
        out.add(han[i]!);
        if (i + 1 < han.length) out.add(han.slice(i, i + 2));
      }
    } else if (word) {
      out.add(`w:${word}`);
      if (previousWord) out.add(`b:${previousWord}_${word}`);
      previousWord = word;
      if (word.length >= MIN_TRIGRAM_WORD) {
        const padded = `<${word}>`;
        for (let i = 0; i + 3 <= padded.length; i++) out.add(`t:${padded.slice(i, i + 3)}`);
      }
    } else if (number) {
      previousWord = undefined;
      out.add(numberToken(number));
    } else if (emoji) {
      out.add(`e:${emoji}`);
    } else if (mark) {
      out.add(mark === '？' ? '?' : mark === '！' ? '!' : mark);
    }
  }
  return [...out];
}

/** True when a message contains Chinese characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}
