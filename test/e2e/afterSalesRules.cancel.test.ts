import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../policy/index.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import {
  PRESS,
  answer,
  begin,
  coverage,
  decisions,
  expectDecided,
  expectDemoCase,
  expectLanguage,
  runConfirmRow,
  snapshot,
  yesNoButton,
  type ConfirmRow,
  type RuleRow,
} from '../support/ruleTranscripts.js';
import { texts } from '../support/testChannel.js';

/*
 * after-sales-policy.md, "Cancel": every `cancel.*` rule end to end over HTTP on the demo shop, in
 * zh-CN and en-US. The other rules: afterSalesRules.return.test.ts and
 * afterSalesRules.trackAddressInvoiceMerchant.test.ts. Rows change orders, so they name distinct ones.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** Cancels that act after a yes. */
const CONFIRMED: ConfirmRow[] = [
  {
    rule: 'cancel.unpaid', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260412093817', status: 'unpaid',
    says: '刚下的订单 20260412093817 不想要了，帮我取消吧', no: '不用了', yes: PRESS,
    done: { action: 'cancel', status: 'cancelled' },
    check: (o) => expect(o.cancelledAt).toBeTruthy(),
  },
  {
    rule: 'cancel.unpaid', locale: 'en-US', buyer: 'b-en-01', order: '20260412150733', status: 'unpaid', pick: true,
    says: 'I need to cancel an order', no: PRESS, yes: 'yes',
    done: { action: 'cancel', status: 'cancelled' },
    check: (o) => expect(o.refund ?? null).toBeNull(),
  },
  {
    rule: 'cancel.paid_unshipped', locale: 'zh-CN', buyer: 'b-zh-02', order: '20260411201536', status: 'paid', pick: true,
    says: '我要取消一个订单', no: PRESS, yes: '确认',
    done: { action: 'cancel_and_refund', status: 'refunded' },
    check: (o) => expect(o.refund).toMatchObject({ amount: o.total, status: 'refunded' }),
  },
  {
    rule: 'cancel.paid_unshipped', locale: 'en-US', buyer: 'b-en-02', order: '20260412112906', status: 'paid',
    says: 'Please cancel order 20260412112906, I ordered it by mistake', no: 'no', yes: PRESS,
    done: { action: 'cancel_and_refund', status: 'refunded' },
    check: (o) => expect(o.refund).toMatchObject({ amount: o.total, status: 'refunded' }),
  },
  {
    rule: 'cancel.in_transit', locale: 'zh-CN', buyer: 'b-zh-03', order: '20260410175402', status: 'shipped',
    says: '耳机那单我不想要了，能取消吗', no: '不要了', yes: '好的',
    done: { action: 'intercept_parcel', status: 'refund_requested' },
    check: (o) => expect(o).toMatchObject({ afterSale: { kind: 'intercept' }, refund: { amount: o.total, status: 'requested' } }),
  },
  {
    rule: 'cancel.in_transit', locale: 'en-US', buyer: 'b-en-03', order: '20260411081544', status: 'shipped',
    says: 'Can I still cancel order 20260411081544?', no: 'no thanks', yes: 'sure',
    done: { action: 'intercept_parcel', status: 'refund_requested' },
    check: (o) => expect(o).toMatchObject({ afterSale: { kind: 'intercept' }, refund: { amount: o.total, status: 'requested' } }),
  },
  {
    rule: 'cancel.shipped_after_request', locale: 'zh-CN', buyer: 'b-zh-04', order: '20260409112248', status: 'shipped',
    says: '订单20260409112248我前天就申请取消了，怎么还发货了？帮我取消', no: PRESS, yes: PRESS,
    done: { action: 'refuse_parcel_merchant_pays', status: 'refund_requested' },
    check: (o, event, h) => {
      expect(o.afterSale).toMatchObject({ kind: 'refuse_parcel', returnShippingPaidBy: 'merchant' });
      expect(event.detail).toMatchObject({ penaltyNote: true });
      const merchant = h.desk.repos.merchants.get(o.merchantId)!;
      expect((merchant.penaltyNotes ?? []).filter((p) => p.orderId === o.id)).toHaveLength(1);
      // A note for the platform to confirm, not an open penalty: it must not flag the seller for other buyers' returns.
      expect(merchant.penalties.filter((p) => p.reason.includes(o.id))).toHaveLength(0);
    },
  },
  {
    rule: 'cancel.shipped_after_request', locale: 'en-US', buyer: 'b-en-04', order: '20260409190312', status: 'shipped',
    says: 'I asked you to cancel the duvet cover but it shipped anyway, cancel it please', no: 'nope', yes: 'yes please',
    done: { action: 'refuse_parcel_merchant_pays', status: 'refund_requested' },
    check: (o, _event, h) => {
      expect(o.afterSale).toMatchObject({ kind: 'refuse_parcel', returnShippingPaidBy: 'merchant' });
      expect((h.desk.repos.merchants.get(o.merchantId)!.penaltyNotes ?? []).filter((p) => p.orderId === o.id)).toHaveLength(1);
    },
  },
  {
    rule: 'cancel.virtual_delivered', locale: 'zh-CN', buyer: 'b-zh-02', order: '20260408090412', status: 'delivered',
    says: '迪士尼门票那单能取消吗', no: '算了', yes: '可以',
    done: { action: 'message_merchant', status: 'delivered' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'cancel_unused_virtual_goods', merchantContact: 'im:xingcheng-service' }),
  },
  {
    rule: 'cancel.virtual_delivered', locale: 'en-US', buyer: 'b-en-02', order: '20260407225104', status: 'delivered',
    says: 'I want to cancel order 20260407225104, the hotel voucher', no: PRESS, yes: PRESS,
    done: { action: 'message_merchant', status: 'delivered' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'cancel_unused_virtual_goods', merchantContact: 'im:skyway-service' }),
  },
];

/** A delivered order is no cancel: the yes leads to the return flow, which asks its own yes before anything moves. */
const DELIVERED: (RuleRow & { no: string; yes: string; then: 'return.no_reason' })[] = [
  { rule: 'cancel.delivered', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260403160931', status: 'delivered', says: '麻烦把订单 20260403160931 取消掉', no: '不用了', yes: PRESS, then: 'return.no_reason' },
  { rule: 'cancel.delivered', locale: 'en-US', buyer: 'b-en-01', order: '20260404133850', status: 'delivered', says: 'cancel my Project Hail Mary order', no: PRESS, yes: 'ok', then: 'return.no_reason' },
];

describe('after-sales transcripts: cancel', () => {
  it('cover every cancel rule in both languages', () => {
    const rules = RULE_IDS.filter((r) => r.startsWith('cancel.'));
    expect(coverage([...CONFIRMED, ...DELIVERED])).toEqual(rules.flatMap((r) => [`${r} en-US`, `${r} zh-CN`]).sort());
  });

  it.each(CONFIRMED)('$rule ($locale, $buyer): "$says" — a no keeps order $order as it is, a yes does it', async (row) => {
    await runConfirmRow(h, row);
  });

  it.each(DELIVERED)('$rule ($locale, $buyer): "$says" — a no changes nothing, a yes opens the return flow ($then)', async (row) => {
    expectDemoCase(h, row);
    const before = await snapshot(h, row.order);

    const declined = await begin(h, row);
    expectDecided(declined.replies, row);
    const no = await answer(declined.conv, declined.replies, row.no, false);
    expectLanguage(no, row.locale);
    expect(texts(no).join('\n')).toContain(row.order);
    expect(await snapshot(h, row.order)).toEqual(before);

    const accepted = await begin(h, row);
    expectDecided(accepted.replies, row);
    const yes = await answer(accepted.conv, accepted.replies, row.yes, true);
    expect(decisions(yes)).toEqual([expect.objectContaining({ intent: 'task.return_refund', rule: row.then, orderId: row.order, handover: false })]);
    expectLanguage(yes, row.locale);
    expect(yesNoButton(yes, true)).toBeDefined(); // the return asks before it opens
    expect(await snapshot(h, row.order)).toEqual(before);
  });
});
