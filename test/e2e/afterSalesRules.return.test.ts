import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodsLine } from '../../bot/orderCards.js';
import { RULE_IDS } from '../../policy/index.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import {
  PRESS,
  answer,
  begin,
  coverage,
  expectDecided,
  expectDemoCase,
  expectLanguage,
  runConfirmRow,
  runHandoverRow,
  snapshot,
  yesNoButton,
  type Answer,
  type ConfirmRow,
  type RuleRow,
} from '../support/ruleTranscripts.js';
import { texts } from '../support/testChannel.js';

/*
 * after-sales-policy.md, "Return and refund": every `return.*` rule end to end over HTTP on the
 * demo shop, in zh-CN and en-US. Rows change orders, so they name distinct ones.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const KETTLE_PHOTO = 'https://photos.example.com/returns/kettle-base.jpg';
const SPEAKER_PHOTO = 'https://photos.example.com/returns/speaker-grille.jpg';

/** Returns that open (or message the seller) after a yes. */
const CONFIRMED: ConfirmRow[] = [
  {
    rule: 'return.no_reason', locale: 'zh-CN', buyer: 'b-zh-01', order: '20260407214455', status: 'delivered',
    says: '那条连衣裙不太喜欢，想退货', no: '不用了', yes: PRESS,
    done: { action: 'start_return', status: 'return_requested' },
    check: (o) => expect(o.afterSale).toMatchObject({ kind: 'return', returnShippingPaidBy: 'insurance' }),
  },
  {
    rule: 'return.no_reason', locale: 'en-US', buyer: 'b-en-01', order: '20260407170419', status: 'delivered', pick: true,
    says: "I'd like to return something I bought", no: 'no', yes: 'yes',
    done: { action: 'start_return', status: 'return_requested' },
    check: (o) => expect(o).toMatchObject({ afterSale: { kind: 'return', returnShippingPaidBy: 'insurance' }, refund: { amount: o.total, status: 'requested' } }),
  },
  {
    rule: 'return.quality', locale: 'zh-CN', buyer: 'b-zh-02', order: '20260330102233', status: 'delivered',
    says: '订单 20260330102233 的水壶收到就坏了，底座一插电就跳闸，我要退货', then: [{ photo: KETTLE_PHOTO }], no: PRESS, yes: '好的',
    done: { action: 'start_return', status: 'return_requested' },
    check: (o) => expect(o.afterSale).toMatchObject({ kind: 'return', returnShippingPaidBy: 'merchant', photos: [KETTLE_PHOTO] }),
  },
  {
    rule: 'return.quality', locale: 'en-US', buyer: 'b-en-02', order: '20260330145522', status: 'delivered',
    says: 'The speaker from order 20260330145522 crackles and sounds broken, I want to return it', then: [{ photo: SPEAKER_PHOTO }], no: 'no', yes: PRESS,
    done: { action: 'start_return', status: 'return_requested' },
    check: (o) => expect(o.afterSale).toMatchObject({ kind: 'return', returnShippingPaidBy: 'merchant', photos: [SPEAKER_PHOTO] }),
  },
  {
    rule: 'return.expired', locale: 'zh-CN', buyer: 'b-zh-04', order: '20260315084410', status: 'completed', pick: true,
    says: '我想申请退货', no: '不用了', yes: '好的',
    done: { action: 'message_merchant', status: 'completed' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'return_outside_window', merchantContact: 'im:ruihe-service' }),
  },
  {
    rule: 'return.expired', locale: 'en-US', buyer: 'b-en-04', order: '20260316092738', status: 'completed',
    says: "I'd like to send back the skillet from order 20260316092738", no: PRESS, yes: PRESS,
    done: { action: 'message_merchant', status: 'completed' },
    check: (_o, event) => expect(event.detail).toMatchObject({ topic: 'return_outside_window', merchantContact: 'im:maple-thread-service' }),
  },
  {
    rule: 'return.merchant_flagged', locale: 'zh-CN', buyer: 'b-zh-02', order: '20260407083125', status: 'delivered',
    says: '充电器不想要了，申请退货', no: PRESS, yes: '确认',
    done: { action: 'start_return', status: 'return_requested' },
    check: (o, event) => {
      expect(o.afterSale).toMatchObject({ kind: 'return', returnShippingPaidBy: 'merchant' });
      expect(event.detail).toMatchObject({ flagged: true });
    },
  },
  {
    rule: 'return.merchant_flagged', locale: 'en-US', buyer: 'b-en-01', order: '20260407113357', status: 'delivered',
    says: 'I want to return the USB-C hub from order 20260407113357', no: 'nope', yes: PRESS,
    done: { action: 'start_return', status: 'return_requested' },
    check: (o, event) => {
      expect(o.afterSale).toMatchObject({ kind: 'return', returnShippingPaidBy: 'merchant' });
      expect(event.detail).toMatchObject({ flagged: true });
    },
  },
];

/** A person reviews before any money moves: a big refund, or a buyer with risky credit, many refunds or an open penalty. */
const HANDED_OVER: (RuleRow & { why: RegExp })[] = [
  { rule: 'return.review_amount', locale: 'zh-CN', buyer: 'b-zh-03', order: '20260406195318', status: 'delivered', says: '餐桌椅想退掉', why: /^refund_3680_CNY_over_2000/ },
  { rule: 'return.review_amount', locale: 'en-US', buyer: 'b-en-03', order: '20260406123015', status: 'delivered', says: 'I want to return the laptop from order 20260406123015', why: /^refund_2299_USD_over_2000/ },
  { rule: 'return.risky_buyer', locale: 'zh-CN', buyer: 'b-zh-05', order: '20260407150841', status: 'delivered', says: '订单20260407150841的精华液我想退货', why: /^buyer_credit_risky/ },
  { rule: 'return.risky_buyer', locale: 'zh-CN', buyer: 'b-zh-06', order: '20260408221906', status: 'delivered', pick: true, says: '我想退个货', why: /^buyer_refunds_4_in_30d/ },
  { rule: 'return.risky_buyer', locale: 'en-US', buyer: 'b-en-05', order: '20260407202240', status: 'delivered', says: 'I want a refund for the serum', why: /^buyer_credit_risky/ },
  { rule: 'return.risky_buyer', locale: 'en-US', buyer: 'b-en-07', order: '20260406094603', status: 'delivered', says: 'Please help me return my watch', why: /^buyer_open_penalties_1/ },
];

/** Not returnable without a reason: asked whether anything is wrong; "nothing" ends it with the order as it was. */
const NOT_RETURNABLE: (RuleRow & { nothingWrong: Answer })[] = [
  { rule: 'return.not_returnable', locale: 'zh-CN', buyer: 'b-zh-02', order: '20260410113046', status: 'delivered', says: '订单 20260410113046 我想退货退款', nothingWrong: '不是' },
  { rule: 'return.not_returnable', locale: 'zh-CN', buyer: 'b-zh-04', order: '20260411090236', status: 'delivered', says: '刷头那单想退掉', nothingWrong: PRESS },
  { rule: 'return.not_returnable', locale: 'en-US', buyer: 'b-en-03', order: '20260408101147', status: 'delivered', says: 'I want to return the monogrammed tote', nothingWrong: 'no' },
  { rule: 'return.not_returnable', locale: 'en-US', buyer: 'b-en-01', order: '20260411071438', status: 'delivered', says: 'Can I send back order 20260411071438 for a refund?', nothingWrong: PRESS },
  // Typed answers in the question's own terms: "没有" / "没问题" / "nothing's wrong" mean "no problem", not "yes".
  { rule: 'return.not_returnable', locale: 'zh-CN', buyer: 'b-zh-03', order: '20260408130027', status: 'delivered', says: '定制卫衣那单我要退货', nothingWrong: '没有' },
  { rule: 'return.not_returnable', locale: 'zh-CN', buyer: 'b-zh-03', order: '20260408130027', status: 'delivered', says: '定制卫衣那单我要退货', nothingWrong: '没问题' },
  { rule: 'return.not_returnable', locale: 'en-US', buyer: 'b-en-03', order: '20260408101147', status: 'delivered', says: 'I want to return the monogrammed tote', nothingWrong: "nothing's wrong with it" },
];

/** Asks whether anything is wrong; the answer "nothing" ends it: the order as it was, and the buyer told it can't be returned. */
async function nothingWrong(row: RuleRow & { nothingWrong: Answer }): Promise<void> {
  expectDemoCase(h, row);
  const before = await snapshot(h, row.order);
  const { conv, replies } = await begin(h, row);
  expectDecided(replies, row);
  expect(yesNoButton(replies, true)).toBeDefined(); // "something is wrong"
  expect(yesNoButton(replies, false)).toBeDefined(); // "it is fine"
  const fine = await answer(conv, replies, row.nothingWrong, false);
  expectLanguage(fine, row.locale);
  expect(yesNoButton(fine, true)).toBeUndefined(); // nothing more is asked
  expect(texts(fine).join('\n')).toContain(goodsLine(before.order, row.locale)); // "then <goods> can't be returned"
  expect(await snapshot(h, row.order)).toEqual(before);
}

describe('after-sales transcripts: return and refund', () => {
  it('cover every return rule in both languages', () => {
    const rules = RULE_IDS.filter((r) => r.startsWith('return.'));
    expect(coverage([...CONFIRMED, ...HANDED_OVER, ...NOT_RETURNABLE])).toEqual(rules.flatMap((r) => [`${r} en-US`, `${r} zh-CN`]).sort());
  });

  it.each(CONFIRMED)('$rule ($locale, $buyer): "$says" — a no keeps order $order as it is, a yes does it', async (row) => {
    await runConfirmRow(h, row);
  });

  it.each(HANDED_OVER)('$rule ($locale, $buyer): "$says" — handed to a person, order $order untouched', async (row) => {
    const event = await runHandoverRow(h, row);
    expect(event.reason).toMatch(row.why);
  });

  it.each(NOT_RETURNABLE)('$rule ($locale, $buyer): "$says" — asks whether anything is wrong; "$nothingWrong" leaves it', async (row) => {
    await nothingWrong(row);
  });

});
