/**
 * Replies the desk ships for every intent, in both languages: what a polite, careful agent says
 * first, true to the after-sales policy without promising what only the order can tell (the bot
 * and the order card carry the specifics). Suggested to agents until the shop has standard
 * replies of its own for that intent (web.md, issue 13), and used for autocompletion.
 */

/** A shipped reply. */
export interface DefaultReply {
  intent: string;
  text: { zh: string; en: string };
}

const r = (intent: string, zh: string, en: string): DefaultReply => ({ intent, text: { zh, en } });

export const DEFAULT_REPLIES: readonly DefaultReply[] = [
  r('chitchat.greeting', '您好，我是人工客服，很高兴为您服务，请问有什么可以帮您？', "Hello, I'm here to help. What can I do for you?"),
  r('chitchat.thanks', '不客气，能帮到您就好，还有其他问题随时找我。', "You're welcome! If anything else comes up, just message me."),
  r('chitchat.goodbye', '好的，祝您生活愉快，有需要随时联系我们。', 'Thank you for contacting us. Have a great day!'),
  r('chitchat.bot_identity', '您好，现在是人工客服在为您服务。', "Hi, you're talking with a person from our team now."),
  r('chitchat.fun', '哈哈，谢谢您的好心情！有什么订单上的事我可以帮您吗？', 'Ha, thanks for the smile! Is there anything about an order I can help with?'),
  r('chitchat.mood', '非常理解您的心情，我会尽力帮您把问题解决。', "I completely understand, and I'll do my best to sort this out for you."),
  r('chitchat.abuse', '非常抱歉让您不愉快，我会认真帮您处理，请告诉我具体的情况。', "I'm sorry this has been frustrating. I'll take care of it: please tell me what happened."),
  r('chitchat.off_topic', '这个问题我可能帮不上忙，订单和售后方面的问题随时问我。', "I may not be able to help with that, but I'm glad to help with any order or after-sales question."),
  r('question.return_policy', '支持七天无理由退货的商品，在签收后七天内、不影响二次销售即可申请退货。', 'Items that qualify for the 7-day no-reason return can be returned within 7 days of delivery if they are in resalable condition.'),
  r('question.refund_time', '退款会原路退回，一般 1–3 个工作日到账，具体以支付渠道为准。', 'Refunds go back to the original payment method, usually within 1–3 business days depending on the payment provider.'),
  r('question.shipping', '商品一般在承诺的发货时间内发出，发货后可以在订单里查看物流。', 'Orders ship within the promised time, and you can follow the tracking in your order once it ships.'),
  r('question.coupon', '优惠券需要在有效期内、满足使用门槛才能使用，结算时会自动显示可用的券。', 'Coupons work within their validity period once the order meets their minimum; usable coupons show at checkout.'),
  r('question.invoice_policy', '可以开具发票，订单完成后在订单详情里申请，或告诉我抬头和税号，我帮您提交。', 'Yes, we issue invoices: request one from the order details once it is complete, or send me the company name and tax ID and I will submit it.'),
  r('question.payment', '支持的付款方式会在结算页显示，选择您方便的方式即可。', 'The payment methods available are shown at checkout; choose whichever suits you.'),
  r('question.account', '账号问题可以在「我的-设置-账号与安全」里处理，需要的话我一步步带您操作。', 'You can manage this under My account > Settings > Account security; I can walk you through it step by step.'),
  r('question.price_protection', '在价保期内降价的话可以申请退差价，我帮您看一下这单是否符合。', "If the price dropped within the price-protection period you can claim the difference; let me check whether this order qualifies."),
  r('question.warranty', '商品的保修期以商品页和保修卡为准，有质量问题随时联系我们处理。', 'The warranty period is shown on the product page and warranty card; contact us any time about a quality problem.'),
  r('question.membership', '积分在确认收货后到账，结算时可以抵扣，具体规则在会员中心可以查看。', 'Points arrive once you confirm receipt and can be used at checkout; the full rules are in the member centre.'),
  r('task.cancel_order', '我来帮您看看这单能不能取消，请稍等。', 'Let me check whether this order can still be cancelled, one moment.'),
  r('task.return_refund', '我来帮您处理退货退款，请问是什么原因需要退呢？', "I'll help you with the return. May I ask why you'd like to return it?"),
  r('task.exchange', '可以帮您申请换货，请告诉我需要换成哪个尺码或颜色。', 'I can arrange an exchange. Which size or colour would you like instead?'),
  r('task.track_logistics', '我马上帮您查一下物流，请稍等。', "I'm checking the tracking for you now, one moment."),
  r('task.urge_shipping', '我这就帮您催商家尽快发货，有进展第一时间告诉您。', "I'm asking the seller to ship it as soon as possible and will update you right away."),
  r('task.change_address', '请把新的收货地址发给我，我帮您联系商家修改。', "Please send me the new address and I'll ask the seller to change it."),
  r('task.request_invoice', '请告诉我发票抬头和税号，我帮您向商家申请。', "Please send me the invoice title and tax ID and I'll request it from the seller."),
  r('task.report_problem', '非常抱歉！麻烦拍张照片给我看看问题，我马上帮您处理。', "I'm so sorry! Could you send a photo of the problem? I'll sort it out right away."),
  r('task.contact_merchant', '我来帮您联系商家，会督促他们尽快回复您。', "I'll contact the seller for you and make sure they reply soon."),
  r('task.complain', '非常抱歉给您带来不好的体验，请告诉我具体情况，我会认真处理。', "I'm very sorry for the trouble. Please tell me what happened and I'll follow it up properly."),
  r('task.human_agent', '您好，我是人工客服，请问有什么可以帮您？', "Hi, I'm here to help. What can I do for you?"),
  r('none', '您好，请问具体是遇到了什么问题呢？我来帮您看看。', "Could you tell me a bit more about what's happening? I'll take a look."),
];

/** The shipped replies of an intent. */
export function defaultRepliesFor(intent: string): DefaultReply[] {
  return DEFAULT_REPLIES.filter((d) => d.intent === intent);
}
