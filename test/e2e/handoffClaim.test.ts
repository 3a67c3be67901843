import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import type { Harness } from '../support/deskHarness.js';
import {
  ASK_PERSON,
  button,
  buyer,
  cardFacts,
  from,
  handoffTraces,
  online,
  openHandoff,
  queueInLine,
  said,
  startHandoffDesk,
} from '../support/handoffDriver.js';
import { texts } from '../support/testChannel.js';

/** `+1`: who gets the buyer, what the agent is told about them, and who is refused. */

let h: Harness;
beforeEach(async () => {
  h = await startHandoffDesk();
});
afterEach(async () => {
  await h.close();
});

/** The profile card's labels in the agent's language. */
const LABEL = {
  'zh-CN': { credit: '信用', refunds: '近30天退款', penalties: '未结处罚', preferences: '偏好', asked: '买家要求转人工', review: '退款金额超过自动审核线', joined: '已接入' },
  'en-US': { credit: 'Credit', refunds: 'Refunds, last 30 days', penalties: 'Open penalties', preferences: 'Preferences', asked: 'the buyer asked for a person', review: 'refund above the review amount', joined: 'has joined' },
} as const;

describe('+1 briefs the agent and tells the buyer', () => {
  it.each<[Locale, string, string, Locale]>([
    ['zh-CN', 'b-zh-07', 'a-01', 'zh-CN'],
    ['en-US', 'b-en-07', 'a-05', 'en-US'],
    ['en-US', 'b-en-06', 'a-02', 'zh-CN'], // an English buyer, a Chinese-reading agent
  ])('%s buyer %s, agent %s: the profile card (credit, refunds, penalties, preferences, recent orders), the reason, the history', async (locale, buyerId, agentId, agentLocale) => {
    const [desk] = await online(h, agentId);
    const conv = buyer(h, buyerId, locale);
    await queueInLine(conv, locale, 'mall');
    const heard = from(conv);
    const briefing = await desk!.say('+1');
    const profile = h.desk.repos.buyers.get(buyerId)!;
    const label = LABEL[agentLocale];

    const [claimed, ...rest] = texts(briefing);
    expect(claimed).toContain(profile.name);
    expect(claimed).toContain(label.asked);
    const [facts, ...otherCards] = cardFacts(briefing);
    expect(otherCards).toEqual([]); // not about an order: no order card
    expect(facts![label.credit]).toBe(profile.credit);
    expect(facts![label.refunds]).toBe(String(profile.refundsLast30Days));
    const open = profile.penalties.filter((p) => p.resolvedAt == null);
    for (const p of open) expect(facts![label.penalties]).toContain(p.reason);
    for (const pref of profile.preferences) expect(facts![label.preferences]).toContain(pref);
    for (const o of h.desk.repos.orders.listForBuyer(buyerId, 5)) expect(Object.keys(facts!)).toContain(o.id);
    expect(rest.join('\n')).toContain(ASK_PERSON[locale]); // the earlier conversation

    const toBuyer = heard();
    expect(said(toBuyer)).toContain(h.desk.repos.agents.get(agentId)!.name);
    expect(handoffTraces(toBuyer)).toEqual([expect.objectContaining({ state: 'claimed', line: 'mall', agentId })]);
    expect(toBuyer.some((r) => r.type === 'event' && r.name === 'handoff.status' && (r.value as { state: string }).state === 'accepted')).toBe(true);
    expect(openHandoff(h, buyerId)).toMatchObject({ state: 'claimed', agentId });
  });

  it.each<[Locale, string, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', '我要退货 20260406195318', '20260406195318'],
    ['en-US', 'b-en-03', 'a-05', 'I want to return order 20260406123015', '20260406123015'],
  ])('%s: about an order (%s): the order card with the merchant button, the rule as the reason, the earlier conversation', async (locale, buyerId, agentId, sentence, orderId) => {
    const [desk] = await online(h, agentId);
    const conv = buyer(h, buyerId, locale);
    const botSaid = said(await conv.say(sentence));
    const briefing = await desk!.say('+1');
    const [claimed] = texts(briefing);
    expect(claimed).toContain(LABEL[locale].review);
    expect(claimed).not.toContain('return.review_amount'); // in words, not the rule's code
    const [, orderFacts] = cardFacts(briefing);
    const order = h.desk.repos.orders.get(orderId)!;
    expect(Object.values(orderFacts!).join(' ')).toContain(orderId);
    expect(Object.values(orderFacts!).join(' ')).toContain(h.desk.repos.merchants.get(order.merchantId)!.name);
    expect(button(briefing, 'merchantContact').value).toEqual({ action: 'merchantContact', handoffId: openHandoff(h, buyerId)!.id });
    const history = texts(briefing).at(-1)!;
    expect(history).toContain(sentence);
    expect(history).toContain(botSaid.split('\n')[0]!.slice(0, 20)); // the bot's answer is there too
  });

  it.each<[Locale, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01'],
    ['en-US', 'b-en-03', 'a-05'],
  ])('%s: a policy handover while already waiting reaches the agent with its order and rule', async (locale, buyerId, agentId) => {
    const [desk] = await online(h, agentId);
    const conv = buyer(h, buyerId, locale);
    await queueInLine(conv, locale, 'mall'); // first a plain "a person, please"
    const orderId = buyerId === 'b-zh-03' ? '20260406195318' : '20260406123015';
    await conv.say(locale === 'zh-CN' ? `我要退货 ${orderId}` : `I want to return order ${orderId}`);
    expect(openHandoff(h, buyerId)).toMatchObject({ rule: 'return.review_amount', orderId });
    const briefing = await desk!.say('+1');
    // The reason in words of the agent's language, with the amount; never the rule's machine codes.
    expect(texts(briefing)[0]).toContain(locale === 'zh-CN' ? '退款金额超过自动审核线（退款 3680 CNY，超过 2000' : 'refund above the review amount (refund of 2299 USD, over 2000');
    expect(texts(briefing)[0]).not.toMatch(/return\.|review_amount|_over_|eligible:/);
    expect(cardFacts(briefing)).toHaveLength(2); // profile and order
  });
});

describe('+1 refused', () => {
  it.each<[string, string, number, string[], RegExp]>([
    ['a-04', 'travel', 2, ['b-zh-01', 'b-zh-02', 'b-en-01'], /已经在接待 2 位买家，达到上限了/],
    ['a-03', 'marketplace', 3, ['b-en-02', 'b-en-04', 'b-en-05', 'b-en-06'], /already serving 3 buyers, your limit/],
  ])('%s with a full capacity (%s, %i seats) is refused and the next buyer keeps waiting', async (agentId, line, capacity, buyerIds, full) => {
    const [desk] = await online(h, agentId);
    for (const id of buyerIds) {
      const locale: Locale = id.startsWith('b-zh') ? 'zh-CN' : 'en-US';
      await queueInLine(buyer(h, id, locale), locale, line);
    }
    for (let i = 0; i < capacity; i++) expect(texts(await desk!.say('+1'))[0]).toContain(h.desk.repos.buyers.get(buyerIds[i]!)!.name);
    expect(said(await desk!.say('+1'))).toMatch(full);
    expect(openHandoff(h, buyerIds.at(-1)!)?.state).toBe('queued');
    expect(h.desk.handoffs.book.serving(agentId)).toHaveLength(capacity);
  });

  it.each<[string, RegExp]>([
    ['a-01', /您负责的业务线现在没有排队的买家/],
    ['a-03', /Nobody is waiting in your lines right now/],
  ])('%s with nobody waiting in their lines is told so (a buyer of another line stays queued)', async (agentId, none) => {
    const [desk] = await online(h, agentId);
    await queueInLine(buyer(h, 'b-zh-01', 'zh-CN'), 'zh-CN', 'travel');
    expect(said(await desk!.say('+1'))).toMatch(none);
    expect(openHandoff(h, 'b-zh-01')?.state).toBe('queued');
  });
});

describe('two agents +1 at once for one waiting buyer', () => {
  it.each<[Locale, string, string, string]>([
    ['zh-CN', 'b-zh-03', 'a-01', 'a-02'],
    ['en-US', 'b-en-03', 'a-02', 'a-05'],
  ])('%s: exactly one gets the briefing, the other hears nobody is waiting', async (locale, buyerId, first, second) => {
    const desks = await online(h, first, second);
    const conv = buyer(h, buyerId, locale);
    await queueInLine(conv, locale, 'mall');
    const heard = from(conv);
    const results = await Promise.all(desks.map((d) => d.say('+1')));
    const briefed = results.filter((r) => cardFacts(r).length > 0);
    const refused = results.filter((r) => /没有排队的买家|Nobody is waiting/.test(said(r)));
    expect(briefed).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const winner = openHandoff(h, buyerId)!.agentId!;
    expect([first, second]).toContain(winner);
    expect(briefed[0]![0]!.conversation.id).toBe(desks[[first, second].indexOf(winner)]!.id);
    expect(handoffTraces(heard())).toEqual([expect.objectContaining({ state: 'claimed', agentId: winner })]);
    const claims = await h.desk.events.read((e) => e.type === 'handoff' && e.state === 'claimed', '"claimed"');
    expect(claims).toHaveLength(1);
    expect(h.desk.handoffs.book.serving(first).length + h.desk.handoffs.book.serving(second).length).toBe(1);
  });
});

describe('+1 and the buyer\'s language', () => {
  it('an English-only agent gets the first waiting buyer who writes English; a Chinese buyer is left to a free colleague who speaks Chinese, and taken when none is', async () => {
    const [james, xiaomei] = await online(h, 'a-03', 'a-01'); // marketplace: English only / Chinese only
    await queueInLine(buyer(h, 'b-zh-04', 'zh-CN'), 'zh-CN', 'marketplace'); // first in the queue
    await queueInLine(buyer(h, 'b-en-04', 'en-US'), 'en-US', 'marketplace');
    expect(texts(await james!.say('+1'))[0]).toContain('David Wilson');
    expect(said(await james!.say('+1'))).toMatch(/language you do not speak/);
    expect(openHandoff(h, 'b-zh-04')?.state).toBe('queued');
    expect(texts(await xiaomei!.say('+1'))[0]).toContain('陈静');

    // Nobody who speaks Chinese is free: the English-only agent takes the Chinese buyer rather than leave them waiting.
    await queueInLine(buyer(h, 'b-zh-05', 'zh-CN'), 'zh-CN', 'marketplace');
    await xiaomei!.say('/offline');
    expect(texts(await james!.say('+1'))[0]).toContain(h.desk.repos.buyers.get('b-zh-05')!.name);
  });
});
