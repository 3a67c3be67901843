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

/** Chinese runs of the message (filler removed) that appear in an item title. */
function goodsMatch(order: Order, text: string): boolean {
  const titles = normalizeText(order.items.map((i) => `${i.title} ${i.category}`).join(' '));
  const han = normalizeText(text).replace(ZH_FILLER, ' ').match(/\p{Script=Han}+/gu) ?? [];
  for (const run of han) {
    for (let len = run.length; len >= MIN_HAN_MATCH; len--) {
      for (let i = 0; i + len <= run.length; i++) if (titles.includes(run.slice(i, i + len))) return true;
    }
  }
  const words = (normalizeText(text).match(/[a-z]{3,}/g) ?? []).filter((w) => !EN_STOP.has(w));
  const titleWords = new Set(titles.match(/[a-z]{3,}/g) ?? []);
  return words.some((w) => titleWords.has(w) || titleWords.has(w.replace(/e?s$/, '')) || titleWords.has(`${w}s`));
}

/**
 * Resolves a reference to an order in the buyer's words — a number, a date ("上周二", "the one from
 * last Tuesday"), an amount ("the 199 one") or the goods ("枕头那单", "the pillow") — against the
 * buyer's own orders only. Returns the orders that fit every clue given, best first; an empty list
 * when the words name no order or no order fits.
 */
export function resolveOrderReference(text: string, entities: readonly Entity[], orders: readonly Order[], timeZone: string): OrderMatch[] {
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
