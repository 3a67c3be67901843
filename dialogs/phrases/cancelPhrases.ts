import type { Phrase } from '../../bot/strings.js';
import type { OrderFacts } from '../orderFacts.js';

type F = OrderFacts;

/** What the bot says when cancelling, rule by rule (`cancel.*` of after-sales-policy.md). */
export const CANCEL = {
  unpaid: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}，${f.amount}）还没付款，我可以马上帮您取消，不会产生任何费用。确定取消吗？`,
    en: (f: F) => `Order ${f.id} (${f.goods}, ${f.amount}) isn't paid yet, so I can cancel it right away at no cost. Shall I cancel it?`,
  },
  unpaidDone: {
    zh: (f: F) => `已取消订单 ${f.id}，没有扣任何款项。`,
    en: (f: F) => `Done: order ${f.id} is cancelled, and nothing was charged.`,
  },
  paidUnshipped: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}）商家还没发货，可以直接取消，${f.amount} 全额原路退回。确定取消吗？`,
    en: (f: F) => `Order ${f.id} (${f.goods}) hasn't shipped yet, so I can cancel it and refund the full ${f.amount} to your original payment method. Shall I cancel it?`,
  },
  paidUnshippedDone: {
    zh: (f: F) => `已取消订单 ${f.id}，${f.amount} 已原路退回，一般 1–3 个工作日到账。`,
    en: (f: F) => `Done: order ${f.id} is cancelled and ${f.amount} is refunded to your original payment method; it usually shows within 1–3 business days.`,
  },
  inTransit: {
    zh: (f: F) => `订单 ${f.id} 已经发出了（${f.carrier} ${f.trackingNo}），所以没法直接取消了。我可以帮您申请拦截快递，您也可以在派送时拒收；包裹退回商家后，${f.amount} 会退给您。要我帮您申请拦截吗？`,
    en: (f: F) => `Order ${f.id} has already shipped (${f.carrier} ${f.trackingNo}), so it can't be cancelled any more. I can ask for the parcel to be intercepted, or you can refuse it at the door; once it's back with the seller, ${f.amount} is refunded to you. Shall I request the intercept?`,
  },
  inTransitDone: {
    zh: (f: F) => `已为订单 ${f.id} 申请拦截退回。包裹回到商家后，${f.amount} 会退还给您；如果快递还是送到了，直接拒收就好。`,
    en: (f: F) => `I've requested the intercept for order ${f.id}. Once the parcel is back with the seller, ${f.amount} is refunded; if it reaches you anyway, just refuse it at the door.`,
  },
  shippedAfterRequest: {
    zh: (f: F) => `您在 ${f.cancelRequestedAt} 就申请取消订单 ${f.id} 了，商家却在 ${f.shippedAt} 发了货（${f.carrier} ${f.trackingNo}），这是商家的责任。包裹送到时直接拒收即可，退货运费由商家承担，${f.amount} 全额退给您。要我帮您这样处理吗？`,
    en: (f: F) => `You asked to cancel order ${f.id} on ${f.cancelRequestedAt}, but the seller shipped it anyway on ${f.shippedAt} (${f.carrier} ${f.trackingNo}). That's on the seller: just refuse the parcel when it arrives, the seller pays the return shipping, and you get the full ${f.amount} back. Shall I set that up?`,
  },
  shippedAfterRequestDone: {
    zh: (f: F) => `订单 ${f.id} 已处理：包裹送到时请直接拒收，商家收到退回后 ${f.amount} 会全额退给您，运费由商家承担。我也已经记录了商家的违规。如果商家有异议，会由人工客服来跟进。`,
    en: (f: F) => `Done for order ${f.id}: please refuse the parcel when it arrives; once the seller has it back, the full ${f.amount} is refunded and the seller pays the shipping. I've also put a note on the seller's record. If the seller disputes it, a colleague will take it from there.`,
  },
  delivered: {
    zh: (f: F) => `订单 ${f.id} 已经在 ${f.deliveredAt} 签收了，没法再取消，不过可以申请退货。要我帮您看看怎么退吗？`,
    en: (f: F) => `Order ${f.id} was delivered on ${f.deliveredAt}, so it can't be cancelled any more, but you can return it instead. Shall I look at a return for you?`,
  },
  virtualDelivered: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}）的券码已经发给您了，我这边没法直接取消。如果还没使用，商家可以帮您取消。要我帮您联系商家吗？`,
    en: (f: F) => `The codes for order ${f.id} (${f.goods}) have already been sent to you, so I can't cancel it myself. If you haven't used them, the seller can still cancel it. Shall I ask the seller for you?`,
  },
  ended: {
    zh: (f: F & { status: string }) => `订单 ${f.id} 已经是“${f.status}”状态了，不需要再取消。`,
    en: (f: F & { status: string }) => `Order ${f.id} is already "${f.status}", so there's nothing left to cancel.`,
  },
} satisfies Record<string, Phrase<never>>;
