import { MessageFactory, type TurnContext } from 'botbuilder';
import { currentBuyer, type TurnInfo } from '../bot/turnInfo.js';
import type { Order } from '../data/shopSchema.js';
import type { IntentId } from '../data/intents.js';
import type { DialogServices } from './dialogServices.js';
import { formatMoney, formatTime, timeZoneOf } from '../bot/format.js';
import { goodsLine, orderDetailCard } from '../bot/orderCards.js';
import { ordersNamedIn } from './orderChoicePrompt.js';
import { cardView } from '../bot/orderReplies.js';
import { STATUS_LABEL, say, type Phrase } from '../bot/strings.js';

/** An order whose refund is on its way or done: what "when does my refund arrive?" is about. */
export function hasRefund(order: Order): boolean {
  return !!order.refund || ['refund_requested', 'return_requested', 'refunded'].includes(order.status);
}

const REFUND = {
  done: {
    zh: (p: R) => `订单 ${p.id}（${p.goods}）的退款 ${p.amount} 已在 ${p.at} 原路退回。一般 1–3 个工作日到账，信用卡和花呗可能稍慢；超过 7 个工作日还没看到，告诉我，我帮您转人工核实。`,
    en: (p: R) => `The refund of ${p.amount} for order ${p.id} (${p.goods}) was sent back to your original payment method on ${p.at}. It usually shows within 1–3 business days (cards can take a little longer); if it's not there after 7 business days, tell me and a colleague will check.`,
  },
  afterReturn: {
    zh: (p: R) => `订单 ${p.id}（${p.goods}）的退货已受理：商家收到退回的商品后，${p.amount} 会原路退回，一般 1–3 个工作日到账。寄回后请保留快递单号。`,
    en: (p: R) => `The return for order ${p.id} (${p.goods}) is open: once the seller receives the item, ${p.amount} goes back to your original payment method, usually within 1–3 business days. Keep the tracking number when you send it back.`,
  },
  requested: {
    zh: (p: R) => `订单 ${p.id}（${p.goods}）的退款 ${p.amount} 已在 ${p.at} 申请，正在处理中：商家确认（或包裹退回）后原路退回，一般 1–3 个工作日到账。`,
    en: (p: R) => `The refund of ${p.amount} for order ${p.id} (${p.goods}) was requested on ${p.at} and is being processed: once the seller confirms (or the parcel is back), it goes to your original payment method, usually within 1–3 business days.`,
  },
} satisfies Record<string, Phrase<R>>;

const ABOUT = {
  order: {
    zh: (p: { id: string; goods: string; when: string }) => `关于订单 ${p.id}（${p.goods}，${p.when}）：`,
    en: (p: { id: string; goods: string; when: string }) => `About order ${p.id} (${p.goods}, ${p.when}):`,
  },
  delivered: {
    zh: (p: { at: string }) => `${p.at} 签收`,
    en: (p: { at: string }) => `delivered ${p.at}`,
  },
} satisfies Record<string, Phrase<never>>;

interface R {
  id: string;
  goods: string;
  amount: string;
  at: string;
}

/**
 * A policy question that is really about one of the buyer's own orders, answered about that order
 * instead of with the general article: "退款什么时候到账" with a refund under way is that refund's
 * status and dates. The order is the one named, the one in focus, or the only one that fits.
 * False when no order of theirs fits (the general answer follows).
 */
export async function answerAboutOwnOrder(context: TurnContext, services: DialogServices, info: TurnInfo, intent: IntentId, text: string): Promise<boolean> {
  const buyer = currentBuyer(info);
  if (!buyer) return false;
  if (intent !== 'question.refund_time') {
    // "耳机保修多久" / "is the blender covered by warranty": the order named, its facts, then the shop's answer.
    const named = ordersNamedIn(services, buyer, text, info.locale);
    if (named.length !== 1) return false;
    const order = named[0]!;
    const zone = timeZoneOf(buyer, info.locale);
    const when = order.deliveredAt ? say(ABOUT.delivered, info.locale, { at: formatTime(order.deliveredAt, info.locale, zone) }) : say(STATUS_LABEL[order.status], info.locale);
    const card = orderDetailCard(order, services.repos.merchants.get(order.merchantId), cardView(info, buyer));
    await context.sendActivity(MessageFactory.attachment(card, say(ABOUT.order, info.locale, { id: order.id, goods: goodsLine(order, info.locale), when })));
    const sender = await services.state.senderData.get(context, {});
    sender.focusOrderId = order.id;
    return false; // the shop's answer follows, with "did that help?"
  }
  const orders = services.repos.orders.listForBuyer(buyer.id).filter(hasRefund);
  if (orders.length === 0) return false;
  const named = ordersNamedIn(services, buyer, text, info.locale).filter(hasRefund);
  // "how long does a refund take" is the general question; "my refund", "钱还没到", or an order named is theirs.
  if (named.length === 0 && !OWN_REFUND.test(text)) return false;
  const { focusOrderId } = await services.state.senderData.get(context, {});
  const focus = orders.find((o) => o.id === focusOrderId);
  // Several refunds: the one the buyer named, the one in focus, else the latest still on its way, else the latest done.
  const latest = (list: Order[]) => [...list].sort((a, b) => Date.parse(b.refund?.at ?? b.createdAt) - Date.parse(a.refund?.at ?? a.createdAt))[0];
  const onItsWay = orders.filter((o) => o.status !== 'refunded' && o.refund?.status !== 'refunded');
  const order = named.length === 1 ? named[0] : focus ?? latest(onItsWay.length ? onItsWay : orders);
  if (!order) return false;
  await sendRefundStatus(context, services, info, order);
  return true;
}

/** Words that make a refund question about the buyer's own refund. */
const OWN_REFUND = /我的(退款|钱)|退款(怎么|咋)?还没|钱(还)?(没|没有)(到|收到|退)|到账了吗|退的钱|退款呢|钱呢|钱去哪|退到哪|\bmy (refund|money)\b|haven'?t (got|gotten|received)|still (no|not|waiting)|where('?s| is) (my|the) (money|refund)/iu;

/** Words asking when the money comes back ("多久到账", "when will I get my money back"). */
export const ASKS_REFUND_TIME = /多久|什么时候|几天|到账|退到哪|钱呢|钱去哪|when|how long|money back|get my money|where('?s| is) (my|the) (money|refund)/iu;

/** The refund of `order`: where it stands, when it was asked or sent, when it usually arrives, with the order card. */
export async function sendRefundStatus(context: TurnContext, services: DialogServices, info: TurnInfo, order: Order): Promise<void> {
  const buyer = currentBuyer(info);
  if (!buyer) return;
  const zone = timeZoneOf(buyer, info.locale);
  const refund = order.refund;
  const p: R = {
    id: order.id,
    goods: goodsLine(order, info.locale),
    amount: formatMoney(refund?.amount ?? order.total, refund?.currency ?? order.currency, info.locale),
    at: formatTime(refund?.at ?? order.afterSale?.requestedAt ?? order.createdAt, info.locale, zone),
  };
  const phrase = refund?.status === 'refunded' || order.status === 'refunded' ? REFUND.done : order.status === 'return_requested' ? REFUND.afterReturn : REFUND.requested;
  const card = orderDetailCard(order, services.repos.merchants.get(order.merchantId), cardView(info, buyer));
  await context.sendActivity(MessageFactory.attachment(card, say(phrase, info.locale, p)));
  const sender = await services.state.senderData.get(context, {});
  sender.focusOrderId = order.id;
}
