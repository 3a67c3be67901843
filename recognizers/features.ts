/**
 * Turns a buyer message into the features the classifier sees. node-nlp's Chinese tokenizer splits
 * Latin words inside Chinese into letters ("我的 order" → 我的, o, r, d, e, r) and its dictionary
 * segmenter misreads chat Chinese; here:
 * - Chinese runs give character unigrams and bigrams (robust to typos and unknown words, no
 *   dictionary needed);
 * - Latin words stay whole, whatever script surrounds them, stemmed with node-nlp's English
 *   stemmer ("cancelled" = "cancel"), plus adjacent-word bigrams at half weight and, for words
 *   of four letters or more, letter trigrams at a low weight (typos: "refnud", "cancelation");
 * - order numbers, phone numbers, amounts and other numbers become class tokens (`#order`, …),
 *   so "20261101000123" teaches "an order number is here", not one useless id;
 * - emoji and ?/! are kept, since they carry tone;
 * - what a shop's chat widget pastes (`订单号：… 金额：… 下单时间：…`, `商品名称：…`) becomes one
 *   class token per field (`#f:order`, `#f:product`, …) and a link becomes `#url`, so a product's
 *   name or a URL's path does not outweigh the buyer's own words;
 * - a long message's request outweighs its story: the words of its last two clauses count fully,
 *   those before them at `STORY_WEIGHT`.
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
/**
 * Weight of a Latin word's letter trigrams (with its edges: "^re", "ref", …, "nd$"): they let
 * "refnud" or "cancle" share most features with the word meant. Bitext 0.857 → 0.903 at 0.5
 * (0.889 at 0.3, 0.917 at 0.7); the validation split is flat from 0.3 to 0.7 and loses 0.3 points
 * at 1, where they outvote whole words (measured with the softmax classifier of 28158fa, since
 * replaced by node-nlp's network again).
 */
const CHAR_GRAM_WEIGHT = 0.5;
/** Words shorter than this give no trigrams: "is", "my", "pls" are typed right or not at all. */
const CHAR_GRAM_MIN_LETTERS = 4;

/**
 * Weight of the words before a message's last two clauses ("买了三天了，一直没动静，…"): buyers tell
 * the story first and ask last; a full weight lets a story's nouns outvote the request.
 */
export const STORY_WEIGHT = 0.6;
/** Clause breaks: sentence and clause punctuation (a point only outside a number), line breaks, and runs of two or more spaces. */
const CLAUSE_BREAK = /[，。！？,!?；;…\n~～]+|\.(?!\d)|\s{2,}/gu;
/**
 * A link: a scheme or www, or a host with a path (item.jd.com/100012043978.html). Linear: a host
 * starts only where no host character precedes it and its labels are bounded (DNS's 63 characters,
 * at most 8 of them), so "a-a-a-…" is tried once, not from every position.
 */
const URL = /(?:https?:\/\/|www\.)[^\s\p{Script=Han}]*|(?<![a-z0-9.-])[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}\/[^\s\p{Script=Han}]*/gu;

/** Labels of pasted order fields, by the class token they become. */
const FIELD_LABELS: Readonly<Record<string, readonly string[]>> = {
  order: ['订单编号', '订单号', '子订单号', 'order number', 'order no', 'order id', 'order #'],
  product: ['商品名称', '商品名', '商品标题', '商品', '宝贝', 'item', 'product'],
  amount: ['订单金额', '实付款', '实付金额', '付款金额', '应付金额', '实付', '金额', '单价', '合计', 'amount', 'total', 'price'],
  time: ['下单时间', '付款时间', '成交时间', '创建时间', '发货时间', 'order date', 'ordered on', 'placed on'],
  status: ['订单状态', '状态', 'order status', 'status'],
  tracking: ['物流单号', '运单号', '快递单号', 'tracking number', 'tracking no'],
  address: ['收货地址', '收货人', '联系电话', 'ship to', 'shipping address'],
  spec: ['规格', '颜色分类', '数量', '型号', 'qty', 'quantity', 'color', 'size'],
};
const FIELD_OF = new Map<string, string>(Object.entries(FIELD_LABELS).flatMap(([field, labels]) => labels.map((l) => [l, field] as [string, string])));
/** Fields whose value is free text a buyer did not write (a title, an address): cut with the label, up to the next field or clause break. */
const FREE_TEXT_FIELDS = new Set(['product', 'address', 'spec']);
/** Fields whose value is an amount or a time: cut with the label while it looks like one (an order or tracking number stays, as `#order`). */
const NUMBER_FIELDS = new Set(['amount', 'time']);
/** What a number, amount or time value is made of. */
const NUMBER_VALUE = /[\d\s\-/:.,¥$￥元]/u;
/** Longest free-text value cut: a product title; past it the buyer is talking again. */
const MAX_FIELD_VALUE = 40;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A field label followed by a colon, longest labels first (订单编号 before 订单号). */
const FIELD = new RegExp(`(${[...FIELD_OF.keys()].sort((a, b) => b.length - a.length).map(escape).join('|')})\\s*:\\s*`, 'gu');

/**
 * Replaces pasted order fields and links by their class tokens' placeholders (a private-use
 * character, which no feature reads) and reports which classes were there. One pass each, linear.
 */
function extractPasted(text: string): { text: string; tokens: string[] } {
  const tokens: string[] = [];
  let out = text.replace(URL, () => {
    tokens.push('#url');
    return ' ';
  });
  const labels = [...out.matchAll(FIELD)];
  const cuts: [number, number][] = [];
  labels.forEach((m, i) => {
    const field = FIELD_OF.get(m[1]!)!;
    tokens.push(`#f:${field}`);
    let end = m.index + m[0].length;
    const limit = Math.min(labels[i + 1]?.index ?? out.length, end + MAX_FIELD_VALUE);
    if (FREE_TEXT_FIELDS.has(field)) {
      while (end < limit && !/[，。！？,!?；;\n]/u.test(out[end]!) && !(out[end] === ' ' && out[end + 1] === ' ')) end++;
    } else if (NUMBER_FIELDS.has(field)) {
      while (end < limit && NUMBER_VALUE.test(out[end]!)) end++;
    }
    cuts.push([m.index, end]);
  });
  if (cuts.length > 0) {
    let joined = '';
    let from = 0;
    for (const [start, end] of cuts) {
      joined += `${out.slice(from, start)}\n`;
      from = end;
    }
    out = joined + out.slice(from);
  }
  return { text: out, tokens };
}

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

/** Where each non-empty clause of a message starts. */
function clauseStarts(text: string): number[] {
  const starts: number[] = [];
  let from = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    if (/\S/u.test(text.slice(from, m.index))) starts.push(from);
    from = m.index + m[0].length;
  }
  if (/\S/u.test(text.slice(from))) starts.push(from);
  return starts;
}

/** The features of one message with their weights (order does not matter to the classifier). */
export function featuresOf(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (feature: string, weight = 1): void => {
    out.set(feature, Math.max(out.get(feature) ?? 0, weight));
  };
  const pasted = extractPasted(normalizeText(text));
  for (const token of pasted.tokens) add(token);
  const clauses = clauseStarts(pasted.text);
  const requestFrom = clauses.length > 2 ? clauses[clauses.length - 2]! : 0;
  let previousWord: string | undefined;
  for (const match of pasted.text.matchAll(RUNS)) {
    const [, han, word, number, emoji, mark] = match;
    const weight = match.index < requestFrom ? STORY_WEIGHT : 1;
    if (han) {
      previousWord = undefined;
      for (let i = 0; i < han.length; i++) {
        add(han[i]!, weight);
        if (i + 1 < han.length) add(han.slice(i, i + 2), weight);
      }
    } else if (word) {
      const w = stem(word);
      add(`w:${w}`, weight);
      if (word.length >= CHAR_GRAM_MIN_LETTERS) {
        const edged = `^${word}$`;
        for (let i = 0; i + 3 <= edged.length; i++) add(`c:${edged.slice(i, i + 3)}`, CHAR_GRAM_WEIGHT * weight);
      }
      if (previousWord) add(`b:${previousWord}_${w}`, BIGRAM_WEIGHT * weight);
      previousWord = w;
    } else if (number) {
      previousWord = undefined;
      add(numberToken(number), weight);
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
