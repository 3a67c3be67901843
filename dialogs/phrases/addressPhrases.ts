import type { Phrase } from '../../bot/strings.js';
import type { OrderFacts } from '../orderFacts.js';

type F = OrderFacts;

/** What the bot says about changing the address (`address.*`), invoices (`invoice.request`) and the seller (`merchant.unresponsive`). */
export const ADDRESS = {
  askNew: {
    zh: (f: F) => `订单 ${f.id} 还没发货，可以改地址。请发给我新的收货地址（现在是：${f.address || '未填写'}）。`,
    en: (f: F) => `Order ${f.id} hasn't shipped yet, so the address can still be changed. What's the new delivery address? (Now: ${f.address || 'none given'}.)`,
  },
  tooShort: {
    zh: () => '这个地址好像不完整，请发完整的地址，包括省市区和街道门牌。',
    en: () => "That address looks incomplete. Please send the full address, with street, number and city.",
  },
  confirm: {
    zh: (f: F & { line: string }) => `把订单 ${f.id} 的收货地址改成：${f.line}，确认吗？`,
    en: (f: F & { line: string }) => `Change the delivery address of order ${f.id} to: ${f.line}?`,
  },
  done: {
    zh: (f: F & { line: string }) => `已修改，订单 ${f.id} 会寄到：${f.line}。`,
    en: (f: F & { line: string }) => `Done: order ${f.id} will go to ${f.line}.`,
  },
  shipped: {
    zh: (f: F) => `订单 ${f.id} 已经发货了（${f.carrier} ${f.trackingNo}），我这边没法再改地址。商家或快递也许还能帮忙转寄：要我帮您联系商家吗？`,
    en: (f: F) => `Order ${f.id} has already shipped (${f.carrier} ${f.trackingNo}), so I can't change the address any more. The seller or carrier may still be able to redirect it: shall I ask the seller?`,
  },
  virtual: {
    zh: (f: F) => `订单 ${f.id} 是虚拟商品，没有收货地址需要修改。`,
    en: (f: F) => `Order ${f.id} is digital, so there's no delivery address to change.`,
  },
  ended: {
    zh: (f: F & { status: string }) => `订单 ${f.id} 已经是“${f.status}”状态，不会再寄出，不需要改地址。`,
    en: (f: F & { status: string }) => `Order ${f.id} is "${f.status}", so nothing will be sent and there's no address to change.`,
  },
} satisfies Record<string, Phrase<never>>;

/** Invoices (`invoice.request`). */
export const INVOICE = {
  requested: {
    zh: (f: F & { days: number }) => `已经帮您向商家申请订单 ${f.id}（${f.amount}）的发票，一般 ${f.days} 个工作日内开好，开好后会发到您的账户。`,
    en: (f: F & { days: number }) => `I've asked the seller for the invoice for order ${f.id} (${f.amount}). Expect it within ${f.days} business days; it will be sent to your account.`,
  },
  already: {
    zh: (f: F & { days: number; at: string }) => `订单 ${f.id} 的发票已经在 ${f.at} 申请过了，一般 ${f.days} 个工作日内开好，不用重复申请。`,
    en: (f: F & { days: number; at: string }) => `The invoice for order ${f.id} was already requested on ${f.at}; expect it within ${f.days} business days of that, no need to ask again.`,
  },
  unpaid: {
    zh: (f: F) => `订单 ${f.id} 还没付款，发票要付款后才能开。付款后再找我就行。`,
    en: (f: F) => `Order ${f.id} isn't paid yet, and invoices are issued after payment. Ask me again once it's paid.`,
  },
} satisfies Record<string, Phrase<never>>;

/** The seller not answering, and complaints (`merchant.unresponsive`). */
export const MERCHANT = {
  unresponsive: {
    zh: (f: F & { merchant: string }) => `很抱歉商家一直没回复您。我已经把订单 ${f.id} 的情况转给人工客服，客服会直接联系“${f.merchant}”处理，并在这里给您答复。`,
    en: (f: F & { merchant: string }) => `I'm sorry the seller hasn't answered. I've passed order ${f.id} to a colleague, who will contact ${f.merchant} directly and get back to you here.`,
  },
  contact: {
    zh: (f: F & { merchant: string }) => `好的，我已经把订单 ${f.id} 转给人工客服，客服会直接联系“${f.merchant}”，并在这里给您答复。`,
    en: (f: F & { merchant: string }) => `Sure. I've passed order ${f.id} to a colleague, who will contact ${f.merchant} directly and get back to you here.`,
  },
  complaint: {
    zh: (f: F & { merchant: string }) => `非常抱歉让您有这样的经历。您对“${f.merchant}”（订单 ${f.id}）的投诉我已经记录下来，转给人工客服处理，客服会联系商家并在这里给您答复。`,
    en: (f: F & { merchant: string }) => `I'm really sorry about this. I've recorded your complaint about ${f.merchant} (order ${f.id}) and passed it to a colleague, who will take it up with the seller and get back to you here.`,
  },
} satisfies Record<string, Phrase<never>>;
