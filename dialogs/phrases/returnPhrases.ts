import type { Phrase } from '../../bot/strings.js';
import type { OrderFacts } from '../orderFacts.js';

type F = OrderFacts;

/** "today", "1 day ago", "8 days ago". */
function daysAgo(n: number): string {
  return n === 0 ? 'today' : n === 1 ? '1 day ago' : `${n} days ago`;
}
/** The windows and the review amount, as the merchant's settings have them. */
type W = F & { noReasonDays: number; qualityDays: number };

/** Who pays the return shipping, said plainly. */
export const RETURN_SHIPPING = {
  buyer: { zh: () => '无理由退货的寄回运费需要您承担。', en: () => 'As with any no-reason return, the return shipping is on you.' },
  insurance: { zh: () => '您买了运费险，寄回运费由运费险赔付。', en: () => 'Your shipping insurance covers the return shipping.' },
  merchant: { zh: () => '寄回运费由商家承担。', en: () => 'The seller pays the return shipping.' },
} satisfies Record<string, Phrase>;

/** What the bot says about returns, exchanges and problems, rule by rule (`return.*` of after-sales-policy.md). */
export const RETURN = {
  noReason: {
    zh: (f: W & { shipping: string }) => `订单 ${f.id}（${f.goods}）签收 ${f.deliveredDays} 天，在 ${f.noReasonDays} 天无理由退货期内，可以退货，${f.amount} 全额退款。${f.shipping}要我帮您申请退货吗？`,
    en: (f: W & { shipping: string }) => `Order ${f.id} (${f.goods}) was delivered ${daysAgo(f.deliveredDays)}, within the ${f.noReasonDays}-day no-reason return window, so you can send it back for a full refund of ${f.amount}. ${f.shipping} Shall I open the return?`,
  },
  noReasonExchange: {
    zh: (f: W & { shipping: string }) => `订单 ${f.id}（${f.goods}）签收 ${f.deliveredDays} 天，在 ${f.noReasonDays} 天内，可以换货。${f.shipping}要我帮您申请换货吗？`,
    en: (f: W & { shipping: string }) => `Order ${f.id} (${f.goods}) was delivered ${daysAgo(f.deliveredDays)}, within the ${f.noReasonDays}-day window, so you can swap it. ${f.shipping} Shall I open the exchange?`,
  },
  returnOpened: {
    zh: (f: F) => `退货申请已提交（订单 ${f.id}）。请在 7 天内寄回并保留快递单号，商家签收后 ${f.amount} 会原路退回。`,
    en: (f: F) => `Your return for order ${f.id} is open. Please send it back within 7 days and keep the tracking number; ${f.amount} is refunded as soon as the seller receives it.`,
  },
  exchangeOpened: {
    zh: (f: F) => `换货申请已提交（订单 ${f.id}）。请把商品寄回，商家收到后会给您发新的。`,
    en: (f: F) => `Your exchange for order ${f.id} is open. Send the item back, and the seller ships the replacement as soon as it arrives.`,
  },
  notReturnable: {
    zh: (f: W & { why: string }) => `订单 ${f.id}（${f.goods}）${f.why}，不支持无理由退货。不过如果商品有问题（破损、故障、发错或少发），签收 ${f.qualityDays} 天内还是可以退换的。商品有问题吗？`,
    en: (f: W & { why: string }) => `Order ${f.id} (${f.goods}) can't be returned without a reason: ${f.why}. If something is wrong with it, though (damaged, faulty, wrong or missing), you can still return it within ${f.qualityDays} days of delivery. Is anything wrong with it?`,
  },
  whyVirtual: { zh: () => '是虚拟商品', en: () => "it's a digital item" },
  whyCustom: { zh: () => '是定制商品', en: () => "it's made to order for you" },
  whyPerishable: { zh: () => '是生鲜易腐商品', en: () => "it's perishable" },
  whyHygiene: { zh: () => '是拆封后的贴身/卫生用品', en: () => "it's a hygiene item that has been opened" },
  whyCategory: { zh: () => '被商家设为不支持无理由退货的商品', en: () => 'the seller lists it as not returnable without a reason' },
  pastNoReasonAskQuality: {
    zh: (f: W) => `订单 ${f.id} 签收已经 ${f.deliveredDays} 天，过了 ${f.noReasonDays} 天无理由退货期。不过如果商品有问题（破损、故障、发错或少发），签收 ${f.qualityDays} 天内还是可以退换的。商品有问题吗？`,
    en: (f: W) => `Order ${f.id} was delivered ${daysAgo(f.deliveredDays)}, past the ${f.noReasonDays}-day window for returns without a reason. If something is wrong with it, though (damaged, faulty, wrong or missing), you can still return it within ${f.qualityDays} days of delivery. Is anything wrong with it?`,
  },
  notReturnableFine: {
    zh: (f: F) => `明白了。那 ${f.goods} 就没法退了，抱歉。还有别的可以帮您吗？`,
    en: (f: F) => `Understood. Then I'm afraid ${f.goods} can't be returned. Anything else I can do for you?`,
  },
  expired: {
    zh: (f: W) => `订单 ${f.id} 在 ${f.deliveredAt} 签收，已经 ${f.deliveredDays} 天了，超过了 ${f.qualityDays} 天的退换期，我这边没法直接申请退货。不过商家也许还能通融：要我帮您给商家留言吗？`,
    en: (f: W) => `Order ${f.id} was delivered on ${f.deliveredAt}, ${daysAgo(f.deliveredDays)}, past the ${f.qualityDays}-day return window, so I can't open a return. The seller may still be able to help, though: shall I pass them a message?`,
  },
  expiredNoQuality: {
    zh: (f: W) => `订单 ${f.id} 签收已经 ${f.deliveredDays} 天，过了 ${f.noReasonDays} 天无理由退货期，没法直接退了。不过商家也许还能通融：要我帮您给商家留言吗？`,
    en: (f: W) => `Order ${f.id} was delivered ${daysAgo(f.deliveredDays)}, past the ${f.noReasonDays}-day no-reason window, so I can't open a return. The seller may still be able to help: shall I pass them a message?`,
  },
  quality: {
    zh: (f: W) => `非常抱歉给您添麻烦了！订单 ${f.id} 签收还在 ${f.qualityDays} 天内，商品有问题可以退换，运费由商家承担。麻烦拍张照片发给我看看问题在哪；实在不方便的话，回复“没有照片”也可以。`,
    en: (f: W) => `I'm sorry about that! Order ${f.id} is within ${f.qualityDays} days of delivery, so the seller takes it back or replaces it at their cost. Could you send me a photo showing the problem? If you can't, just say "no photo".`,
  },
  qualityConfirmReturn: {
    zh: (f: F & { photo: string }) => `${f.photo}要我为订单 ${f.id} 申请退货退款吗？${f.amount} 全额退回，运费由商家承担。`,
    en: (f: F & { photo: string }) => `${f.photo}Shall I open a return for order ${f.id}? You get the full ${f.amount} back and the seller pays the shipping.`,
  },
  qualityConfirmExchange: {
    zh: (f: F & { photo: string }) => `${f.photo}要我为订单 ${f.id} 申请换货吗？运费由商家承担。`,
    en: (f: F & { photo: string }) => `${f.photo}Shall I open an exchange for order ${f.id}? The seller pays the shipping both ways.`,
  },
  photoThanks: { zh: () => '照片收到了，谢谢。', en: () => 'Thanks for the photo. ' },
  reviewAmount: {
    zh: (f: F) => `订单 ${f.id} 的退款是 ${f.amount}，金额比较大，需要人工客服审核后才能退款，一般一个工作日内处理；在这之前订单不会有任何变动。`,
    en: (f: F) => `The refund for order ${f.id} is ${f.amount}, more than I can approve on my own, so a colleague will review it before any money moves, usually within one business day. Nothing on your order changes meanwhile.`,
  },
  riskyBuyer: {
    zh: (f: F) => `订单 ${f.id} 的退款我这边没法自动处理，需要人工客服来核实，一般一个工作日内联系您；在这之前订单不会有任何变动。`,
    en: (f: F) => `I can't process the refund for order ${f.id} automatically on this account, so a colleague will look at it personally, usually within one business day. Nothing on your order changes meanwhile.`,
  },
  flagged: {
    zh: () => '这一单我按对您有利的方式处理了，也已提交平台复核这家商家。',
    en: () => "I've settled this one in your favour and flagged the seller for our team to review.",
  },
  notDeliveredYet: {
    zh: (f: F) => `订单 ${f.id} 还没签收，所以先看看能不能取消：`,
    en: (f: F) => `Order ${f.id} hasn't been delivered yet, so let's look at cancelling it instead:`,
  },
  ended: {
    zh: (f: F & { status: string }) => `订单 ${f.id} 已经是“${f.status}”状态，不需要再退了。`,
    en: (f: F & { status: string }) => `Order ${f.id} is already "${f.status}", so there's nothing to return.`,
  },
  alreadyOpen: {
    zh: (f: F & { status: string }) => `订单 ${f.id} 已经在处理中（“${f.status}”），不用重复申请，有进展会在这里通知您。`,
    en: (f: F & { status: string }) => `Order ${f.id} is already being handled ("${f.status}"), so there's no need to apply again; you'll hear here as soon as it moves.`,
  },
} satisfies Record<string, Phrase<never>>;
