import type { Locale, Order } from '../data/shopSchema.js';
import { carrierName, trackingText } from '../bot/englishNames.js';
import { deliveredDaysAgo, latestTrackingTime } from '../policy/facts.js';
import { formatMoney, formatTime } from '../bot/format.js';
import { goodsLine } from '../bot/orderCards.js';

/** What a sentence about an order may name, formatted for the buyer (language, time zone). */
export interface OrderFacts {
  id: string;
  goods: string;
  amount: string;
  carrier: string;
  trackingNo: string;
  shipBy: string;
  shippedAt: string;
  deliveredAt: string;
  cancelRequestedAt: string;
  /** The latest tracking update: "11月2日 15:00 已揽收". */
  latest: string;
  latestAt: string;
  address: string;
  /** Calendar days since delivery in the buyer's zone (as the return windows count them). */
  deliveredDays: number;
}

/** The facts of `order` as the buyer reads them; absent facts are empty strings. */
export function orderFacts(order: Order, locale: Locale, timeZone: string, now: Date): OrderFacts {
  const time = (iso: string | null | undefined): string => (iso ? formatTime(iso, locale, timeZone) : '');
  const events = [...(order.logistics?.events ?? [])].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const latestAt = latestTrackingTime(order);

  return {
    id: order.id,
    goods: goodsLine(order, locale),
    amount: formatMoney(order.total, order.currency, locale),
    carrier: carrierName(order.logistics?.carrier ?? '', locale),
    trackingNo: order.logistics?.trackingNo ?? '',
    shipBy: time(order.shipBy),
    shippedAt: time(order.shippedAt),
    deliveredAt: time(order.deliveredAt),
    cancelRequestedAt: time(order.cancelRequestedAt),
    latest: events[0] ? `${time(events[0].at)} ${trackingText(events[0].text, locale)}` : '',
    latestAt: latestAt === undefined ? '' : time(new Date(latestAt).toISOString()),
    address: order.address?.line ?? '',
    deliveredDays: deliveredDaysAgo(order, now, timeZone) ?? 0,
  };
}
