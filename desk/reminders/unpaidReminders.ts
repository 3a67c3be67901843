import type { BuyerConversation } from '../../data/records.js';
import type { Buyer, Order } from '../../data/shopSchema.js';
import { isNight } from './quietHours.js';

const MS_PER_MINUTE = 60_000;

/** An order due for its one unpaid reminder, with whom and where to send it. */
export interface DueReminder {
  order: Order;
  buyer: Buyer;
  conversation: BuyerConversation;
}

/** What deciding which reminders are due needs to know: the shop, the buyers' conversations, the rules of the door. */
export interface ReminderFacts {
  orders: readonly Order[];
  now: Date;
  /** How long after an order was placed its reminder is due. */
  delayMinutes: number;
  buyer(id: string): Buyer | undefined;
  /** The buyer's last conversation, where the reminder goes. */
  conversation(buyerId: string): BuyerConversation | undefined;
  /** Whether the door may write there now (the allow-list of an open desk may have shrunk). */
  mayWriteTo(conversation: BuyerConversation): boolean;
  /** The buyer's time zone, for their night. */
  timeZoneOf(buyer: Buyer): string;
}

/**
 * The unpaid reminders due now (journey.md, step 4): an order still unpaid and never reminded,
 * placed at least `delayMinutes` ago, of a buyer the desk can write to, and not at night in the
 * buyer's time zone. Marking (compare-and-set, so never twice, whichever desks check) and sending
 * are the caller's.
 */
export function dueUnpaidReminders(facts: ReminderFacts): DueReminder[] {
  return facts.orders.flatMap((order): DueReminder[] => {
    if (order.status !== 'unpaid' || order.unpaidReminderAt) return [];
    const dueAt = Date.parse(order.createdAt) + facts.delayMinutes * MS_PER_MINUTE;
    if (!(dueAt <= facts.now.getTime())) return [];
    const buyer = facts.buyer(order.buyerId);
    const conversation = buyer && facts.conversation(buyer.id);
    if (!buyer || !conversation || !facts.mayWriteTo(conversation)) return [];
    return isNight(facts.now, facts.timeZoneOf(buyer)) ? [] : [{ order, buyer, conversation }];
  });
}
