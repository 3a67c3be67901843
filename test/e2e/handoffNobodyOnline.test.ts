import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import type { Harness } from '../support/deskHarness.js';
import {
  agent,
  ASK_PERSON,
  button,
  buttons,
  from,
  handoffTraces,
  lastHandoff,
  lineName,
  online,
  openHandoff,
  queueInLine,
  said,
  startHandoffDesk,
} from '../support/handoffDriver.js';
import { texts, traces } from '../support/testChannel.js';

/** Waiting with nobody there: the offer to leave a message, the bot still helping, leaving the queue. */

let h: Harness;
beforeEach(async () => {
  h = await startHandoffDesk();
});
afterEach(async () => {
  await h.close();
});

const NOBODY: Record<Locale, RegExp> = { 'zh-CN': /现在没有在线的人工客服/, 'en-US': /no .+ agent is online right now/ };
const TYPE_IT: Record<Locale, RegExp> = { 'zh-CN': /请直接输入您的留言/, 'en-US': /Type your message/ };
const GOT_IT: Record<Locale, RegExp> = { 'zh-CN': /留言已收到/, 'en-US': /Got it\. The first agent to come online/ };

describe('no agent of the line online', () => {
  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-02', 'travel'],
    ['en-US', 'b-en-02', 'marketplace'],
  ])('%s: the buyer is told so, with a button to leave a message, and still queued', async (locale, buyerId, line) => {
    await online(h, line === 'travel' ? 'a-03' : 'a-04'); // someone is online, but for another line
    const replies = await queueInLine(h.channel.conversation({ userId: buyerId, locale }), locale, line);
    expect(said(replies)).toMatch(NOBODY[locale]);
    expect(said(replies)).toContain(lineName(h, line, locale));
    expect(button(replies, 'leaveMessage').title).toBe(locale === 'zh-CN' ? '留言' : 'Leave a message');
    const [trace] = handoffTraces(replies);
    expect(trace).toMatchObject({ state: 'queued', line, position: 1 });
    expect(trace).not.toHaveProperty('waitMinutes'); // no estimate without anyone to wait for
    expect(openHandoff(h, buyerId)?.state).toBe('queued');
  });

  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-02', 'a-04', '/online'],
    ['zh-CN', 'b-zh-07', 'a-04', '你好'],
    ['en-US', 'b-en-02', 'a-05', '/online'],
    ['en-US', 'b-en-05', 'a-05', 'hi everyone'],
  ])('%s: %s leaves a message; the first agent to come online (%s, by "%s") receives it, and again on +1', async (locale, buyerId, agentId, firstWords) => {
    const conv = h.channel.conversation({ userId: buyerId, locale });
    const queued = await queueInLine(conv, locale, 'travel');
    expect(said(await conv.press(button(queued, 'leaveMessage')))).toMatch(TYPE_IT[locale]);
    const message = locale === 'zh-CN' ? '机票改签了，差价能退吗？订单号我稍后补。' : 'My flight was rebooked; can I get the fare difference back?';
    const left = await conv.say(message);
    expect(said(left)).toMatch(GOT_IT[locale]);
    expect(traces(left, 'IntentRecognition')).toEqual([]); // taken as the message, not read by the bot
    expect(openHandoff(h, buyerId)?.leftMessages.map((m) => m.text)).toEqual([message]);

    const desk = agent(h, agentId);
    const greeted = await desk.say(firstWords);
    const name = h.desk.repos.buyers.get(buyerId)!.name;
    expect(texts(greeted).some((t) => t.includes(message) && t.includes(name))).toBe(true);

    const briefing = await desk.say('+1');
    expect(said(briefing)).toContain(message);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', agentId });
  });

  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-03', '怎么开发票？'],
    ['en-US', 'b-en-03', 'what is your return policy?'],
  ])('%s: while waiting, the buyer still gets the bot’s answers', async (locale, buyerId, question) => {
    const conv = h.channel.conversation({ userId: buyerId, locale });
    await queueInLine(conv, locale, 'travel');
    const replies = await conv.say(question);
    expect(traces(replies, 'IntentRecognition')).toHaveLength(1);
    expect(texts(replies).length).toBeGreaterThan(0);
    expect(said(replies)).not.toMatch(GOT_IT[locale]);
    expect(openHandoff(h, buyerId)?.state).toBe('queued');
  });

  it.each<[Locale, string, string, RegExp]>([
    ['zh-CN', 'b-zh-01', '退出排队', /已为您退出排队/],
    ['en-US', 'b-en-01', 'leave the queue', /you've left the queue/],
    ['en-US', 'b-en-04', 'Leave the queue.', /you've left the queue/],
  ])('%s: %s says "%s": the wait ends (no rating), an agent then finds nobody waiting, the bot answers again', async (locale, buyerId, words, leftQueue) => {
    const conv = h.channel.conversation({ userId: buyerId, locale });
    await queueInLine(conv, locale, 'travel');
    const heard = from(conv);
    await conv.say(words);
    expect(said(heard())).toMatch(leftQueue);
    expect(handoffTraces(heard())).toEqual([expect.objectContaining({ state: 'ended', line: 'travel' })]);
    expect(buttons(heard())).toEqual([]); // nobody served them: nothing to rate
    expect(lastHandoff(h, buyerId)).toMatchObject({ state: 'ended', endedBy: 'buyer_left' });
    const ended = await h.desk.events.read((e) => e.type === 'handoff' && e.state === 'ended' && e.buyerId === buyerId, '"handoff"');
    expect(ended).toEqual([expect.objectContaining({ by: 'buyer_left', line: 'travel' })]);

    const [desk] = await online(h, 'a-04');
    expect(said(await desk!.say('+1'))).toMatch(/没有排队的买家/); // a-04 reads Chinese
    const again = await conv.say(ASK_PERSON[locale]);
    expect(traces(again, 'IntentRecognition')).toEqual([expect.objectContaining({ intent: 'task.human_agent' })]);
    expect(buttons(again).some((b) => (b.value as { action?: string }).action === 'pickLine')).toBe(true);
  });
});
