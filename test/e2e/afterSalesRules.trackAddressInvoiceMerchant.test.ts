import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../../data/shopSchema.js';
import { RULE_IDS } from '../../policy/index.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { PRESS, coverage, runAtOnceRow, runConfirmRow, runHandoverRow, type AtOnceRow, type ConfirmRow, type RuleRow } from '../support/ruleTranscripts.js';

/*
 * after-sales-policy.md, "Where is it" and "Change address, invoice, merchant": every `track.*`,
 * `address.*`, `invoice.*` and `merchant.*` rule end to end over HTTP on the demo shop, in zh-CN
 * and en-US. Rows change orders, so they name distinct ones.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** The carrier and tracking number a shipped order's answer names. */
const tracking = (o: Order): string[] => [o.logistics!.carrier, o.logistics!.trackingNo];

const NEW_ADDRESS = { zh: '浙江省杭州市滨江区网商路699号 3号楼502室', en: '1200 N Lake Shore Dr, Apt 3005, Chicago, IL 60610' };

/** Answered at once: shown (nothing moves), or done without a yes (`acts`: urging a late seller, requesting an invoice). */
const AT_ONCE: AtOnceRow[] = [
  {
    // "什么时候发货" asks to hurry it: still within the promise, the nudge is passed on (and recorded), as the reply says.
    rule: 'track.before_ship_by', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260412081509', status: 'paid', says: '防晒乳什么时候发货',
    acts: { action: 'urge_merchant', check: (o) => expect(o.urgedAt).toBeTruthy() },
  },
  { rule: 'track.before_ship_by', locale: 'en-US', buyer: 'b-en-04', order: '20260412091220', status: 'paid', says: 'Where is order 20260412091220 right now?' },
  {
    rule: 'track.late_shipment', locale: 'zh-CN', buyer: 'b-zh-04', order: '20260408174452', status: 'paid', says: '订单 20260408174452 付款三天了还没发货，催一下',
    acts: { action: 'urge_merchant', check: (o) => expect(o.urgedAt).toBeTruthy() },
  },
  {
    rule: 'track.late_shipment', locale: 'en-US', buyer: 'b-en-02', order: '20260409074831', status: 'paid', says: "My rain jacket still hasn't shipped, please hurry the seller",
    acts: { action: 'urge_merchant', check: (o) => expect(o.urgedAt).toBeTruthy() },
  },
  { rule: 'track.in_transit', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260411093340', status: 'shipped', pick: true, says: '我的快递到哪了', mentions: tracking },
  { rule: 'track.in_transit', locale: 'en-US', buyer: 'b-en-01', order: '20260411140956', status: 'shipped', says: 'Can you track the coffee beans for me?', mentions: tracking },
  {
    rule: 'invoice.request', locale: 'zh-CN', buyer: 'b-zh-03', order: '20260323140551', status: 'completed', says: '订单20260323140551麻烦开一张发票',
    acts: { action: 'request_invoice', check: (o) => expect(o.invoiceRequestedAt).toBeTruthy() },
  },
  {
    rule: 'invoice.request', locale: 'en-US', buyer: 'b-en-04', order: '20260324161407', status: 'completed', pick: true, says: 'I need an invoice for one of my orders',
    acts: { action: 'request_invoice', check: (o) => expect(o.invoiceRequestedAt).toBeTruthy() },
  },
];

/** Done only after a yes: chasing a stalled parcel, changing the address, asking the seller to redirect a shipped one. */
const CONFIRMED: ConfirmRow[] = [
  {
    rule: 'track.stalled', locale: 'zh-CN', buyer: 'b-zh-02', order: '20260405162058', status: 'shipped', says: '订单20260405162058好几天都没有物流更新了', no: '不用了', yes: PRESS,
    done: { action: 'message_merchant', status: 'shipped' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'parcel_stalled', merchantContact: 'im:inkwell-service' }),
  },
  {
    rule: 'track.stalled', locale: 'en-US', buyer: 'b-en-03', order: '20260405083019', status: 'shipped', pick: true, says: "My package hasn't moved in days, where is it?", no: PRESS, yes: 'yes',
    done: { action: 'message_merchant', status: 'shipped' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'parcel_stalled', merchantContact: 'im:inkwell-service' }),
  },
  {
    rule: 'address.unshipped', locale: 'zh-CN', buyer: 'b-zh-03', order: '20260412104407', status: 'paid', says: '订单 20260412104407 的收货地址写错了，想改一下',
    then: [NEW_ADDRESS.zh], no: '不用了', yes: '好的',
    done: { action: 'change_address', status: 'paid' },
    check: (o, event) => {
      expect(o.address?.line).toBe(NEW_ADDRESS.zh);
      expect(event.detail).toMatchObject({ to: NEW_ADDRESS.zh, from: expect.stringContaining('文三路478号') });
    },
  },
  {
    rule: 'address.unshipped', locale: 'en-US', buyer: 'b-en-02', order: '20260412130348', status: 'paid', says: 'Can I change the delivery address on my Atomic Habits order?',
    then: [NEW_ADDRESS.en], no: PRESS, yes: PRESS,
    done: { action: 'change_address', status: 'paid' },
    check: (o, event) => {
      expect(o.address).toMatchObject({ line: NEW_ADDRESS.en, name: 'Michael Brown' });
      expect(event.detail).toMatchObject({ to: NEW_ADDRESS.en, from: expect.stringContaining('233 N Michigan Ave') });
    },
  },
  {
    rule: 'address.shipped', locale: 'zh-CN', buyer: 'b-zh-04', order: '20260411162915', status: 'shipped', says: '口红礼盒那单能改个地址吗', no: '不要了', yes: '可以',
    done: { action: 'message_merchant', status: 'shipped' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'change_address_after_shipping', merchantContact: 'im:lumi-service' }),
  },
  {
    rule: 'address.shipped', locale: 'en-US', buyer: 'b-en-03', order: '20260411185512', status: 'shipped', pick: true, says: 'I moved, can I update my address?', no: 'no', yes: PRESS,
    done: { action: 'message_merchant', status: 'shipped' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'change_address_after_shipping', merchantContact: 'im:lumi-service' }),
  },
];

/** The seller is not answering (`task.contact_merchant`) or the buyer complains (`task.complain`): a person takes over with the seller's handle. */
const HANDED_OVER: (RuleRow & { intent: string; merchantContact: string })[] = [
  { rule: 'merchant.unresponsive', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260408075621', status: 'refund_requested', says: '订单20260408075621的商家三天都没回我消息，联系不上商家', intent: 'task.contact_merchant', merchantContact: 'im:guoyuan-service' },
  { rule: 'merchant.unresponsive', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260408075621', status: 'refund_requested', says: '我要投诉青提那单的商家，态度太差了', intent: 'task.complain', merchantContact: 'im:guoyuan-service' },
  { rule: 'merchant.unresponsive', locale: 'en-US', buyer: 'b-en-01', order: '20260408120935', status: 'refund_requested', pick: true, says: "The seller isn't answering my messages", intent: 'task.contact_merchant', merchantContact: 'im:greenfield-service' },
  { rule: 'merchant.unresponsive', locale: 'en-US', buyer: 'b-en-01', order: '20260408120935', status: 'refund_requested', says: 'I want to file a complaint about the seller of my berries order', intent: 'task.complain', merchantContact: 'im:greenfield-service' },
];

describe('after-sales transcripts: where is it, address, invoice, seller', () => {
  it('cover every track, address, invoice and merchant rule in both languages', () => {
    const rules = RULE_IDS.filter((r) => /^(track|address|invoice|merchant)\./.test(r));
    expect(coverage([...AT_ONCE, ...CONFIRMED, ...HANDED_OVER])).toEqual(rules.flatMap((r) => [`${r} en-US`, `${r} zh-CN`]).sort());
  });

  it.each(AT_ONCE)('$rule ($locale, $buyer): "$says" — answered at once about order $order', async (row) => {
    await runAtOnceRow(h, row);
  });

  it.each(CONFIRMED)('$rule ($locale, $buyer): "$says" — a no keeps order $order as it is, a yes does it', async (row) => {
    await runConfirmRow(h, row);
  });

  it.each(HANDED_OVER)('$rule ($locale, $buyer): "$says" — handed to a person with the seller\'s handle, order $order untouched', async (row) => {
    const event = await runHandoverRow(h, row);
    expect(event).toMatchObject({ intent: row.intent, merchantContact: row.merchantContact });
  });
});
