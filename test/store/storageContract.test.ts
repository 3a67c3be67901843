import { describe, expect, it } from 'vitest';
import { HandoffBook, type HandoffRequest } from '../../desk/handoff/handoffBook.js';
import { OrderActions } from '../../desk/orders/orderActions.js';
import { shopData } from '../../data/shopSchema.js';
import type { OrderEvent, TranscriptEntry } from '../../data/records.js';
import { ETagConflictError } from '../../data/storeErrors.js';
import { postgresAdminUrl } from '../support/freshDatabase.js';
import { buildSmallShop } from '../support/smallShop.js';
import { storagePlaces, type Backend } from '../support/storagePlaces.js';

/**
 * One contract, two backends: every case runs on the embedded lowdb store and on PostgreSQL, and
 * reads back after a close and reopen, so "stored" means stored, not cached.
 */

const ORDER = '70000000000001';
const now = (): Date => new Date('2026-05-01T08:00:00Z');
const { place, reopen } = storagePlaces(now);
const BACKENDS: Backend[] = ['lowdb', 'postgres'];

const request = (party: string): HandoffRequest => ({
  party,
  buyerId: party,
  buyerName: party,
  locale: 'zh-CN',
  line: 'books',
  reason: 'buyer_asked',
  buyerRef: { channelId: 'test', conversation: { id: `c-${party}` } as never },
});

const entry = (conversationId: string, text: string, at: string): TranscriptEntry => ({
  at,
  direction: 'in',
  conversationId,
  channelId: 'test',
  buyerId: 'b-wang',
  userId: 'u-wang',
  locale: 'zh-CN',
  type: 'message',
  text,
});

describe.each(BACKENDS)('the storage contract on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAdminUrl();

  it.skipIf(skip)('seeds an empty store with the shop, once, and reads it back after a reopen', async () => {
    const p = await place(backend);
    const first = await p.open();
    expect(first.store.doc.meta.source).toBe('demo');
    const shop = shopData.parse(buildSmallShop());
    expect(first.store.doc.shop.orders.map((o) => o.id)).toEqual(shop.orders.map((o) => o.id));
    const seededAt = first.store.doc.meta.seededAt;
    const again = await reopen(p, first);
    expect(again.store.doc.meta.seededAt).toBe(seededAt);
    expect(again.store.doc.shop).toEqual(first.store.doc.shop);
    expect(again.store.doc.shop.buyers.map((b) => b.id)).toEqual(['b-wang', 'b-smith']);
  });

  it.skipIf(skip)('stores an order change with its result; a change that throws stores nothing', async () => {
    const p = await place(backend);
    const s = await p.open();
    const result = await s.store.changeOrder(ORDER, (doc) => {
      const o = doc.shop.orders.find((x) => x.id === ORDER)!;
      o.status = 'cancelled';
      return 'done';
    });
    expect(result).toBe('done');
    await expect(
      s.store.changeOrder('70000000000002', (doc) => {
        if (backend === 'postgres') doc.shop.orders.find((x) => x.id === '70000000000002')!.status = 'cancelled';
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const again = await reopen(p, s);
    expect(again.store.doc.shop.orders.find((o) => o.id === ORDER)!.status).toBe('cancelled');
    expect(again.store.doc.shop.orders.find((o) => o.id === '70000000000002')!.status).toBe('paid');
  });

  it.skipIf(skip)('stores handoffs and seats as they are added, changed and removed', async () => {
    const p = await place(backend);
    const s = await p.open();
    const book = new HandoffBook(s.store, now);
    const { handoff } = await book.enqueue(request('b-wang'));
    await book.enqueue(request('b-smith'));
    const claim = await book.claimNext('a-lin', ['books'], 2);
    expect(claim).toMatchObject({ ok: true, handoff: { id: handoff.id, state: 'claimed', agentId: 'a-lin' } });
    const again = await reopen(p, s);
    const book2 = new HandoffBook(again.store, now);
    expect(book2.get(handoff.id)).toMatchObject({ state: 'claimed', agentId: 'a-lin' });
    expect(book2.serving('a-lin').map((h) => h.id)).toEqual([handoff.id]);
    expect(book2.queued(['books']).map((h) => h.party)).toEqual(['b-smith']);
    await again.store.changeState('handoffs', (state) => {
      delete state.handoffs![handoff.id];
    });
    const third = await reopen(p, again);
    expect(third.store.state.handoffs?.[handoff.id]).toBeUndefined();
    expect(Object.keys(third.store.state.handoffs ?? {})).toHaveLength(1);
  });

  it.skipIf(skip)("keeps buyers' last conversations", async () => {
    const p = await place(backend);
    const s = await p.open();
    await s.store.changeState('buyerConversations', (state) => {
      state.buyerConversations = { ...state.buyerConversations, 'b-wang': { reference: { channelId: 'test', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c-1' } as never }, at: now().toISOString() } };
    });
    const again = await reopen(p, s);
    expect(again.store.state.buyerConversations?.['b-wang']?.reference.conversation?.id).toBe('c-1');
  });

  it.skipIf(skip)('writes bot state compare-and-set on eTags, all or nothing', async () => {
    const p = await place(backend);
    const s = await p.open();
    await s.store.writeBotState([{ key: 'conv/1', value: { step: 1 } }], now());
    const read = await s.store.readBotState(['conv/1', 'missing']);
    expect(Object.keys(read)).toEqual(['conv/1']);
    const eTag = read['conv/1']!.eTag;
    await s.store.writeBotState([{ key: 'conv/1', value: { step: 2 }, eTag }], now());
    // The old eTag again: refused, and the other item of the same write is not written either.
    await expect(
      s.store.writeBotState(
        [
          { key: 'conv/2', value: { step: 9 } },
          { key: 'conv/1', value: { step: 3 }, eTag },
        ],
        now(),
      ),
    ).rejects.toBeInstanceOf(ETagConflictError);
    await s.store.writeBotState([{ key: 'conv/3', value: { x: '表情 😀' }, eTag: '*' }], now());
    const again = await reopen(p, s);
    const after = await again.store.readBotState(['conv/1', 'conv/2', 'conv/3']);
    expect(after['conv/1']?.value).toEqual({ step: 2 });
    expect(after['conv/2']).toBeUndefined();
    expect(after['conv/3']?.value).toEqual({ x: '表情 😀' });
    await again.store.deleteBotState(['conv/1']);
    expect(await again.store.readBotState(['conv/1'])).toEqual({});
  });

  it.skipIf(skip)('replaces the whole shop in one step and keeps conversation state', async () => {
    const p = await place(backend);
    const s = await p.open();
    await s.store.writeBotState([{ key: 'conv/1', value: { step: 1 } }], now());
    const shop = shopData.parse(buildSmallShop());
    shop.orders = shop.orders.slice(0, 1);
    const revision = s.store.revision;
    await s.store.replaceShop(shop, { source: 'import', importedAt: now().toISOString(), importFile: 'shop.json' });
    expect(s.store.revision).toBeGreaterThan(revision);
    const again = await reopen(p, s);
    expect(again.store.doc.meta).toMatchObject({ source: 'import', importFile: 'shop.json' });
    expect(again.store.doc.shop.orders.map((o) => o.id)).toEqual([ORDER]);
    expect(await again.store.readBotState(['conv/1'])).toHaveProperty('conv/1');
  });

  it.skipIf(skip)('revises the shop from its current content in one step, or leaves it', async () => {
    const p = await place(backend);
    const s = await p.open();
    await s.store.changeOrder(ORDER, (doc) => {
      doc.shop.orders.find((o) => o.id === ORDER)!.status = 'shipped';
    });
    expect(await s.store.reviseShop(() => undefined)).toBe(false);
    const revised = await s.store.reviseShop((doc) => ({ shop: { ...doc.shop, buyers: doc.shop.buyers.map((b) => ({ ...b, name: `${b.name}!` })) }, meta: { ...doc.meta, seededAt: 'x' } }));
    expect(revised).toBe(true);
    const again = await reopen(p, s);
    expect(again.store.doc.shop.buyers.map((b) => b.name)).toEqual(['王芳!', 'Ann Smith!']);
    expect(again.store.doc.shop.orders.find((o) => o.id === ORDER)!.status).toBe('shipped'); // built on the current shop
    expect(again.store.doc.meta.seededAt).toBe('x');
  });

  it.skipIf(skip)("records order actions in the event log, and recovers a last event the log lacks", async () => {
    const p = await place(backend);
    const s = await p.open();
    const actions = new OrderActions(s.store, s.events, now);
    const by = { by: 'buyer:b-wang' as const, conversationId: 'c-1', activityId: 'a-1', confirmed: { questionId: 'q', orderId: ORDER, action: 'cancel_and_refund' } };
    const done = await actions.cancelAndRefund(ORDER, 'paid', by);
    expect(done.ok).toBe(true);
    expect(await actions.cancelAndRefund(ORDER, 'paid', by)).toMatchObject({ ok: true }); // the same "yes" again: not done twice
    expect(await actions.cancelAndRefund(ORDER, 'paid', { ...by, activityId: 'a-2' })).toMatchObject({ ok: false, reason: 'state_changed' });
    s.events.append({ type: 'handover', at: now().toISOString(), buyerId: 'b-wang', conversationId: 'c-1', reason: 'buyer_asked' } as never);
    await s.events.flush();
    // An order changed but never logged (a crash in between): the next start appends its last event, once.
    const lost: OrderEvent = { type: 'order', id: 'ev-lost', at: now().toISOString(), orderId: '70000000000002', buyerId: 'b-smith', by: 'bot', action: 'remind_unpaid', from: 'paid', to: 'paid' };
    await s.store.changeOrder('70000000000002', (doc) => {
      doc.shop.orders.find((o) => o.id === '70000000000002')!.lastEvent = lost as never;
    });
    const again = await reopen(p, s);
    expect(await again.events.recover(again.store.doc.shop.orders)).toBe(1);
    expect(await again.events.recover(again.store.doc.shop.orders)).toBe(0);
    const history = await again.events.orderHistory(ORDER);
    expect(history.map((e) => e.action)).toEqual(['cancel_and_refund']);
    expect((await again.events.orderHistory('70000000000002')).map((e) => e.id)).toEqual(['ev-lost']);
    expect((await again.events.read((e) => e.type === 'handover')).length).toBe(1);
  });

  it.skipIf(skip)('keeps the transcript in order, one conversation at a time', async () => {
    const p = await place(backend);
    const s = await p.open();
    for (let i = 0; i < 30; i++) s.transcript.append(entry(i % 2 ? 'c-odd' : 'c-even', `第${i}条 message ${i} 😀`, new Date(now().getTime() + i * 1000).toISOString()));
    await s.transcript.flush();
    const again = await reopen(p, s);
    const even = await again.transcript.readConversation('c-even');
    expect(even.map((e) => e.text)).toEqual(Array.from({ length: 15 }, (_, k) => `第${2 * k}条 message ${2 * k} 😀`));
    expect(await again.transcript.readConversation('c-none')).toEqual([]);
  });
});

describe.each(BACKENDS)('notifications on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAdminUrl();

  it.skipIf(skip)('reach subscribers in order, once, and can be read again after a given seq', async () => {
    const p = await place(backend);
    const s = await p.open();
    const heard: string[] = [];
    const stop = s.notifications.subscribe((n) => heard.push(`${n.seq}:${n.kind}`));
    await s.notifications.ready();
    const published = [];
    for (let i = 0; i < 5; i++) published.push(await s.notifications.publish({ kind: `k${i}`, target: 'line:books', payload: { i, text: '表情 😀' } }));
    await expect.poll(() => heard.length).toBe(5);
    expect(heard).toEqual(published.map((n) => `${n.seq}:${n.kind}`));
    expect(published.map((n) => n.seq)).toEqual([...published.map((n) => n.seq)].sort((a, b) => a - b));
    stop();
    await s.notifications.publish({ kind: 'after', target: '*', payload: {} });
    expect(heard).toHaveLength(5); // unsubscribed
    const missed = await s.notifications.since(published[2]!.seq);
    expect(missed.map((n) => n.kind)).toEqual(['k3', 'k4', 'after']);
    expect(missed[0]!.payload).toEqual({ i: 3, text: '表情 😀' });
  });
});

describe.each(BACKENDS)('Direct Line conversations on %s', (backend) => {
  const skip = backend === 'postgres' && !postgresAdminUrl();

  it.skipIf(skip)('numbers activities per conversation, reads on from a watermark, starts once, and keeps one secret', async () => {
    const p = await place(backend);
    const s = await p.open();
    const c = await s.directLine.open({ id: 'dl-1', userId: 'u-wang', userName: '王', createdAt: now().toISOString() });
    expect(c).toEqual({ id: 'dl-1', userId: 'u-wang', userName: '王', createdAt: now().toISOString() });
    await s.directLine.open({ id: 'dl-2', userId: 'u-other', createdAt: now().toISOString() });
    expect(await s.directLine.markStarted('dl-1', now().toISOString())).toBe(true);
    expect(await s.directLine.markStarted('dl-1', now().toISOString())).toBe(false);
    // Appended at once, as two desks' turns may: each gets its own number, none lost.
    const stored = await Promise.all(Array.from({ length: 12 }, (_, i) => s.directLine.append('dl-1', { type: 'message', text: `第${i}条 😀` })));
    expect(stored.map((x) => x.watermark).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    await s.directLine.append('dl-2', { type: 'message', text: 'other' });
    const key = await s.directLine.secret('k', 'first');
    expect(await s.directLine.secret('k', 'second')).toBe(key);

    const again = await reopen(p, s);
    expect((await again.directLine.get('dl-1'))?.startedAt).toBeDefined();
    expect(await again.directLine.markStarted('dl-1', now().toISOString())).toBe(false);
    const all = await again.directLine.since('dl-1', 0);
    expect(all.activities).toHaveLength(12);
    expect(all.watermark).toBe(12);
    expect(new Set(all.activities.map((a) => a.id)).size).toBe(12);
    const later = await again.directLine.since('dl-1', 9);
    expect(later.activities.map((a) => a.id)).toEqual(all.activities.slice(9).map((a) => a.id));
    expect(await again.directLine.since('dl-1', 12)).toEqual({ activities: [], watermark: 12 });
    expect((await again.directLine.since('dl-2', 0)).activities.map((a) => a.text)).toEqual(['other']);
    expect(await again.directLine.since('dl-none', 0)).toEqual({ activities: [], watermark: 0 });
    expect(await again.directLine.get('dl-none')).toBeUndefined();
    expect(await again.directLine.secret('k', 'third')).toBe(key);
  });
});
