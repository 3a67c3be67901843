import type { Phrase } from './strings.js';

/** What an unpaid-order reminder names: the order, its goods and what it costs, ready to print. */
export interface UnpaidReminderParams {
  orderId: string;
  /** The first item's title. */
  title: string;
  /** How many more items the order has besides the first (0 for one item). */
  more: number;
  /** The total, formatted in the buyer's language (¥259.00, $89.00). */
  amount: string;
}

/**
 * The one reminder about an unpaid order, in both languages: gentle, short, specific, and with the
 * way out (cancelling) as plain as the way on, since the buyer may have left it unpaid on purpose.
 */
export const UNPAID_REMINDER: Phrase<UnpaidReminderParams> = {
  zh: (p) => {
    const goods = p.more > 0 ? `${p.title} 等 ${p.more + 1} 件商品` : p.title;
    return `亲，您的订单 ${p.orderId}（${goods}，${p.amount}）还没付款哦，需要的话记得付款；不想要了也可以跟我说“取消订单”。`;
  },
  en: (p) => {
    const goods = p.more > 0 ? `${p.title} and ${p.more} more ${p.more === 1 ? 'item' : 'items'}` : p.title;
    return `Just a reminder: your order ${p.orderId} (${goods}, ${p.amount}) isn't paid yet. If you still want it, you can pay any time; if you changed your mind, tell me and I'll cancel it.`;
  },
};
