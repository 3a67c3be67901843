import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage, type DeskStorage } from '../../data/openStorage.js';
import { createRepositories } from '../../data/repositories/index.js';
import type { ConversationAddress } from '../../data/records.js';
import type { Agent } from '../../data/shopSchema.js';
import { HandoffBook } from '../../desk/handoff/handoffBook.js';
import { HandoffService } from '../../desk/handoff/handoffService.js';
import { parseAgentCommand } from '../../desk/handoff/handoffWords.js';
import { trainedRecognizer } from '../support/handoffDriver.js';
import { buildSmallShop } from '../support/smallShop.js';
import { useStoreFixture } from '../support/storeFixture.js';

/**
 * The handoff core as any door calls it (a chat channel, the web desk of the next issue, a script):
 * plain inputs and outcomes, on a real lowdb store and the real trained classifier, no Bot
 * Framework. What people are told is tested end to end in test/e2e/handoff*.test.ts.
 */

const fixture = useStoreFixture();
const IDLE_MS = 15 * 60_000;

function address(conversation: string): ConversationAddress {
  return { channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: conversation } };
}

async function openDesk(): Promise<{ service: HandoffService; storage: DeskStorage; clock: { now: number }; lin: Agent; second: Agent }> {
  const dir = await fixture.tempDir();
  const clock = { now: Date.parse('2026-04-15T10:00:00+08:00') };
  const now = () => new Date(clock.now);
  const shop = buildSmallShop();
  shop.agents!.push({ id: 'a-mei', name: 'Mei', businessLines: ['books'], capacity: 1, languages: ['zh'], channelAccounts: [] });
  const storage = fixture.track(
    await openStorage({ dataFile: path.join(dir, 'db.json'), transcriptFile: path.join(dir, 't.jsonl'), eventsFile: path.join(dir, 'e.jsonl'), seed: () => shop, now }),
  );
  const repos = createRepositories(storage.store);
  const service = new HandoffService({ book: new HandoffBook(storage.store, now), repos, events: storage.events, idleMs: IDLE_MS, now, recognizer: await trainedRecognizer() });
  return { service, storage, clock, lin: repos.agents.get('a-lin')!, second: repos.agents.get('a-mei')! };
}

const buyer = (party: string, conversation = `c-${party}`) => ({ party, buyerId: party.startsWith('guest:') ? null : party, buyerName: party, locale: 'en-US' as const, line: 'books', reason: 'asked_for_person', buyerRef: address(conversation) });

describe('HandoffService', () => {
  it('queues, lets one agent claim, relays with suggestions, and ends on the buyer\'s goodbye, recorded', async () => {
    const { service, storage, lin } = await openDesk();
    const first = await service.enqueue(buyer('b-1'));
    expect(first).toMatchObject({ ok: true, created: true });
    expect(await service.enqueue(buyer('b-1'))).toMatchObject({ ok: true, created: false });
    expect(service.queueOf(lin).map((q) => q.handoff.party)).toEqual(['b-1']);

    // Nobody online: a waiting buyer's words are the bot's.
    expect((await service.buyerMessage({ party: 'b-1', address: address('c-b-1'), locale: 'en-US', text: 'hello?' })).kind).toBe('waiting');

    await service.seen(lin, address('agent-lin'), true);
    const claim = await service.claimNext(lin);
    expect(claim.ok).toBe(true);
    expect(service.servingList(lin)).toEqual([{ n: 1, handoff: expect.objectContaining({ party: 'b-1' }), current: true }]);

    const relayed = await service.buyerMessage({ party: 'b-1', address: address('c-b-1'), locale: 'en-US', text: 'do you ship abroad?' });
    expect(relayed).toMatchObject({ kind: 'relay', n: 1, agent: { id: 'a-lin' } });
    if (relayed.kind !== 'relay') throw new Error('not relayed');
    expect(relayed.suggestions.length).toBeGreaterThan(0);
    expect(relayed.suggestions.length).toBeLessThanOrEqual(3);
    // The small shop's knowledge base answers shipping questions with its help page, in the buyer's language.
    expect(relayed.suggestions[0]).toMatchObject({ text: 'See our help page.', source: expect.stringMatching(/^kb-ship/) });

    // A buyer typing an agent's command is a buyer: relayed as written, never read.
    expect(await service.buyerMessage({ party: 'b-1', address: address('c-b-1'), locale: 'en-US', text: '/end' })).toMatchObject({ kind: 'relay', suggestions: [] });

    const done = await service.buyerMessage({ party: 'b-1', address: address('c-b-1'), locale: 'en-US', text: "that's all" });
    expect(done).toMatchObject({ kind: 'ended', ended: { wasServed: true, n: 1, agent: { id: 'a-lin' } } });
    expect(service.servingList(lin)).toEqual([]);
    await storage.events.flush();
    const states = (await storage.events.read((e) => e.type === 'handoff')).map((e) => (e as { state: string }).state);
    expect(states).toEqual(['queued', 'claimed', 'ended']);
  });

  it('reads a rating in words once the handoff ended, and refuses a rating from anyone else', async () => {
    const { service, lin, storage } = await openDesk();
    await service.enqueue(buyer('b-2'));
    await service.seen(lin, address('agent-lin'), true);
    const claim = await service.claimNext(lin);
    if (!claim.ok) throw new Error('no claim');
    expect(await service.endCurrent(lin)).toMatchObject({ wasServed: true });

    const said = await service.buyerMessage({ party: 'b-2', address: address('c-b-2'), locale: 'zh-CN', text: '不满意，太慢了' });
    expect(said).toEqual({ kind: 'rate', handoffId: claim.handoff.id, satisfied: false, why: 'slow' });
    expect(await service.rate('b-other', claim.handoff.id, false, 'slow')).toEqual({ kind: 'stale' });
    expect(await service.rate('b-2', claim.handoff.id, false, 'slow')).toMatchObject({ kind: 'recorded' });
    expect(await service.rate('b-2', claim.handoff.id, true)).toMatchObject({ kind: 'rated' });
    await storage.events.flush();
    const ratings = await storage.events.read((e) => e.type === 'handoff_rating');
    expect(ratings).toEqual([expect.objectContaining({ satisfied: false, why: 'slow', agentId: 'a-lin' })]);
    // Words that rate nothing are the bot's.
    expect(await service.buyerMessage({ party: 'b-2', address: address('c-b-2'), locale: 'zh-CN', text: '我的书到哪了' })).toEqual({ kind: 'bot' });
  });

  it('sends a buyer whose agent went idle back to the front of the queue', async () => {
    const { service, clock, lin } = await openDesk();
    await service.enqueue(buyer('b-3'));
    await service.seen(lin, address('agent-lin'), true);
    await service.claimNext(lin);
    await service.enqueue(buyer('b-4'));
    clock.now += IDLE_MS + 60_000;
    const outcome = await service.buyerMessage({ party: 'b-3', address: address('c-b-3'), locale: 'en-US', text: 'are you there?' });
    expect(outcome).toMatchObject({ kind: 'agentGone', position: 1, handoff: { state: 'queued', party: 'b-3' } });
    expect(service.queueOf(lin).map((q) => q.handoff.party)).toEqual(['b-3', 'b-4']);
  });

  it('follows a served buyer to a new conversation and names their agent', async () => {
    const { service, lin } = await openDesk();
    await service.enqueue(buyer('b-5'));
    await service.seen(lin, address('agent-lin'), true);
    await service.claimNext(lin);
    const back = await service.buyerReturns('b-5', address('c-b-5-phone'), 'en-US');
    expect(back).toMatchObject({ agent: { id: 'a-lin' }, n: 1, handoff: { buyerRef: { conversation: { id: 'c-b-5-phone' } } } });
    // Already there: nothing to tell.
    expect((await service.buyerMessage({ party: 'b-5', address: address('c-b-5-phone'), locale: 'en-US', text: 'ok thanks for checking' })) ).not.toHaveProperty('back');
  });

  it('lets an agent write only to buyers they serve, and keeps messages left while nobody was online', async () => {
    const { service, lin, second } = await openDesk();
    await service.enqueue(buyer('b-6'));
    await service.enqueue(buyer('guest:webchat:x'));
    expect(await service.awaitMessage('b-6')).toBeDefined();
    expect(await service.buyerMessage({ party: 'b-6', address: address('c-b-6'), locale: 'en-US', text: 'please call me after 6pm' })).toMatchObject({ kind: 'messageLeft' });
    expect(service.unreadLeftMessages(lin).map((h) => h.leftMessages.map((m) => m.text))).toEqual([['please call me after 6pm']]);
    await service.leftMessagesRead(service.unreadLeftMessages(lin)[0]!, lin);
    expect(service.unreadLeftMessages(second)).toEqual([]);

    await service.seen(lin, address('agent-lin'), true);
    await service.seen(second, address('agent-mei'), true);
    const claim = await service.claimNext(lin);
    if (!claim.ok) throw new Error('no claim');
    expect(service.recipient(second, claim.handoff.id)).toBeUndefined();
    expect(service.recipient(lin, claim.handoff.id)?.id).toBe(claim.handoff.id);
    expect(service.merchantOf(second, claim.handoff.id)).toEqual({ ok: false, why: 'nobody' });
    expect(await service.writeTo(lin, 2)).toBeUndefined();
    expect(await service.endCurrent(second)).toBeUndefined();
  });

  it('leaves the queue on the buyer\'s word, and the queue moves', async () => {
    const { service, lin } = await openDesk();
    await service.enqueue(buyer('b-7'));
    await service.enqueue(buyer('b-8'));
    const left = await service.buyerMessage({ party: 'b-7', address: address('c-b-7'), locale: 'zh-CN', text: '不等了' });
    expect(left).toMatchObject({ kind: 'leftQueue', ended: { wasServed: false, n: 0 } });
    expect(service.queueOf(lin).map((q) => [q.position, q.handoff.party])).toEqual([[1, 'b-8']]);
  });
});

describe('parseAgentCommand', () => {
  it.each([
    ['+1', { name: '+1' }],
    [' /QUEUE ', { name: '/queue' }],
    ['/to2', { name: '/to', n: 2 }],
    ['/to 12', { name: '/to', n: 12 }],
    ['/merchant', { name: '/merchant' }],
    ['/merchant 请尽快发货', { name: '/merchant', message: '请尽快发货' }],
    ['/end', { name: '/end' }],
    ['/to', undefined],
    ['+1 please', undefined],
    ['hello', undefined],
  ])('%s', (text, expected) => {
    expect(parseAgentCommand(text)).toEqual(expected);
  });
});
