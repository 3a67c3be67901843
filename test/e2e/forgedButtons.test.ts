import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/deskHarness.js';
import { agent, ASK_PERSON, button, buttons, buyer, cardFacts, from, online, openHandoff, orderOf, queueAbout, said, served, startHandoffDesk } from '../support/handoffDriver.js';
import { texts } from '../support/testChannel.js';
import { storedStateBytes, storedStateText } from '../support/storedData.js';

/**
 * Issue 9: a button's value is what a client sends, and a client can send anything. Each case is
 * an attack that worked before the trust boundary: the forged value now names nothing, the victim
 * keeps what is theirs, and the attacker hears that the button is not valid.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHandoffDesk();
});
afterEach(async () => {
  await h.close();
});

const STALE = /按钮已经失效|no longer valid/;

/** A value that claims to speak for `victim`: what a forged "pick a line" button carried. */
function forgedLine(line: string, request: Record<string, unknown>): Record<string, unknown> {
  return { action: 'pickLine', line, request };
}

describe('a forged "pick a line" button', () => {
  it("cannot take over another buyer's conversation with an agent", async () => {
    const { conv: victim, desk } = await served(h, 'b-zh-01', 'zh-CN', 'a-01');
    const before = openHandoff(h, 'b-zh-01')!;
    const attacker = h.channel.conversation({ userId: 'guest-attacker', locale: 'zh-CN' });
    const forged = forgedLine(before.line, { party: 'b-zh-01', buyerId: 'b-zh-01', buyerName: '王芳', locale: 'zh-CN', line: before.line, reason: 'buyer_asked' });
    expect(said(await attacker.say('国内', { value: forged }))).toMatch(STALE);

    const atVictim = from(victim);
    const atAttacker = from(attacker);
    await desk.say('您好，我来帮您看看');
    expect(said(atVictim())).toContain('您好，我来帮您看看');
    expect(said(atAttacker())).not.toContain('您好，我来帮您看看');
    const after = openHandoff(h, 'b-zh-01')!;
    expect(after.id).toBe(before.id);
    expect(after.buyerRef.conversation?.id).toBe(victim.id);
    expect(h.desk.handoffs.book.openFor('guest:emulator:guest-attacker')).toBeUndefined();
  });

  it("cannot put another buyer's order (and profile) in front of an agent", async () => {
    const victimOrder = h.desk.repos.orders.listForBuyer('b-en-01')[0]!;
    const attacker = h.channel.conversation({ userId: 'b-zh-02', locale: 'zh-CN' });
    const asked = await attacker.say(ASK_PERSON['zh-CN']);
    const offered = buttons(asked).map((b) => (b.value as { line: string }).line);
    // Whether or not the desk asked for a line, the forged value carries the victim's order and id.
    const line = offered[0] ?? openHandoff(h, 'b-zh-02')!.line;
    await attacker.say('x', { value: forgedLine(line, { party: 'b-zh-02', buyerId: 'b-en-01', buyerName: 'Emily Johnson', reason: 'buyer_asked', orderId: victimOrder.id }) });
    const mine = openHandoff(h, 'b-zh-02')!;
    expect(mine.orderId === undefined || h.desk.repos.orders.getForBuyer('b-zh-02', mine.orderId) !== undefined).toBe(true);
    expect(mine.buyerId).toBe('b-zh-02');
    const agentId = h.desk.repos.agents.list().find((a) => a.businessLines.includes(mine.line))!.id;
    const [desk] = await online(h, agentId);
    const briefing = await desk!.say('+1');
    expect(JSON.stringify(cardFacts(briefing))).not.toContain(victimOrder.id);
    expect(said(briefing)).not.toContain('Emily Johnson');
  });

  it('with reason "constructor" breaks neither /queue nor +1 for the agents of the line', async () => {
    const guest = h.channel.conversation({ userId: 'guest-proto', locale: 'en-US' });
    await guest.say('x', { value: forgedLine('mall', { party: 'guest:emulator:guest-proto', buyerId: null, buyerName: 'x', locale: 'en-US', line: 'mall', reason: 'constructor' }) });
    const waiting = h.channel.conversation({ userId: 'b-en-03', locale: 'en-US' });
    const asked = await waiting.say(ASK_PERSON['en-US']);
    if (buttons(asked).length) await waiting.press(button(asked, 'pickLine', (v) => v.line === 'mall'));
    const [desk] = await online(h, 'a-02');
    const queue = texts(await desk!.say('/queue')).join('\n');
    expect(queue).not.toMatch(/went wrong|出了点问题/);
    expect(queue).toContain('Sarah Davis');
    expect(said(await desk!.say('+1'))).toContain('Sarah Davis');
  });

  it('with a 3 MB reason does not bloat the state every turn rewrites', async () => {
    const guest = h.channel.conversation({ userId: 'guest-bloat', locale: 'en-US' });
    const reason = 'x'.repeat(3 * 1024 * 1024);
    const { status } = await guest.post({ text: 'x', value: forgedLine('mall', { party: 'guest:emulator:guest-bloat', reason }) });
    expect(status).toBe(200);
    await guest.say('hello');
    // Each turn's state is on disk before its POST is answered.
    const state = await storedStateText(h.desk);
    expect(state).not.toContain('x'.repeat(64));
    expect(await storedStateBytes(h.desk)).toBeLessThan(200_000);
  });
});

describe('a forged rating', () => {
  it("of another buyer's handoff is not recorded, and the buyer's own still counts", async () => {
    const { conv: victim, desk } = await served(h, 'b-zh-03', 'zh-CN', 'a-01');
    const handoffId = openHandoff(h, 'b-zh-03')!.id;
    const atVictim = from(victim);
    await desk.say('/end');
    const attacker = h.channel.conversation({ userId: 'guest-rater', locale: 'zh-CN' });
    expect(said(await attacker.say('不满意', { value: { action: 'rate', handoffId, satisfied: false, why: 'attitude' } }))).toMatch(STALE);
    expect(await h.desk.events.read((e) => e.type === 'handoff_rating', '"handoff_rating"')).toEqual([]);
    await victim.press(button(atVictim(), 'rate', (v) => v.satisfied === true));
    const ratings = await h.desk.events.read((e) => e.type === 'handoff_rating', '"handoff_rating"');
    expect(ratings).toEqual([expect.objectContaining({ handoffId, buyerId: 'b-zh-03', satisfied: true })]);
  });
});

describe("agents' buttons name only buyers that agent serves", () => {
  it("a merchant-contact button for another agent's buyer shows no merchant", async () => {
    const order = orderOf(h, 'b-zh-03', 'mall');
    await queueAbout(buyer(h, 'b-zh-03', 'zh-CN'), 'zh-CN', order.id);
    const [serving] = await online(h, 'a-01');
    await serving!.say('+1');
    const handoffId = openHandoff(h, 'b-zh-03')!.id;
    expect(openHandoff(h, 'b-zh-03')!.orderId).toBe(order.id);
    const other = agent(h, 'a-02');
    await other.say('/online');
    const replies = await other.say('/merchant', { value: { action: 'merchantContact', handoffId } });
    const merchants = h.desk.repos.merchants.list().map((m) => m.contactHandle);
    expect(merchants.some((handle) => said(replies).includes(handle))).toBe(false);
  });

  it("a suggested reply for another agent's buyer reaches nobody", async () => {
    const { conv: victim } = await served(h, 'b-zh-03', 'zh-CN', 'a-01');
    const handoffId = openHandoff(h, 'b-zh-03')!.id;
    const other = agent(h, 'a-02');
    await other.say('/online');
    const atVictim = from(victim);
    await other.say('hi', { value: { action: 'sendReply', handoffId, text: '把你的验证码发给我' } });
    expect(said(atVictim())).not.toContain('验证码');
  });
});

describe('other forged values', () => {
  it('a "did that help?" for an answer the desk never gave is not recorded', async () => {
    const conv = h.channel.conversation({ userId: 'b-en-04', locale: 'en-US' });
    const replies = await conv.say('yes', { value: { action: 'kbFeedback', intent: 'question.return_policy', entryId: 'x'.repeat(60), helpful: false } });
    expect(said(replies)).toMatch(STALE);
    expect(await h.desk.events.read((e) => e.type === 'kb_feedback', '"kb_feedback"')).toEqual([]);
  });

  it('a "did you mean" button carrying 20,000 characters is answered, with only the desk\'s own share of them read', async () => {
    const text = Array.from({ length: 5000 }, (_, i) => `a${i % 10} `).join('') + '退货';
    const conv = h.channel.conversation({ userId: 'b-zh-04', locale: 'zh-CN' });
    const { status, replies } = await conv.post({ text: '退货', value: { action: 'pickIntent', intent: 'task.return_refund', text } });
    expect(status).toBe(200);
    expect(texts(replies).length).toBeGreaterThan(0);
  });

  it.each([
    ['an unknown action', { action: 'constructor', orderId: 'x' }],
    ['a prototype key', JSON.parse('{"__proto__": {"action": "pickOrder", "orderId": "x"}}') as object],
    ['a rating with an unknown why', { action: 'rate', handoffId: 'h-1', satisfied: false, why: 'constructor' }],
    ['an order id of 10,000 characters', { action: 'pickOrder', orderId: '1'.repeat(10_000) }],
    ['an array', [{ action: 'yesNo', yes: true }]],
    ['a string', 'pickOrder'],
  ])('%s is no button: the message is its text', async (_name, value) => {
    const conv = h.channel.conversation({ userId: 'b-en-05', locale: 'en-US' });
    const { status, replies } = await conv.post({ text: 'thanks', value });
    expect(status).toBe(200);
    expect(said(replies)).not.toMatch(/went wrong/);
  });

  it("an order button with another buyer's order shows nothing of it", async () => {
    const victimOrder = h.desk.repos.orders.listForBuyer('b-en-01')[0]!;
    const conv = h.channel.conversation({ userId: 'b-en-02', locale: 'en-US' });
    const replies = await conv.say('View order', { value: { action: 'pickOrder', orderId: victimOrder.id } });
    expect(JSON.stringify(replies)).not.toContain(victimOrder.items[0]!.title);
  });
});
