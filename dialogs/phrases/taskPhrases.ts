import type { Phrase } from '../../bot/strings.js';

type Id = { id: string };

/** What each task is called when the bot comes back to it after an interruption. */
export const TASK_NAME = {
  cancel: { zh: () => '取消订单', en: () => 'cancelling' },
  return: { zh: () => '退换货', en: () => 'the return' },
  exchange: { zh: () => '换货', en: () => 'the exchange' },
  refundStatus: { zh: () => '退款进度', en: () => 'your refund' },
  track: { zh: () => '查物流', en: () => 'tracking' },
  address: { zh: () => '改地址', en: () => 'the address change' },
  invoice: { zh: () => '开发票', en: () => 'the invoice' },
  merchant: { zh: () => '联系商家', en: () => 'reaching the seller' },
} satisfies Record<string, Phrase>;

/** Sentences every order task shares: choosing the order, yes and no, coming back, the order moving meanwhile. */
export const T = {
  whichOrder: {
    zh: () => '好的，是哪一单呢？点一下就行：',
    en: () => 'Sure. Which order is it? Just tap it:',
  },
  pickOneShown: {
    zh: () => '麻烦点一下是哪一单（也可以说“第二个”或商品名）：',
    en: () => 'Please tap the order (or say "the second one", or what you bought):',
  },
  noOrders: {
    zh: () => '您暂时还没有订单，所以这件事我这边没有可处理的。还有别的可以帮您吗？',
    en: () => "You don't have any orders with us yet, so there's nothing for me to do there. Anything else I can help with?",
  },
  leftAsIs: {
    zh: (p: Id) => '好的，订单 ' + p.id + ' 保持不变。还有什么可以帮您？',
    en: (p: Id) => `OK, I've left order ${p.id} as it is. Anything else I can do?`,
  },
  stateChanged: {
    zh: (p: Id & { status: string }) => `订单 ${p.id} 刚刚有了变化（现在是“${p.status}”），所以我没有做任何操作。您可以再跟我说一次要办什么。`,
    en: (p: Id & { status: string }) => `Order ${p.id} changed in the meantime (it's now "${p.status}"), so I haven't done anything. Tell me again what you'd like and I'll look afresh.`,
  },
  backTo: {
    zh: (p: Id & { task: string }) => `我们回到刚才订单 ${p.id} 的${p.task}：`,
    en: (p: Id & { task: string }) => `Back to ${p.task} for order ${p.id}:`,
  },
  backToChoice: {
    zh: (p: { task: string }) => `我们回到刚才的${p.task}：`,
    en: (p: { task: string }) => `Back to ${p.task}:`,
  },
  notConfirmed: {
    zh: (p: { id: string }) => `订单 ${p.id} 这一步需要您先确认，我没有做任何改动。`,
    en: (p: { id: string }) => `Order ${p.id} needs your confirmation first, so I haven't changed anything.`,
  },
  severalRequests: {
    zh: (p: { n: number; list: string }) => `您提到了 ${p.n} 件事，我一件一件帮您处理：${p.list}。先看第一件。`,
    en: (p: { n: number; list: string }) => `You've asked about ${p.n} things, so I'll take them one at a time: ${p.list}. First things first.`,
  },
  addedLater: {
    zh: (p: { id: string }) => `好的，订单 ${p.id} 我记下了，等这一单办完马上处理。先确认这一单：`,
    en: (p: { id: string }) => `Sure, I've noted order ${p.id} and will do it right after this one. First, this one:`,
  },
  addedLaterPick: {
    zh: () => '好的，那一单我记下了，等这一单办完马上处理。先确认这一单：',
    en: () => "Sure, I've noted that one and will do it right after this. First, this one:",
  },
  taskChanged: {
    zh: (p: { item: string }) => `好的，改成这样办：${p.item}。`,
    en: (p: { item: string }) => `OK, let's do it that way instead: ${p.item}.`,
  },
  orderCorrected: {
    zh: (p: { item: string }) => `好的，换成这一单：${p.item}。`,
    en: (p: { item: string }) => `Got it, that order instead: ${p.item}.`,
  },
  nextRequest: {
    zh: (p: { item: string }) => `接下来处理：${p.item}。`,
    en: (p: { item: string }) => `Now for the next one: ${p.item}.`,
  },
  taskStopped: {
    zh: (p: { task: string }) => `好的，${p.task}先不办了，什么都没有改动。`,
    en: (p: { task: string }) => `OK, I've dropped ${p.task}; nothing was changed.`,
  },
  stopped: {
    zh: () => '好的，刚才的事先放下了，什么都没有改动。还有别的需要吗？',
    en: () => "OK, I've stopped there and nothing was changed. Anything else?",
  },
  handoverNext: {
    zh: () => '我已经把情况和原因都记下来转给人工客服了，客服接手时会看到全部记录，您不用重复说明。',
    en: () => "I've passed it on with all the details, so whoever picks it up sees everything and you won't need to explain again.",
  },

  merchantAsked: {
    zh: (p: Id) => `已把您的请求转给商家（订单 ${p.id}），商家一般一个工作日内回复，结果会在这里通知您。`,
    en: (p: Id) => `I've passed your request to the seller (order ${p.id}). They usually reply within one business day, and you'll hear back here.`,
  },
  verifiedForTask: {
    zh: (p: { name: string }) => `核对好了，${p.name}！`,
    en: (p: { name: string }) => `Thanks, ${p.name}, that's you!`,
  },
} satisfies Record<string, Phrase<never>>;

/** The buttons of the yes-or-no questions, in the words of the action. */
export const BUTTONS = {
  cancelYes: { zh: () => '确认取消', en: () => 'Yes, cancel it' },
  keep: { zh: () => '先不取消', en: () => 'Keep it' },
  yes: { zh: () => '好的', en: () => 'Yes please' },
  no: { zh: () => '先不用', en: () => 'No thanks' },
  returnYes: { zh: () => '确认申请', en: () => 'Yes, open it' },
  somethingWrong: { zh: () => '有问题', en: () => 'Yes, something is wrong' },
  nothingWrong: { zh: () => '没问题', en: () => 'No, it is fine' },
  changeYes: { zh: () => '确认修改', en: () => 'Yes, change it' },
} satisfies Record<string, Phrase>;

/** The key of a yes/no button's words. */
export type ButtonKey = keyof typeof BUTTONS;
