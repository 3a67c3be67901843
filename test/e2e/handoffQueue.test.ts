import { HandoffEventNames } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import type { Harness } from '../support/deskHarness.js';
import {
  ASK_PERSON,
  buttons,
  buyer,
  from,
  handoffTraces,
  initiations,
  lineName,
  online,
  openHandoff,
  orderOf,
  queueAbout,
  queueInLine,
  said,
  startHandoffDesk,
} from '../support/handoffDriver.js';
import { texts, traces } from '../support/testChannel.js';

/** Reaching the queue: which line, which place, how long, and what the Emulator and the channel see. */

let h: Harness;
beforeEach(async () => {
  h = await startHandoffDesk();
});
afterEach(async () => {
  await h.close();
});

describe('asking for a person', () => {
  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-01', 'travel', 'a-04'],
    ['en-US', 'b-en-02', 'mall', 'a-05'],
  ])('%s: orders in several lines and none in focus: the buyer picks the line, then is queued there', async (locale, buyerId, line, agentId) => {
    const [desk] = await online(h, agentId);
    const conv = buyer(h, buyerId, locale);
    const asked = await conv.say(ASK_PERSON[locale]);
    const lines = [...new Set(h.desk.repos.orders.listForBuyer(buyerId).map((o) => o.businessLine))];
    expect(lines.length).toBeGreaterThan(1);
    const picks = buttons(asked).filter((b) => (b.value as { action?: string }).action === 'pickLine');
    expect(picks.map((b) => (b.value as { line: string }).line).sort()).toEqual([...lines].sort());
    expect(picks.map((b) => b.title).sort()).toEqual(lines.map((l) => lineName(h, l, locale)).sort());
    expect(initiations(asked)).toEqual([]);
    expect(openHandoff(h, buyerId)).toBeUndefined(); // nobody is queued before the line is settled

    const agentSaw = from(desk!);
    const pressed = await conv.press(picks.find((b) => (b.value as { line: string }).line === line)!);
    expect(said(pressed)).toContain(lineName(h, line, locale));
    expect(handoffTraces(pressed)).toEqual([expect.objectContaining({ state: 'queued', line, position: 1 })]);
    const [initiate] = initiations(pressed);
    expect(initiate?.name).toBe(HandoffEventNames.InitiateHandoff);
    expect(initiate?.value).toMatchObject({ line, reason: 'buyer_asked', handoffId: openHandoff(h, buyerId)!.id });
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'queued', line, reason: 'buyer_asked', buyerId });
    expect(said(agentSaw())).toMatch(/有 1 位买家在排队|1 buyer\(s\) waiting in your lines/); // the line's online agent hears it
  });

  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-02', '旅行那边的', 'travel'],
    ['en-US', 'b-en-01', 'the marketplace one', 'marketplace'],
  ])('%s: the line answered in words ("%s") queues the buyer there, as its button would', async (locale, buyerId, words, line) => {
    const conv = buyer(h, buyerId, locale);
    const asked = await conv.say(ASK_PERSON[locale]);
    const offered = buttons(asked).filter((b) => (b.value as { action?: string }).action === 'pickLine').map((b) => (b.value as { line: string }).line);
    expect(offered).toContain(line);
    const answered = await conv.say(words);
    expect(handoffTraces(answered)).toEqual([expect.objectContaining({ state: 'queued', line })]);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'queued', line, buyerId });
  });

  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-04', 'marketplace'],
    ['en-US', 'b-en-06', 'mall'],
  ])('%s: an order in focus decides the line, no question asked', async (locale, buyerId, line) => {
    const order = orderOf(h, buyerId, line, ['delivered', 'paid', 'shipped', 'refunded']);
    const replies = await queueAbout(buyer(h, buyerId, locale), locale, order.id);
    expect(buttons(replies).filter((b) => (b.value as { action?: string }).action === 'pickLine')).toEqual([]);
    expect(handoffTraces(replies)).toEqual([expect.objectContaining({ state: 'queued', line, position: 1 })]);
    expect(initiations(replies)[0]?.value).toMatchObject({ line, orderId: order.id });
    expect(openHandoff(h, buyerId)).toMatchObject({ line, orderId: order.id });
  });

  it.each<[Locale, string, (orderId: string) => string, string, string, string]>([
    ['zh-CN', 'b-zh-03', (id) => `我要退货 ${id}`, '20260406195318', 'mall', 'return.review_amount'],
    ['en-US', 'b-en-03', (id) => `I want to return order ${id}`, '20260406123015', 'mall', 'return.review_amount'],
    ['zh-CN', 'b-zh-02', (id) => `我要投诉 ${id}`, '20260407083125', 'marketplace', 'merchant.unresponsive'],
    ['en-US', 'b-en-01', (id) => `I want to complain about order ${id}`, '20260407113357', 'marketplace', 'merchant.unresponsive'],
  ])('%s: a policy handover for %s is queued in the order’s line with its rule', async (locale, buyerId, sentence, orderId, line, rule) => {
    await online(h, 'a-01');
    const replies = await buyer(h, buyerId, locale).say(sentence(orderId));
    expect(traces(replies, 'AfterSalesDecision')).toEqual([expect.objectContaining({ orderId, rule, handover: true })]);
    expect(initiations(replies)).toHaveLength(1);
    expect(initiations(replies)[0]?.value).toMatchObject({ line, orderId });
    expect(handoffTraces(replies)).toEqual([expect.objectContaining({ state: 'queued', line, position: 1 })]);
    expect(said(replies)).toContain(lineName(h, line, locale));
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'queued', line, orderId, rule });
  });

  it.each<[Locale, string, RegExp]>([
    ['zh-CN', 'b-zh-02', /前面还有 2 位，预计等待约 (\d+) 分钟/],
    ['en-US', 'b-en-02', /number 3, about (\d+) min/],
  ])('%s: with every seat spoken for, the buyer hears their place and an estimate in minutes', async (locale, buyerId, placeAndWait) => {
    await online(h, 'a-04'); // travel, two seats
    for (const [id, l] of [['b-zh-01', 'zh-CN'], ['b-en-01', 'en-US']] as const) {
      const first = await queueInLine(buyer(h, id, l), l, 'travel');
      expect(handoffTraces(first)[0]).toMatchObject({ waitMinutes: 0 }); // a free seat: "in a moment"
    }
    const replies = await queueInLine(buyer(h, buyerId, locale), locale, 'travel');
    const [trace] = handoffTraces(replies);
    expect(trace).toMatchObject({ state: 'queued', line: 'travel', position: 3 });
    expect(trace!.waitMinutes).toBeGreaterThan(0);
    const match = placeAndWait.exec(said(replies));
    expect(match?.[1]).toBe(String(trace!.waitMinutes));
    expect(said(replies)).toContain(lineName(h, 'travel', locale));
  });

  it.each<[Locale, string, RegExp]>([
    ['zh-CN', 'b-zh-01', /已经在排队了：第 1 位/],
    ['en-US', 'b-en-01', /already in the queue: number 1/],
  ])('%s: asking again while waiting tells the place, not the line question again', async (locale, buyerId, already) => {
    await online(h, 'a-04');
    const conv = buyer(h, buyerId, locale);
    await queueInLine(conv, locale, 'travel');
    const again = await conv.say(ASK_PERSON[locale]);
    expect(buttons(again).filter((b) => (b.value as { action?: string }).action === 'pickLine')).toEqual([]);
    expect(said(again)).toMatch(already);
    expect(initiations(again)).toEqual([]);
    expect(handoffTraces(again)).toEqual([expect.objectContaining({ state: 'queued', line: 'travel', position: 1 })]);
  });

  it.each<[Locale, string, RegExp]>([
    ['zh-CN', 'b-zh-01', /^您正在和客服周婷沟通，直接发消息就好。$/],
    ['en-US', 'b-en-01', /^You're with 周婷 now; just write here\.$/],
  ])('%s: a line button pressed again once an agent has the buyer tells whom they are with', async (locale, buyerId, withAgent) => {
    const [desk] = await online(h, 'a-04');
    const conv = buyer(h, buyerId, locale);
    const asked = await conv.say(ASK_PERSON[locale]);
    const pick = (l: string) => buttons(asked).find((b) => (b.value as { line?: string }).line === l)!;
    await conv.press(pick('travel'));
    await desk!.say('+1');
    const replies = await conv.press(pick('mall'));
    expect(texts(replies)).toEqual([expect.stringMatching(withAgent)]);
    expect(handoffTraces(replies)).toEqual([]);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', line: 'travel', agentId: 'a-04' });
  });
});

describe('traces are for the Emulator only', () => {
  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-01', 'wc-7f3a21'],
    ['en-US', 'b-en-01', 'wc-e91c04'],
  ])('%s: %s on the web chat is queued and claimed with the same words and events, and no Handoff trace', async (locale, buyerId, webchatUser) => {
    const [desk] = await online(h, 'a-04');
    const conv = h.channel.conversation({ userId: webchatUser, channelId: 'webchat', locale });
    const queued = await queueInLine(conv, locale, 'travel');
    expect(said(queued)).toContain(lineName(h, 'travel', locale));
    expect(initiations(queued)).toHaveLength(1);
    const claimed = from(conv);
    await desk!.say('+1');
    expect(said(claimed())).toContain(h.desk.repos.agents.get('a-04')!.name);
    expect([...queued, ...claimed()].filter((r) => r.type === 'trace')).toEqual([]);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', agentId: 'a-04' });
  });
});

describe('queued buyers hear their new place when the queue moves', () => {
  it('on a claim and on someone leaving, in each buyer’s language', async () => {
    const [desk] = await online(h, 'a-04'); // travel, two seats
    const zh1 = buyer(h, 'b-zh-01', 'zh-CN');
    const en = buyer(h, 'b-en-01', 'en-US');
    const zh2 = buyer(h, 'b-zh-02', 'zh-CN');
    await queueInLine(zh1, 'zh-CN', 'travel');
    await queueInLine(en, 'en-US', 'travel');
    await queueInLine(zh2, 'zh-CN', 'travel');

    const [toZh1, toEn, toZh2] = [from(zh1), from(en), from(zh2)];
    await desk!.say('+1'); // takes b-zh-01
    expect(handoffTraces(toZh1())).toEqual([expect.objectContaining({ state: 'claimed', agentId: 'a-04' })]);
    expect(said(toEn())).toMatch(/Queue update: you're now number 1, an agent will be with you in a moment\./);
    expect(handoffTraces(toEn())).toEqual([expect.objectContaining({ state: 'queued', position: 1, waitMinutes: 0 })]);
    const [zhTrace] = handoffTraces(toZh2());
    expect(zhTrace).toMatchObject({ state: 'queued', position: 2 });
    expect(said(toZh2())).toContain(`排队更新：您现在是第 2 位，预计约 ${zhTrace!.waitMinutes} 分钟`);

    const afterLeave = from(zh2);
    await en.say('leave the queue');
    expect(said(afterLeave())).toContain('您现在是第 1 位');
    expect(handoffTraces(afterLeave())).toEqual([expect.objectContaining({ state: 'queued', position: 1 })]);
  });
});

describe('three messages in a row the bot cannot understand', () => {
  it.each<[Locale, string, string, string[]]>([
    ['zh-CN', 'b-zh-04', 'mall', ['呃呃', '咦咦咦', '啊啊啊']],
    ['en-US', 'b-en-04', 'marketplace', ['asdkjh qwpoe', 'zzxq vbnm', 'lkjhg pqow']],
  ])('%s: the third brings a person, in the line of the order in focus', async (locale, buyerId, line, gibberish) => {
    await online(h, 'a-01');
    const conv = buyer(h, buyerId, locale);
    const order = orderOf(h, buyerId, line);
    await conv.say(order.id);
    for (const text of gibberish.slice(0, 2)) {
      const replies = await conv.say(text);
      expect(traces(replies, 'IntentRecognition')[0]).toMatchObject({ intent: 'none' });
      expect(handoffTraces(replies)).toEqual([]);
    }
    const third = await conv.say(gibberish[2]!);
    expect(handoffTraces(third)).toEqual([expect.objectContaining({ state: 'queued', line, position: 1 })]);
    expect(initiations(third)[0]?.value).toMatchObject({ reason: 'not_understood_3_in_a_row', line, orderId: order.id });
    expect(openHandoff(h, buyerId)).toMatchObject({ reason: 'not_understood_3_in_a_row' });
  });
});
