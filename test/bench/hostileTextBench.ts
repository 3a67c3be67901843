import { MAX_MESSAGE_CHARS } from '../../bot/inputLimits.js';
import { loadConfig } from '../../bot/config.js';
import { buildDemoShop } from '../../data/demoShop.js';
import { shopData, type Locale, type Order } from '../../data/shopSchema.js';
import { findDatePatterns } from '../../recognizers/datePatterns.js';
import { findAmountPatterns } from '../../recognizers/amountPatterns.js';
import {
  bareAnswer,
  findAmounts,
  findDates,
  findEntities,
  findOrderNumbers,
  findPhoneNumbers,
  findYesNo,
} from '../../recognizers/entities.js';
import { featuresOf } from '../../recognizers/features.js';
import { loadOrTrainModel } from '../../recognizers/intentModel.js';
import { detectLanguage } from '../../recognizers/language.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';
import { itemsNamedIn, ordersTypedIn, resolveOrderReference, unknownOrderIds, withGoodsAsOrder } from '../../recognizers/orderReference.js';
import { nowMs, num, out, table } from './report.js';

// Issue 9: one message within the 2,000-character cut must not freeze the single-threaded desk.
// Every parser that runs on buyer text, and one message's whole recognition, timed on hostile
// inputs at the cut and at a quarter of it: linear code takes about 4× as long at the cut.

/** The lengths measured, in characters as the cut counts them (code points): a quarter of the cut shows how time grows. */
const LENGTHS = [MAX_MESSAGE_CHARS / 4, MAX_MESSAGE_CHARS];
/** Repeats of one measurement, the median kept: enough to steady sub-millisecond figures. */
const REPEATS = 5;
/** A run slower than this is measured once, not repeated: today's worst cases take minutes. */
const SLOW_RUN_MS = 200;
/** Above this at a shorter length, longer lengths are skipped: a super-linear parser would take hours. */
const SKIP_LONGER_ABOVE_MS = 2_000;
/** Orders of the bench's buyer: buyers with 100+ orders exist, and goods matching runs per order. */
const BUYER_ORDERS = 120;
/** The moment of the bench's messages: fixed, so dates resolve alike on every run. */
const NOW = new Date('2026-11-25T10:00:00Z');
/** Messages that reach every recognizers-text model in both languages, so their first-call loading (~200 ms) is not timed. */
const FALLBACK_WARMUP = ['两百块那单', '双十一买的', 'the twenty dollars one', 'bought it on black friday', '13800000001 这个号', 'ok', '好的'];

/** Repeats `unit` to `length` code points (an emoji is one, as the cut counts). */
function repeatTo(unit: string, length: number): string {
  const points = Array.from(unit);
  const outPoints: string[] = [];
  for (let i = 0; outPoints.length < length; i++) outPoints.push(points[i % points.length]!);
  return outPoints.join('');
}

/** `head`, then `filler` repeated, then `tail`, `length` code points in all. */
function framed(head: string, filler: string, tail: string, length: number): string {
  const middle = length - Array.from(head).length - Array.from(tail).length;
  return `${head}${repeatTo(filler, Math.max(0, middle))}${tail}`;
}

/** Chinese characters from a fixed pseudo-random sequence, no filler words: a long run that names no goods. */
function hanNoise(length: number): string {
  const chars: string[] = [];
  let x = 12345;
  while (chars.length < length) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const c = String.fromCodePoint(0x4e00 + (x % 0x5000));
    if (!/[那这哪一单个笔件订买下的了我吗呢吧帮看查退换取消快递物流]/u.test(c)) chars.push(c);
  }
  return chars.join('');
}

/** One hostile input: how it is built (to rebuild it by hand) and the builder. */
interface HostileInput {
  name: string;
  make: (length: number) => string;
}

const rep = (unit: string): HostileInput => ({ name: `${JSON.stringify(unit)}×`, make: (n) => repeatTo(unit, n) });
const frame = (head: string, filler: string, tail = ''): HostileInput => ({
  name: `${JSON.stringify(head)} + ${JSON.stringify(filler)}×${tail ? ` + ${JSON.stringify(tail)}` : ''}`,
  make: (n) => framed(head, filler, tail, n),
});

/** The hostile inputs: repeated characters, separators, digit runs, dates, amounts, cues for recognizers-text, scripts mixed. */
const INPUTS: readonly HostileInput[] = [
  rep('a'), rep('1'), rep('的'), rep(' '), rep('\n'), rep('!'), rep('😭'), frame('', '.', 'x'), frame('', ' ', '1'), frame('e', '\u0301\u0316'),
  rep('a b c d e f g h i j '), rep('1 '), rep('a-'), rep('1234567890'), rep('9/'), rep('1,111'), rep('1.'), rep('枕a'), rep('+1 '),
  rep('SO 2026 000117 '), rep('S O 2 0 2 6 0 0 0 1 1 7 '), rep('13911112222 '), rep('1 13800000001 '),
  rep('$1'), rep('¥1'), rep('1元'), rep('一'), rep('两百块'), rep('twenty dollars '),
  rep('周五'), rep('上周二'), rep('3天前'), rep('11月3号'), rep('2026-11-03 '), rep('11/3 '),
  rep('last tuesday '), rep('nov 3 '), rep('3 days ago '), rep('jan '), rep('双十一'), rep('christmas '),
  frame('两百块 ', '1 '), frame('twenty dollars ', '+1 '), frame('black friday ', '1-'), frame('双十一', '周五'), frame('in november ', '1 '),
  frame('order', ' ', '1'), frame('', '1 ', '13911112222'), rep('ok '), rep('thanks '),
  { name: 'Chinese characters, pseudo-random, no filler', make: hanNoise },
  rep('枕头键盘耳机防晒乳连衣裙'), rep('pillow keyboard '), rep('我3天前买的 $5 on nov 3 13911112222 '),
];

/** The bench's buyer: every demo order, both languages' goods, cloned to `BUYER_ORDERS` with shop-style ids. */
function buyerOrders(): Order[] {
  const demo = shopData.parse(buildDemoShop(NOW)).orders;
  return Array.from({ length: BUYER_ORDERS }, (_, i) => {
    const source = demo[i % demo.length]!;
    const id = i % 2 === 0 ? `SO-2026-${String(100 + i).padStart(6, '0')}` : `A${10_000 + i}`;
    return { ...structuredClone(source), id, buyerId: 'b-bench' };
  });
}

/** One thing timed: a parser on buyer text, or several as one turn runs them. */
interface Parser {
  name: string;
  run: (text: string) => unknown;
}

function parsers(recognizer: NlpRecognizer, orders: readonly Order[]): Parser[] {
  const several = orders.find((o) => o.items.length > 1) ?? orders[0]!;
  const zone: Record<Locale, string> = { 'zh-CN': 'Asia/Shanghai', 'en-US': 'America/New_York' };
  const perLocale = (name: string, run: (text: string, locale: Locale) => unknown): Parser[] =>
    (['zh-CN', 'en-US'] as const).map((locale) => ({ name: `${name} (${locale})`, run: (text) => run(text, locale) }));
  /** What the recognizers do for one buyer message in a turn: classify with entities, then the order references. */
  const turn = (text: string, locale: Locale): void => {
    const result = recognizer.recognizeSync(text, locale, NOW);
    withGoodsAsOrder(text, orders, locale === 'zh-CN' ? '订单' : 'order');
    ordersTypedIn(text, orders);
    unknownOrderIds(text, orders);
    resolveOrderReference(text, result.entities, orders, zone[locale]);
    itemsNamedIn(several, text);
    findYesNo(text, locale);
  };
  return [
    { name: 'ordersTypedIn', run: (t) => ordersTypedIn(t, orders) },
    { name: 'unknownOrderIds', run: (t) => unknownOrderIds(t, orders) },
    { name: 'resolveOrderReference (no entities)', run: (t) => resolveOrderReference(t, [], orders, 'Asia/Shanghai') },
    { name: 'withGoodsAsOrder', run: (t) => withGoodsAsOrder(t, orders, '订单') },
    { name: 'itemsNamedIn', run: (t) => itemsNamedIn(several, t) },
    { name: 'findOrderNumbers', run: (t) => findOrderNumbers(t) },
    ...perLocale('findPhoneNumbers', (t, l) => findPhoneNumbers(t, l)),
    { name: 'findDatePatterns', run: (t) => findDatePatterns(t, NOW, 'Asia/Shanghai') },
    ...perLocale('findDates', (t, l) => findDates(t, l, NOW)),
    { name: 'findAmountPatterns', run: (t) => findAmountPatterns(t) },
    ...perLocale('findAmounts', (t, l) => findAmounts(t, l)),
    { name: 'findYesNo', run: (t) => findYesNo(t, 'zh-CN') },
    { name: 'bareAnswer', run: (t) => bareAnswer(t) },
    { name: 'featuresOf', run: (t) => featuresOf(t) },
    { name: 'detectLanguage', run: (t) => detectLanguage(t) },
    ...perLocale('findEntities', (t, l) => findEntities(t, l, NOW)),
    ...perLocale('NlpRecognizer.recognizeSync', (t, l) => recognizer.recognizeSync(t, l, NOW)),
    ...perLocale('one turn (recognize + order references)', turn),
  ];
}

/** Milliseconds of one run of `parser` on `text`: the median of a few, or one run when it is slow. */
function timeOf(parser: Parser, text: string): number {
  const first = nowMs();
  parser.run(text); // warm-up: JIT, lazy regexes, recognizers-text's models
  const firstMs = nowMs() - first;
  if (firstMs > SLOW_RUN_MS) return firstMs;
  const samples: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = nowMs();
    parser.run(text);
    samples.push(nowMs() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]!;
}

/** The worst input of one parser at one length. */
interface Worst {
  ms: number;
  input: string;
  skipped: string[];
}

/**
 * Every parser on buyer text against every hostile input, at a quarter of the message cut and at
 * the cut: the worst time of each, with the input that caused it.
 */
export async function runHostileTextBench(): Promise<void> {
  const model = await loadOrTrainModel(loadConfig().MODEL_DIR);
  const recognizer = new NlpRecognizer(model);
  const orders = buyerOrders();
  for (const text of FALLBACK_WARMUP) for (const locale of ['zh-CN', 'en-US'] as const) recognizer.recognizeSync(text, locale, NOW);
  const rows: string[][] = [];
  const skipped: string[] = [];
  let worstTurn = 0;
  for (const parser of parsers(recognizer, orders)) {
    const worst: Worst[] = LENGTHS.map(() => ({ ms: 0, input: '', skipped: [] }));
    for (const input of INPUTS) {
      let slow = false;
      LENGTHS.forEach((length, i) => {
        if (slow) {
          worst[i]!.skipped.push(input.name);
          return;
        }
        const ms = timeOf(parser, input.make(length));
        if (ms > worst[i]!.ms) worst[i] = { ...worst[i]!, ms, input: input.name };
        slow = ms > SKIP_LONGER_ABOVE_MS;
      });
    }
    const [short, long] = worst as [Worst, Worst];
    if (parser.name.startsWith('one turn')) worstTurn = Math.max(worstTurn, long.ms);
    rows.push([
      parser.name,
      num(short.ms, 2),
      num(long.ms, 2),
      short.ms > 0 ? `${num(long.ms / short.ms, 1)}×` : '-',
      long.input + (long.skipped.length ? ` (${long.skipped.length} skipped)` : ''),
    ]);
    if (long.skipped.length) skipped.push(`  ${parser.name}: ${long.skipped.join(', ')}`);
    out(`  ${parser.name}: ${num(long.ms, 2)} ms`);
  }
  out();
  out(`${INPUTS.length} hostile inputs, a buyer with ${orders.length} orders; ms of one call, median of ${REPEATS} (one run above ${SLOW_RUN_MS} ms)`);
  table(['parser', `worst ms at ${LENGTHS[0]}`, `worst ms at ${LENGTHS[1]}`, 'growth', `worst input at ${LENGTHS[1]}`], rows);
  if (skipped.length) {
    out();
    out(`not run at ${LENGTHS[1]}, over ${SKIP_LONGER_ABOVE_MS / 1000} s at ${LENGTHS[0]} already (the worst at ${LENGTHS[1]} is then a lower bound):`);
    for (const line of skipped) out(line);
  }
  out();
  out(`worst whole turn at ${LENGTHS[1]} characters: ${num(worstTurn, 1)} ms`);
}
