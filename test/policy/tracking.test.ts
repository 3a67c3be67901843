import { describe, it, expect } from 'vitest';
import { DEFAULT_SETTINGS, decideTracking, settingsFor } from '../../policy/index.js';
import { NOW, VIRTUAL, hoursAgo, order, paidOrder, shippedOrder } from './fixtures.js';

const MINUTE_MS = 60_000;
/** A paid order whose ship-by time is NOW + `minutes`. */
const shipByIn = (minutes: number) => paidOrder(0, { shipBy: new Date(NOW.getTime() + minutes * MINUTE_MS).toISOString() });

describe('track.before_ship_by / track.late_shipment: the ship-by minute', () => {
  it.each([
    ['before', 1, 'track.before_ship_by', 'show_ship_by'],
    ['at', 0, 'track.before_ship_by', 'show_ship_by'],
    ['after', -1, 'track.late_shipment', 'urge_merchant'],
  ] as const)('%s the ship-by time → %s', (_when, minutes, rule, action) => {
    expect(decideTracking(shipByIn(minutes), NOW, DEFAULT_SETTINGS)).toMatchObject({ rule, action, handover: false });
  });

  it.each(['track', 'urge'] as const)('task %s past ship-by → track.late_shipment', (ask) => {
    expect(decideTracking(shipByIn(-60), NOW, DEFAULT_SETTINGS, ask).rule).toBe('track.late_shipment');
  });
});

describe('track.in_transit / track.stalled: hours since the latest tracking event', () => {
  it.each([
    [3, 'track.in_transit', 'show_tracking'],
    [71.99, 'track.in_transit', 'show_tracking'],
    [72, 'track.stalled', 'report_stalled'],
    [100, 'track.stalled', 'report_stalled'],
  ])('last event %d h ago → %s', (h, rule, action) => {
    expect(decideTracking(shippedOrder(h), NOW, DEFAULT_SETTINGS)).toMatchObject({ rule, action, handover: false });
  });

  it('track.stalled: a merchant override of stallHours', () => {
    const s = settingsFor('m-1', { 'm-1': { stallHours: 48 } });
    expect(decideTracking(shippedOrder(48), NOW, s).rule).toBe('track.stalled');
    expect(decideTracking(shippedOrder(47), NOW, s).rule).toBe('track.in_transit');
  });

  it('track.in_transit: no events yet falls back to the shipping time', () => {
    const o = shippedOrder(3, { shippedAt: hoursAgo(10), logistics: { carrier: 'SF', trackingNo: 'SF1', events: [] } });
    expect(decideTracking(o, NOW, DEFAULT_SETTINGS).rule).toBe('track.in_transit');
  });

  it.each([
    ['physical delivered', order(), 'show_tracking'],
    ['virtual codes sent', order({ items: [VIRTUAL], logistics: null }), 'explain'],
  ] as const)('track.in_transit: %s', (_what, o, action) => {
    expect(decideTracking(o, NOW, DEFAULT_SETTINGS)).toMatchObject({ rule: 'track.in_transit', action });
  });

  it('track.before_ship_by: an unpaid order is explained', () => {
    const o = order({ status: 'unpaid', paidAt: null, shipBy: null, shippedAt: null, deliveredAt: null, logistics: null });
    expect(decideTracking(o, NOW, DEFAULT_SETTINGS)).toMatchObject({ rule: 'track.before_ship_by', action: 'explain' });
  });
});
