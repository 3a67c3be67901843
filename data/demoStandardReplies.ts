import type { ShopDataInput } from './shopSchema.js';

type StandardReplyInput = NonNullable<ShopDataInput['standardReplies']>[number];

function reply(intent: string, zh: string, en: string): StandardReplyInput {
  return { intent, text: { zh, en } };
}

/**
 * The demo shop's standard replies for agents, by intent: what experienced agents send most for
 * each kind of request (the desk suggests up to three under each buyer message).
 */
export const DEMO_STANDARD_REPLIES: StandardReplyInput[] = [
  reply('task.track_logistics', '我马上帮您查一下物流，请稍等。', "I'm checking the tracking for you now, one moment."),
  reply('task.track_logistics', '我已经联系快递帮您催件了，有新进展第一时间告诉您。', "I've asked the carrier to chase it and will tell you as soon as it moves."),
  reply('task.urge_shipping', '我这就帮您催商家尽快发货。', "I'm asking the seller to ship it right away."),
  reply('task.urge_shipping', '商家超时未发货的话，您可以获得延迟发货补偿，我来帮您申请。', "If the seller ships late you're entitled to compensation; I'll apply for it for you."),
  reply('task.cancel_order', '我来帮您看看这单能不能取消，请稍等。', "Let me check whether this order can still be cancelled, one moment."),
  reply('task.cancel_order', '已经帮您提交取消，退款会原路退回。', "I've submitted the cancellation; the refund goes back to your original payment method."),
  reply('task.return_refund', '我来帮您申请退货，请把商品寄回后告诉我快递单号。', "I'll open the return for you; once it's sent back, please tell me the tracking number."),
  reply('task.return_refund', '退款会在商家收到退货后原路退回，一般 1–3 个工作日到账。', 'The refund goes back to your payment method once the seller receives the item, usually within 1–3 business days.'),
  reply('task.exchange', '可以换的，我帮您申请换货，请告诉我需要换成哪个尺码或颜色。', "Yes, you can swap it. Which size or colour would you like instead?"),
  reply('task.report_problem', '非常抱歉！麻烦拍一张商品问题的照片发给我，我马上帮您处理。', "I'm so sorry! Please send me a photo of the problem and I'll sort it out right away."),
  reply('task.report_problem', '这种情况可以退换，运费由商家承担。', 'You can return or exchange it, and the seller pays the shipping.'),
  reply('task.change_address', '请把新的收货地址发给我，我帮您联系商家修改。', "Please send me the new address and I'll have the seller change it."),
  reply('task.request_invoice', '发票已经帮您向商家申请了，一般 3 个工作日内开好。', "I've asked the seller for the invoice; it usually comes within 3 business days."),
  reply('task.contact_merchant', '我已经联系商家了，会督促他们尽快回复您。', "I've contacted the seller and will make sure they reply to you soon."),
  reply('task.complain', '非常抱歉给您带来不好的体验，您的投诉我已经记录，会认真处理。', "I'm very sorry for the trouble. I've recorded your complaint and will follow it up properly."),
  reply('task.human_agent', '您好，我是人工客服，请问有什么可以帮您？', "Hi, I'm here to help. What can I do for you?"),
  reply('chitchat.greeting', '您好，我是人工客服，请问有什么可以帮您？', "Hi, I'm here to help. What can I do for you?"),
  reply('chitchat.thanks', '不客气，还有其他问题随时找我。', "You're welcome. Anything else, just ask."),
  reply('chitchat.goodbye', '感谢您的耐心，祝您生活愉快！', 'Thanks for your patience, have a lovely day!'),
  reply('chitchat.abuse', '非常理解您的心情，我会尽全力帮您解决。', "I completely understand, and I'll do everything I can to fix this."),
  reply('chitchat.mood', '辛苦了，我们一起把问题解决掉。', "Sorry it's been a rough day. Let's get this sorted together."),
];
