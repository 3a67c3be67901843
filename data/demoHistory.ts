import type { HistoryContact } from './shopSchema.js';
import { seededRandom, type Random } from './prng.js';

/**
 * Four weeks of the demo shop's past contacts, made the same way every time (a seeded generator):
 * the day's shape of a Chinese shop (a late-morning peak 10–13 and an evening peak 17–21), both
 * languages, the bot resolving most contacts alone, and agents answering the rest with their own
 * habits: the same few replies, worded their way, now and then with an order number or an amount,
 * and a few uncivil ones a manager must never be offered. So a newcomer's console shows real charts
 * and proposals at the first start.
 */

/** Days of history. */
export const DEMO_HISTORY_DAYS = 28;
/** Contacts on an average day. */
const CONTACTS_PER_DAY = 400;
/** Relative contacts by hour of day in Shanghai: quiet nights, peaks at 10–13 and 17–21. */
const HOUR_WEIGHTS = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.4, 2.2, 3.2, 3.6, 3.4, 3.0, 2.0, 1.8, 1.9, 2.8, 3.4, 3.8, 3.6, 3.0, 1.6, 0.8];
/** Share of contacts that need a person. */
const QUEUED_SHARE = 0.38;
/** Shanghai's offset: the demo shop's day. */
const OFFSET_MINUTES = 8 * 60;

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** What buyers write, by intent and language. */
const ASKS: Record<string, { zh: string[]; en: string[] }> = {
  'task.track_logistics': { zh: ['快递到哪了', '我的包裹怎么还没到', '物流好几天没更新了'], en: ['where is my package?', "my parcel hasn't moved for days", 'when will my order arrive'] },
  'task.urge_shipping': { zh: ['怎么还不发货', '能快点发货吗', '下单三天了还没发'], en: ["why hasn't it shipped yet", 'please ship my order soon'] },
  'task.return_refund': { zh: ['我要退货', '不想要了怎么退', '申请退款'], en: ['I want to return this', 'how do I get a refund'] },
  'task.report_problem': { zh: ['收到的东西坏了', '少发了一件', '颜色发错了'], en: ['the item arrived broken', 'one item is missing'] },
  'question.refund_time': { zh: ['退款多久到账', '钱什么时候退回来'], en: ['how long does a refund take?', 'when do I get my money back'] },
  'task.change_address': { zh: ['地址填错了要改', '帮我改一下收货地址'], en: ['I need to change the delivery address'] },
  'task.human_agent': { zh: ['转人工', '找客服'], en: ['let me talk to a person', 'agent please'] },
};

/** What the bot answers first (the history keeps it, as a previous desk would). */
const BOT = { zh: ['好的，我来帮您看看。', '收到，我查一下。'], en: ['Sure, let me check.', 'Got it, one moment.'] };

/**
 * Each agent's habits: for an intent, the replies they send, most used first. `{order}` and
 * `{amount}` are filled in, so uses of one reply differ only in numbers.
 */
const HABITS: Record<string, Record<string, { zh: string[]; en: string[] }>> = {
  'task.track_logistics': {
    common: { zh: ['我马上帮您查一下物流，请稍等。', '已经帮您催快递了，有进展第一时间告诉您。', '订单 {order} 的包裹明天就能送到。'], en: ["I'm checking the tracking for you now, one moment.", "I've asked the carrier to hurry; I'll update you as soon as it moves.", 'Order {order} should arrive tomorrow.'] },
  },
  'task.urge_shipping': {
    common: { zh: ['我这就帮您催商家尽快发货。', '商家今天会发出，请您放心。'], en: ["I'm asking the seller to ship it right away.", 'The seller will ship it today.'] },
  },
  'task.return_refund': {
    common: { zh: ['好的，我帮您申请退货，寄回后把快递单号发给我。', '退款 {amount} 会在商家收货后原路退回。'], en: ["I'll open the return for you; please send me the tracking number once it's on its way.", 'The refund of {amount} goes back to your card once the seller receives the item.'] },
  },
  'task.report_problem': {
    common: { zh: ['非常抱歉！麻烦拍张照片给我，我马上处理。', '这种情况可以退换，运费由商家承担。'], en: ["I'm so sorry! Please send me a photo and I'll sort it out right away.", 'You can return or exchange it, and the seller pays the shipping.'] },
  },
  'question.refund_time': {
    common: { zh: ['退款原路退回，一般 1–3 个工作日到账。'], en: ['Refunds go back to your original payment method within 1–3 business days.'] },
  },
  'task.change_address': {
    common: { zh: ['请把新的收货地址发给我，我帮您联系商家修改。'], en: ["Please send me the new address and I'll have the seller change it."] },
  },
  'task.human_agent': {
    common: { zh: ['您好，我是人工客服，请问有什么可以帮您？'], en: ["Hi, I'm here to help. What can I do for you?"] },
  },
};

/** How agents close after a buyer's thanks, most used first. */
const CLOSING = { zh: ['不客气，还有其他问题随时找我。', '不客气，还有其他问题随时找我。', '应该的，祝您购物愉快！'], en: ["You're welcome! Anything else, just message me.", "You're welcome! Anything else, just message me.", 'Happy to help, have a great day!'] };

/** The rare reply no shop wants repeated: never proposed (they are filtered as uncivil). */
const UNCIVIL = { zh: ['爱买不买', '你自己不会看物流吗，傻逼'], en: ['this is a stupid question', 'shut up and wait'] };

/** The demo's agents by line and the languages they write (as in the demo shop). */
const AGENTS: { id: string; lines: string[]; languages: ('zh' | 'en')[] }[] = [
  { id: 'a-01', lines: ['marketplace', 'mall'], languages: ['zh'] },
  { id: 'a-02', lines: ['mall'], languages: ['zh', 'en'] },
  { id: 'a-03', lines: ['marketplace'], languages: ['en'] },
  { id: 'a-04', lines: ['travel'], languages: ['zh', 'en'] },
  { id: 'a-05', lines: ['mall', 'travel'], languages: ['en'] },
];

/** An ISO time in Shanghai's zone. */
function shanghai(ms: number): string {
  const local = new Date(ms + OFFSET_MINUTES * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${local.getUTCFullYear()}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}T${p(local.getUTCHours())}:${p(local.getUTCMinutes())}:${p(local.getUTCSeconds())}+08:00`;
}

/** The demo history for a shop seeded at `now`: the 28 whole days before today (Shanghai). */
export function buildDemoHistory(now: Date, buyers: readonly { id: string; locale: string; lines: string[] }[], orderIds: readonly string[]): HistoryContact[] {
  const random = seededRandom(20261206);
  const dayMs = 24 * 60 * 60_000;
  const todayStart = Math.floor((now.getTime() + OFFSET_MINUTES * 60_000) / dayMs) * dayMs - OFFSET_MINUTES * 60_000;
  const weightSum = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const out: HistoryContact[] = [];
  for (let day = DEMO_HISTORY_DAYS; day >= 1; day--) {
    const dayStart = todayStart - day * dayMs;
    const weekend = new Date(dayStart + OFFSET_MINUTES * 60_000 + 12 * 3_600_000).getUTCDay() % 6 === 0;
    for (let hour = 0; hour < 24; hour++) {
      const expected = (CONTACTS_PER_DAY * (weekend ? 1.25 : 1) * HOUR_WEIGHTS[hour]!) / weightSum;
      const count = Math.floor(expected) + (random() < expected - Math.floor(expected) ? 1 : 0);
      for (let k = 0; k < count; k++) {
        const startedMs = dayStart + hour * 3_600_000 + Math.floor(random() * 3_600_000);
        out.push(contact(random, out.length, startedMs, buyers, orderIds));
      }
    }
  }
  return out;
}

function contact(random: Random, n: number, startedMs: number, buyers: readonly { id: string; locale: string; lines: string[] }[], orderIds: readonly string[]): HistoryContact {
  const buyer = pick(random, buyers);
  const lang: 'zh' | 'en' = buyer.locale === 'en-US' ? 'en' : 'zh';
  const intent = pick(random, Object.keys(ASKS));
  const line = pick(random, buyer.lines.length ? buyer.lines : ['mall']);
  const messages: HistoryContact['messages'] = [];
  let t = startedMs;
  const say = (from: 'buyer' | 'bot' | 'agent', text: string, agentId?: string) => {
    messages.push({ at: shanghai(t), from, text, ...(agentId ? { agentId } : {}) });
    t += 20_000 + Math.floor(random() * 90_000);
  };
  say('buyer', pick(random, ASKS[intent]![lang]));
  say('bot', pick(random, BOT[lang]));
  const base = { id: `h-${String(n + 1).padStart(5, '0')}`, buyerId: buyer.id, businessLine: line, locale: buyer.locale as 'zh-CN' | 'en-US', startedAt: shanghai(startedMs) };
  const fit = AGENTS.filter((a) => a.lines.includes(line) && a.languages.includes(lang));
  if (random() >= QUEUED_SHARE || fit.length === 0) return { ...base, messages };
  const queuedAt = t;
  t += 15_000 + Math.floor(random() * (random() < 0.8 ? 90_000 : 600_000)); // most wait seconds; some, minutes
  const agent = pick(random, fit);
  const claimedAt = t;
  t += 10_000 + Math.floor(random() * 50_000); // the agent reads the briefing before the first word
  const habits = HABITS[intent]!.common![lang];
  const reply = (): string => {
    if (random() < 0.01) return pick(random, UNCIVIL[lang]);
    // Habits: the first wording half the time, the second a third, the rest seldom.
    const draw = random();
    const i = Math.min(habits.length - 1, draw < 0.5 ? 0 : draw < 0.83 ? 1 : 2);
    return habits[i]!.replace('{order}', pick(random, orderIds)).replace('{amount}', lang === 'zh' ? `¥${(50 + Math.floor(random() * 500)).toFixed(2)}` : `$${(10 + Math.floor(random() * 90)).toFixed(2)}`);
  };
  say('agent', reply(), agent.id);
  if (random() < 0.5) {
    // The buyer thanks; the agent closes, in their own words.
    say('buyer', lang === 'zh' ? pick(random, ['好的谢谢', '谢谢亲', '好的，麻烦了']) : pick(random, ['ok thanks', 'thank you!', 'great, thanks']));
    say('agent', random() < 0.01 ? pick(random, UNCIVIL[lang]) : pick(random, CLOSING[lang]), agent.id);
  }
  const endedAt = t + 2 * 60_000 + Math.floor(random() * 10 * 60_000); // wrapping up: notes, a check with the merchant
  const rated = random() < 0.7;
  const satisfied = random() < 0.86;
  return {
    ...base,
    messages,
    queuedAt: shanghai(queuedAt),
    claimedAt: shanghai(claimedAt),
    agentId: agent.id,
    endedAt: shanghai(endedAt),
    ...(rated ? { rating: satisfied ? { satisfied: true } : { satisfied: false, why: pick(random, ['slow', 'unsolved', 'attitude']) } } : {}),
  };
}
