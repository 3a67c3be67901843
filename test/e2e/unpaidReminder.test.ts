import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Locale, Order } from '../../data/shopSchema.js';
import { formatMoney } from '../../bot/format.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { KeywordRecognizer } from '../support/keywordRecognizer.js';
import { texts, type TestConversation } from '../support/testChannel.js';

/** Long enough that the demo's unpaid orders (placed 1 and 2 hours before seeding) are not yet due when the test starts. */
const DELAY_MINUTES = 180;
const MS_PER_MINUTE = 60_000;
const DAY = '2026-04-15';
const NEXT_DAY = '2026-04-16';

/** One buyer per language, with the UTC offset of their zone on DAY (Shanghai; New York on daylight time). */
interface Case {
  buyerId: string;
  locale: Locale;
  offset: string;
  hello: string;
  reminder: RegExp;
  phone: string;
}

const CASES: Case[] = [
  { buyerId: 'b-zh-01', locale: 'zh-CN', offset: '+08:00', hello: '你好', reminder: /^亲，您的订单 .*还没付款哦/, phone: '13816572043' },
  { buyerId: 'b-en-01', locale: 'en-US', offset: '-04:00', hello: 'hi', reminder: /^Just a reminder: your order .* isn't paid yet/, phone: '+1-212-555-0147' },
];

let clock: Date;
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A desk whose clock the test moves, seeded at 10:00 on DAY in the buyer's zone, with the timer off. */
async function start(c: Case): Promise<Harness> {
  clock = localTime(c, DAY, '10:00');
  h = await startHarness({ REMINDER_CHECK_SECONDS: '0', UNPAID_REMINDER_MINUTES: String(DELAY_MINUTES) }, { now: () => clock, recognizer: new KeywordRecognizer() });
  return h;
}

/** `hh:mm` on `day` on the buyer's wall clock. */
function localTime(c: Case, day: string, hhmm: string): Date {
  return new Date(`${day}T${hhmm}:00${c.offset}`);
}

/** The buyer's unpaid demo order, as the desk holds it now. */
function unpaidOrder(harness: Harness, c: Case): Order {
  const order = harness.desk.repos.orders.listForBuyer(c.buyerId).find((o) => o.status === 'unpaid');
  if (!order) throw new Error(`no unpaid demo order of ${c.buyerId}`);
  return order;
}

/** When that order's reminder falls due. */
function dueAt(order: Order): Date {
  return new Date(Date.parse(order.createdAt) + DELAY_MINUTES * MS_PER_MINUTE);
}

/** The reminders this conversation received. */
function reminders(conv: TestConversation, c: Case): string[] {
  return texts(conv.received).filter((t) => c.reminder.test(t));
}

/** A conversation of the buyer in which they said hello. */
async function talk(harness: Harness, c: Case, userId = c.buyerId): Promise<TestConversation> {
  const conv = harness.channel.conversation({ userId, locale: c.locale });
  await conv.say(c.hello);
  return conv;
}

describe.each(CASES)('the unpaid-order reminder ($locale, $buyerId)', (c) => {
  it('arrives on the buyer\'s conversation once the delay has passed, not before, and only once', async () => {
    const harness = await start(c);
    const conv = await talk(harness, c);
    const order = unpaidOrder(harness, c);

    clock = new Date(dueAt(order).getTime() - MS_PER_MINUTE);
    expect(await harness.desk.runReminders()).toBe(0);
    expect(reminders(conv, c)).toEqual([]);

    clock = dueAt(order);
    expect(await harness.desk.runReminders()).toBe(1);
    const [text] = reminders(conv, c);
    expect(text).toContain(order.id);
    expect(text).toContain(order.items[0]!.title);
    expect(text).toContain(formatMoney(order.total, order.currency, c.locale));
    expect(conv.received.find((a) => a.text === text)?.locale).toBe(c.locale);
    expect(harness.desk.repos.orders.get(order.id)?.unpaidReminderAt).toBe(clock.toISOString());

    expect(await harness.desk.runReminders()).toBe(0);
    clock = localTime(c, NEXT_DAY, '12:00');
    expect(await harness.desk.runReminders()).toBe(0);
    expect(reminders(conv, c)).toHaveLength(1);
  });

  it('waits for the morning in the buyer\'s time zone: 22:00 is night, 08:00 is day', async () => {
    const harness = await start(c);
    const conv = await talk(harness, c);
    const order = unpaidOrder(harness, c);
    for (const [day, hhmm] of [[DAY, '22:00'], [DAY, '23:30'], [NEXT_DAY, '03:00'], [NEXT_DAY, '07:59']] as const) {
      clock = localTime(c, day, hhmm);
      expect(clock.getTime()).toBeGreaterThan(dueAt(order).getTime());
      expect(await harness.desk.runReminders(), `${day} ${hhmm}`).toBe(0);
    }
    clock = localTime(c, NEXT_DAY, '08:00');
    expect(await harness.desk.runReminders()).toBe(1);
    expect(reminders(conv, c)).toHaveLength(1);
  });

  it('is not sent for an order cancelled meanwhile', async () => {
    const harness = await start(c);
    const conv = await talk(harness, c);
    const order = unpaidOrder(harness, c);
    const cancelled = await harness.desk.actions.cancel(order.id, 'unpaid', { by: `buyer:${c.buyerId}`, rule: 'cancel.unpaid', confirmed: { questionId: 'q-1', orderId: order.id, action: 'cancel' } });
    expect(cancelled.ok).toBe(true);
    clock = dueAt(order);
    expect(await harness.desk.runReminders()).toBe(0);
    expect(reminders(conv, c)).toEqual([]);
  });

  it('waits for a buyer who never wrote to the desk, and goes out once they do', async () => {
    const harness = await start(c);
    const order = unpaidOrder(harness, c);
    clock = dueAt(order);
    expect(await harness.desk.runReminders()).toBe(0);
    const conv = await talk(harness, c);
    expect(await harness.desk.runReminders()).toBe(1);
    expect(reminders(conv, c)).toHaveLength(1);
  });

  it('goes to the buyer\'s last conversation when they used several', async () => {
    const harness = await start(c);
    const first = await talk(harness, c);
    const second = await talk(harness, c);
    const remembered = harness.desk.store.state.buyerConversations?.[c.buyerId];
    expect(remembered?.reference.conversation?.id).toBe(second.id);

    clock = new Date(clock.getTime() + MS_PER_MINUTE);
    await second.say(c.hello); // the same conversation again: nothing to write
    expect(harness.desk.store.state.buyerConversations?.[c.buyerId]).toEqual(remembered);

    clock = dueAt(unpaidOrder(harness, c));
    expect(await harness.desk.runReminders()).toBe(1);
    expect(reminders(second, c)).toHaveLength(1);
    expect(reminders(first, c)).toEqual([]);
  });

  it('survives a restart: the conversation is still known, and a reminded order is not reminded again', async () => {
    const harness = await start(c);
    const conv = await talk(harness, c);
    await harness.restart();
    const order = unpaidOrder(harness, c);
    clock = dueAt(order);
    expect(await harness.desk.runReminders()).toBe(1);

    await harness.restart();
    expect(await harness.desk.runReminders()).toBe(0);
    clock = localTime(c, NEXT_DAY, '12:00');
    expect(await harness.desk.runReminders()).toBe(0);
    expect(reminders(conv, c)).toHaveLength(1);
  });

  it('reaches a guest who proved the phone number on the order, in that conversation', async () => {
    const harness = await start(c);
    const conv = harness.channel.conversation({ userId: `guest-of-${c.buyerId}`, locale: c.locale });
    await conv.say(c.phone);
    expect(harness.desk.store.state.buyerConversations?.[c.buyerId]?.reference.conversation?.id).toBe(conv.id);
    clock = dueAt(unpaidOrder(harness, c));
    expect(await harness.desk.runReminders()).toBe(1);
    expect(reminders(conv, c)).toHaveLength(1);
  });
});

describe('the reminder timer', () => {
  it('checks by itself every REMINDER_CHECK_SECONDS', async () => {
    const c = CASES[1]!;
    clock = localTime(c, DAY, '10:00');
    h = await startHarness({ REMINDER_CHECK_SECONDS: '1', UNPAID_REMINDER_MINUTES: String(DELAY_MINUTES) }, { now: () => clock, recognizer: new KeywordRecognizer() });
    const conv = await talk(h, c);
    clock = dueAt(unpaidOrder(h, c));
    await vi.waitFor(() => expect(reminders(conv, c)).toHaveLength(1), { timeout: 5_000, interval: 100 });
  });
});

describe('a reminder that cannot be delivered', () => {
  it('is logged, not retried, and the order stays marked (never twice beats maybe twice)', async () => {
    const c = CASES[0]!;
    const logged: { msg: string; orderId?: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
    clock = localTime(c, DAY, '10:00');
    h = await startHarness({ REMINDER_CHECK_SECONDS: '0', UNPAID_REMINDER_MINUTES: String(DELAY_MINUTES) }, { now: () => clock, recognizer: new KeywordRecognizer(), logger });
    const channel = await RefusingChannel.start();
    try {
      await h.channel.conversation({ userId: c.buyerId, locale: c.locale }).say(c.hello, { serviceUrl: channel.serviceUrl });
      channel.refusing = true;
      const order = unpaidOrder(h, c);
      clock = dueAt(order);
      expect(await h.desk.runReminders()).toBe(0);
      expect(channel.refused).toBe(1);
      expect(h.desk.repos.orders.get(order.id)?.unpaidReminderAt).toBe(clock.toISOString());
      expect(logged.filter((l) => l.msg.startsWith('could not send an unpaid-order reminder')).map((l) => l.orderId)).toEqual([order.id]);
      expect(logged.filter((l) => l.msg === 'turn failed')).toEqual([]); // the turn error handler did not apologise into the void
      expect(await h.desk.runReminders()).toBe(0);
      expect(channel.refused).toBe(1);
    } finally {
      await channel.close();
    }
  });
});

/** A channel that takes the bot's replies until told to refuse them (403), counting the refusals. */
class RefusingChannel {
  refusing = false;
  refused = 0;
  serviceUrl = '';
  private readonly server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (this.refusing) this.refused++;
      res.statusCode = this.refusing ? 403 : 200;
      res.setHeader('content-type', 'application/json');
      res.end(this.refusing ? '{"error":"refused"}' : '{"id":"ok"}');
    });
  });

  static async start(): Promise<RefusingChannel> {
    const channel = new RefusingChannel();
    await new Promise<void>((resolve) => channel.server.listen(0, '127.0.0.1', resolve));
    channel.serviceUrl = `http://127.0.0.1:${(channel.server.address() as AddressInfo).port}`;
    return channel;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
