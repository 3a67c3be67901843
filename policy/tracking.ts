/** `task.track_logistics`, `task.urge_shipping`: the where-is-it rows of after-sales-policy.md (`track.*`). */
import type { Order } from '../data/shopSchema.js';
import { decide, type Decision } from './decision.js';
import { fmt, hoursSinceTracking, isDelivered, isEnded, isPaid, isShipped, isVirtual, timeOf } from './facts.js';
import type { PolicySettings } from './settings.js';

/** What the buyer asked: where the order is, or to hurry the merchant. */
export type TrackingAsk = 'track' | 'urge';

/**
 * What the desk does when the buyer asks where `order` is (or to urge shipping) at `now`.
 * Paid and unshipped: before or at the ship-by time shows it (`track.before_ship_by`), after it
 * urges the merchant (`track.late_shipment`). Shipped: stalled once the latest update is at least
 * `stallHours` old (`track.stalled`), else the tracking (`track.in_transit`).
 */
export function decideTracking(order: Order, now: Date, settings: PolicySettings, ask: TrackingAsk = 'track'): Decision {
  if (isShipped(order)) return shippedTracking(order, now, settings);
  const d = unshippedTracking(order, now, ask);
  if (isEnded(order)) return { ...d, action: 'explain', reason: `already_${order.status}` };
  if (!isPaid(order)) return { ...d, action: 'explain', reason: 'unpaid;ships_after_payment' };
  return d;
}

function unshippedTracking(order: Order, now: Date, ask: TrackingAsk): Decision {
  const shipBy = timeOf(order.shipBy);
  if (shipBy === undefined) return decide('track.before_ship_by', 'explain', 'no_ship_by_time');
  if (now.getTime() > shipBy) {
    return decide('track.late_shipment', 'urge_merchant', 'past_ship_by;late_shipment_compensation');
  }
  return decide('track.before_ship_by', 'show_ship_by', ask === 'urge' ? 'urge_before_ship_by;show_promise' : 'before_ship_by');
}

function shippedTracking(order: Order, now: Date, settings: PolicySettings): Decision {
  if (isVirtual(order)) return decide('track.in_transit', 'explain', 'virtual_codes_sent');
  if (isDelivered(order)) return decide('track.in_transit', 'show_tracking', 'delivered');
  const hours = hoursSinceTracking(order, now);
  if (hours !== undefined && hours >= settings.stallHours) {
    return decide('track.stalled', 'report_stalled', `no_update_${fmt(hours)}h;stall_at_${settings.stallHours}h;offer_contact_merchant`);
  }
  return decide('track.in_transit', 'show_tracking', hours === undefined ? 'no_events_yet' : `last_update_${fmt(hours)}h`);
}
