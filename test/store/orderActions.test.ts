import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrderActions } from '../../desk/orders/orderActions.js';
import { DeskEventLog } from '../../data/lowdb/deskEventLog.js';
import { buildSmallShop } from '../support/smallShop.js';
import { useStoreFixture } from '../support/storeFixture.js';

/**
 * Issue 9 (found by `npm run soak`): an action the buyer was told is done has its event on disk,
 * an action done but never told keeps its history after a crash, and a "yes" sent again is not
 * done twice.
 */

const fixture = useStoreFixture();
const ORDER = '70000000000001';
const now = (): Date => new Date('2026-05-01T08:00:00Z');

async function open(dir: string) {
  const store = await fixture.openStore(path.join(dir, 'desk.json'), { seed: buildSmallShop });
  const events = fixture.track(await DeskEventLog.open(path.join(dir, 'desk.events.jsonl')));
  return { store, events, actions: new OrderActions(store, events, now) };
}

async function eventLines(dir: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path.join(dir, 'desk.events.jsonl'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('an order action', () => {
  it('has its event in the log file by the time it resolves (what the buyer is then told)', async () => {
    const dir = await fixture.tempDir();
    const { actions } = await open(dir);
    const result = await actions.changeAddress(ORDER, 'paid', { by: 'buyer:b-wang', conversationId: 'c-1', activityId: 'a-1', confirmed: { questionId: 'q-1', orderId: ORDER, action: 'change_address' } }, '新地址 1 号');
    expect(result.ok).toBe(true);
    // Read straight from the file, not through the log object: what a kill -9 right now would leave.
    expect(await eventLines(dir)).toEqual([expect.objectContaining({ orderId: ORDER, action: 'change_address', activityId: 'a-1' })]);
  });

  it.each([
    ['no confirmation at all', undefined],
    ['a confirmation of another order', { questionId: 'q-1', orderId: 'SO-OTHER', action: 'cancel_and_refund' }],
    ['a confirmation of another action on this order', { questionId: 'q-1', orderId: ORDER, action: 'change_address' }],
  ])("a buyer's money-moving action with %s is refused and changes nothing", async (_why, confirmed) => {
    const dir = await fixture.tempDir();
    const { actions, store } = await open(dir);
    const result = await actions.cancelAndRefund(ORDER, 'paid', { by: 'buyer:b-wang', conversationId: 'c-1', activityId: 'yes-1', ...(confirmed ? { confirmed } : {}) });
    expect(result).toMatchObject({ ok: false, reason: 'unconfirmed' });
    expect(store.doc.shop.orders.find((o) => o.id === ORDER)!.status).toBe('paid');
    expect(await eventLines(dir)).toEqual([]);
  });

  it('asked again by the same activity is not done again: it resolves with the first outcome', async () => {
    const dir = await fixture.tempDir();
    const { actions, store } = await open(dir);
    const by = { by: 'buyer:b-wang' as const, conversationId: 'c-1', activityId: 'yes-1', confirmed: { questionId: 'q-1', orderId: ORDER, action: 'cancel_and_refund' } };
    const first = await actions.cancelAndRefund(ORDER, 'paid', by);
    const again = await actions.cancelAndRefund(ORDER, 'paid', by);
    expect(first.ok && again.ok).toBe(true);
    expect(again.ok && again.event.id).toBe(first.ok && first.event.id);
    expect(store.doc.shop.orders.find((o) => o.id === ORDER)!.status).toBe('refunded');
    expect((await eventLines(dir)).filter((e) => e.orderId === ORDER)).toHaveLength(1);
    // Another activity asking the same is a new request, and the order has moved on: refused.
    expect((await actions.cancelAndRefund(ORDER, 'paid', { ...by, activityId: 'yes-2' })).ok).toBe(false);
  });

  it('done but cut off from the log by a crash, is appended to the log when the desk starts again', async () => {
    const dir = await fixture.tempDir();
    const first = await open(dir);
    const done = await first.actions.changeAddress(ORDER, 'paid', { by: 'buyer:b-wang', conversationId: 'c-1', activityId: 'a-9', confirmed: { questionId: 'q-9', orderId: ORDER, action: 'change_address' } }, '新地址 9 号');
    await first.events.close();
    await first.store.close();
    await writeFile(path.join(dir, 'desk.events.jsonl'), ''); // the append that a kill -9 between the two writes would have lost
    const second = await open(dir);
    expect(await second.actions.recoverEvents()).toBe(1);
    expect(second.events.historyOf(ORDER)).toEqual([expect.objectContaining({ id: done.ok && done.event.id, action: 'change_address' })]);
    expect(await second.actions.recoverEvents()).toBe(0); // once
  });
});
