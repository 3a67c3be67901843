import { carrierName, merchantName, trackingText } from './englishNames.js';
import { ActionTypes, CardFactory, type Attachment } from 'botbuilder';
import type { ButtonOf } from './buttonValues.js';
import type { Locale, Merchant, Order } from '../data/shopSchema.js';
import { formatMoney, formatTime } from './format.js';
import { CARD, S, STATUS_LABEL, say } from './strings.js';

/** How the buyer sees a card: their language and their time zone. */
export interface CardView {
  locale: Locale;
  timeZone: string;
}

/** "纯棉T恤 白色 L 等2件" / "Cotton T-shirt + 1 more". */
export function goodsLine(order: Order, locale: Locale): string {
  const first = order.items[0];
  if (!first) return '';
  if (order.items.length > 1) return `${first.title}${say(CARD.moreItems, locale, { n: order.items.length })}`;
  return first.quantity > 1 ? `${first.title} ×${first.quantity}` : first.title;
}

/** The latest tracking line ("11月2日 15:00 已揽收"), or what stands in for it. */
export function latestTrackingLine(order: Order, view: CardView): string {
  const events = order.logistics?.events ?? [];
  const latest = events.reduce<(typeof events)[number] | undefined>(
    (best, e) => (!best || Date.parse(e.at) > Date.parse(best.at) ? e : best),
    undefined,
  );
  if (latest) return `${formatTime(latest.at, view.locale, view.timeZone)} ${trackingText(latest.text, view.locale)}`;
  if (order.items.every((i) => i.goodsType === 'virtual')) return say(CARD.virtualGoods, view.locale);
  return say(CARD.noTracking, view.locale);
}

/** A compact order card (goods, amount, state, latest tracking) whose button picks the order. */
export function orderSummaryCard(order: Order, view: CardView): Attachment {
  const { locale } = view;
  return CardFactory.heroCard(
    goodsLine(order, locale),
    `${formatMoney(order.total, order.currency, locale)} · ${say(STATUS_LABEL[order.status], locale)}\n\n${latestTrackingLine(order, view)}\n\n${say(CARD.orderNo, locale)} ${order.id}`,
    undefined,
    [
      {
        type: ActionTypes.MessageBack,
        title: say(S.pickOrderButton, locale),
        text: order.id,
        displayText: say(S.pickedOrder, locale, { orderId: order.id }),
        value: { action: 'pickOrder', orderId: order.id } satisfies ButtonOf<'pickOrder'>,
      },
    ],
  );
}

function paymentLine(order: Order, view: CardView): string {
  return order.paidAt ? say(CARD.paidAt, view.locale, { at: formatTime(order.paidAt, view.locale, view.timeZone) }) : say(CARD.unpaid, view.locale);
}

function shippingLine(order: Order, view: CardView): string {
  const { locale, timeZone } = view;
  if (order.shippedAt && !order.logistics) return say(CARD.sentAt, locale, { at: formatTime(order.shippedAt, locale, timeZone) });
  if (order.shippedAt) {
    return say(CARD.shippedAt, locale, {
      at: formatTime(order.shippedAt, locale, timeZone),
      carrier: carrierName(order.logistics?.carrier ?? '', locale),
      no: order.logistics?.trackingNo ?? '',
    }).trim();
  }
  if (order.items.every((i) => i.goodsType === 'virtual')) return say(CARD.virtualGoods, locale);
  if (order.paidAt && order.shipBy && order.status === 'paid') {
    return say(CARD.shipBy, locale, { at: formatTime(order.shipBy, locale, timeZone) });
  }
  return say(CARD.notShipped, locale);
}

/** The order card shown inside the chat, for the buyer and (later) for the agent: every fact at a glance. */
export function orderDetailCard(order: Order, merchant: Merchant | undefined, view: CardView): Attachment {
  const { locale } = view;
  const items = order.items.map((i) => `${i.title} × ${i.quantity}`).join('\n');
  const facts: [string, string][] = [
    [say(CARD.orderNo, locale), order.id],
    [say(CARD.status, locale), say(STATUS_LABEL[order.status], locale)],
    [say(CARD.amount, locale), formatMoney(order.total, order.currency, locale)],
    [say(CARD.payment, locale), paymentLine(order, view)],
    [say(CARD.shipping, locale), shippingLine(order, view)],
    [say(CARD.tracking, locale), latestTrackingLine(order, view)],
  ];
  if (merchant) facts.push([say(CARD.merchant, locale), merchantName(merchant, locale)]);
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    speak: `${goodsLine(order, locale)}, ${say(STATUS_LABEL[order.status], locale)}`,
    body: [
      { type: 'TextBlock', text: goodsLine(order, locale), weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: items, wrap: true, isSubtle: true, spacing: 'Small' },
      { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
    ],
  });
}
