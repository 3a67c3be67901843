import { describe, expect, it } from 'vitest';
import type { Handoff } from '../../desk/handoff/handoffBook.js';
import type { Order } from '../../data/shopSchema.js';
import type { DeskEvent, StateDocument } from '../../data/records.js';
import { statusProblem, type Attack } from '../support/fuzzActivities.js';
import {
  carriesSecret,
  eventsAboutVictims,
  findLeaks,
  foreignProofs,
  handoffProblems,
  orderChanges,
  stateFileProblems,
  type Secrets,
  type VictimIds,
} from '../support/fuzzInvariants.js';
import type { Received } from '../support/testChannel.js';

/**
 * The fuzz suite's checks must be able to fail: each is fed a made-up violation of the kind it
 * guards against, and must report it (and must stay quiet about what is allowed). A check that
 * passed on anything would make the storm in activities.test.ts prove nothing.
 */

const SECRETS: Secrets = {
  anywhere: [
    { label: 'the name 王芳', value: '王芳' },
    { label: 'the address of b-zh-01', value: '上海市浦东新区张杨路1588号' },
    { label: 'the order id of b-zh-01', value: '20260403160931' },
    { label: 'marker served-agent', value: 'FUZZMARK-served-agent-1234abcd' },
  ],
  outsideWords: [{ label: 'the order id of b-zh-02', value: '20260411201536' }],
  phones: [
    { label: 'the phone of b-zh-01', value: '13816572043' },
    { label: 'the phone of b-en-01', value: '+1-212-555-0147' },
  ],
};

/** A reply to an attacker's conversation, as the test channel records it. */
function reply(extra: Partial<Received>): Received {
  return { type: 'message', conversation: { id: 'atk-1' }, text: 'Hi!', ...extra } as Received;
}

describe('the leak detector', () => {
  it.each<[string, Received, RegExp]>([
    ["a victim's order id in the words", reply({ text: '您的订单 20260403160931 已发货' }), /order id of b-zh-01/],
    ["a victim's name", reply({ text: '王芳，您好' }), /王芳/],
    ["a victim's address in a card", reply({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { body: [{ text: '上海市浦东新区张杨路1588号 金桥花园' }] } }] }), /address/],
    ["the agent's words to a victim", reply({ text: '林晓美：FUZZMARK-served-agent-1234abcd' }), /marker served-agent/],
    ['a phone written with spaces', reply({ text: '手机 138 1657 2043' }), /phone of b-zh-01/],
    ['a North American phone without +1', reply({ text: 'call (212) 555-0147' }), /phone of b-en-01/],
    ['a North American phone with 1 and dots', reply({ text: '1.212.555.0147' }), /phone of b-en-01/],
    ["a typed victim's order id on a button", reply({ suggestedActions: { to: [], actions: [{ type: 'messageBack', title: 'View', value: { action: 'pickOrder', orderId: '20260411201536' } }] } }), /outside the words/],
    ["a typed victim's order id in a decision trace", reply({ type: 'trace', name: 'AfterSalesDecision', value: { orderId: '20260411201536' } }), /outside the words/],
    ["a typed victim's order id in a handoff event", reply({ type: 'event', name: 'handoff.initiate', value: { orderId: '20260411201536' } }), /outside the words/],
  ])('finds %s', (_name, activity, expected) => {
    expect(findLeaks(activity, SECRETS).join('\n')).toMatch(expected);
  });

  it.each<[string, Received]>([
    ['a typed order id said back in words', reply({ text: "I couldn't find 20260411201536 among your orders." })],
    ['the recognition of the typed words', reply({ type: 'trace', name: 'IntentRecognition', value: { entities: [{ type: 'orderNumber', value: '20260411201536' }] } })],
    ['"did you mean" carrying the typed words', reply({ suggestedActions: { to: [], actions: [{ type: 'messageBack', title: 'Cancel', value: { action: 'pickIntent', text: 'cancel 20260411201536' } }] } })],
    ['a near miss of a phone', reply({ text: '13816572044 is nobody’s' })],
    ['a phone inside a longer number', reply({ text: 'order 9913816572043' })],
  ])('lets %s pass', (_name, activity) => {
    expect(findLeaks(activity, SECRETS)).toEqual([]);
  });

  it('knows a body that carries a secret (which the storm then draws again)', () => {
    expect(carriesSecret('{"text":"我是王芳"}', SECRETS)).toBe(true);
    expect(carriesSecret('{"text":"my phone is 212 555 0147"}', SECRETS)).toBe(true);
    expect(carriesSecret('{"text":"cancel 20260411201536"}', SECRETS)).toBe(false);
  });
});

const ORDER = { id: '20260411201536', buyerId: 'b-zh-02', status: 'paid', total: 399 } as unknown as Order;

describe('the order check', () => {
  it('finds an order that moved, and one that is gone', () => {
    const moved = { ...ORDER, status: 'refunded' } as Order;
    expect(orderChanges([ORDER], new Map([[ORDER.id, moved]])).join('\n')).toMatch(/status was "paid", is "refunded"/);
    expect(orderChanges([ORDER], new Map())).toEqual([`order ${ORDER.id} of b-zh-02 is gone`]);
    expect(orderChanges([ORDER], new Map([[ORDER.id, structuredClone(ORDER)]]))).toEqual([]);
  });
});

const VICTIMS: VictimIds = {
  buyerIds: new Set(['b-zh-01']),
  orderIds: new Set(['20260403160931']),
  conversationIds: new Set(['conv-victim']),
  handoffIds: new Set(['h-victim']),
};

function handoff(extra: Partial<Handoff>): Handoff {
  return {
    id: 'h-victim', party: 'b-zh-01', buyerId: 'b-zh-01', buyerName: '王芳', locale: 'zh-CN', line: 'mall', state: 'claimed', reason: 'buyer_asked',
    agentId: 'a-01', buyerRef: { conversation: { id: 'conv-victim' } as never }, conversationIds: ['conv-victim'], queuedAt: '2026-01-01T00:00:00Z',
    priority: false, previousAgentIds: [], leftMessages: [], revision: 2, ...extra,
  };
}

function stateWith(...handoffs: Handoff[]): StateDocument {
  return { version: 1, botState: {}, handoffs: Object.fromEntries(handoffs.map((h) => [h.id, h])) };
}

describe('the handoff check', () => {
  it.each<[string, Handoff[], RegExp]>([
    ['a victim handoff taken by another agent', [handoff({ agentId: 'a-05' })], /agentId was "a-01", is "a-05"/],
    ["a victim's relays sent to another conversation", [handoff({ buyerRef: { conversation: { id: 'atk-1' } as never } })], /buyerRef/],
    ['an attacker handoff naming a victim order', [handoff({}), handoff({ id: 'h-atk', party: 'guest:emulator:x', buyerId: null, buyerName: 'x', orderId: '20260403160931' })], /names a victim's order/],
    ['an attacker handoff in a victim conversation', [handoff({}), handoff({ id: 'h-atk', party: 'b-en-06', buyerId: 'b-en-06', buyerName: 'Ashley Moore', conversationIds: ['conv-victim'] })], /holds a victim's conversation/],
    ['an attacker handoff under a victim name', [handoff({}), handoff({ id: 'h-atk', party: 'guest:emulator:y', buyerId: null, buyerName: '王芳', conversationIds: [], buyerRef: {} })], /victim's name/],
    ['a second handoff of the victim', [handoff({}), handoff({ id: 'h-2', conversationIds: [], buyerRef: {} })], /is a victim's/],
  ])('finds %s', (_name, now, expected) => {
    expect(handoffProblems([handoff({})], stateWith(...now), VICTIMS, new Set(['王芳'])).join('\n')).toMatch(expected);
  });

  it('finds a phone proof an attacker made, and lets the recorded one pass', () => {
    const state: StateDocument = {
      version: 1,
      botState: {
        'emulator/conversations/conv-v/users/guest-v/': { eTag: '1', value: { sender: { verifiedBuyerId: 'b-en-01' } } },
        'emulator/conversations/atk-1/users/guest-x/': { eTag: '2', value: { sender: { verifiedBuyerId: 'b-zh-01' } } },
      },
    } as unknown as StateDocument;
    expect(foreignProofs(state, new Set(['emulator/conversations/conv-v/users/guest-v/']), VICTIMS)).toEqual(['emulator/conversations/atk-1/users/guest-x/ proved the phone of b-zh-01 (a victim)']);
  });
});

describe('the event check', () => {
  it.each<[string, DeskEvent]>([
    ['a rating by a victim', { type: 'handoff_rating', at: '', handoffId: 'h-victim', line: 'mall', buyerId: 'b-zh-01', agentId: 'a-01', satisfied: false }],
    ["a rating of a victim's handoff by someone else", { type: 'handoff_rating', at: '', handoffId: 'h-victim', line: 'mall', buyerId: null, agentId: 'a-01', satisfied: false }],
    ["answer feedback in a victim's name", { type: 'kb_feedback', at: '', buyerId: 'b-zh-01', conversationId: 'atk-1', intent: 'question.shipping', entryId: 'kb-1', helpful: true }],
    ["a victim's order cancelled", { type: 'order', at: '', orderId: '20260403160931', buyerId: 'b-zh-01', by: 'buyer:b-en-06', action: 'cancel', from: 'paid', to: 'refunded' }],
    ["a message to a victim order's merchant", { type: 'order', at: '', orderId: '20260403160931', buyerId: 'b-zh-01', by: 'agent:a-05', action: 'message_merchant', from: 'paid', to: 'paid' }],
    ['a handover in a victim conversation', { type: 'handover', at: '', buyerId: null, conversationId: 'conv-victim', reason: 'buyer_asked' }],
  ])('finds %s', (_name, event) => {
    expect(eventsAboutVictims([event], VICTIMS)).toHaveLength(1);
  });

  it("lets an attacker's own events pass", () => {
    const own: DeskEvent = { type: 'kb_feedback', at: '', buyerId: 'b-en-06', conversationId: 'atk-1', intent: 'question.shipping', entryId: 'kb-1', helpful: true };
    expect(eventsAboutVictims([own], VICTIMS)).toEqual([]);
  });
});

describe('the state file check', () => {
  it('finds a file over its size and a string stored uncut, with its path', () => {
    const text = JSON.stringify({ version: 1, botState: { k: { value: { desk: { pendingLine: { request: { reason: 'x'.repeat(20_000) } } } } } } });
    const problems = stateFileProblems(text, { maxBytes: 1000, maxStringChars: 10_000 });
    expect(problems).toContain(`the state file is ${Buffer.byteLength(text)} bytes, over 1000`);
    expect(problems.join('\n')).toMatch(/\$\.botState\.k\.value\.desk\.pendingLine\.request\.reason is a string of 20000 characters/);
    expect(stateFileProblems('{"a":"b"}', { maxBytes: 1000, maxStringChars: 10 })).toEqual([]);
  });
});

describe('the status check', () => {
  const attack = (allowed: number[], kind: Attack['kind'] = 'text'): Pick<Attack, 'allowed' | 'kind' | 'variant' | 'n'> => ({ allowed, kind, variant: 'v', n: 7 });
  it.each<[string, number, Pick<Attack, 'allowed' | 'kind' | 'variant' | 'n'>, RegExp | undefined]>([
    ['a 500 to a turn', 500, attack([200, 202]), /answered 500, a server error/],
    ['a 503 to a refused body', 503, attack([400], 'malformed'), /a server error/],
    ['a 501 to a message', 501, attack([200, 202]), /a server error/],
    ['a 200 to a foreign serviceUrl', 200, attack([403], 'foreignServiceUrl'), /a status it may not get/],
    ['the protocol\'s 501 to an invoke', 501, attack([200, 400, 404, 501], 'oddType'), undefined],
    ['a 400 to a malformed body', 400, attack([400], 'malformed'), undefined],
  ])('judges %s', (_name, status, a, expected) => {
    const problem = statusProblem({ status, body: '{}', attack: a });
    if (expected) expect(problem).toMatch(expected);
    else expect(problem).toBeUndefined();
  });
});
