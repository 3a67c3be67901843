import { describe, expect, it } from 'vitest';
import type { BuyerConversation } from '../../data/records.js';
import { shopData, type Buyer } from '../../data/shopSchema.js';
import { dueUnpaidReminders } from '../../desk/reminders/unpaidReminders.js';
import { buildSmallShop } from '../support/smallShop.js';

/** Which unpaid reminders are due: the core's decision, as a table (the sending is tested end to end in unpaidReminder.test.ts). */

const shop = shopData.parse(buildSmallShop());
const base = shop.orders[0]!;
const conversation: BuyerConversation = { reference: { channelId: 'test', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' } }, at: '2026-04-15T00:00:00Z' };

function due(change: Partial<typeof base>, now: string, extra: { conversation?: boolean; mayWrite?: boolean } = {}): string[] {
  const order = { ...base, status: 'unpaid' as const, createdAt: '2026-04-15T10:00:00+08:00', ...change };
  return dueUnpaidReminders({
    orders: [order],
    now: new Date(now),
    delayMinutes: 30,
    buyer: (id) => shop.buyers.find((b) => b.id === id),
    conversation: () => (extra.conversation === false ? undefined : conversation),
    mayWriteTo: () => extra.mayWrite !== false,
    timeZoneOf: (_b: Buyer) => 'Asia/Shanghai',
  }).map((r) => r.order.id);
}

describe('dueUnpaidReminders', () => {
  it.each([
    ['due 30 minutes after the order was placed', {}, '2026-04-15T10:30:00+08:00', {}, [base.id]],
    ['not a minute before', {}, '2026-04-15T10:29:00+08:00', {}, []],
    ['not for a paid order', { status: 'paid' as const }, '2026-04-15T11:00:00+08:00', {}, []],
    ['not twice', { unpaidReminderAt: '2026-04-15T10:31:00+08:00' }, '2026-04-15T11:00:00+08:00', {}, []],
    ['not at night in the buyer\'s zone', { createdAt: '2026-04-15T22:00:00+08:00' }, '2026-04-15T23:00:00+08:00', {}, []],
    ['not without a conversation to write to', {}, '2026-04-15T11:00:00+08:00', { conversation: false }, []],
    ['not where the door may not write', {}, '2026-04-15T11:00:00+08:00', { mayWrite: false }, []],
  ])('%s', (_name, change, now, extra, expected) => {
    expect(due(change, now, extra)).toEqual(expected);
  });
});
