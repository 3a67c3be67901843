import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbFeedbackEvent, HandoverEvent } from '../../data/records.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { adaptiveFacts, heroCards, texts, traces, type Received } from '../support/testChannel.js';

/** The yes/no buttons under a question (suggested actions whose value is `{action:'yesNo'}`). */
function yesNoButtons(replies: Received[]) {
  return replies.flatMap((r) => r.suggestedActions?.actions ?? []).filter((a) => (a.value as { action?: string } | undefined)?.action === 'yesNo');
}

function decisions(replies: Received[]) {
  return traces(replies, 'AfterSalesDecision') as { rule: string; orderId: string; handover: boolean }[];
}

const HAN = /\p{Script=Han}/u;

describe('a task in the middle of a conversation', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('(zh-CN) mid-way through a return the buyer asks where another parcel is, gets it, and is taken back to the return', async () => {
    const conv = h.channel.conversation({ userId: 'b-zh-01', locale: 'zh-CN' });
    await conv.open();
    const asked = await conv.say('我想退货 20260407214455');
    expect(decisions(asked)).toMatchObject([{ rule: 'return.no_reason', orderId: '20260407214455' }]);
    expect(yesNoButtons(asked)).toHaveLength(2);

    const detour = await conv.say('我的键盘到哪了');
    expect(decisions(detour)).toMatchObject([{ rule: 'track.in_transit', orderId: '20260411093340' }]);
    const said = texts(detour);
    expect(said.some((t) => t.includes('20260411093340'))).toBe(true);
    expect(said.some((t) => t.startsWith('我们回到刚才订单 20260407214455 的退换货'))).toBe(true);
    expect(yesNoButtons(detour)).toHaveLength(2); // the return's question, asked again
    expect(h.desk.repos.orders.get('20260407214455')!.status).toBe('delivered');

    const yes = await conv.say('好的');
    expect(texts(yes).join('\n')).toContain('退货申请已提交');
    expect(h.desk.repos.orders.get('20260407214455')!.status).toBe('return_requested');
    expect((await h.desk.events.orderHistory('20260407214455')).at(-1)).toMatchObject({ by: 'buyer:b-zh-01', rule: 'return.no_reason', from: 'delivered', to: 'return_requested' });
  });

  it('(en-US) a policy question in the middle of a cancel is answered, then the cancel question comes back', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-01', locale: 'en-US' });
    await conv.open();
    const asked = await conv.say('I want to cancel order 20260412150733');
    expect(decisions(asked)).toMatchObject([{ rule: 'cancel.unpaid' }]);
    const detour = await conv.say('how long does a refund take');
    const entry = h.desk.repos.knowledgeBase.forIntent('question.refund_time')[0]!;
    expect(texts(detour)).toContain(entry.answer.en);
    expect(texts(detour).some((t) => t.startsWith('Back to cancelling for order 20260412150733'))).toBe(true);
    expect(yesNoButtons(detour)).toHaveLength(2);
    const no = await conv.say('no');
    expect(texts(no)[0]).toMatch(/left order 20260412150733 as it is/);
    expect(h.desk.repos.orders.get('20260412150733')!.status).toBe('unpaid');
    expect((await h.desk.events.orderHistory('20260412150733'))).toHaveLength(0);
  });

  it.each<[string, string, string, string, RegExp]>([
    ['zh-CN', 'b-zh-02', '我要取消订单', '帮助', /^我可以帮您/],
    ['en-US', 'b-en-02', 'I want to cancel my order', 'help', /^I can cancel an order/],
  ])('(%s) "help" while choosing the order explains and shows the orders again; "cancel that" stops with nothing changed', async (locale, userId, start, help, helpText) => {
    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    const before = JSON.stringify(h.desk.repos.orders.listForBuyer(userId).map((o) => o.status));
    const choice = await conv.say(start);
    expect(heroCards(choice).length).toBeGreaterThan(1);
    const helped = await conv.say(help);
    expect(texts(helped)[0]).toMatch(helpText);
    expect(heroCards(helped).length).toBe(heroCards(choice).length);
    const stopped = await conv.say(locale === 'zh-CN' ? '算了' : 'cancel that');
    expect(texts(stopped)).toHaveLength(1);
    expect(HAN.test(texts(stopped)[0]!)).toBe(locale === 'zh-CN');
    expect(JSON.stringify(h.desk.repos.orders.listForBuyer(userId).map((o) => o.status))).toBe(before);
    // Nothing is pending any more: the next message is a fresh start.
    const next = await conv.say(start);
    expect(heroCards(next).length).toBeGreaterThan(1);
  });

  it('(en-US) "the first one" picks the first order offered', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-03', locale: 'en-US' });
    await conv.open();
    const choice = await conv.say('where is my parcel');
    const first = (heroCards(choice)[0]!.buttons![0]!.value as { orderId: string }).orderId;
    const picked = await conv.say('the first one');
    expect(decisions(picked)[0]!.orderId).toBe(first);
  });

  it('(zh-CN) pressing a card in the carousel settles the order', async () => {
    const conv = h.channel.conversation({ userId: 'b-zh-04', locale: 'zh-CN' });
    await conv.open();
    const choice = await conv.say('我要改收货地址');
    const card = heroCards(choice).find((c) => (c.buttons![0]!.value as { orderId: string }).orderId === '20260411162915');
    expect(card).toBeDefined();
    const picked = await conv.press(card!.buttons![0]!);
    expect(decisions(picked)).toMatchObject([{ rule: 'address.shipped', orderId: '20260411162915' }]);
    expect(Object.values(adaptiveFacts(picked)[0] ?? {})).toContain('20260411162915');
  });
});

describe('state in the store', () => {
  let h: Harness;
  let clock = new Date();
  beforeAll(async () => {
    h = await startHarness({}, { now: () => clock });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each<[string, string, string, string, string]>([
    ['zh-CN', 'b-zh-01', '帮我取消订单 20260412093817', '好的', '已取消订单 20260412093817'],
    ['en-US', 'b-en-01', 'please cancel order 20260412150733', 'yes', 'Done: order 20260412150733 is cancelled'],
  ])('(%s) a buyer who comes back after a restart and a day later finds the question where they left it', async (locale, userId, start, yes, done) => {
    const orderId = /\d{14}/.exec(start)![0];
    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    expect(decisions(await conv.say(start))).toMatchObject([{ rule: 'cancel.unpaid', orderId }]);
    await h.restart();
    clock = new Date(clock.getTime() + 24 * 3_600_000);
    const replies = await conv.say(yes);
    expect(texts(replies)[0]).toContain(done);
    expect(h.desk.repos.orders.get(orderId)!.status).toBe('cancelled');
  });
});

describe('answers, abuse and asking for a person', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each<[string, string, string]>([
    ['zh-CN', 'b-zh-05', '退款多久到账'],
    ['en-US', 'b-en-05', 'how long does a refund take'],
  ])('(%s) a knowledge-base answer asks "did that help?"; "no" is recorded and offers a way on', async (locale, userId, question) => {
    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    const answered = await conv.say(question);
    const buttons = answered.flatMap((r) => r.suggestedActions?.actions ?? []);
    expect(buttons).toHaveLength(2);
    const notHelpful = buttons.find((b) => (b.value as { helpful?: boolean }).helpful === false)!;
    const after = await conv.press({ value: notHelpful.value, text: String(notHelpful.title) });
    expect(texts(after)).toHaveLength(1);
    expect(HAN.test(texts(after)[0]!)).toBe(locale === 'zh-CN');
    const feedback = await h.desk.events.read((e): e is KbFeedbackEvent => e.type === 'kb_feedback' && e.conversationId === conv.id);
    expect(feedback).toMatchObject([{ intent: 'question.refund_time', helpful: false, buyerId: userId }]);
  });

  it.each<[string, string, string]>([
    ['zh-CN', 'b-zh-06', '你们真是垃圾'],
    ['en-US', 'b-en-06', 'you are useless idiot'],
  ])('(%s) abuse gets a calm answer; the second time, the offer of a person', async (locale, userId, insult) => {
    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    const first = await conv.say(insult);
    expect(first.flatMap((r) => r.suggestedActions?.actions ?? [])).toHaveLength(0);
    const second = await conv.say(insult);
    const offer = second.flatMap((r) => r.suggestedActions?.actions ?? []);
    expect(offer).toHaveLength(1);
    expect(offer[0]!.value).toBe(locale === 'zh-CN' ? '转人工' : 'Talk to a person');
  });

  it.each<[string, string, string]>([
    ['zh-CN', 'b-zh-07', '转人工'],
    ['en-US', 'b-en-07', 'let me talk to a person'],
  ])('(%s) asking for a person is recorded with its reason', async (locale, userId, ask) => {
    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    const replies = await conv.say(ask);
    expect(HAN.test(texts(replies)[0]!)).toBe(locale === 'zh-CN');
    const handovers = await h.desk.events.read((e): e is HandoverEvent => e.type === 'handover' && e.conversationId === conv.id);
    expect(handovers).toMatchObject([{ reason: 'buyer_asked', buyerId: userId }]);
  });

  it('a guest who asks to cancel proves a phone number, then picks the order and is asked before anything moves', async () => {
    const buyer = h.desk.repos.buyers.get('b-en-02')!;
    const conv = h.channel.conversation({ userId: 'someone-new', locale: 'en-US' });
    await conv.open();
    const askPhone = await conv.say('I want to cancel my order');
    expect(heroCards(askPhone)).toHaveLength(0);
    const verified = await conv.say(buyer.phone);
    expect(texts(verified)[0]).toContain(buyer.name);
    const card = heroCards(verified).find((c) => (c.buttons![0]!.value as { orderId: string }).orderId === '20260412112906');
    expect(card).toBeDefined();
    const picked = await conv.press(card!.buttons![0]!);
    expect(decisions(picked)).toMatchObject([{ rule: 'cancel.paid_unshipped', orderId: '20260412112906' }]);
    expect(h.desk.repos.orders.get('20260412112906')!.status).toBe('paid');
  });
});

describe('reading what the buyer means about their own orders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each<[string, string, string, string, string]>([
    ['zh-CN', 'b-zh-01', '连衣裙那单能退吗', 'return.no_reason', '20260407214455'],
    ['en-US', 'b-en-01', 'can I return the chinos?', 'return.no_reason', '20260407170419'],
  ])('(%s) a policy question about one of their orders ("%s") is the task itself', async (locale, userId, text, rule, orderId) => {
    const conv = h.channel.conversation({ userId, locale });
    await conv.open();
    expect(decisions(await conv.say(text))).toMatchObject([{ rule, orderId }]);
  });

  it.each<[string, string, string]>([
    ['zh-CN', 'b-zh-02', '是的'],
    ['en-US', 'b-en-02', 'yes'],
  ])('(%s) a bare "%s" with no question pending starts nothing on the order in focus', async (locale, userId, yes) => {
    const conv = h.channel.conversation({ userId, locale });
    const greeting = await conv.open();
    const card = heroCards(greeting)[0]!;
    await conv.press(card.buttons![0]!); // an order in focus
    const before = JSON.stringify(h.desk.repos.orders.listForBuyer(userId).map((o) => [o.id, o.status]));
    const replies = await conv.say(yes);
    expect(decisions(replies)).toEqual([]);
    expect(yesNoButtons(replies)).toEqual([]);
    expect(texts(replies)).toHaveLength(1);
    expect(HAN.test(texts(replies)[0]!)).toBe(locale === 'zh-CN');
    expect(JSON.stringify(h.desk.repos.orders.listForBuyer(userId).map((o) => [o.id, o.status]))).toBe(before);
  });

  it('(zh-CN) goods the classifier never saw ("那个键盘") are read as "that order"', async () => {
    const conv = h.channel.conversation({ userId: 'b-zh-01', locale: 'zh-CN' });
    await conv.open();
    const replies = await conv.say('那个键盘到哪了');
    expect(traces(replies, 'IntentRecognition')).toMatchObject([{ intent: 'task.track_logistics', confidence: 'confident' }]);
    expect(decisions(replies)).toMatchObject([{ rule: 'track.in_transit', orderId: '20260411093340' }]);
  });

  it('(en-US) pressing an older order card while a question is pending shows that order, then comes back to the question', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-02', locale: 'en-US' });
    const greeting = await conv.open();
    const card = heroCards(greeting).find((c) => (c.buttons![0]!.value as { orderId: string }).orderId === '20260409074831');
    expect(card).toBeDefined();
    expect(decisions(await conv.say('cancel order 20260412112906 please'))).toMatchObject([{ rule: 'cancel.paid_unshipped' }]);
    const pressed = await conv.press(card!.buttons![0]!);
    expect(adaptiveFacts(pressed).some((f) => Object.values(f).includes('20260409074831'))).toBe(true);
    expect(texts(pressed).some((t) => t.startsWith('Back to cancelling for order 20260412112906'))).toBe(true);
    expect(yesNoButtons(pressed)).toHaveLength(2);
    expect(h.desk.repos.orders.get('20260412112906')!.status).toBe('paid');
  });
});

describe('a glitch in the middle of a question', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('an empty message while a question is pending gets no reply, and the question still stands', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-04', locale: 'en-US' });
    await conv.open();
    expect(decisions(await conv.say('cancel order 20260412091220'))).toMatchObject([{ rule: 'cancel.paid_unshipped' }]);
    expect(await conv.say('')).toEqual([]);
    expect(await conv.say('   ')).toEqual([]);
    const no = await conv.say('no');
    expect(texts(no)[0]).toMatch(/left order 20260412091220 as it is/);
    expect(h.desk.repos.orders.get('20260412091220')!.status).toBe('paid');
  });
});
