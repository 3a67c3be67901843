import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentLocale } from '../../bot/handoffDesk.js';
import type { Locale } from '../../data/shopSchema.js';
import type { Harness } from '../support/deskHarness.js';
import { agent, type Button, buttons, buyer, from, online, openHandoff, queueInLine, said, served, startHandoffDesk } from '../support/handoffDriver.js';
import { heroCards, texts, traces } from '../support/testChannel.js';

/** Buyer and agent talking through the desk: relays, suggestions, the agent's commands, and who is who. */

let h: Harness;
let skew = 0;
beforeEach(async () => {
  skew = 0;
  h = await startHandoffDesk({}, { now: () => new Date(Date.now() + skew) });
});
afterEach(async () => {
  await h.close();
});


const SEP: Record<Locale, string> = { 'zh-CN': '：', 'en-US': ': ' };
const readsIn = (agentId: string): Locale => agentLocale(h.desk.repos.agents.get(agentId)!);
const nameOf = (id: string): string => (h.desk.repos.buyers.get(id) ?? h.desk.repos.agents.get(id))!.name;

describe('relay between buyer and agent', () => {
  it.each<[Locale, string, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', '东西坏了，怎么退？', '您好，我来帮您看一下'],
    ['en-US', 'b-en-03', 'a-05', 'the item is broken, how do I return it?', "Hi, I'm looking into it now."],
    ['en-US', 'b-en-01', 'a-02', 'the item is broken, how do I return it?', 'Sure, one moment.'],
  ])('%s: %s’s text reaches %s as "[1] name: text" with suggestions; the agent’s text and a suggestion reach the buyer', async (locale, buyerId, agentId, buyerText, agentText) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const atDesk = from(desk);
    const replies = await conv.say(buyerText);
    expect(texts(replies)).toEqual([]); // the bot stays quiet
    expect(traces(replies, 'AfterSalesDecision')).toEqual([]);
    const [relayed] = atDesk();
    expect(relayed?.text).toBe(`[1] ${nameOf(buyerId)}${SEP[readsIn(agentId)]}${buyerText}`);
    const suggestions = buttons([relayed!]);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    const handoffId = openHandoff(h, buyerId)!.id;
    for (const s of suggestions) {
      expect(s.title).toMatch(/\(\d{1,3}%\)$/);
      expect(s.value).toEqual({ action: 'sendReply', handoffId, text: expect.any(String) });
    }

    const atBuyer = from(conv);
    expect(await desk.say(agentText)).toEqual([]);
    expect(texts(atBuyer())).toEqual([`${nameOf(agentId)}${SEP[locale]}${agentText}`]);
    const suggestion = suggestions[0]!.value as { text: string };
    const afterPress = from(conv);
    await desk.press(suggestions[0] as Button);
    expect(texts(afterPress())).toEqual([`${nameOf(agentId)}${SEP[locale]}${suggestion.text}`]);
  });

  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', '东西坏了，照片发你了'],
    ['en-US', 'b-en-03', 'a-05', "it's broken, here is a photo"],
  ])('%s: a message that brings a photo gets no suggestion asking for one (the suggestions fit the latest message)', async (locale, buyerId, agentId, buyerText) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const atDesk = from(desk);
    const asksPhoto = /照片|photo/i;
    await conv.say(buyerText);
    const withoutPhoto = buttons(atDesk());
    expect(withoutPhoto.some((b) => asksPhoto.test((b.value as { text: string }).text))).toBe(true); // the standard reply asks for one
    const atDesk2 = from(desk);
    await conv.say(buyerText, { attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.com/broken.jpg', name: 'broken.jpg' }] });
    const withPhoto = buttons(atDesk2());
    expect(withPhoto.length).toBeGreaterThan(0);
    expect(withPhoto.filter((b) => asksPhoto.test((b.value as { text: string }).text) && /发给我|send me/i.test((b.value as { text: string }).text))).toEqual([]);
  });

  it.each<[Locale, string, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', '我要退货 20260406195318', '20260406195318'],
    ['en-US', 'b-en-03', 'a-05', 'I want to return order 20260406123015', '20260406123015'],
  ])('%s: an order task typed to the agent is not run by the bot', async (locale, buyerId, agentId, sentence, orderId) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const status = h.desk.repos.orders.get(orderId)!.status;
    const atDesk = from(desk);
    const handovers = () => h.desk.events.read((e) => e.type === 'handover' && e.conversationId === conv.id, '"handover"');
    const before = (await handovers()).length;
    const replies = await conv.say(sentence);
    expect(texts(replies)).toEqual([]);
    expect(traces(replies, 'AfterSalesDecision')).toEqual([]);
    expect(said(atDesk())).toContain(sentence);
    expect(h.desk.repos.orders.get(orderId)!.status).toBe(status);
    expect(await handovers()).toHaveLength(before);
  });
});

describe("the agent's commands", () => {
  it.each<[string, Locale, [string, string], RegExp, RegExp]>([
    ['a-01', 'zh-CN', ['b-zh-03', 'b-zh-01'], /^接下来您的消息发给 \[1\] 张伟。$/, /没有这个编号/],
    ['a-05', 'en-US', ['b-en-03', 'b-en-01'], /^Your messages now go to \[1\] Sarah Davis\.$/, /No buyer with that number/],
  ])('%s: /list numbers the buyers, "/to N" (or "/to2") switches the target, an unknown number is refused', async (agentId, locale, [first, second], toFirst, noSuch) => {
    const one = buyer(h, first, locale);
    const two = buyer(h, second, locale);
    await queueInLine(one, locale, 'mall');
    await queueInLine(two, locale, 'mall');
    const desk = agent(h, agentId);
    await desk.say('+1');
    await desk.say('+1');
    expect(texts(await desk.say('/list'))).toEqual([`[1] ${nameOf(first)}\n\n→ [2] ${nameOf(second)}`]);

    const atTwo = from(two);
    await desk.say('A');
    expect(said(atTwo())).toContain('A'); // the one just claimed is the target

    expect(texts(await desk.say('/to 1'))).toEqual([expect.stringMatching(toFirst)]);
    const [atOne, atTwoAgain] = [from(one), from(two)];
    await desk.say('B');
    expect(texts(atOne())).toHaveLength(1);
    expect(texts(atTwoAgain())).toEqual([]);
    expect(texts(await desk.say('/list'))[0]).toContain(`→ [1] ${nameOf(first)}`);

    expect(said(await desk.say('/to2'))).toContain(`[2] ${nameOf(second)}`);
    expect(said(await desk.say('/to 9'))).toMatch(noSuch);
    const atDesk = from(desk);
    await two.say('hello?');
    expect(said(atDesk())).toContain(`[2] ${nameOf(second)}`); // buyers are marked with their number
  });

  it.each<[string, Locale, string, string]>([
    ['a-01', 'zh-CN', '1. 陈静（集市）已等 7 分钟，原因：买家要求转人工', '2. David Wilson（集市）已等 2 分钟，原因：买家要求转人工'],
    ['a-03', 'en-US', '1. 陈静 (Marketplace), waiting 7 min, reason: the buyer asked for a person', '2. David Wilson (Marketplace), waiting 2 min, reason: the buyer asked for a person'],
  ])('%s: /queue lists the waiting buyers with the minutes each has waited', async (agentId, _locale, firstLine, secondLine) => {
    const [desk] = await online(h, agentId);
    await queueInLine(buyer(h, 'b-zh-04', 'zh-CN'), 'zh-CN', 'marketplace');
    skew += 5 * 60_000;
    await queueInLine(buyer(h, 'b-en-04', 'en-US'), 'en-US', 'marketplace');
    skew += 2 * 60_000;
    expect(texts(await desk!.say('/queue'))).toEqual([`${firstLine}\n\n${secondLine}`]);
    await desk!.say('+1');
    await desk!.say('+1');
    expect(said(await desk!.say('/queue'))).toMatch(/没有排队的买家|Nobody is waiting/);
  });

  it.each<[string, Locale, string, string, string, string]>([
    ['a-01', 'zh-CN', 'b-zh-03', '我要退货 20260406195318', '20260406195318', '请尽快联系买家确认退货'],
    ['a-05', 'en-US', 'b-en-03', 'I want to return order 20260406123015', '20260406123015', 'Please call the buyer about the return.'],
  ])('%s: /merchant (or its button) shows the order’s merchant contact; "/merchant text" records a message on the order', async (agentId, locale, buyerId, sentence, orderId, message) => {
    const [desk] = await online(h, agentId);
    await buyer(h, buyerId, locale).say(sentence);
    const briefing = await desk!.say('+1');
    const merchant = h.desk.repos.merchants.get(h.desk.repos.orders.get(orderId)!.merchantId)!;
    for (const shown of [await desk!.say('/merchant'), await desk!.press(buttons(briefing).find((b) => (b.value as { action: string }).action === 'merchantContact')!)]) {
      expect(said(shown)).toContain(merchant.contactHandle);
      expect(said(shown)).toContain(merchant.name);
      expect(said(shown)).toContain(orderId);
    }
    const before = (await h.desk.events.orderHistory(orderId)).length;
    expect(said(await desk!.say(`/merchant ${message}`))).toContain(orderId);
    const recorded = (await h.desk.events.orderHistory(orderId)).slice(before);
    expect(recorded).toEqual([expect.objectContaining({ action: 'message_merchant', by: `agent:${agentId}`, detail: expect.objectContaining({ topic: message, merchantContact: merchant.contactHandle }) })]);
  });

  it.each<[string, Locale, string, RegExp]>([
    ['a-01', 'zh-CN', 'b-zh-01', /没有关联订单/],
    ['a-05', 'en-US', 'b-en-01', /not about an order/],
  ])('%s: /merchant for a buyer who asked without an order says there is none', async (agentId, locale, buyerId, noOrder) => {
    const { desk } = await served(h, buyerId, locale, agentId);
    expect(said(await desk.say('/merchant'))).toMatch(noOrder);
  });
});

describe('who is a buyer and who is an agent', () => {
  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', 'travel'],
    ['en-US', 'b-en-03', 'a-05', 'marketplace'],
  ])('%s: a buyer typing "+1" or "/end" is a buyer: read by the bot, or relayed to their agent', async (locale, buyerId, agentId, otherLine) => {
    await queueInLine(buyer(h, 'b-zh-06', 'zh-CN'), 'zh-CN', otherLine); // someone a "+1" could take, not of the agent's lines
    const alone = buyer(h, 'b-zh-05', locale);
    for (const command of ['+1', '/end']) {
      const replies = await alone.say(command);
      expect(traces(replies, 'IntentRecognition')).toHaveLength(1); // the bot read it as a buyer's message
      expect(said(replies)).not.toMatch(/排队|waiting|接待|serving/);
    }
    expect(openHandoff(h, 'b-zh-06')?.state).toBe('queued');
    expect(Object.keys(h.desk.store.state.agentSeats ?? {})).toEqual([]);

    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const atDesk = from(desk);
    await conv.say('/end');
    await conv.say('+1');
    expect(texts(atDesk())).toEqual(['/end', '+1'].map((t) => `[1] ${nameOf(buyerId)}${SEP[readsIn(agentId)]}${t}`));
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', agentId });
  });

  it.each<[string, string[]]>([
    ['a-01', ['我要退货 20260406195318', '转人工', '你好', '怎么开发票？']],
    ['a-05', ['I want to return order 20260406123015', 'let me talk to a person', 'hello', 'bye']],
  ])('%s is never answered by the bot’s dialogs', async (agentId, messages) => {
    const desk = agent(h, agentId);
    const opened = await desk.open();
    expect(texts(opened)).toHaveLength(1); // the desk's greeting for agents, not a buyer's
    expect(heroCards(opened)).toEqual([]);
    for (const text of messages) {
      const replies = await desk.say(text);
      expect(texts(replies)).toEqual([expect.stringMatching(/没有在接待的买家|not serving anyone/)]);
      expect(traces(replies, 'IntentRecognition')).toEqual([]);
      expect(traces(replies, 'AfterSalesDecision')).toEqual([]);
    }
    expect(h.desk.handoffs.book.openFor(`guest:emulator:agent-${agentId}`)).toBeUndefined();
    expect(await h.desk.events.read((e) => e.type === 'handover' && e.conversationId === desk.id, '"handover"')).toEqual([]);
  });
});
