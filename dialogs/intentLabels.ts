import type { IntentId } from '../data/intents.js';
import type { Phrase } from '../bot/strings.js';

/**
 * Each intent as a question a buyer understands, for the "did you mean" buttons: the buyer picks
 * what they meant, never an intent id.
 */
export const DID_YOU_MEAN: Record<Exclude<IntentId, 'none'>, Phrase> = {
  'chitchat.greeting': { zh: () => '打个招呼？', en: () => 'Just saying hello?' },
  'chitchat.thanks': { zh: () => '想说声谢谢？', en: () => 'Saying thanks?' },
  'chitchat.goodbye': { zh: () => '要结束聊天了？', en: () => 'All done for now?' },
  'chitchat.bot_identity': { zh: () => '想知道我是不是机器人？', en: () => 'Wondering whether I\'m a bot?' },
  'chitchat.fun': { zh: () => '想随便聊聊？', en: () => 'Just want to chat?' },
  'chitchat.mood': { zh: () => '心情不太好？', en: () => 'Having a rough day?' },
  'chitchat.abuse': { zh: () => '对我们不满意？', en: () => 'Unhappy with us?' },
  'chitchat.off_topic': { zh: () => '问和购物无关的事？', en: () => 'Asking about something other than shopping?' },
  'question.return_policy': { zh: () => '了解退货政策？', en: () => 'What can be returned?' },
  'question.refund_time': { zh: () => '退款多久到账？', en: () => 'How long a refund takes?' },
  'question.shipping': { zh: () => '发货和运费的规则？', en: () => 'Shipping times and costs?' },
  'question.coupon': { zh: () => '优惠券怎么用？', en: () => 'How coupons work?' },
  'question.invoice_policy': { zh: () => '能开哪些发票？', en: () => 'What invoices we can issue?' },
  'question.payment': { zh: () => '支持哪些付款方式？', en: () => 'Ways to pay?' },
  'question.account': { zh: () => '账号或登录的问题？', en: () => 'A problem with your account or login?' },
  'question.price_protection': { zh: () => '降价了能不能退差价？', en: () => 'A price drop after you bought?' },
  'question.warranty': { zh: () => '保修怎么算？', en: () => 'The warranty?' },
  'question.membership': { zh: () => '会员和积分？', en: () => 'Membership and points?' },
  'task.cancel_order': { zh: () => '取消订单？', en: () => 'Cancel an order?' },
  'task.return_refund': { zh: () => '退货退款？', en: () => 'Return something or get a refund?' },
  'task.exchange': { zh: () => '换货（换尺码、颜色）？', en: () => 'Exchange an item (size, colour)?' },
  'task.track_logistics': { zh: () => '查快递到哪了？', en: () => 'Where your parcel is?' },
  'task.urge_shipping': { zh: () => '催商家发货？', en: () => 'Hurry up a shipment?' },
  'task.change_address': { zh: () => '修改收货地址？', en: () => 'Change the delivery address?' },
  'task.request_invoice': { zh: () => '给订单开发票？', en: () => 'An invoice for an order?' },
  'task.report_problem': { zh: () => '收到的东西有问题？', en: () => 'Something wrong with what arrived?' },
  'task.contact_merchant': { zh: () => '联系商家？', en: () => 'Reach the seller?' },
  'task.complain': { zh: () => '投诉？', en: () => 'Make a complaint?' },
  'task.human_agent': { zh: () => '找人工客服？', en: () => 'Talk to a person?' },
};
