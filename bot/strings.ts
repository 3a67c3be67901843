import type { Locale, OrderStatus } from '../data/shopSchema.js';

/** A buyer-facing sentence in both languages; the parameters are typed, so a caller cannot forget one. */
export interface Phrase<P = void> {
  zh: (p: P) => string;
  en: (p: P) => string;
}

/** Picks the sentence of the buyer's language. */
export function say(phrase: Phrase, locale: Locale): string;
export function say<P>(phrase: Phrase<P>, locale: Locale, params: P): string;
export function say<P>(phrase: Phrase<P>, locale: Locale, params?: P): string {
  return locale === 'zh-CN' ? phrase.zh(params as P) : phrase.en(params as P);
}

/** Every sentence the desk says to buyers, written as a good agent speaks: warm, short, specific. */
export const S = {
  greetBuyer: {
    zh: (p: { name: string }) => `${p.name}，您好！我是售后小助手，随时在线。这是您最近的订单，点一下就能看详情；有什么问题也可以直接告诉我。`,
    en: (p: { name: string }) => `Hi ${p.name}! I'm the after-sales assistant, here any time. Here are your recent orders: tap one for details, or just tell me what's going on.`,
  },
  greetBuyerNoOrders: {
    zh: (p: { name: string }) => `${p.name}，您好！我是售后小助手，随时在线。您暂时还没有订单，有什么问题可以直接问我。`,
    en: (p: { name: string }) => `Hi ${p.name}! I'm the after-sales assistant, here any time. You have no orders with us yet; ask me anything.`,
  },
  greetGuest: {
    zh: () => '您好！我是售后小助手，随时在线。退换货、运费、发票这类问题可以直接问我；要查订单的话，请先发一下下单时留的手机号，核对后我马上帮您看。',
    en: () => "Hi! I'm the after-sales assistant, here any time. Ask me about returns, shipping or invoices; to look at an order, please send me the phone number on the order first, and I'll find it for you.",
  },
  greetAgent: {
    zh: (p: { name: string }) => `${p.name}，您好！您是以客服身份登录的。`,
    en: (p: { name: string }) => `Hi ${p.name}, you're signed in as an agent.`,
  },
  askPhone: {
    zh: () => '为了保护您的订单信息，请先发一下下单时留的手机号，我核对一下。',
    en: () => "To keep your orders private, please send me the phone number on the order first so I can check it's you.",
  },
  phoneNotRecognized: {
    zh: () => '这好像不是手机号哦。请直接发数字，比如 13800000000。',
    en: () => "That doesn't look like a phone number. Please send just the number, like 415-555-0134.",
  },
  phoneNoMatch: {
    zh: () => '抱歉，没找到用这个手机号下的订单。麻烦核对一下，或者换成下单时用的号码再试试。',
    en: () => "Sorry, I couldn't find orders with that phone number. Please check it, or try the number you used when ordering.",
  },
  phoneAttemptsUsedUp: {
    zh: () => '为了账户安全，今天不能再为您核对更多号码了。需要的话可以说“转人工”，由客服为您核实身份。',
    en: () => "For your account's safety I can't check more numbers for you today. If you need to, say \"agent\" and a person will verify it with you.",
  },
  slowDown: {
    zh: () => '您发得有点快，我一条一条看。请稍等几秒再接着说。',
    en: () => "You're sending messages faster than I can read them. Please wait a few seconds, then go on.",
  },
  staleButton: {
    zh: () => '这个按钮已经失效了。您直接告诉我需要什么就好。',
    en: () => 'That button is no longer valid. Just tell me what you need.',
  },
  phoneChecksPaused: {
    zh: () => '现在核对手机号的请求太多，为了大家的账户安全，核对暂停一会儿。请稍后再试，或者说“转人工”，由客服为您核实身份。',
    en: () => "There are too many phone checks right now, so for everyone's safety I've paused them for a while. Please try again later, or say \"agent\" and a person will verify it with you.",
  },
  phoneVerified: {
    zh: (p: { name: string }) => `核对好了，${p.name}！这是您最近的订单，点一下就能看详情：`,
    en: (p: { name: string }) => `Thanks, ${p.name}, that's you! Here are your recent orders; tap one for details:`,
  },
  phoneVerifiedNoOrders: {
    zh: (p: { name: string }) => `核对好了，${p.name}！不过您暂时还没有订单。`,
    en: (p: { name: string }) => `Thanks, ${p.name}, that's you! You have no orders with us yet, though.`,
  },
  recentOrders: {
    zh: () => '这是您最近的订单，点一下就能看详情：',
    en: () => 'Here are your recent orders; tap one for details:',
  },
  noOrders: {
    zh: () => '您暂时还没有订单。',
    en: () => 'You have no orders with us yet.',
  },
  orderNotFound: {
    zh: (p: { orderId: string }) => `在您的订单里没找到 ${p.orderId}，麻烦核对一下单号，或者直接从下面选一单。`,
    en: (p: { orderId: string }) => `I couldn't find ${p.orderId} among your orders. Please check the number, or just pick one below.`,
  },
  orderShown: {
    zh: (p: { orderId: string }) => `这是订单 ${p.orderId} 的详情，有什么需要帮忙的直接说就好。`,
    en: (p: { orderId: string }) => `Here's order ${p.orderId}. Tell me what you need help with.`,
  },
  notUnderstoodAgain: {
    zh: () => '还是没太明白，抱歉。您可以点一下上面的订单，或者换个说法，比如“取消订单”“我的退款到哪了”“转人工”。',
    en: () => 'Sorry, I still didn\'t get that. You can tap one of your orders, or put it another way, like "cancel my order", "where is my refund" or "talk to a person".',
  },
  asISaid: {
    zh: () => '就像刚才说的：',
    en: () => 'As I said: ',
  },
  stillHere: {
    zh: () => '在的，我一直在。请说，遇到什么问题了？',
    en: () => "Yes, I'm here. What can I help you with?",
  },
  notUnderstood: {
    zh: () => '抱歉，我没太明白。可以用一句话说说遇到了什么问题吗？比如“快递到哪了”或“我想退货”。',
    en: () => 'Sorry, I didn\'t quite get that. Could you tell me in a few words what\'s wrong? For example "where is my parcel" or "I want to return this".',
  },
  acknowledged: {
    zh: () => '收到，我来帮您处理。先确认一下是哪一单：',
    en: () => "Got it, I'll help you with that. First, which order is it about?",
  },
  noKnowledge: {
    zh: () => '这个问题我还没有准备好的答案，抱歉。您可以说“转人工”，让客服为您解答。',
    en: () => 'I don\'t have an answer ready for that one, sorry. Say "agent" and a person will answer it.',
  },
  humanRequested: {
    zh: () => '好的，我这就帮您转人工客服，刚才的情况会一起转过去。',
    en: () => "Sure, I'm getting you a person now, and they'll see everything we've covered.",
  },

  yesNothingPending: {
    zh: () => '好的～还有什么需要我帮忙的吗？可以直接说，或者点一下订单。',
    en: () => 'Alright! Anything else I can do for you? Just tell me, or tap an order.',
  },
  noNothingPending: {
    zh: () => '好的，有需要随时找我。',
    en: () => "OK, I'm here whenever you need me.",
  },
  notUnderstoodPerson: {
    zh: () => '抱歉，我还是没能理解您的意思。我帮您转给人工客服，由真人来帮您。',
    en: () => "Sorry, I still haven't understood. Let me get you a person who can help.",
  },
  help: {
    zh: () => '我可以帮您：取消订单、退货退款、换货、反馈商品问题、查物流、催发货、改地址、开发票、联系商家或投诉。直接说您的问题，或者点一下订单就行。办理中途说“算了”可以停下，说“转人工”可以找客服。',
    en: () => 'I can cancel an order, start a return or exchange, sort out a broken or missing item, track a parcel, hurry a shipment, change the address, get you an invoice, or reach the seller. Just tell me what\'s wrong or tap an order. Say "cancel that" to stop at any point, or "agent" for a person.',
  },
  abuseOffer: {
    zh: () => '我理解您很着急，我想把这件事处理好。如果您更愿意和真人沟通，点下面的按钮或说“转人工”，我马上帮您转。',
    en: () => 'I understand you\'re upset, and I want to get this sorted. If you\'d rather talk to a person, tap below or say "agent" and I\'ll get one for you.',
  },
  talkToPerson: { zh: () => '转人工', en: () => 'Talk to a person' },
  kbDidItHelp: { zh: () => '这个回答对您有帮助吗？', en: () => 'Did that help?' },
  kbHelpful: { zh: () => '有帮助', en: () => 'Yes, thanks' },
  kbNotHelpful: { zh: () => '没解决', en: () => 'Not really' },
  kbThanks: {
    zh: () => '太好了！还有别的问题随时问我。',
    en: () => 'Great! Ask me any time something else comes up.',
  },
  kbSorry: {
    zh: () => '抱歉没能解答清楚。可以换个说法再问我一次，或者说“转人工”，让客服为您详细解答。',
    en: () => 'Sorry that didn\'t answer it. Try asking me in other words, or say "agent" and a colleague will go through it with you.',
  },
  emojiOnly: {
    zh: () => '😊 有什么可以帮您的？可以点一单查看，也可以直接说说遇到的问题。',
    en: () => '😊 What can I do for you? Tap one of your orders, or tell me what\'s going on.',
  },
  attachmentOnly: {
    zh: (p: { count: number }) => `收到您发的 ${p.count} 个文件/图片。请问是关于哪一单、想怎么处理呢？`,
    en: (p: { count: number }) => `Thanks, I got your ${p.count === 1 ? 'file' : `${p.count} files`}. Which order is it about, and what would you like me to do?`,
  },
  messageCut: {
    zh: (p: { limit: number }) => `您的消息太长了，我只读了前 ${p.limit} 个字。重要的信息可以分开发给我。`,
    en: (p: { limit: number }) => `Your message was very long, so I read only the first ${p.limit} characters. Feel free to send the important part separately.`,
  },
  turnError: {
    zh: () => '抱歉，我这边出了点问题，刚才的消息没处理成功。请再发一次；如果还不行，说“转人工”就能找到客服。',
    en: () => 'Sorry, something went wrong on my side and I couldn\'t handle that message. Please send it again; if it keeps happening, say "agent" to reach a person.',
  },
  pickOrderButton: { zh: () => '查看这单', en: () => 'View order' },
  pickedOrder: {
    zh: (p: { orderId: string }) => `查看订单 ${p.orderId}`,
    en: (p: { orderId: string }) => `View order ${p.orderId}`,
  },
} satisfies Record<string, Phrase<never>>;

/** Order states as a buyer would call them. */
export const STATUS_LABEL: Record<OrderStatus, Phrase> = {
  unpaid: { zh: () => '待付款', en: () => 'Awaiting payment' },
  paid: { zh: () => '待发货', en: () => 'Paid, awaiting shipment' },
  shipped: { zh: () => '运输中', en: () => 'Shipped' },
  delivered: { zh: () => '已签收', en: () => 'Delivered' },
  completed: { zh: () => '已完成', en: () => 'Completed' },
  cancelled: { zh: () => '已取消', en: () => 'Cancelled' },
  refund_requested: { zh: () => '退款中', en: () => 'Refund requested' },
  return_requested: { zh: () => '退货中', en: () => 'Return requested' },
  refunded: { zh: () => '已退款', en: () => 'Refunded' },
  closed: { zh: () => '已关闭', en: () => 'Closed' },
};

/** The labels of the order card. */
export const CARD = {
  orderNo: { zh: () => '订单号', en: () => 'Order' },
  goods: { zh: () => '商品', en: () => 'Items' },
  amount: { zh: () => '金额', en: () => 'Amount' },
  status: { zh: () => '状态', en: () => 'Status' },
  payment: { zh: () => '付款', en: () => 'Payment' },
  shipping: { zh: () => '发货', en: () => 'Shipping' },
  tracking: { zh: () => '物流', en: () => 'Tracking' },
  merchant: { zh: () => '商家', en: () => 'Seller' },
  unpaid: { zh: () => '未付款', en: () => 'Not paid yet' },
  paidAt: { zh: (p: { at: string }) => `已付款 ${p.at}`, en: (p: { at: string }) => `Paid ${p.at}` },
  shipBy: { zh: (p: { at: string }) => `待发货，承诺 ${p.at} 前发出`, en: (p: { at: string }) => `Not shipped yet; due to ship by ${p.at}` },
  notShipped: { zh: () => '未发货', en: () => 'Not shipped' },
  shippedAt: {
    zh: (p: { at: string; carrier: string; no: string }) => `${p.at} 已发货，${p.carrier} ${p.no}`,
    en: (p: { at: string; carrier: string; no: string }) => `Shipped ${p.at}, ${p.carrier} ${p.no}`,
  },
  sentAt: { zh: (p: { at: string }) => `${p.at} 已发出`, en: (p: { at: string }) => `Sent ${p.at}` },
  virtualGoods: { zh: () => '虚拟商品，无需物流', en: () => 'Digital goods, nothing to ship' },
  noTracking: { zh: () => '暂无物流信息', en: () => 'No tracking yet' },
  moreItems: { zh: (p: { n: number }) => `等${p.n}件`, en: (p: { n: number }) => ` + ${p.n - 1} more` },
} satisfies Record<string, Phrase<never>>;
