import type { Order } from '../data/shopSchema.js';
import type { Entity } from './entities.js';
import { normalizeText } from './features.js';
import { kindScore, kindsSaid, statesSaid } from './goodsLexicon.js';
import { SubstringIndex } from './substringIndex.js';

/** Words that point at an order without describing it ("那单", "the one"): never evidence of which order. */
const ZH_FILLER = /(那|这|哪)?(一)?(单|个|笔|件)|订单|买的|下单|的|了|我|吗|呢|吧|那|这|帮|看|查|退|换|取消|快递|物流/gu;
const EN_STOP = new Set(
  'the a an one ones my me i it its this that from to for of on in at with and or is was be order orders purchase bought buy got item thing please pls want need can could you your last ago week day cancel cancelled canceled cancelling canceling return returned returning refund refunded exchange exchanged change changed changing track tracking ship shipped shipping shipment deliver delivered delivery address arrive arrived send sent still where when what how help'.split(' '),
);
/** Shortest run of Chinese characters that can name goods (枕头, 手机壳): one character is too ambiguous. */
const MIN_HAN_MATCH = 2;
/** Money matches within half a unit: buyers round ("the 199 one" for 198.99). */
const AMOUNT_TOLERANCE = 0.5;
/**
 * Most goods words replaced in one message, the longest kept: a buyer names a few goods; a message
 * naming more is a pasted list, and each word is one more pass over the message.
 */
const MAX_GOODS_WORDS = 16;

/** Why an order matched a description, for the dialog to say and for tests to check. */
export type ReferenceReason = 'orderNumber' | 'date' | 'amount' | 'goods' | 'state';

/** An order the buyer's words point at, with what pointed at it. */
export interface OrderMatch {
  order: Order;
  reasons: ReferenceReason[];
}

/** Formatters of "YYYY-MM-DD" by time zone: costly to build (one per order and date was ~30 µs each), cheap to use. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayOf(iso: string, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

/** The days an order was placed, paid and delivered on, on the buyer's calendar. */
function daysOf(order: Order, timeZone: string): string[] {
  return [order.createdAt, order.paidAt, order.deliveredAt].flatMap((t) => (t ? [dayOf(t, timeZone)] : []));
}

/** Whether one of the days falls on a date entity's value: a day, or "first/last" with both included. */
function onDate(days: readonly string[], value: string): boolean {
  const [start, end = start] = value.split('/');
  return days.some((day) => day >= start! && day <= end!);
}

function hasAmount(order: Order, amount: number): boolean {
  const near = (x: number): boolean => Math.abs(x - amount) <= AMOUNT_TOLERANCE;
  return near(order.total) || order.items.some((i) => near(i.unitPrice));
}

/** The words of a message that may name goods, read once for all of a buyer's orders. */
interface GoodsText {
  /** Runs of Chinese characters, filler words removed. */
  han: string[];
  /** Latin words of three letters or more, stop words removed. */
  latin: string[];
}

/** A message's words that may name goods: normalized once, not once per order. */
function goodsTextOf(text: string): GoodsText {
  const normalized = normalizeText(text);
  return {
    han: normalized.replace(ZH_FILLER, ' ').match(/\p{Script=Han}+/gu) ?? [],
    latin: (normalized.match(/[a-z]{3,}/g) ?? []).filter((w) => !EN_STOP.has(w)),
  };
}

/**
 * The words of the message that name goods of `order`: of each Chinese run (filler removed), its
 * longest piece found in an item title (the leftmost of equally long ones); Latin title words.
 */
function goodsWords(order: Order, text: GoodsText): string[] {
  const titles = normalizeText(order.items.map((i) => `${i.title} ${i.category}`).join(' '));
  const found: string[] = [];
  if (text.han.length > 0) {
    const index = new SubstringIndex(titles);
    for (const run of text.han) {
      const hit = index.longestIn(run);
      if (hit.length >= MIN_HAN_MATCH) found.push(run.slice(hit.start, hit.start + hit.length));
    }
  }
  const titleWords = new Set(titles.match(/[a-z]{3,}/g) ?? []);
  found.push(...text.latin.filter((w) => titleWords.has(w) || titleWords.has(w.replace(/e?s$/, '')) || titleWords.has(`${w}s`) || sameStem(w, titleWords)));
  return found;
}

/**
 * Whether a word shares its stem with a title word: "moisturizer" of "Moisturizing", "chargers" of
 * "Charger": a common start of seven letters or more, covering most of the shorter word.
 */
function sameStem(word: string, titleWords: ReadonlySet<string>): boolean {
  if (word.length < 7) return false;
  for (const t of titleWords) {
    if (t.length < 7 || t[0] !== word[0]) continue;
    let k = 0;
    const n = Math.min(word.length, t.length);
    while (k < n && word[k] === t[k]) k++;
    if (k >= 7 && k >= 0.7 * n) return true;
  }
  return false;
}

/**
 * The items of a several-item order that the text names ("return the milk frother" of a frother and
 * beans): all of them when it names none, or when the order has one item.
 */
export function itemsNamedIn(order: Order, text: string): Order['items'] {
  if (order.items.length < 2) return order.items;
  const words = goodsTextOf(text);
  const named = order.items.filter((item) => goodsWords({ ...order, items: [item] }, words).length > 0);
  return named.length > 0 ? named : order.items;
}

/**
 * The text with the goods it names (from the buyer's own orders) replaced by a plain word for
 * "order": the classifier never saw "键盘" or "chinos", but knows "那个订单到哪了" well.
 * Undefined when no goods are named.
 */
export function withGoodsAsOrder(text: string, orders: readonly Order[], plain: string): string | undefined {
  const goodsText = goodsTextOf(text);
  const kinds = kindsSaid(text).filter((k) => orders.some((o) => kindScore(o, [k]) > 0)).map((k) => k.word);
  const words = [...new Set([...orders.flatMap((o) => goodsWords(o, goodsText)), ...kinds])].sort((a, b) => b.length - a.length).slice(0, MAX_GOODS_WORDS);
  if (words.length === 0) return undefined;
  let out = text;
  for (const w of words) out = out.replace(new RegExp(w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), plain);
  return out === text ? undefined : out;
}

/**
 * Resolves a reference to an order in the buyer's words — a number, a date ("上周二", "the one from
 * last Tuesday"), an amount ("the 199 one") or the goods ("枕头那单", "the pillow") — against the
 * buyer's own orders only. Returns the orders that fit every clue given, best first; an empty list
 * when the words name no order or no order fits.
 */
export function resolveOrderReference(text: string, entities: readonly Entity[], orders: readonly Order[], timeZone: string): OrderMatch[] {
  const typed = ordersTypedIn(text, orders);
  if (typed.length) return typed.map((order) => ({ order, reasons: ['orderNumber'] }));
  const numbers = entities.filter((e) => e.type === 'orderNumber').map((e) => e.value);
  if (numbers.length) return orders.filter((o) => numbers.includes(o.id)).map((order) => ({ order, reasons: ['orderNumber'] }));
  const dates = entities.filter((e) => e.type === 'date').map((e) => e.value);
  const amounts = entities.filter((e) => e.type === 'amount').map((e) => e.value);
  const goodsText = goodsTextOf(text);
  const kinds = kindsSaid(text);
  const states = statesSaid(text);
  const matches: OrderMatch[] = [];
  const goodsScore = new Map<Order, number>();
  for (const order of orders) {
    const reasons: ReferenceReason[] = [];
    if (states) {
      if (!states.has(order.status)) continue;
      // "says delivered but I never got it" is about a parcel: codes and vouchers are not delivered to a door.
      if (states.has('delivered') && order.items.every((i) => i.goodsType === 'virtual')) continue;
      reasons.push('state');
    }
    if (dates.length) {
      const days = daysOf(order, timeZone);
      if (!dates.some((d) => onDate(days, d))) continue;
      reasons.push('date');
    }
    if (amounts.length) {
      if (!amounts.some((a) => hasAmount(order, a))) continue;
      reasons.push('amount');
    }
    // Goods named by the title's own words, or by kind, synonym or the other language ("书", "the berries", "keyboard" of 键盘).
    const score = Math.max(goodsWords(order, goodsText).reduce((n, w) => n + w.length, 0), kindScore(order, kinds));
    if (score > 0) {
      reasons.push('goods');
      goodsScore.set(order, score);
    }
    if (reasons.length) matches.push({ order, reasons });
  }
  // The goods named best win: "waffle maker" is the waffle maker, not every "maker"; "静音破壁机" not every "破壁".
  const best = Math.max(0, ...goodsScore.values());
  const withGoods = matches.filter((m) => m.reasons.includes('goods') && goodsScore.get(m.order) === best);
  // Goods named in words are a clue, not a filter, when a date, amount or state already narrowed it down.
  if (dates.length || amounts.length || states) {
    if (withGoods.length) return withGoods;
    // Goods named that fit none of the other clues ("迪士尼门票下周用不了": next week is when it is used, not bought;
    // "the jacket still hasn't shipped" of a jacket since refunded): the goods name the order, not the clue.
    const named = goodsOnly(orders, goodsText, kinds);
    return named.length ? named : matches;
  }
  return withGoods;
}

/** The orders whose goods the words name best, ignoring every other clue. */
function goodsOnly(orders: readonly Order[], goodsText: GoodsText, kinds: ReturnType<typeof kindsSaid>): OrderMatch[] {
  const scored = orders.map((order) => ({ order, score: Math.max(goodsWords(order, goodsText).reduce((n, w) => n + w.length, 0), kindScore(order, kinds)) }));
  const best = Math.max(0, ...scored.map((x) => x.score));
  return best > 0 ? scored.filter((x) => x.score === best).map(({ order }) => ({ order, reasons: ['goods'] })) : [];
}

/** Shortest order id looked for verbatim: shorter ids ("12", "A1") turn up in ordinary words and amounts. */
const MIN_LITERAL_ID = 5;

/** Runs of letters and digits, allowing single separators inside ("SO-2026-000117", "SO 2026 000117"). */
const ID_LIKE_RUN = /[A-Za-z0-9](?:[A-Za-z0-9]|[-_ /](?=[A-Za-z0-9]))*/g;
/** A shop's own order id: a short letter prefix, then digits, maybe dashed ("SO-2026-000999", "A10099"); no spaces. */
const ID_LOOKING = /(?<![A-Za-z0-9])[A-Za-z]{1,5}[-_/]?\d[\d\-_/]*(?![A-Za-z0-9])/g;

/** Fewest trailing digits that name an order by its tail ("尾号000117"): fewer are amounts and quantities. */
const MIN_TAIL_DIGITS = 6;

function compact(s: string): string {
  return s.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * The id-like runs of a text, compacted, with every way of joining consecutive parts of a spaced
 * run ("SO 2026 000117 到哪了" gives "SO2026000117", "2026000117", "000117"…), in the order
 * written, up to `longest` characters: no id of the buyer's is longer, and a run of a thousand
 * one-letter parts ("a b c d …") has half a million longer joins, a few seconds' work (issue 9).
 * At most `longest` joins start at each part, so there are at most `longest` × the parts.
 * Exported for the tests that count them.
 */
export function idCandidates(text: string, longest: number): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ID_LIKE_RUN)) {
    const parts = m[0].split(/[-_ /]/).map((part) => part.toUpperCase());
    for (let i = 0; i < parts.length; i++) {
      let joined = '';
      for (let j = i; j < parts.length; j++) {
        joined += parts[j]!;
        if (joined.length > longest) break;
        out.add(joined);
      }
    }
  }
  return [...out].filter((c) => c.length >= MIN_LITERAL_ID);
}

/** The buyer's orders by each tail of their compacted ids that can name one ("000117" of SO-2026-000117). */
function ordersByTail(ids: readonly string[], orders: readonly Order[]): Map<string, Order[]> {
  const byTail = new Map<string, Order[]>();
  ids.forEach((id, k) => {
    for (let length = MIN_TAIL_DIGITS; length <= id.length; length++) {
      const tail = id.slice(-length);
      const fits = byTail.get(tail);
      if (fits) fits.push(orders[k]!);
      else byTail.set(tail, [orders[k]!]);
    }
  });
  return byTail;
}

/**
 * The buyer's orders whose id is written in the text, however it is spaced or dashed
 * ("SO-2026-000117", "so2026000117", "SO 2026 000117"), or by its last digits when those fit
 * exactly one order ("000117 这单"): a shop's ids need not be the long digit runs the entity
 * recognizer knows.
 */
export function ordersTypedIn(text: string, orders: readonly Order[]): Order[] {
  const ids = orders.map((o) => compact(o.id));
  const candidates = idCandidates(text, ids.reduce((longest, id) => Math.max(longest, id.length), 0));
  if (candidates.length === 0) return [];
  const written = new Set(candidates);
  const whole = orders.filter((o, k) => o.id.length >= MIN_LITERAL_ID && written.has(ids[k]!));
  if (whole.length) return whole;
  const tails = candidates.filter((c) => /^\d+$/.test(c) && c.length >= MIN_TAIL_DIGITS);
  if (tails.length === 0) return [];
  const byTail = ordersByTail(ids, orders);
  for (const tail of tails) {
    const fits = byTail.get(tail);
    if (fits?.length === 1) return [...fits];
  }
  return [];
}

/**
 * Ids written in the text that look like an order id of the shop's own format (letters and at
 * least five digits, like "SO-2026-000999" or "A10099") but are none of the buyer's orders: the
 * buyer is told it was not found, as for a wrong number, never shown someone else's.
 */
export function unknownOrderIds(text: string, orders: readonly Order[]): string[] {
  if (ordersTypedIn(text, orders).length) return [];
  const runs = [...text.matchAll(ID_LOOKING)].map((m) => m[0]).filter((r) => (r.match(/\d/g) ?? []).length >= 5);
  // The buyer's own ids and tracking numbers are not unknown ids.
  const known = new Set(orders.flatMap((o) => [compact(o.id), ...(o.logistics?.trackingNo ? [compact(o.logistics.trackingNo)] : [])]));
  return runs.filter((r) => !known.has(compact(r)));
}
