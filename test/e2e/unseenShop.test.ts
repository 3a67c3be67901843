import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale, Order, OrderStatus } from '../../data/shopSchema.js';
import type { HandoverEvent, OrderEvent } from '../../data/records.js';
import { RULE_IDS, type RuleId } from '../../policy/index.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { runProcess } from '../support/runProcess.js';
import { adaptiveFacts, heroCards, texts, type Received, type TestConversation } from '../support/testChannel.js';
import { decisions, expectLanguage, yesNoButton } from '../support/ruleTranscripts.js';
import { buildUnseenShop, UNSEEN } from '../support/unseenShop.js';

/*
 * The after-sales rules checked from the outside, on a shop the project has never seen
 * (test/support/unseenShop.ts: appliances, fresh food, concert tickets and personal care; ids like
 * SO-2026-000123 and A10031; CNY, USD, EUR and JPY; two merchants with their own `policy`).
 * The shop goes in through the real import command, the desk runs on that store, and buyers talk
 * to it over HTTP. Every rule id of after-sales-policy.md gets at least one case, in both languages
 * overall; money-moving actions are checked not to happen before a yes, nor after a "no".
 *
 * The "found on first contact" cases are what this shop first showed the desk getting wrong
 * (boundaries, ids in the shop's own format, goods names, rotten food, part of an order, a phone
 * with repeated digits); they stay as regressions.
 *
 * Rows run in order and some change their order (a yes cancels it); every row names its own order.
 */

const U = UNSEEN.users;
/** Press the button instead of typing. */
const PRESS = '(press)';

let h: Harness;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'unseen-shop-'));
  const shopFile = path.join(dir, 'unseen-shop.json');
  const dataFile = path.join(dir, 'desk.json');
  await writeFile(shopFile, JSON.stringify(buildUnseenShop(new Date()), null, 2));
  const imported = await runProcess('npm', ['run', '--silent', 'import', '--', shopFile], {
    cwd: process.cwd(),
    env: { ...process.env, DATA_FILE: dataFile, LOG_LEVEL: 'silent' },
  });
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toMatch(/9 buyers, 60 orders/);
  h = await startHarness({ DATA_FILE: dataFile });
});

afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Mechanics
// ---------------------------------------------------------------------------------------------

/** Nothing went wrong on the desk's side. */
function expectNoError(replies: Received[]): void {
  for (const text of texts(replies)) expect(text).not.toMatch(/something went wrong|出了点问题/);
}

function hasOrderCard(replies: Received[], orderId: string): boolean {
  return adaptiveFacts(replies).some((facts) => Object.values(facts).includes(orderId));
}

function order(id: string): Order {
  const o = h.desk.repos.orders.get(id);
  if (!o) throw new Error(`no order ${id} in the store`);
  return o;
}

/** The order, its merchant and the length of its history, frozen: "nothing moved" is one comparison. */
async function snapshot(id: string): Promise<unknown> {
  const o = order(id);
  return structuredClone({ order: o, merchant: h.desk.repos.merchants.get(o.merchantId), history: (await h.desk.events.orderHistory(id)).length });
}

async function open(user: string, locale: Locale | undefined): Promise<TestConversation> {
  const conv = h.channel.conversation({ userId: user, ...(locale ? { locale } : {}) });
  await conv.open();
  return conv;
}

async function pickCard(conv: TestConversation, replies: Received[], orderId: string): Promise<Received[]> {
  const button = heroCards(replies)
    .flatMap((c) => c.buttons ?? [])
    .find((b) => (b.value as { orderId?: string } | undefined)?.orderId === orderId);
  expect(button, `a card of ${orderId} among the ones offered`).toBeDefined();
  return conv.press(button!);
}

async function answer(conv: TestConversation, question: Received[], how: string, yes: boolean): Promise<Received[]> {
  if (how !== PRESS) return conv.say(how);
  const button = yesNoButton(question, yes);
  expect(button, `a ${yes ? 'yes' : 'no'} button`).toBeDefined();
  return conv.press(button!);
}

/** A day as the buyer reads it in the desk's sentences: "11月23日" / "Nov 22". */
function dayLabel(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(new Date(iso));
}

/** One buyer, one order, one rule. */
interface Row {
  rule: RuleId;
  user: string;
  locale: Locale;
  order: string;
  /** The buyer's first words; with `pick`, the order is then picked from the cards offered. */
  says: string;
  pick?: boolean;
  /** Words the decision's sentence must contain (amount with currency, a date, a carrier). */
  mentions?: (o: Order) => string[];
}

/** A rule that asks before it acts. */
interface ConfirmRow extends Row {
  /** Turns between the decision and the yes-or-no question: words (a new address) or a photo. */
  then?: (string | { photo: string })[];
  no: string;
  /** Omitted: only the "no" is tried (the order is needed unchanged by a later row). */
  yes?: string;
  /** What the yes does: the order event and the status it leaves. */
  done?: { action: string; status: OrderStatus };
  /** A yes that moves nothing yet but leads to the next question, under this rule. */
  leadsTo?: RuleId;
  check?: (after: Order, event: OrderEvent) => void;
}

async function begin(row: Row): Promise<{ conv: TestConversation; replies: Received[] }> {
  const conv = await open(row.user, row.locale);
  let replies = await conv.say(row.says);
  if (row.pick) {
    expect(decisions(replies)).toEqual([]);
    expectLanguage(replies, row.locale);
    replies = await pickCard(conv, replies, row.order);
  }
  return { conv, replies };
}

function expectDecided(replies: Received[], row: Row, handover = false): void {
  expectNoError(replies);
  expect(decisions(replies)).toEqual([expect.objectContaining({ rule: row.rule, orderId: row.order, handover })]);
  expectLanguage(replies, row.locale);
  const said = texts(replies).join('\n');
  expect(said).toContain(row.order);
  for (const word of row.mentions?.(order(row.order)) ?? []) expect(said).toContain(word);
  expect(hasOrderCard(replies, row.order)).toBe(true);
}

async function reachQuestion(row: ConfirmRow): Promise<{ conv: TestConversation; question: Received[] }> {
  const { conv, replies } = await begin(row);
  expectDecided(replies, row);
  let question = replies;
  for (const turn of row.then ?? []) {
    expect(yesNoButton(question, true)).toBeUndefined();
    question = typeof turn === 'string' ? await conv.say(turn) : await conv.say('', { attachments: [{ contentType: 'image/jpeg', contentUrl: turn.photo }] });
    expectNoError(question);
    expectLanguage(question, row.locale);
  }
  expect(yesNoButton(question, true)).toBeDefined();
  expect(yesNoButton(question, false)).toBeDefined();
  return { conv, question };
}

/** Nothing moves before the question nor after a "no"; then, in a fresh conversation, the yes does what it said. */
async function runConfirm(row: ConfirmRow): Promise<void> {
  const before = await snapshot(row.order);
  const declined = await reachQuestion(row);
  expect(await snapshot(row.order)).toEqual(before);
  const no = await answer(declined.conv, declined.question, row.no, false);
  expectNoError(no);
  expectLanguage(no, row.locale);
  const saidNo = texts(no).join('\n');
  expect(saidNo.includes(row.order) || saidNo.includes(order(row.order).items[0]!.title), saidNo).toBe(true);
  expect(decisions(no)).toEqual([]);
  expect(await snapshot(row.order)).toEqual(before);
  if (row.yes === undefined) return;

  const accepted = await reachQuestion(row);
  expect(await snapshot(row.order)).toEqual(before);
  const yes = await answer(accepted.conv, accepted.question, row.yes, true);
  expectNoError(yes);
  expectLanguage(yes, row.locale);
  if (row.leadsTo) {
    expect(decisions(yes)).toEqual([expect.objectContaining({ rule: row.leadsTo, orderId: row.order })]);
    expect(await snapshot(row.order)).toEqual(before);
    return;
  }
  expect(texts(yes).join('\n')).toContain(row.order);
  expect(hasOrderCard(yes, row.order)).toBe(true);
  const after = order(row.order);
  const history = (await h.desk.events.orderHistory(row.order));
  const beforeOrder = (before as { order: Order; history: number }).order;
  expect(history).toHaveLength((before as { history: number }).history + 1);
  const event = history.at(-1)!;
  expect(event).toMatchObject({ rule: row.rule, action: row.done!.action, from: beforeOrder.status, to: row.done!.status, conversationId: accepted.conv.id });
  expect(after.status).toBe(row.done!.status);
  row.check?.(after, event);
}

/** A rule that shows, or acts without a yes (`acts`: the order event it records, status unchanged). */
async function runAtOnce(row: Row & { acts?: string }): Promise<void> {
  const before = await snapshot(row.order);
  const { replies } = await begin(row);
  expectDecided(replies, row);
  expect(yesNoButton(replies, true)).toBeUndefined();
  if (!row.acts) {
    expect(await snapshot(row.order)).toEqual(before);
    return;
  }
  const history = (await h.desk.events.orderHistory(row.order));
  expect(history.at(-1)).toMatchObject({ action: row.acts, rule: row.rule });
  expect(order(row.order).status).toBe((before as { order: Order }).order.status);
}

/** A rule where a person takes over: nothing about the order moves, a handover is recorded with the reason. */
async function runHandover(row: Row): Promise<HandoverEvent> {
  const before = await snapshot(row.order);
  const { conv, replies } = await begin(row);
  expectDecided(replies, row, true);
  expect(yesNoButton(replies, true)).toBeUndefined();
  expect(await snapshot(row.order)).toEqual(before);
  const [trace] = decisions(replies);
  const handovers = (await h.desk.events.read((e) => e.type === 'handover' && e.conversationId === conv.id, '"handover"')) as HandoverEvent[];
  expect(handovers).toEqual([expect.objectContaining({ orderId: row.order, rule: row.rule, reason: trace!.reason })]);
  return handovers[0]!;
}

const covered: string[] = [];
/** Counts a row that passed, for the coverage check at the end. */
function cover(row: Row): void {
  covered.push(`${row.rule} ${row.locale}`);
}

const zhDay = (iso: string | null | undefined): string => dayLabel(iso!, 'zh-CN', 'Asia/Shanghai');
const usDay = (iso: string | null | undefined): string => dayLabel(iso!, 'en-US', 'America/New_York');

// ---------------------------------------------------------------------------------------------
// The shop as imported
// ---------------------------------------------------------------------------------------------

describe('the unseen shop, imported with `npm run import`', () => {
  it('is in the store as written: merchant policies and extra fields kept', () => {
    const brightline = h.desk.repos.merchants.get('mer-brightline') as { policy?: unknown } | undefined;
    expect(brightline?.policy).toEqual({ noReasonReturnDays: 14, reviewAmount: 500 });
    expect((order('SO-2026-000209') as { probe?: string }).probe).toMatch(/frother/);
    expect(order('A10031').currency).toBe('JPY');
  });
});

// ---------------------------------------------------------------------------------------------
// Buyers' own words (nothing here says yes: the rows below need the orders unchanged)
// ---------------------------------------------------------------------------------------------

describe('real buyers\u2019 messages', () => {
  it('a buyer with a single order gets it without being asked which one (en-US, JPY, Tokyo time)', async () => {
    const conv = await open(U.hiro, 'en-US');
    const replies = await conv.say("where's my package?");
    expect(heroCards(replies)).toEqual([]);
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'track.in_transit', orderId: 'SO-2026-000801' })]);
    const said = texts(replies).join('\n');
    expect(said).toContain('Yamato Transport');
    expect(said).toContain(order('SO-2026-000801').logistics!.trackingNo);
    expectLanguage(replies, 'en-US');
    const cancel = await conv.say('can I cancel it?');
    expect(decisions(cancel)).toEqual([expect.objectContaining({ rule: 'cancel.in_transit', orderId: 'SO-2026-000801' })]);
    expect(texts(cancel).join('\n')).toContain('¥32,800');
    const before = await snapshot('SO-2026-000801');
    await answer(conv, cancel, 'no thanks', false);
    expect(await snapshot('SO-2026-000801')).toEqual(before);
  });

  it('an order id in lower case, with no channel locale: answered in Chinese', async () => {
    const conv = await open(U.zhangWei, undefined);
    const replies = await conv.say('so-2026-000117 到哪了');
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'track.in_transit', orderId: 'SO-2026-000117' })]);
    expectLanguage(replies, 'zh-CN');
  });

  it('an id of the A-series typed alone shows that order', async () => {
    const conv = await open(U.zhangWei, 'zh-CN');
    const replies = await conv.say('a10031');
    expect(hasOrderCard(replies, 'A10031')).toBe(true);
    expect(adaptiveFacts(replies)[0]).toMatchObject({ 金额: 'JP¥18,000' });
  });

  it('mixed Chinese and English, with an id: a return of an undelivered order is the cancel of it', async () => {
    const before = await snapshot('SO-2026-000103');
    const conv = await open(U.zhangWei, 'zh-CN');
    const replies = await conv.say('订单 SO-2026-000103 我要 refund');
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'cancel.in_transit', orderId: 'SO-2026-000103' })]);
    expectLanguage(replies, 'zh-CN');
    await answer(conv, replies, '不用了', false);
    expect(await snapshot('SO-2026-000103')).toEqual(before);
  });

  it('typos and an emoji: the cards are offered and the blender is picked', async () => {
    const before = await snapshot('SO-2026-000201');
    const conv = await open(U.emily, 'en-US');
    const first = await conv.say('pls cancle my blendr order 🙏');
    expectLanguage(first, 'en-US');
    const picked = await pickCard(conv, first, 'SO-2026-000201');
    expect(decisions(picked)).toEqual([expect.objectContaining({ rule: 'cancel.unpaid', orderId: 'SO-2026-000201' })]);
    await answer(conv, picked, 'nope', false);
    expect(await snapshot('SO-2026-000201')).toEqual(before);
  });

  it('emoji only: a friendly prompt in the buyer\u2019s language, no decision', async () => {
    const conv = await open(U.emily, 'en-US');
    const replies = await conv.say('😡😡😡');
    expect(decisions(replies)).toEqual([]);
    expectLanguage(replies, 'en-US');
    expectNoError(replies);
  });

  it('a very long message is cut, said so, and still understood', async () => {
    const conv = await open(U.zhangWei, 'zh-CN');
    const long = '你好，我想说一下情况。'.repeat(30) + '扫地机器人到哪了' + '谢谢'.repeat(900);
    const replies = await conv.say(long);
    expectNoError(replies);
    expectLanguage(replies, 'zh-CN');
    expect(texts(replies)[0]).toMatch(/2000/);
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'track.in_transit', orderId: 'SO-2026-000117' })]);
  });

  it.each<[string, string, Locale, string, string]>([
    ['another buyer\u2019s SO id (track)', U.emily, 'en-US', 'where is SO-2026-000117', '扫地机器人'],
    ['another buyer\u2019s SO id (cancel)', U.emily, 'en-US', 'cancel SO-2026-000101', '电饭煲'],
    ['another buyer\u2019s id inside Chinese text', U.chenJing, 'zh-CN', 'SO-2026-000113 退款', '冰箱'],
    ['another buyer\u2019s A-series id', U.emily, 'en-US', 'A10031', '演唱会'],
    ['an id that does not exist', U.emily, 'en-US', 'SO-2026-999999 where is it', 'SO-2026-999999'],
  ])('%s is never shown or acted on (%s)', async (_what, user, locale, text, secret) => {
    const conv = await open(user, locale);
    const replies = await conv.say(text);
    const foreign = /SO-2026-\d{6}|A\d{5}/.exec(text)![0].toUpperCase();
    expect(decisions(replies).map((d) => d.orderId)).not.toContain(foreign);
    expect(hasOrderCard(replies, foreign)).toBe(false);
    const all = [...texts(replies), ...heroCards(replies).map((c) => `${c.title} ${c.text}`)].join('\n');
    if (secret !== foreign) expect(all).not.toContain(secret);
    expectLanguage(replies, locale);
  });

  it('a guest who names an order is asked for the phone first, and sees the order once it matches', async () => {
    const conv = await open(U.guest, 'en-US');
    const asked = await conv.say('where is SO-2026-000214');
    expect(decisions(asked)).toEqual([]);
    expect(hasOrderCard(asked, 'SO-2026-000214')).toBe(false);
    const verified = await conv.say('+1 (617) 555-0142');
    expect(decisions(verified)).toEqual([expect.objectContaining({ rule: 'track.before_ship_by', orderId: 'SO-2026-000214' })]);
  });

  // ---- found on first contact with this shop ----

  it('a Chinese mobile number with a run of equal digits verifies a guest (13911112222)', async () => {
    const conv = await open('wx-guest-zh', 'zh-CN');
    await conv.say('订单SO-2026-000117到哪了');
    const replies = await conv.say('13911112222');
    expect(texts(replies).join('\n')).not.toContain('这好像不是手机号');
    expect(decisions(replies)).toEqual([expect.objectContaining({ orderId: 'SO-2026-000117' })]);
  });

  it('"订单SO-2026-000117怎么样了" ("how is order … doing") is a where-is-it, not a cancel', async () => {
    const conv = await open(U.zhangWei, 'zh-CN');
    const replies = await conv.say('订单SO-2026-000117怎么样了');
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'track.in_transit', orderId: 'SO-2026-000117' })]);
  });

  it.each([
    ['without dashes', 'SO2026000117到哪了'],
    ['with spaces', 'SO 2026 000117 到哪了'],
  ])('an order id typed %s is recognised (%s)', async (_how, text) => {
    const conv = await open(U.zhangWei, 'zh-CN');
    const replies = await conv.say(text);
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'track.in_transit', orderId: 'SO-2026-000117' })]);
  });

  it.each<[string, string, Locale, string, RuleId, string]>([
    ['"waffle maker" (the coffee maker also says "maker")', U.emily, 'en-US', 'I want to return the waffle maker', 'return.expired', 'SO-2026-000211'],
    ['"pressure cooker" (the sous vide cooker also says "cooker")', U.emily, 'en-US', 'where is my pressure cooker', 'track.in_transit', 'SO-2026-000216'],
    ['"静音破壁机", the exact title (the 九阳破壁豆浆机 shares "破壁")', U.zhangWei, 'zh-CN', '静音破壁机到哪了', 'track.before_ship_by', 'SO-2026-000115'],
    ['"微波炉不加热" (the 双面加热电饼铛 shares "加热")', U.zhangWei, 'zh-CN', '微波炉不加热了，坏了', 'return.quality', 'SO-2026-000110'],
  ])('goods named in full pick that order, not a carousel: %s', async (_what, user, locale, text, rule, id) => {
    const conv = await open(user, locale);
    const replies = await conv.say(text);
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule, orderId: id })]);
  });
});

// ---------------------------------------------------------------------------------------------
// Cancel
// ---------------------------------------------------------------------------------------------

describe('cancel.*', () => {
  const confirm: ConfirmRow[] = [
    {
      rule: 'cancel.unpaid', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000101', says: '订单so-2026-000101不要了，帮我取消',
      mentions: () => ['¥399.00'], no: '算了', yes: PRESS, done: { action: 'cancel', status: 'cancelled' },
      check: (o) => expect(o.refund ?? null).toBeNull(),
    },
    {
      rule: 'cancel.unpaid', user: U.emily, locale: 'en-US', order: 'SO-2026-000201', says: 'Cancel the blender order please',
      mentions: () => ['$89.00'], no: PRESS, yes: 'yes', done: { action: 'cancel', status: 'cancelled' },
    },
    {
      rule: 'cancel.paid_unshipped', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000102', says: '空气炸锅那单我不想要了，取消吧',
      mentions: () => ['¥599.00'], no: PRESS, yes: '确认', done: { action: 'cancel_and_refund', status: 'refunded' },
      check: (o) => expect(o.refund).toMatchObject({ amount: 599, currency: 'CNY', status: 'refunded' }),
    },
    {
      rule: 'cancel.paid_unshipped', user: U.emily, locale: 'en-US', order: 'SO-2026-000202', says: 'cancel SO-2026-000202',
      mentions: () => ['€79.90'], no: 'no', yes: PRESS, done: { action: 'cancel_and_refund', status: 'refunded' },
      check: (o) => expect(o.refund).toMatchObject({ amount: 79.9, currency: 'EUR', status: 'refunded' }),
    },
    {
      rule: 'cancel.paid_unshipped', user: U.olivia, locale: 'en-US', order: 'SO-2026-000902', says: 'I want to cancel an order', pick: true,
      no: 'no thanks', yes: PRESS, done: { action: 'cancel_and_refund', status: 'refunded' },
      check: (o) => expect(o.refund).toMatchObject({ amount: 119, currency: 'USD' }),
    },
    {
      rule: 'cancel.in_transit', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000103', says: '吸尘器还在路上，能取消吗',
      mentions: (o) => [o.logistics!.trackingNo, '¥1,299.00'], no: '不用了', yes: '好的', done: { action: 'intercept_parcel', status: 'refund_requested' },
      check: (o) => expect(o).toMatchObject({ afterSale: { kind: 'intercept' }, refund: { amount: 1299, status: 'requested' } }),
    },
    {
      rule: 'cancel.in_transit', user: U.emily, locale: 'en-US', order: 'SO-2026-000203', says: 'can i still cancel the stand mixer?',
      mentions: () => ['UPS', '$249.00'], no: PRESS, yes: 'sure', done: { action: 'intercept_parcel', status: 'refund_requested' },
    },
    {
      rule: 'cancel.delivered', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000105', says: '那个电热水壶的订单取消一下',
      mentions: (o) => [zhDay(o.deliveredAt)], no: PRESS, yes: '好的', leadsTo: 'return.no_reason',
    },
    {
      rule: 'cancel.delivered', user: U.emily, locale: 'en-US', order: 'SO-2026-000205', says: 'cancel my toaster order',
      mentions: (o) => [usDay(o.deliveredAt)], no: 'no', yes: PRESS, leadsTo: 'return.no_reason',
    },
    {
      rule: 'cancel.virtual_delivered', user: U.zhangWei, locale: 'zh-CN', order: 'A10031', says: '演唱会门票能取消吗',
      no: '算了', yes: PRESS, done: { action: 'message_merchant', status: 'delivered' },
      check: (_o, e) => expect(e.detail).toMatchObject({ merchantContact: 'slack:tixhub-ops' }),
    },
    {
      rule: 'cancel.virtual_delivered', user: U.emily, locale: 'en-US', order: 'A10032', says: 'cancel my jazz tickets',
      no: 'no', yes: 'yes please', done: { action: 'message_merchant', status: 'delivered' },
    },
  ];
  it.each(confirm)('$rule ($locale) "$says" → $order: a no keeps it, a yes does it', async (row) => {
    await runConfirm(row);
    cover(row);
  });
});

// ---------------------------------------------------------------------------------------------
// Return, refund, exchange, problem
// ---------------------------------------------------------------------------------------------

describe('return.*', () => {
  const confirm: ConfirmRow[] = [
    {
      rule: 'return.no_reason', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000106', says: '豆浆机想退了，不太喜欢',
      mentions: () => ['¥367.00', '运费险'], no: PRESS, yes: PRESS, done: { action: 'start_return', status: 'return_requested' },
      check: (o) => expect(o).toMatchObject({ afterSale: { kind: 'return', returnShippingPaidBy: 'insurance' }, refund: { amount: 367, currency: 'CNY', status: 'requested' } }),
    },
    {
      rule: 'return.no_reason', user: U.emily, locale: 'en-US', order: 'SO-2026-000206', says: "I'd like to return the hair dryer, don't really need it",
      mentions: () => ['€49.00', 'insurance'], no: 'no', yes: 'yes', done: { action: 'start_return', status: 'return_requested' },
      check: (o) => expect(o.afterSale).toMatchObject({ returnShippingPaidBy: 'insurance' }),
    },
    {
      // Brightline's own policy: 14 days without a reason; the order was delivered 10 days ago.
      rule: 'return.no_reason', user: U.emily, locale: 'en-US', order: 'SO-2026-000207', says: 'I want to return the air purifier',
      mentions: () => ['14-day', '$120.00'], no: PRESS, yes: PRESS, done: { action: 'start_return', status: 'return_requested' },
      check: (o) => expect(o.afterSale).toMatchObject({ returnShippingPaidBy: 'buyer' }),
    },
    {
      // Exactly 2,000 is not over 2,000: no review.
      rule: 'return.no_reason', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000114', says: '洗碗机退货', mentions: () => ['¥2,000.00'], no: '不要了',
    },
    {
      // A resolved penalty is no risk.
      rule: 'return.no_reason', user: U.wangLei, locale: 'zh-CN', order: 'SO-2026-000501', says: '挂脖风扇能退吗',
      no: PRESS, yes: '确认', done: { action: 'start_return', status: 'return_requested' },
    },
    {
      rule: 'return.no_reason', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000123', says: '电熨斗想换个颜色',
      no: PRESS, yes: PRESS, done: { action: 'start_exchange', status: 'return_requested' },
      check: (o) => expect(o.afterSale).toMatchObject({ kind: 'exchange', returnShippingPaidBy: 'buyer' }),
    },
    {
      rule: 'return.no_reason', user: U.emily, locale: 'en-US', order: 'SO-2026-000222', says: 'can I swap the dutch oven for a bigger size?',
      no: 'no', yes: PRESS, done: { action: 'start_exchange', status: 'return_requested' },
      check: (o) => expect(o.afterSale).toMatchObject({ kind: 'exchange' }),
    },
    {
      rule: 'return.not_returnable', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000107', says: '大闸蟹能退吗',
      no: PRESS, yes: '有问题', leadsTo: 'return.quality',
    },
    {
      rule: 'return.not_returnable', user: U.emily, locale: 'en-US', order: 'SO-2026-000208', says: "can I return the shaver? I opened it but don't like it",
      no: PRESS, yes: PRESS, leadsTo: 'return.quality',
    },
    {
      rule: 'return.not_returnable', user: U.emily, locale: 'en-US', order: 'A10032', says: 'can i get a refund on my concert tickets', no: PRESS,
    },
    {
      rule: 'return.quality', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000110', says: 'SO-2026-000110 微波炉坏了，不能加热',
      then: [{ photo: 'https://photos.example/microwave.jpg' }], no: '不要了', yes: PRESS,
      done: { action: 'start_return', status: 'return_requested' },
      check: (o) => expect(o).toMatchObject({ afterSale: { returnShippingPaidBy: 'merchant', photos: ['https://photos.example/microwave.jpg'] }, refund: { amount: 699 } }),
    },
    {
      // Perishable, yet a quality problem qualifies.
      rule: 'return.quality', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000107', says: '大闸蟹送到的时候好几只都死了',
      then: [{ photo: 'https://photos.example/crab.jpg' }], no: PRESS,
    },
    {
      // Past the 7-day window of CareMate, within 15 days.
      rule: 'return.quality', user: U.emily, locale: 'en-US', order: 'SO-2026-000210', says: 'the massage gun arrived cracked',
      then: ['no photo'], no: 'no', yes: 'yes', done: { action: 'start_return', status: 'return_requested' },
      check: (o) => expect(o).toMatchObject({ afterSale: { returnShippingPaidBy: 'merchant' }, refund: { amount: 89, currency: 'EUR' } }),
    },
    {
      rule: 'return.expired', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000112', says: '电饼铛想退货',
      mentions: (o) => [zhDay(o.deliveredAt), '15'], no: '不用了', yes: PRESS, done: { action: 'message_merchant', status: 'completed' },
      check: (_o, e) => expect(e.detail).toMatchObject({ merchantContact: 'wangwang:hearth-cs' }),
    },
    {
      rule: 'return.expired', user: U.emily, locale: 'en-US', order: 'SO-2026-000211', says: 'I want to return order so-2026-000211',
      no: PRESS, yes: 'yes', done: { action: 'message_merchant', status: 'completed' },
    },
    {
      // Merchant rated 3.7: the return goes the buyer's way, the seller pays the shipping, flagged.
      rule: 'return.merchant_flagged', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000121', says: '暖手宝不想要了，想退',
      no: PRESS, yes: PRESS, done: { action: 'start_return', status: 'return_requested' },
      check: (o, e) => {
        expect(o.afterSale).toMatchObject({ returnShippingPaidBy: 'merchant' });
        expect(e.detail).toMatchObject({ flagged: true });
      },
    },
    {
      // Merchant with an open penalty.
      rule: 'return.merchant_flagged', user: U.emily, locale: 'en-US', order: 'SO-2026-000213', says: 'return the hoodie please',
      no: 'nope', yes: 'yes please', done: { action: 'start_return', status: 'return_requested' },
      check: (o) => expect(o.afterSale).toMatchObject({ returnShippingPaidBy: 'merchant' }),
    },
  ];
  it.each(confirm)('$rule ($locale) "$says" → $order: a no keeps it, a yes does it', async (row) => {
    await runConfirm(row);
    cover(row);
  });

  const handover: Row[] = [
    { rule: 'return.review_amount', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000113', says: '冰箱不想要了，退货退款', mentions: () => ['¥4,999.00'] },
    // Brightline reviews refunds over 500: a 600 robot vacuum.
    { rule: 'return.review_amount', user: U.emily, locale: 'en-US', order: 'SO-2026-000212', says: 'I want to return the robot vacuum', mentions: () => ['$600.00'] },
    // The default 2,000 is in the order's currency (after-sales-policy.md): ¥8,800 is over it.
    { rule: 'return.review_amount', user: U.olivia, locale: 'en-US', order: 'SO-2026-000901', says: 'I want to return the teapot', mentions: () => ['¥8,800'] },
    { rule: 'return.risky_buyer', user: U.chenJing, locale: 'zh-CN', order: 'SO-2026-000301', says: '蒸汽拖把想退货退款' },
    { rule: 'return.risky_buyer', user: U.liuYang, locale: 'zh-CN', order: 'SO-2026-000401', says: '我要退货', pick: true },
    { rule: 'return.risky_buyer', user: U.marco, locale: 'en-US', order: 'SO-2026-000601', says: 'I want to return the panini press' },
    { rule: 'return.risky_buyer', user: U.dana, locale: 'en-US', order: 'SO-2026-000701', says: 'I want a refund', pick: true },
  ];
  it.each(handover)('$rule ($locale) "$says" → $order: a person reviews before any money moves', async (row) => {
    await runHandover(row);
    cover(row);
  });

  // ---- found on first contact with this shop ----

  it('delivered exactly 7 days ago is still inside the 7-day no-reason window (return.no_reason)', async () => {
    const { replies } = await begin({ rule: 'return.no_reason', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000109', says: '挂烫机七天无理由还能退吗' });
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'return.no_reason', orderId: 'SO-2026-000109' })]);
  });

  it('a quality problem delivered exactly 15 days ago is still inside the window (return.quality)', async () => {
    const { replies } = await begin({ rule: 'return.quality', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000111', says: '电风扇坏了，不转了' });
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'return.quality', orderId: 'SO-2026-000111' })]);
  });

  it('rotten fruit ("车厘子烂了") is a quality case at once, not "not returnable, anything wrong?"', async () => {
    const { replies } = await begin({ rule: 'return.quality', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000108', says: '车厘子烂了好多，要退款' });
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'return.quality', orderId: 'SO-2026-000108' })]);
  });

  it('the milk frother of a frother + coffee beans order can be returned without a reason', async () => {
    const { replies } = await begin({ rule: 'return.no_reason', user: U.emily, locale: 'en-US', order: 'SO-2026-000209', says: "I'd like to return the milk frother, I don't need it" });
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'return.no_reason', orderId: 'SO-2026-000209' })]);
  });

  it('typing "没问题" (no problem) to "商品有问题吗？" is the "nothing is wrong" answer, as its button says', async () => {
    const { conv, replies } = await begin({ rule: 'return.not_returnable', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000108', says: '车厘子能退吗' });
    expect(decisions(replies)).toEqual([expect.objectContaining({ rule: 'return.not_returnable' })]);
    const no = await conv.say('没问题');
    expect(decisions(no)).toEqual([]); // not a quality case
    expect(texts(no).join('\n')).toContain('没法退');
  });

  it('"没有照片", as the photo question itself suggests, goes on to the return question', async () => {
    const before = await snapshot('SO-2026-000107');
    const { conv, replies } = await begin({ rule: 'return.quality', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000107', says: '大闸蟹送到的时候好几只都死了' });
    expect(texts(replies).join('\n')).toContain('没有照片');
    const next = await conv.say('没有照片');
    expect(await snapshot('SO-2026-000107')).toEqual(before);
    expect(yesNoButton(next, true)).toBeDefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Where is it
// ---------------------------------------------------------------------------------------------

describe('track.*', () => {
  const atOnce: (Row & { acts?: string })[] = [
    { rule: 'track.before_ship_by', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000115', says: 'SO-2026-000115到哪了', mentions: (o) => [zhDay(o.shipBy)] },
    { rule: 'track.before_ship_by', user: U.emily, locale: 'en-US', order: 'SO-2026-000214', says: 'where is my smart kettle?', mentions: (o) => [usDay(o.shipBy)] },
    // Hurried before the ship-by time: the promise is shown and the nudge the reply speaks of is recorded.
    { rule: 'track.before_ship_by', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000115', says: 'SO-2026-000115 什么时候发货', mentions: (o) => [zhDay(o.shipBy)], acts: 'urge_merchant' },
    { rule: 'track.before_ship_by', user: U.emily, locale: 'en-US', order: 'SO-2026-000214', says: 'when will my smart kettle ship?', mentions: (o) => [usDay(o.shipBy)], acts: 'urge_merchant' },
    // Ship-by time passed a minute before the shop was imported; the desk urges the seller at once (no money moves).
    { rule: 'track.late_shipment', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000116', says: '订单SO-2026-000116怎么还没发货', acts: 'urge_merchant' },
    { rule: 'track.late_shipment', user: U.emily, locale: 'en-US', order: 'SO-2026-000215', says: "why hasn't the sous vide shipped yet??", acts: 'urge_merchant' },
    { rule: 'track.in_transit', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000117', says: '扫地机器人到哪了', mentions: (o) => ['中通快递', o.logistics!.trackingNo] },
    { rule: 'track.in_transit', user: U.emily, locale: 'en-US', order: 'SO-2026-000216', says: 'SO-2026-000216 where is it?', mentions: (o) => ['FedEx', o.logistics!.trackingNo] },
  ];
  it.each(atOnce)('$rule ($locale) "$says" → $order', async (row) => {
    await runAtOnce(row);
    cover(row);
  });

  const confirm: ConfirmRow[] = [
    {
      // The latest update was exactly 72 hours before the import.
      rule: 'track.stalled', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000118', says: '净水器的物流好几天没动了',
      no: '不用了', yes: PRESS, done: { action: 'message_merchant', status: 'shipped' },
      check: (_o, e) => expect(e.detail).toMatchObject({ topic: 'parcel_stalled', merchantContact: 'wangwang:hearth-cs' }),
    },
    {
      rule: 'track.stalled', user: U.emily, locale: 'en-US', order: 'SO-2026-000217', says: "tracking for SO-2026-000217 hasn't updated in days",
      no: 'no', yes: 'yes', done: { action: 'message_merchant', status: 'shipped' },
    },
    {
      // CareMate's own policy: stalled after 48 hours; the latest update is 50 hours old.
      rule: 'track.stalled', user: U.emily, locale: 'en-US', order: 'SO-2026-000221', says: 'where is the foot spa?', no: PRESS,
    },
  ];
  it.each(confirm)('$rule ($locale) "$says" → $order: a no leaves it, a yes asks the seller', async (row) => {
    await runConfirm(row);
    cover(row);
  });
});

// ---------------------------------------------------------------------------------------------
// Address, invoice, merchant
// ---------------------------------------------------------------------------------------------

describe('address.*, invoice.request, merchant.unresponsive', () => {
  const confirm: ConfirmRow[] = [
    {
      rule: 'address.unshipped', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000119', says: 'SO-2026-000119 收货地址要改一下',
      then: ['北京市海淀区中关村大街27号3单元502'], no: PRESS, yes: PRESS, done: { action: 'change_address', status: 'paid' },
      check: (o) => expect(o.address).toMatchObject({ name: '张伟', line: '北京市海淀区中关村大街27号3单元502' }),
    },
    {
      rule: 'address.unshipped', user: U.emily, locale: 'en-US', order: 'SO-2026-000218', says: 'I need to change the shipping address for the water flosser',
      then: ['500 Boylston St, Boston, MA 02116'], no: 'no', yes: 'yes', done: { action: 'change_address', status: 'paid' },
      check: (o) => expect(o.address?.line).toBe('500 Boylston St, Boston, MA 02116'),
    },
    {
      rule: 'address.unshipped', user: U.chenJing, locale: 'zh-CN', order: 'SO-2026-000302', says: '我要改地址', pick: true,
      then: ['杭州市滨江区江南大道3888号'], no: '不用了', yes: '确认', done: { action: 'change_address', status: 'paid' },
    },
    {
      rule: 'address.shipped', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000120', says: '加湿器那单地址写错了，能改吗',
      no: PRESS, yes: '好的', done: { action: 'message_merchant', status: 'shipped' },
    },
    {
      rule: 'address.shipped', user: U.emily, locale: 'en-US', order: 'SO-2026-000219', says: 'can I change the address on the thermometer order?',
      mentions: () => ['DHL'], no: 'no thanks', yes: PRESS, done: { action: 'message_merchant', status: 'shipped' },
      check: (_o, e) => expect(e.detail).toMatchObject({ merchantContact: 'email:help@caremate.example' }),
    },
  ];
  it.each(confirm)('$rule ($locale) "$says" → $order: a no keeps it, a yes does it', async (row) => {
    await runConfirm(row);
    cover(row);
  });

  const atOnce: (Row & { acts?: string })[] = [
    { rule: 'invoice.request', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000122', says: '榨汁机那单帮我开个发票', mentions: () => ['¥239.00', '3'], acts: 'request_invoice' },
    { rule: 'invoice.request', user: U.emily, locale: 'en-US', order: 'SO-2026-000220', says: 'I need an invoice for the induction cooktop', mentions: () => ['$159.00'], acts: 'request_invoice' },
  ];
  it.each(atOnce)('$rule ($locale) "$says" → $order', async (row) => {
    await runAtOnce(row);
    cover(row);
  });

  const handover: (Row & { contact: string })[] = [
    { rule: 'merchant.unresponsive', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000117', says: '扫地机器人的商家一直不回消息', contact: 'wangwang:hearth-cs' },
    { rule: 'merchant.unresponsive', user: U.emily, locale: 'en-US', order: 'SO-2026-000216', says: 'the seller of SO-2026-000216 never answers my messages', contact: 'email:care@brightline.example' },
  ];
  it.each(handover)('$rule ($locale) "$says" → $order: a person, with the seller\u2019s contact ready', async (row) => {
    const event = await runHandover(row);
    expect(event.merchantContact).toBe(row.contact);
    cover(row);
  });
});

// ---------------------------------------------------------------------------------------------
// Last: these put a penalty note on the merchant, which flags it for every later return
// ---------------------------------------------------------------------------------------------

describe('cancel.shipped_after_request (last: the yes notes a penalty on the merchant)', () => {
  const confirm: ConfirmRow[] = [
    {
      rule: 'cancel.shipped_after_request', user: U.zhangWei, locale: 'zh-CN', order: 'SO-2026-000104', says: '我前天就申请取消咖啡机了，怎么还发货了',
      mentions: (o) => [zhDay(o.cancelRequestedAt), zhDay(o.shippedAt), '¥899.00'], no: PRESS, yes: '好的',
      done: { action: 'refuse_parcel_merchant_pays', status: 'refund_requested' },
      check: (o, e) => {
        expect(o.afterSale).toMatchObject({ kind: 'refuse_parcel', returnShippingPaidBy: 'merchant' });
        expect(e.detail).toMatchObject({ penaltyNote: true });
        const merchant = h.desk.repos.merchants.get('mer-hearth')!;
        expect((merchant.penaltyNotes ?? []).filter((p) => p.orderId === 'SO-2026-000104')).toHaveLength(1);
        expect(merchant.penalties.filter((p) => p.reason.includes('SO-2026-000104'))).toHaveLength(0); // a note to confirm, not an open penalty
      },
    },
    {
      rule: 'cancel.shipped_after_request', user: U.emily, locale: 'en-US', order: 'SO-2026-000204', says: 'I asked to cancel the cold brew maker 2 days ago and you shipped it anyway!',
      mentions: () => ['$59.00'], no: 'no', yes: PRESS, done: { action: 'refuse_parcel_merchant_pays', status: 'refund_requested' },
      check: (o) => expect(o.refund).toMatchObject({ amount: 59, currency: 'USD', status: 'requested' }),
    },
  ];
  it.each(confirm)('$rule ($locale) "$says" → $order: a no keeps it, a yes does it', async (row) => {
    await runConfirm(row);
    cover(row);
  });

  it('every rule id of after-sales-policy.md had a passing case, and both languages for each', () => {
    expect([...new Set(covered)].sort()).toEqual(RULE_IDS.flatMap((r) => [`${r} en-US`, `${r} zh-CN`]).sort());
  });
});
