import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import type { Harness } from '../support/deskHarness.js';
import { button, buttons, from, handoffTraces, lastHandoff, said, served, startHandoffDesk } from '../support/handoffDriver.js';
import { texts, traces } from '../support/testChannel.js';

/** Ending a conversation with a person (by the agent or by the buyer), the rating, and the bot back. */

let h: Harness;
beforeEach(async () => {
  h = await startHandoffDesk();
});
afterEach(async () => {
  await h.close();
});


const ENDED: Record<Locale, RegExp> = { 'zh-CN': /本次人工服务已结束/, 'en-US': /conversation with our agent has ended/ };
const RATE: Record<Locale, [string, string]> = { 'zh-CN': ['满意', '不满意'], 'en-US': ['Satisfied', 'Not satisfied'] };
const THANKS: Record<Locale, RegExp> = { 'zh-CN': /谢谢您的评价/, 'en-US': /Thanks for telling us/ };

describe('ending the conversation with a person', () => {
  it.each<[Locale, string, string, 'agent' | 'buyer', string, RegExp]>([
    ['zh-CN', 'b-zh-03', 'a-01', 'agent', '/end', /^已结束与 \[1\] 张伟 的对话，已邀请TA评价。$/],
    ['en-US', 'b-en-03', 'a-05', 'agent', '/end', /^Ended the conversation with \[1\] Sarah Davis; they've been asked to rate it\.$/],
    ['zh-CN', 'b-zh-03', 'a-01', 'buyer', '没事了', /^\[1\] 张伟 已结束对话。$/],
    ['en-US', 'b-en-03', 'a-05', 'buyer', "that's all", /^\[1\] Sarah Davis has ended the conversation\.$/],
    ['zh-CN', 'b-zh-01', 'a-01', 'buyer', '再见', /^\[1\] 王芳 已结束对话。$/],
    ['en-US', 'b-en-01', 'a-05', 'buyer', 'Bye!', /^\[1\] Emily Johnson has ended the conversation\.$/],
  ])('%s: %s with %s, ended by the %s ("%s"): asked to rate, trace ended, the agent told', async (locale, buyerId, agentId, by, words, agentTold) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const [atBuyer, atDesk] = [from(conv), from(desk)];
    await (by === 'agent' ? desk : conv).say(words);

    const heard = atBuyer();
    expect(said(heard)).toMatch(ENDED[locale]);
    const rate = buttons(heard);
    expect(rate.map((b) => b.title)).toEqual(RATE[locale]);
    const handoff = lastHandoff(h, buyerId)!;
    expect(rate.map((b) => b.value)).toEqual([
      { action: 'rate', handoffId: handoff.id, satisfied: true },
      { action: 'rate', handoffId: handoff.id, satisfied: false },
    ]);
    expect(handoffTraces(heard)).toEqual([expect.objectContaining({ state: 'ended', line: 'mall', agentId })]);
    expect(heard.some((r) => r.type === 'event' && r.name === 'handoff.status' && (r.value as { state: string }).state === 'completed')).toBe(true);
    expect(texts(heard)).not.toContain(words); // the buyer's own words were not relayed back or answered

    expect(texts(atDesk())).toEqual([expect.stringMatching(agentTold)]);
    expect(handoff).toMatchObject({ state: 'ended', endedBy: by === 'agent' ? `agent:${agentId}` : 'buyer' });
    expect(h.desk.handoffs.book.serving(agentId)).toEqual([]);
  });
});

describe('the rating', () => {
  it.each<[Locale, string, string, string, boolean, string | undefined]>([
    ['zh-CN', 'b-zh-01', 'a-02', '不满意，太慢了', false, 'slow'],
    ['zh-CN', 'b-zh-04', 'a-01', '处理挺快的', true, undefined],
    ['en-US', 'b-en-04', 'a-05', 'very helpful, thank you', true, undefined],
    ['en-US', 'b-en-01', 'a-05', 'not satisfied, my problem is not solved', false, 'unsolved'],
  ])('%s: %s answers the rating in words ("%s"): recorded as its rating, thanked, and no new case opened', async (locale, buyerId, agentId, words, satisfied, why) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    await desk.say('/end');
    const thanks = await conv.say(words);
    expect(said(thanks)).toMatch(THANKS[locale]);
    const handoff = lastHandoff(h, buyerId)!;
    expect(handoff.state).toBe('ended');
    expect(handoff.rating).toEqual({ satisfied, ...(why ? { why } : {}) });
    const ratings = await h.desk.events.read((e) => e.type === 'handoff_rating', '"handoff_rating"');
    expect(ratings).toEqual([expect.objectContaining({ handoffId: handoff.id, buyerId, satisfied, ...(why ? { why } : {}) })]);
    expect(h.desk.handoffs.book.openFor(buyerId)).toBeUndefined();
  });

  it.each<[Locale, string, string, boolean, string | undefined]>([
    ['zh-CN', 'b-zh-03', 'a-01', true, undefined],
    ['en-US', 'b-en-03', 'a-05', true, undefined],
    ['zh-CN', 'b-zh-01', 'a-02', false, 'slow'],
    ['en-US', 'b-en-01', 'a-05', false, 'unsolved'],
  ])('%s: %s rates %s satisfied=%s (why: %s), recorded as handoff_rating', async (locale, buyerId, agentId, satisfied, why) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const atBuyer = from(conv);
    await desk.say('/end');
    const answer = await conv.press(button(atBuyer(), 'rate', (v) => v.satisfied === satisfied));
    let thanks = answer;
    if (!satisfied) {
      const reasons = buttons(answer);
      expect(reasons.map((b) => (b.value as { why: string }).why)).toEqual(['slow', 'unsolved', 'attitude', 'other']);
      expect(said(answer)).toMatch(locale === 'zh-CN' ? /主要是哪方面的问题/ : /What was the main problem/);
      thanks = await conv.press(button(answer, 'rate', (v) => v.why === why));
    }
    expect(said(thanks)).toMatch(THANKS[locale]);
    const handoff = lastHandoff(h, buyerId)!;
    const ratings = await h.desk.events.read((e) => e.type === 'handoff_rating', '"handoff_rating"');
    expect(ratings).toEqual([{ type: 'handoff_rating', at: expect.any(String), handoffId: handoff.id, line: 'mall', buyerId, agentId, satisfied, ...(why ? { why } : {}) }]);
    expect(handoff.rating).toEqual({ satisfied, ...(why ? { why } : {}) });
  });

  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01'],
    ['en-US', 'b-en-03', 'a-05'],
  ])('%s: a rating pressed twice (or changed afterwards) is counted once', async (locale, buyerId, agentId) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const atBuyer = from(conv);
    await desk.say('/end');
    const question = atBuyer();
    expect(said(await conv.press(button(question, 'rate', (v) => v.satisfied === true)))).toMatch(THANKS[locale]);
    expect(said(await conv.press(button(question, 'rate', (v) => v.satisfied === true)))).toMatch(THANKS[locale]);
    const whyAsked = await conv.press(button(question, 'rate', (v) => v.satisfied === false));
    expect(buttons(whyAsked)).toEqual([]); // already rated: thanked again, not asked why
    const ratings = await h.desk.events.read((e) => e.type === 'handoff_rating', '"handoff_rating"');
    expect(ratings).toEqual([expect.objectContaining({ satisfied: true, agentId })]);
    expect(lastHandoff(h, buyerId)!.rating).toEqual({ satisfied: true });
  });
});

describe('after the end', () => {
  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', '退货政策是什么？'],
    ['en-US', 'b-en-03', 'a-05', 'what is your return policy?'],
  ])('%s: the bot answers the buyer again, and the agent no longer hears them', async (locale, buyerId, agentId, question) => {
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    await conv.say(locale === 'zh-CN' ? '没事了' : "that's all");
    const atDesk = from(desk);
    const replies = await conv.say(question);
    expect(traces(replies, 'IntentRecognition')).toEqual([expect.objectContaining({ intent: 'question.return_policy' })]);
    expect(texts(replies).length).toBeGreaterThan(0);
    expect(atDesk()).toEqual([]);
    expect(said(await desk.say('still there?'))).toMatch(/没有在接待的买家|not serving anyone/);
  });
});
