import { randomUUID } from 'node:crypto';
import type { DeskStore, EventLog } from '../../data/deskStore.js';
import type { Actor, OrderEvent } from '../../data/records.js';
import type { Merchant, Order, OrderStatus } from '../../data/shopSchema.js';

/** Who asks for a change, under which rule, from which conversation: what the history records. */
export interface ActionBy {
  by: Actor;
  rule?: string;
  conversationId?: string;
  /** The activity that asked (the buyer's "yes"): sent again (a channel's retry, a restart), it is not done twice. */
  activityId?: string;
  /** The question the buyer said yes to: which order and which action it named. A buyer's action that moves money or goods needs one that names exactly it. */
  confirmed?: Confirmation;
}

/** A yes-or-no question the buyer confirmed: its id, the order and the action it named. */
export interface Confirmation {
  questionId: string;
  orderId: string;
  action: string;
}

/**
 * Actions that move money or goods: asked by a buyer, each needs the buyer's yes to a question that
 * named that very order and action. Checked here, where the action is carried out, whatever the
 * dialog did: money never moves on an order the buyer was not asked about.
 */
export const CONFIRMED_ACTIONS: ReadonlySet<string> = new Set(['cancel', 'cancel_and_refund', 'intercept_parcel', 'refuse_parcel_merchant_pays', 'start_return', 'start_exchange', 'change_address']);

/** True when `by` may carry out `action` on `orderId`: not a buyer's money-moving action, or one the buyer confirmed as named. */
export function confirmedFor(by: ActionBy, orderId: string, action: string): boolean {
  if (!by.by.startsWith('buyer:') || !CONFIRMED_ACTIONS.has(action)) return true;
  return !!by.confirmed && by.confirmed.orderId === orderId && by.confirmed.action === action;
}

/** The result of an action: done (with the order as it is now), or refused because the order moved meanwhile. */
export type ActionResult = { ok: true; order: Order; event: OrderEvent } | { ok: false; order: Order | undefined; reason: 'not_found' | 'state_changed' | 'unconfirmed' };

/** What one action does to the order: its new status (or the same), details for the history. */
interface Change {
  to?: OrderStatus;
  detail?: Record<string, unknown>;
}

/** Return shipping after a no-reason return: the buyer, unless the order has shipping insurance. */
export type ReturnShippingPayer = 'buyer' | 'merchant' | 'insurance';

/** The order's last event as `apply` wrote it (the shop schema only checks its outline). */
function lastEventOf(order: Order): OrderEvent | undefined {
  return order.lastEvent as unknown as OrderEvent | undefined;
}

/** The same action asked by the same activity of the same conversation: a repeat, not a new request. */
function sameRequest(e: Pick<OrderEvent, 'action' | 'conversationId' | 'activityId'> | undefined, action: string, by: ActionBy): boolean {
  return !!e && !!by.activityId && e.action === action && e.activityId === by.activityId && e.conversationId === by.conversationId;
}

/**
 * Every change the desk makes to an order, each one compare-and-set on the status the decision
 * saw (an order that moved meanwhile is not touched), saved in the store and recorded in the
 * event log with who, what, when and which rule. Nothing else in the desk writes orders.
 *
 * Killed at any instant, nothing acknowledged is lost and nothing is done twice: the event is
 * written with the order, in the same atomic store write (`order.lastEvent`), then appended to
 * the log before the action resolves (so before the buyer hears it is done); a start appends a
 * last event the log lacks (`recoverEvents`). An action asked again by the same activity (a
 * channel resending a "yes" whose answer it never got) resolves with the first outcome.
 */
export class OrderActions {
  constructor(
    private readonly store: DeskStore,
    private readonly events: EventLog,
    private readonly now: () => Date,
  ) {}

  /** `cancel.unpaid`: the order is cancelled; nothing was paid, so nothing to refund. */
  cancel(orderId: string, expect: OrderStatus, by: ActionBy): Promise<ActionResult> {
    return this.apply(orderId, expect, 'cancel', by, (o, at) => {
      o.cancelledAt = at;
      return { to: 'cancelled' };
    });
  }

  /** `cancel.paid_unshipped`: cancelled with the full amount refunded at once (the merchant had not shipped). */
  cancelAndRefund(orderId: string, expect: OrderStatus, by: ActionBy): Promise<ActionResult> {
    return this.apply(orderId, expect, 'cancel_and_refund', by, (o, at) => {
      o.cancelledAt = at;
      o.refund = { amount: o.total, currency: o.currency, status: 'refunded', at };
      return { to: 'refunded', detail: { refund: o.total, currency: o.currency } };
    });
  }

  /**
   * `cancel.in_transit` / `cancel.shipped_after_request`: the parcel is to be intercepted or
   * refused; the refund is requested and follows once it is back. After a cancel request the
   * merchant pays the return shipping and gets a penalty note.
   */
  stopParcel(orderId: string, expect: OrderStatus, by: ActionBy, merchantAtFault: boolean): Promise<ActionResult> {
    return this.apply(orderId, expect, merchantAtFault ? 'refuse_parcel_merchant_pays' : 'intercept_parcel', by, (o, at, merchant) => {
      o.afterSale = { kind: merchantAtFault ? 'refuse_parcel' : 'intercept', requestedAt: at, returnShippingPaidBy: merchantAtFault ? 'merchant' : 'buyer' };
      o.refund = { amount: o.total, currency: o.currency, status: 'requested', at };
      // A note for the platform to confirm, not an open penalty yet: one buyer's case must not flag the seller for every other buyer.
      if (merchantAtFault && merchant) merchant.penaltyNotes = [...(merchant.penaltyNotes ?? []), { at, reason: `shipped order ${o.id} after the buyer asked to cancel`, orderId: o.id }];
      return { to: 'refund_requested', detail: { refund: o.total, currency: o.currency, penaltyNote: merchantAtFault } };
    });
  }

  /** `return.no_reason` / `return.quality` / `return.merchant_flagged`: a return or exchange is opened. */
  requestReturn(
    orderId: string,
    expect: OrderStatus,
    by: ActionBy,
    opts: { kind: 'return' | 'exchange'; shipping: ReturnShippingPayer; photos?: string[]; flagged?: boolean; skus?: string[]; amount?: number; wants?: string },
  ): Promise<ActionResult> {
    return this.apply(orderId, expect, opts.kind === 'exchange' ? 'start_exchange' : 'start_return', by, (o, at) => {
      const amount = opts.amount ?? o.total; // only the items named, when the buyer sends back part of the order
      o.afterSale = {
        kind: opts.kind,
        requestedAt: at,
        returnShippingPaidBy: opts.shipping,
        ...(opts.photos?.length ? { photos: opts.photos } : {}),
        ...(opts.skus?.length ? { skus: opts.skus } : {}),
      };
      if (opts.kind === 'return') o.refund = { amount, currency: o.currency, status: 'requested', at };
      return { to: 'return_requested', detail: { ...opts, refund: opts.kind === 'return' ? amount : 0 } };
    });
  }

  /** `address.unshipped`: the delivery address line is replaced (name and phone stay). */
  changeAddress(orderId: string, expect: OrderStatus, by: ActionBy, line: string): Promise<ActionResult> {
    return this.apply(orderId, expect, 'change_address', by, (o) => {
      const before = o.address?.line ?? null;
      o.address = { name: o.address?.name ?? '', phone: o.address?.phone ?? '', ...o.address, line };
      return { detail: { from: before, to: line } };
    });
  }

  /** `invoice.request`: the merchant is asked for an invoice. */
  requestInvoice(orderId: string, expect: OrderStatus, by: ActionBy): Promise<ActionResult> {
    return this.apply(orderId, expect, 'request_invoice', by, (o, at) => {
      o.invoiceRequestedAt = at;
      return {};
    });
  }

  /** `track.late_shipment` (with `lateShipment`: the delay noted for compensation) or a nudge before the ship-by time. */
  urgeMerchant(orderId: string, expect: OrderStatus, by: ActionBy, lateShipment = false): Promise<ActionResult> {
    return this.apply(orderId, expect, 'urge_merchant', by, (o, at) => {
      o.urgedAt = at;
      if (lateShipment) o.lateShipmentCompensation = { notedAt: at, status: 'pending_review' };
      return lateShipment ? { detail: { lateShipmentCompensation: 'pending_review', shipBy: o.shipBy } } : {};
    });
  }

  /** A message left for the order's merchant (stalled parcel, expired return, codes sent, shipped address). */
  messageMerchant(orderId: string, expect: OrderStatus, by: ActionBy, topic: string): Promise<ActionResult> {
    return this.apply(orderId, expect, 'message_merchant', by, (_o, _at, merchant) => ({ detail: { topic, merchantContact: merchant?.contactHandle } }));
  }

  /** The one unpaid reminder: marked before it is sent, so it can never go out twice. */
  markUnpaidReminded(orderId: string, by: ActionBy): Promise<ActionResult> {
    return this.apply(orderId, 'unpaid', 'remind_unpaid', by, (o, at) => {
      if (o.unpaidReminderAt) return null;
      o.unpaidReminderAt = at;
      return {};
    });
  }

  /**
   * Applies one change if the order is still in `expect`: mutates it in the store, records the
   * event, and resolves once the order is on disk. `change` may return null to refuse.
   */
  private async apply(
    orderId: string,
    expect: OrderStatus,
    action: string,
    by: ActionBy,
    change: (order: Order, at: string, merchant: Merchant | undefined) => Change | null,
  ): Promise<ActionResult> {
    const at = this.now().toISOString();
    const history = by.activityId ? await this.events.orderHistory(orderId) : [];
    const outcome = await this.store.changeOrder(orderId, (doc): ActionResult | { ok: true; order: Order; change: Change } => {
      const order = doc.shop.orders.find((o) => o.id === orderId);
      if (!order) return { ok: false, order: undefined, reason: 'not_found' };
      if (!confirmedFor(by, orderId, action)) return { ok: false, order, reason: 'unconfirmed' };
      const done = [lastEventOf(order), ...history].find((e) => sameRequest(e, action, by));
      if (done) return { ok: true, order, event: done };
      if (order.status !== expect) return { ok: false, order, reason: 'state_changed' };
      const merchant = doc.shop.merchants.find((m) => m.id === order.merchantId);
      const changed = change(order, at, merchant);
      if (!changed) return { ok: false, order, reason: 'state_changed' };
      if (changed.to) order.status = changed.to;
      order.lastEvent = {
        type: 'order',
        id: randomUUID(),
        at,
        orderId,
        buyerId: order.buyerId,
        by: by.by,
        action,
        ...(by.rule ? { rule: by.rule } : {}),
        from: expect,
        to: order.status,
        ...(by.conversationId ? { conversationId: by.conversationId } : {}),
        ...(by.activityId ? { activityId: by.activityId } : {}),
        ...(changed.detail ? { detail: changed.detail } : {}),
      } satisfies OrderEvent;
      return { ok: true, order, change: changed };
    });
    if (!outcome.ok || !('change' in outcome)) return outcome as ActionResult;
    const event = lastEventOf(outcome.order)!;
    this.events.append(event);
    await this.events.flush(); // in the kernel before anyone is told: a kill -9 from here on loses nothing
    return { ok: true, order: outcome.order, event };
  }

  /**
   * Appends to the event log every order's last event that is not in it: a desk killed between its
   * store write and its log append (never acknowledged, but done) keeps its history. Resolves with
   * how many were recovered.
   */
  recoverEvents(): Promise<number> {
    return this.events.recover(this.store.doc.shop.orders);
  }
}
