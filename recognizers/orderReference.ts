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

function goodsMatch(order: Order, text: string): boolean {
  return goodsWords(order, text).length > 0;
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
    if (goodsMatch(order, text)) reasons.push('goods');
    if (reasons.length) matches.push({ order, reasons });
  }
  // Goods named in words are a clue, not a filter, when a date or amount already narrowed it down.
  const withGoods = matches.filter((m) => m.reasons.includes('goods'));
  return withGoods.length && (dates.length || amounts.length) ? withGoods : matches;
}

/** Shortest order id looked for verbatim: shorter ids ("12", "A1") turn up in ordinary words and amounts. */
const MIN_LITERAL_ID = 5;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The buyer's orders whose id is written in the text as it is ("SO-2026-0042", "A10023"), case
 * aside: a shop's ids need not be the long digit runs the entity recognizer knows.
 */
export function ordersTypedIn(text: string, orders: readonly Order[]): Order[] {
  const upper = text.toUpperCase();
  return orders.filter((o) => {
    if (o.id.length < MIN_LITERAL_ID || !upper.includes(o.id.toUpperCase())) return false;
    return new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(o.id)}(?![A-Za-z0-9])`, 'i').test(text); // Chinese may touch the id: 订单A10023到哪了
  });
}
