import type { Order } from '../data/shopSchema.js';
import type { Entity } from './entities.js';
import { normalizeText } from './features.js';

/** Words that point at an order without describing it ("那单", "the one"): never evidence of which order. */
const ZH_FILLER = /(那|这|哪)?(一)?(单|个|笔|件)|订单|买的|下单|的|了|我|吗|呢|吧|那|这|帮|看|查|退|换|取消|快递|物流/gu;
const EN_STOP = new Set(
  'the a an one ones my me i it its this that from to for of on in at with and or is was be order orders purchase bought buy got item thing please pls want need can could you your last ago week day'.split(' '),
);
/** Shortest run of Chinese characters that can name goods (枕头, 手机壳): one character is too ambiguous. */
const MIN_HAN_MATCH = 2;
/** Money matches within half a unit: buyers round ("the 199 one" for 198.99). */
const AMOUNT_TOLERANCE = 0.5;

/** Why an order matched a description, for the dialog to say and for tests to check. */
export type ReferenceReason = 'orderNumber' | 'date' | 'amount' | 'goods';

/** An order the buyer's words point at, with what pointed at it. */
export interface OrderMatch {
  order: Order;
  reasons: ReferenceReason[];
}

function dayOf(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function onDate(order: Order, value: string, timeZone: string): boolean {
  const [start, end = start] = value.split('/');
  return [order.createdAt, order.paidAt, order.deliveredAt].some((t) => {
    if (!t) return false;
    const day = dayOf(t, timeZone);
    return day >= start! && day <= end!;
  });
}

function hasAmount(order: Order, amount: number): boolean {
  const near = (x: number): boolean => Math.abs(x - amount) <= AMOUNT_TOLERANCE;
  return near(order.total) || order.items.some((i) => near(i.unitPrice));
}

/** The words of the message that name goods of `order`: Chinese runs (filler removed) found in an item title, Latin title words. */
function goodsWords(order: Order, text: string): string[] {
  const titles = normalizeText(order.items.map((i) => `${i.title} ${i.category}`).join(' '));
  const found: string[] = [];
  const han = normalizeText(text).replace(ZH_FILLER, ' ').match(/\p{Script=Han}+/gu) ?? [];
  for (const run of han) {
    let hit: string | undefined;
    for (let len = run.length; len >= MIN_HAN_MATCH && !hit; len--) {
      for (let i = 0; i + len <= run.length && !hit; i++) if (titles.includes(run.slice(i, i + len))) hit = run.slice(i, i + len);
    }
    if (hit) found.push(hit);
  }
  const words = (normalizeText(text).match(/[a-z]{3,}/g) ?? []).filter((w) => !EN_STOP.has(w));
  const titleWords = new Set(titles.match(/[a-z]{3,}/g) ?? []);
  found.push(...words.filter((w) => titleWords.has(w) || titleWords.has(w.replace(/e?s$/, '')) || titleWords.has(`${w}s`)));
  return found;
}

/**
 * The items of a several-item order that the text names ("return the milk frother" of a frother and
 * beans): all of them when it names none, or when the order has one item.
 */
export function itemsNamedIn(order: Order, text: string): Order['items'] {
  if (order.items.length < 2) return order.items;
  const named = order.items.filter((item) => goodsWords({ ...order, items: [item] }, text).length > 0);
  return named.length > 0 ? named : order.items;
}

/**
 * The text with the goods it names (from the buyer's own orders) replaced by a plain word for
 * "order": the classifier never saw "键盘" or "chinos", but knows "那个订单到哪了" well.
 * Undefined when no goods are named.
 */
export function withGoodsAsOrder(text: string, orders: readonly Order[], plain: string): string | undefined {
  const words = [...new Set(orders.flatMap((o) => goodsWords(o, text)))].sort((a, b) => b.length - a.length);
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
  const matches: OrderMatch[] = [];
  const goodsScore = new Map<Order, number>();
  for (const order of orders) {
    const reasons: ReferenceReason[] = [];
    if (dates.length) {
      if (!dates.some((d) => onDate(order, d, timeZone))) continue;
      reasons.push('date');
    }
    if (amounts.length) {
      if (!amounts.some((a) => hasAmount(order, a))) continue;
      reasons.push('amount');
    }
    const words = goodsWords(order, text);
    if (words.length) {
      reasons.push('goods');
      goodsScore.set(order, words.reduce((n, w) => n + w.length, 0));
    }
    if (reasons.length) matches.push({ order, reasons });
  }
  // The goods named best win: "waffle maker" is the waffle maker, not every "maker"; "静音破壁机" not every "破壁".
  const best = Math.max(0, ...goodsScore.values());
  const withGoods = matches.filter((m) => m.reasons.includes('goods') && goodsScore.get(m.order) === best);
  // Goods named in words are a clue, not a filter, when a date or amount already narrowed it down.
  if (dates.length || amounts.length) return withGoods.length ? withGoods : matches;
  return withGoods;
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

/** The id-like runs of a text, compacted, with every way of splitting a spaced run ("SO 2026 000117 到哪了"). */
function idCandidates(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ID_LIKE_RUN)) {
    const parts = m[0].split(/[-_ /]/);
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j <= parts.length; j++) out.add(compact(parts.slice(i, j).join('')));
    }
  }
  return [...out].filter((c) => c.length >= MIN_LITERAL_ID);
}

/**
 * The buyer's orders whose id is written in the text, however it is spaced or dashed
 * ("SO-2026-000117", "so2026000117", "SO 2026 000117"), or by its last digits when those fit
 * exactly one order ("000117 这单"): a shop's ids need not be the long digit runs the entity
 * recognizer knows.
 */
export function ordersTypedIn(text: string, orders: readonly Order[]): Order[] {
  const candidates = idCandidates(text);
  if (candidates.length === 0) return [];
  const whole = orders.filter((o) => o.id.length >= MIN_LITERAL_ID && candidates.includes(compact(o.id)));
  if (whole.length) return whole;
  const tails = candidates.filter((c) => /^\d+$/.test(c) && c.length >= MIN_TAIL_DIGITS);
  for (const tail of tails) {
    const fits = orders.filter((o) => compact(o.id).endsWith(tail));
    if (fits.length === 1) return fits;
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
