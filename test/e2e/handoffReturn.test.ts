import { afterEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import type { Harness } from '../support/deskHarness.js';
import { agent, buyer, from, handoffTraces, online, openHandoff, queueInLine, said, served, startHandoffDesk } from '../support/handoffDriver.js';
import { texts } from '../support/testChannel.js';

/** Handoffs outliving a conversation: a restart, a buyer back in a new conversation, an agent gone. */

let h: Harness;
let skew = 0;
/** A desk whose clock runs `skew` ahead of the real one (for agents going idle). */
async function start(env: Record<string, string> = {}): Promise<void> {
  skew = 0;
  h = await startHandoffDesk(env, { now: () => new Date(Date.now() + skew) });
}
afterEach(async () => {
  await h.close();
});


const SAY: Record<Locale, { first: string; agent: string; back: string }> = {
  'zh-CN': { first: '我买的台灯不亮了', agent: '请问是插电后完全不亮吗？', back: '我又回来了，台灯还是不亮' },
  'en-US': { first: 'my lamp will not turn on', agent: 'Does it stay dark when plugged in?', back: "I'm back, the lamp still won't turn on" },
};
const BACK_WITH_AGENT: Record<Locale, RegExp> = { 'zh-CN': /欢迎回来！您还在和客服.+沟通/, 'en-US': /Welcome back! You're still with / };
const AGENT_GONE: Record<Locale, RegExp> = { 'zh-CN': /已经下线了，已为您优先排到队伍最前面/, 'en-US': /has gone offline, so you're at the front of the queue/ };

describe('a restart in the middle of a handoff', () => {
  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'b-zh-01', 'a-01'],
    ['en-US', 'b-en-03', 'b-en-01', 'a-05'],
  ])('%s: the claimed handoff still relays both ways, and the queue is kept', async (locale, servedId, waitingId, agentId) => {
    await start();
    const { conv, desk } = await served(h, servedId, locale, agentId);
    await queueInLine(buyer(h, waitingId, locale), locale, 'mall');
    await h.restart();

    const atDesk = from(desk);
    expect(texts(await conv.say(SAY[locale].first))).toEqual([]);
    expect(texts(atDesk())).toEqual([expect.stringContaining(SAY[locale].first)]);
    const atBuyer = from(conv);
    await desk.say(SAY[locale].agent);
    expect(said(atBuyer())).toContain(SAY[locale].agent);

    const waitingName = h.desk.repos.buyers.get(waitingId)!.name;
    expect(said(await desk.say('/queue'))).toContain(waitingName);
    expect(texts(await desk.say('+1'))[0]).toContain(`[2] ${waitingName}`);
    expect(openHandoff(h, waitingId)).toMatchObject({ state: 'claimed', agentId });
  });
});

describe('a buyer back in a new conversation while the handoff is open', () => {
  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01'],
    ['en-US', 'b-en-03', 'a-05'],
  ])('%s: opening the new conversation says they are still with their agent, not the bot\'s greeting', async (locale, buyerId, agentId) => {
    await start();
    const { desk } = await served(h, buyerId, locale, agentId);
    const again = buyer(h, buyerId, locale);
    const atDesk = from(desk);
    const opened = await again.open();
    expect(texts(opened)).toEqual([expect.stringMatching(BACK_WITH_AGENT[locale])]);
    expect(opened.flatMap((r) => r.attachments ?? [])).toEqual([]); // no order carousel from the bot
    expect(texts(atDesk())).toHaveLength(1); // the agent hears they are back
    const atDeskAgain = from(desk);
    expect(texts(await again.say(SAY[locale].back))).toEqual([]);
    expect(texts(atDeskAgain())).toEqual([expect.stringContaining(SAY[locale].back)]);
  });

  it.each<[Locale, string, string, RegExp]>([
    ['zh-CN', 'b-zh-03', 'a-01', /^\[1\] 张伟 回来了（新的会话），消息会继续发给您。$/],
    ['en-US', 'b-en-03', 'a-05', /^\[1\] Sarah Davis is back \(in a new conversation\); their messages still come to you\.$/],
  ])('%s: goes back to the same agent if online; the agent hears they are back', async (locale, buyerId, agentId, isBack) => {
    await start();
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    const again = buyer(h, buyerId, locale);
    expect(again.id).not.toBe(conv.id);
    const atDesk = from(desk);
    const replies = await again.say(SAY[locale].back);
    expect(texts(replies)).toEqual([expect.stringMatching(BACK_WITH_AGENT[locale])]);
    expect(texts(atDesk())).toEqual([expect.stringMatching(isBack), expect.stringContaining(SAY[locale].back)]);

    const [atOld, atNew] = [from(conv), from(again)];
    await desk.say(SAY[locale].agent);
    expect(said(atNew())).toContain(SAY[locale].agent);
    expect(atOld()).toEqual([]);
    expect(openHandoff(h, buyerId)?.conversationIds).toEqual([conv.id, again.id]);
  });

  it.each<[Locale, string, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'b-zh-01', 'a-01', 'a-02'],
    ['en-US', 'b-en-03', 'b-en-01', 'a-05', 'a-02'],
  ])('%s: the agent went /offline: to the front of the queue; the next agent sees both conversations', async (locale, buyerId, otherId, agentId, nextId) => {
    await start();
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    await conv.say(SAY[locale].first);
    await desk.say(SAY[locale].agent);
    await desk.say('/offline');
    const other = buyer(h, otherId, locale);
    await queueInLine(other, locale, 'mall'); // someone already waiting when the buyer returns
    const [next] = await online(h, nextId);

    const [atOther, atNext] = [from(other), from(next!)];
    const again = buyer(h, buyerId, locale);
    const replies = await again.say(SAY[locale].back);
    expect(said(replies)).toMatch(AGENT_GONE[locale]);
    expect(handoffTraces(replies)).toEqual([expect.objectContaining({ state: 'queued', line: 'mall', position: 1 })]);
    expect(handoffTraces(atOther())).toEqual([expect.objectContaining({ state: 'queued', position: 2 })]); // moved back one
    expect(said(atNext())).toMatch(/有 2 位买家在排队/); // the line's online agent (a-02 reads Chinese) hears two are waiting
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'queued', priority: true, previousAgentIds: [agentId] });

    const briefing = await next!.say('+1');
    const name = h.desk.repos.buyers.get(buyerId)!.name;
    expect(texts(briefing)[0]).toContain(name);
    const history = texts(briefing).find((t) => /之前的对话|The conversation so far/.test(t))!;
    for (const line of [SAY[locale].first, SAY[locale].agent, SAY[locale].back]) expect(history).toContain(line);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', agentId: nextId });
  });

  it.each<[Locale, string, string, number, boolean]>([
    ['zh-CN', 'b-zh-03', 'a-01', 9, true],
    ['zh-CN', 'b-zh-03', 'a-01', 11, false],
    ['en-US', 'b-en-03', 'a-05', 9, true],
    ['en-US', 'b-en-03', 'a-05', 11, false],
  ])('%s: %s back after %s went silent for %i min (AGENT_IDLE_MINUTES=10); stays with them: %s', async (locale, buyerId, agentId, minutes, keeps) => {
    await start({ AGENT_IDLE_MINUTES: '10' });
    const { conv, desk } = await served(h, buyerId, locale, agentId);
    await conv.say(SAY[locale].first);
    skew += minutes * 60_000;
    const again = buyer(h, buyerId, locale);
    const atDesk = from(desk);
    const replies = await again.say(SAY[locale].back);
    if (keeps) {
      expect(texts(replies)).toEqual([expect.stringMatching(BACK_WITH_AGENT[locale])]);
      expect(said(atDesk())).toContain(SAY[locale].back);
      return;
    }
    expect(said(replies)).toMatch(AGENT_GONE[locale]);
    expect(atDesk()).toEqual([]);
    const briefing = await agent(h, 'a-02').say('+1'); // another agent of the line, just arrived
    const history = texts(briefing).find((t) => /之前的对话|The conversation so far/.test(t))!;
    expect(history).toContain(SAY[locale].first);
    expect(history).toContain(SAY[locale].back);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', agentId: 'a-02', previousAgentIds: [agentId] });
  });
});
