import { say, type Phrase } from './strings.js';

type Queue = { line: string; position: number; minutes: number };

/** The wait in words: "about N min", or "in a moment" when a seat is free now (never "about 0 min"). */
const wait = {
  zh: (minutes: number) => (minutes > 0 ? `预计约 ${minutes} 分钟` : '马上就有客服接待您'),
  en: (minutes: number) => (minutes > 0 ? `about ${minutes} min` : 'an agent will be with you in a moment'),
};

/** What the buyer hears about reaching a person. */
export const H = {
  queued: {
    zh: (p: Queue) => `已为您转接“${p.line}”的人工客服，您前面还有 ${p.position - 1} 位，预计等待约 ${p.minutes} 分钟。等待期间有什么我能先处理的可以继续跟我说；不想等了，说“退出排队”即可。`,
    en: (p: Queue) => `You're in the queue for a ${p.line} agent: number ${p.position}, about ${p.minutes} min. While you wait I can still help with anything; say "leave the queue" if you'd rather not wait.`,
  },
  queuedNow: {
    zh: (p: { line: string }) => `已为您转接“${p.line}”的人工客服，马上就有客服接待您。`,
    en: (p: { line: string }) => `You're in the queue for a ${p.line} agent; one will be with you in a moment.`,
  },
  moved: {
    zh: (p: Queue) => `排队更新：您现在是第 ${p.position} 位，${wait.zh(p.minutes)}。`,
    en: (p: Queue) => `Queue update: you're now number ${p.position}, ${wait.en(p.minutes)}.`,
  },
  queueFull: {
    zh: (p: { line: string }) => `现在“${p.line}”排队的人太多了，暂时排不进去，请过一会儿再试。在这期间，订单上的事我也可以先帮您处理。`,
    en: (p: { line: string }) => `So many people are waiting for ${p.line} right now that I can't add you to the queue. Please try again a little later; meanwhile I can still help with your orders.`,
  },
  nobodyOnline: {
    zh: (p: { line: string }) => `抱歉，“${p.line}”现在没有在线的人工客服。您可以留言，第一位上线的客服会收到并回复您；等待期间我也可以继续帮您。`,
    en: (p: { line: string }) => `Sorry, no ${p.line} agent is online right now. Leave a message and the first agent to come online gets it and replies here; meanwhile I'm still here to help.`,
  },
  leaveMessageButton: { zh: () => '留言', en: () => 'Leave a message' },
  writeMessage: {
    zh: () => '请直接输入您的留言，我会原样转给客服。',
    en: () => "Type your message and I'll pass it on to the agents word for word.",
  },
  messageLeft: {
    zh: () => '留言已收到，第一位上线的客服会看到并在这里回复您。',
    en: () => "Got it. The first agent to come online will see your message and reply here.",
  },
  alreadyQueued: {
    zh: (p: Queue) => `您已经在排队了：第 ${p.position} 位，${wait.zh(p.minutes)}。`,
    en: (p: Queue) => `You're already in the queue: number ${p.position}, ${wait.en(p.minutes)}.`,
  },
  leftQueue: {
    zh: () => '好的，已为您退出排队。有需要随时再找我。',
    en: () => "OK, you've left the queue. I'm here whenever you need me.",
  },
  agentJoined: {
    zh: (p: { agent: string }) => `客服${p.agent}已接入，接下来由${p.agent}为您服务。`,
    en: (p: { agent: string }) => `${p.agent} from our team has joined and will take it from here.`,
  },
  agentSays: {
    zh: (p: { agent: string; text: string }) => `${p.agent}：${p.text}`,
    en: (p: { agent: string; text: string }) => `${p.agent}: ${p.text}`,
  },
  withAgent: {
    zh: (p: { agent: string }) => `您正在和客服${p.agent}沟通，直接发消息就好。`,
    en: (p: { agent: string }) => `You're with ${p.agent} now; just write here.`,
  },
  backWithAgent: {
    zh: (p: { agent: string }) => `欢迎回来！您还在和客服${p.agent}沟通，直接发消息就好。`,
    en: (p: { agent: string }) => `Welcome back! You're still with ${p.agent}; just write here.`,
  },
  agentGone: {
    zh: () => '之前为您服务的客服已经下线了，已为您优先排到队伍最前面，下一位客服会看到之前的全部记录。',
    en: () => "The agent you were talking to has gone offline, so you're at the front of the queue; the next agent will see everything so far.",
  },
  ended: {
    zh: () => '本次人工服务已结束，接下来由我继续为您服务。',
    en: () => "Your conversation with our agent has ended; I'm back to help with anything else.",
  },
  rateAsk: {
    zh: () => '这次的服务您满意吗？',
    en: () => 'Were you happy with the help you got?',
  },
  satisfied: { zh: () => '满意', en: () => 'Satisfied' },
  unsatisfied: { zh: () => '不满意', en: () => 'Not satisfied' },
  whyAsk: {
    zh: () => '抱歉没让您满意。主要是哪方面的问题？',
    en: () => "Sorry about that. What was the main problem?",
  },
  whySlow: { zh: () => '等太久', en: () => 'Took too long' },
  whyUnsolved: { zh: () => '问题没解决', en: () => 'Not solved' },
  whyAttitude: { zh: () => '服务态度', en: () => 'Attitude' },
  whyOther: { zh: () => '其他', en: () => 'Something else' },
  thanksRating: {
    zh: () => '谢谢您的评价，我们会继续改进！',
    en: () => 'Thanks for telling us; it helps us get better!',
  },
  whichLine: {
    zh: () => '为了给您找到对口的客服，请问是哪方面的问题？',
    en: () => 'So I can find the right team, which is it about?',
  },
} satisfies Record<string, Phrase<never>>;

type Buyer = { n: number; name: string };

/** What the agent reads at the desk. */
export const A = {
  greet: {
    zh: (p: { name: string; lines: string; waiting: number }) => `${p.name}，您好！您已上线，负责：${p.lines}。当前排队 ${p.waiting} 位。发“+1”接待下一位，“/queue”看排队，“/list”看正在接待的，“/to N”切换，“/end”结束，“/offline”下线。`,
    en: (p: { name: string; lines: string; waiting: number }) => `Hi ${p.name}, you're online for: ${p.lines}. ${p.waiting} waiting. "+1" takes the next buyer, "/queue" shows the queue, "/list" whom you serve, "/to N" switches, "/end" ends, "/offline" signs you out.`,
  },
  online: {
    zh: (p: { waiting: number }) => `已上线，当前排队 ${p.waiting} 位。`,
    en: (p: { waiting: number }) => `You're online; ${p.waiting} waiting.`,
  },
  offline: { zh: () => '已下线，不会再分配新的买家给您。', en: () => "You're offline; no new buyers will come to you." },
  full: {
    zh: (p: { capacity: number }) => `您已经在接待 ${p.capacity} 位买家，达到上限了。先“/end”结束一位再接吧。`,
    en: (p: { capacity: number }) => `You're already serving ${p.capacity} buyers, your limit. "/end" one first.`,
  },
  othersLanguage: {
    zh: () => '现在排队的买家用的语言您不说，已有会说该语言的同事空闲，留给TA们接待。',
    en: () => 'The buyers waiting now write in a language you do not speak, and a free colleague who does will take them.',
  },
  noneWaiting: { zh: () => '您负责的业务线现在没有排队的买家。', en: () => 'Nobody is waiting in your lines right now.' },
  claimed: {
    zh: (p: Buyer & { reason: string; line: string }) => `已接入 [${p.n}] ${p.name}（${p.line}）。转人工原因：${p.reason}。您发的消息会直接发给TA。`,
    en: (p: Buyer & { reason: string; line: string }) => `You're now serving [${p.n}] ${p.name} (${p.line}). Why a person: ${p.reason}. What you type goes to them.`,
  },
  history: { zh: () => '之前的对话：', en: () => 'The conversation so far:' },
  noHistory: { zh: () => '（之前没有对话记录）', en: () => '(no earlier conversation)' },
  leftMessages: { zh: () => '买家留言：', en: () => 'Messages the buyer left:' },
  fromBuyer: {
    zh: (p: Buyer & { text: string }) => `[${p.n}] ${p.name}：${p.text}`,
    en: (p: Buyer & { text: string }) => `[${p.n}] ${p.name}: ${p.text}`,
  },
  queueEmpty: { zh: () => '没有排队的买家。', en: () => 'Nobody is waiting.' },
  queueLine: {
    zh: (p: { i: number; name: string; line: string; minutes: number; reason: string }) => `${p.i}. ${p.name}（${p.line}）已等 ${p.minutes} 分钟，原因：${p.reason}`,
    en: (p: { i: number; name: string; line: string; minutes: number; reason: string }) => `${p.i}. ${p.name} (${p.line}), waiting ${p.minutes} min, reason: ${p.reason}`,
  },
  listEmpty: { zh: () => '您现在没有在接待的买家。', en: () => "You're not serving anyone right now." },
  listLine: {
    zh: (p: Buyer & { current: boolean }) => `${p.current ? '→ ' : ''}[${p.n}] ${p.name}`,
    en: (p: Buyer & { current: boolean }) => `${p.current ? '→ ' : ''}[${p.n}] ${p.name}`,
  },
  toWho: {
    zh: (p: Buyer) => `接下来您的消息发给 [${p.n}] ${p.name}。`,
    en: (p: Buyer) => `Your messages now go to [${p.n}] ${p.name}.`,
  },
  noSuchNumber: { zh: () => '没有这个编号，发“/list”看看编号。', en: () => 'No buyer with that number; "/list" shows the numbers.' },
  nobodyToWrite: { zh: () => '您现在没有在接待的买家，发“+1”接待下一位。', en: () => 'You are not serving anyone; "+1" takes the next buyer.' },
  endedBy: {
    zh: (p: Buyer) => `已结束与 [${p.n}] ${p.name} 的对话，已邀请TA评价。`,
    en: (p: Buyer) => `Ended the conversation with [${p.n}] ${p.name}; they've been asked to rate it.`,
  },
  buyerEnded: {
    zh: (p: Buyer) => `[${p.n}] ${p.name} 已结束对话。`,
    en: (p: Buyer) => `[${p.n}] ${p.name} has ended the conversation.`,
  },
  buyerBack: {
    zh: (p: Buyer) => `[${p.n}] ${p.name} 回来了（新的会话），消息会继续发给您。`,
    en: (p: Buyer) => `[${p.n}] ${p.name} is back (in a new conversation); their messages still come to you.`,
  },
  waitingNotice: {
    zh: (p: { waiting: number }) => `您负责的业务线有 ${p.waiting} 位买家在排队，发“+1”接待。`,
    en: (p: { waiting: number }) => `${p.waiting} buyer(s) waiting in your lines; "+1" takes the next.`,
  },
  merchantButton: { zh: () => '商家联系方式', en: () => 'Merchant contact' },
  merchantContact: {
    zh: (p: { merchant: string; handle: string; orderId: string }) => `订单 ${p.orderId} 的商家“${p.merchant}”：${p.handle}。发“/merchant 留言内容”可给商家留言（记录在订单上）。`,
    en: (p: { merchant: string; handle: string; orderId: string }) => `Merchant of order ${p.orderId}, ${p.merchant}: ${p.handle}. "/merchant your message" leaves them a message, recorded on the order.`,
  },
  noOrder: { zh: () => '这位买家的转人工没有关联订单。', en: () => "This buyer's handoff is not about an order." },
  merchantMessaged: {
    zh: (p: { orderId: string }) => `已给商家留言，并记录在订单 ${p.orderId} 上。`,
    en: (p: { orderId: string }) => `Message left for the merchant and recorded on order ${p.orderId}.`,
  },
  suggested: { zh: () => '推荐回复：', en: () => 'Suggested replies:' },
} satisfies Record<string, Phrase<never>>;

/** Why a person is needed, as an agent reads it; the machine reason follows for the details. */
const REASONS: Record<string, Phrase> = {
  buyer_asked: { zh: () => '买家要求转人工', en: () => 'the buyer asked for a person' },
  not_understood_3_in_a_row: { zh: () => '机器人连续 3 条没听懂', en: () => "the bot didn't understand 3 messages in a row" },
  'return.review_amount': { zh: () => '退款金额超过自动审核线', en: () => 'refund above the review amount' },
  'return.risky_buyer': { zh: () => '买家有风险（信用、近期退款或处罚），需人工审核退款', en: () => 'risky buyer (credit, recent refunds or penalties): refund needs a review' },
  'task.complain': { zh: () => '买家投诉', en: () => 'complaint' },
  'merchant.unresponsive': { zh: () => '商家不回复', en: () => 'seller not answering' },
  'cancel.shipped_after_request': { zh: () => '申请取消后商家仍发货，商家如有异议需人工处理', en: () => 'shipped after a cancel request; a person handles any dispute by the seller' },
  'return.merchant_flagged': { zh: () => '商家被标记，需人工复核', en: () => 'flagged seller: needs a review' },
  abuse: { zh: () => '买家情绪激动', en: () => 'the buyer is upset' },
  reception_agents_first: { zh: () => '本业务线人工优先接待', en: () => 'this line receives agents first' },
  reception_share: { zh: () => '按比例分配给人工接待的新咨询', en: () => "a new contact in the line's share for agents" },
  other: { zh: () => '需要人工处理', en: () => 'needs a person' },
};

/** Details of a machine reason an agent can read, in their language; tokens without words are left out. */
const DETAILS: [RegExp, Phrase<RegExpExecArray>][] = [
  [/^refund_([\d.]+)_([A-Z]{3})_over_([\d.]+)$/, { zh: (m) => `退款 ${m[1]} ${m[2]}，超过 ${m[3]}`, en: (m) => `refund of ${m[1]} ${m[2]}, over ${m[3]}` }],
  [/^buyer_credit_risky$/, { zh: () => '买家信用为“有风险”', en: () => "the buyer's credit is risky" }],
  [/^buyer_refunds_(\d+)_in_30d$/, { zh: (m) => `买家近 30 天退款 ${m[1]} 次`, en: (m) => `${m[1]} refunds in the last 30 days` }],
  [/^buyer_open_penalties_(\d+)$/, { zh: (m) => `买家有 ${m[1]} 项未结处罚`, en: (m) => `${m[1]} open penalty notes on the buyer` }],
  [/^eligible:return\.no_reason$/, { zh: () => '符合七天无理由', en: () => 'eligible for a no-reason return' }],
  [/^eligible:return\.quality$/, { zh: () => '符合质量问题退换', en: () => 'eligible for a quality return' }],
  [/^seller_unresponsive$/, { zh: () => '买家说商家不回复', en: () => 'the buyer says the seller does not answer' }],
  [/^buyer_wants_seller$/, { zh: () => '买家要联系商家', en: () => 'the buyer wants to reach the seller' }],
  [/^shipped_after_cancel_request$/, { zh: () => '买家申请取消后商家仍发货', en: () => 'the seller shipped after the buyer asked to cancel' }],
];

function detailsOf(reason: string, locale: 'zh-CN' | 'en-US'): string[] {
  const out: string[] = [];
  for (const token of reason.split(';')) {
    for (const [pattern, phrase] of DETAILS) {
      const m = pattern.exec(token.trim());
      if (m) {
        out.push(say(phrase, locale, m));
        break;
      }
    }
  }
  return out;
}

/**
 * "退款金额超过自动审核线（退款 3680 CNY，超过 2000；符合七天无理由）": why a person is needed, in the
 * agent's language, with the details that have words; never the rule's machine codes.
 */
export function reasonText(h: { reason: string; rule?: string; intent?: string }, locale: 'zh-CN' | 'en-US'): string {
  const key = h.intent === 'task.complain' ? 'task.complain' : (h.rule ?? h.reason);
  const known = Object.hasOwn(REASONS, key) ? REASONS[key] : undefined; // never a property of Object.prototype ("constructor")
  const details = detailsOf(h.reason, locale);
  const text = known ? say(known, locale) : (details.shift() ?? say(REASONS.other!, locale));
  if (details.length === 0) return text;
  return locale === 'zh-CN' ? `${text}（${details.join('；')}）` : `${text} (${details.join('; ')})`;
}
