import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/deskHarness.js';
import { ASK_PERSON, button, from, online, openHandoff, said, served, startHandoffDesk } from '../support/handoffDriver.js';
import { marker } from '../support/fuzzVictims.js';

/**
 * What building the fuzz suite (issue 9) found, each reduced to the few activities that show it
 * (both failed before the fix: the focus order and the handoff history were per conversation).
 *
 * Both need an attacker writing in a victim's conversation under the attacker's own account: a
 * group conversation on a channel (both are members), or in open mode anyone who learns a
 * conversation id. The desk keeps a sender's proof and dialog apart from another member's
 * (test/e2e/verification.test.ts); these were two things still kept per conversation. The storm of
 * activities.test.ts keeps its attackers in conversations of their own, so it does not send these.
 */

let h: Harness;
beforeEach(async () => {
  h = await startHandoffDesk();
});
afterEach(async () => {
  await h.close();
});

describe('found while fuzzing', () => {
  // Before: the conversation's focus order (the order the verified guest looked at: Emily Johnson's)
  // goes into the handover of whoever asks for a person next in that conversation: b-en-06's
  // handover event and handoff name Emily's order (the agent's briefing hides it, the event log
  // for managers and the handoff.initiate event do not).
  it("another buyer asking for a person in a buyer's conversation takes none of that buyer's orders into their handoff", async () => {
    const victim = h.channel.conversation({ userId: 'guest-verified', locale: 'en-US' });
    await victim.say('+1-212-555-0147');
    const emilys = h.desk.repos.orders.listForBuyer('b-en-01')[1]!.id;
    await victim.say(emilys);
    const attacker = h.channel.conversation({ userId: 'b-en-06', locale: 'en-US', conversationId: victim.id });
    const asked = await attacker.say(ASK_PERSON['en-US']);
    const replies = await attacker.press(button(asked, 'pickLine', (v) => v.line === 'marketplace'));
    const handovers = await h.desk.events.read((e) => e.type === 'handover' && e.buyerId === 'b-en-06', '"handover"');
    expect(handovers.length).toBeGreaterThan(0);
    expect(JSON.stringify(replies)).not.toContain(emilys);
    expect(openHandoff(h, 'b-en-06')?.orderId).not.toBe(emilys);
    expect(handovers.filter((e) => e.type === 'handover' && e.orderId === emilys)).toEqual([]);
  });

  // Before: a handoff's history was every message of its conversations, whoever wrote them: a guest
  // who asks for a person in a served buyer's conversation brings that buyer's exchange with their
  // agent (name, words, the agent's words) to whichever agent claims the guest (here a-05).
  it("an agent who claims a guest is not shown another buyer's conversation with their agent", async () => {
    const { conv, desk } = await served(h, 'b-zh-01', 'zh-CN', 'a-01');
    const secret = marker('agent-to-buyer');
    await desk.say(`王芳您好，${secret}`);
    const attacker = h.channel.conversation({ userId: 'guest-in-the-chat', locale: 'en-US', conversationId: conv.id });
    const asked = await attacker.say(ASK_PERSON['en-US']);
    await attacker.press(button(asked, 'pickLine', (v) => v.line === 'travel'));
    const [other] = await online(h, 'a-05');
    const atOther = from(other!);
    await other!.say('+1');
    expect(said(atOther())).toContain('guest-in-the-chat');
    expect(said(atOther())).not.toContain(secret);
    expect(said(atOther())).not.toContain('王芳');
  });
});
