import { ActionTypes, CardFactory, MessageFactory, type Activity, type Attachment } from 'botbuilder';
import type { Handoff } from '../desk/handoff/handoffBook.js';
import { handoffOrder } from '../desk/handoff/handoffService.js';
import type { ButtonOf } from './buttonValues.js';
import type { Repositories } from '../data/repositories/index.js';
import type { Buyer, Locale } from '../data/shopSchema.js';
import type { Transcript } from '../data/deskStore.js';
import type { TranscriptEntry } from '../data/records.js';
import { timeZoneFor } from '../data/timeZone.js';
import { formatMoney, formatTime, timeZoneOf } from './format.js';
import { goodsLine, orderDetailCard } from './orderCards.js';
import { STATUS_LABEL, say, type Phrase } from './strings.js';
import { A, reasonText } from './handoffPhrases.js';

/** Earlier messages an agent gets on a claim: enough to follow the case, short enough to read at a glance. */
export const HISTORY_LINES = 40;
/** Recent orders on the buyer's profile card. */
const PROFILE_ORDERS = 5;

const P = {
  profile: { zh: () => '买家资料', en: () => 'Buyer profile' },
  id: { zh: () => '买家编号', en: () => 'Buyer id' },
  phone: { zh: () => '手机', en: () => 'Phone' },
  language: { zh: () => '语言', en: () => 'Language' },
  credit: { zh: () => '信用', en: () => 'Credit' },
  refunds: { zh: () => '近30天退款', en: () => 'Refunds, last 30 days' },
  penalties: { zh: () => '未结处罚', en: () => 'Open penalties' },
  preferences: { zh: () => '偏好', en: () => 'Preferences' },
  recent: { zh: () => '最近订单', en: () => 'Recent orders' },
  none: { zh: () => '无', en: () => 'none' },
  guest: { zh: () => '访客（未验证身份）', en: () => 'Guest (not verified)' },
  buyerSaid: { zh: () => '买家', en: () => 'Buyer' },
  deskSaid: { zh: () => '机器人/客服', en: () => 'Bot/agent' },
} satisfies Record<string, Phrase>;

/** The buyer's profile as an Adaptive Card: credit, refunds, open penalties, preferences, recent orders. */
export function profileCard(repos: Repositories, buyer: Buyer | undefined, locale: Locale): Attachment {
  const t = (p: Phrase) => say(p, locale);
  if (!buyer) {
    return CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.3', body: [{ type: 'TextBlock', text: t(P.guest), weight: 'Bolder' }] });
  }
  const zone = timeZoneOf(buyer, locale);
  const open = buyer.penalties.filter((p) => p.resolvedAt == null);
  const orders = repos.orders.listForBuyer(buyer.id, PROFILE_ORDERS);
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body: [
      { type: 'TextBlock', text: `${t(P.profile)}: ${buyer.name}`, weight: 'Bolder', size: 'Medium' },
      {
        type: 'FactSet',
        facts: [
          [t(P.id), buyer.id],
          [t(P.phone), buyer.phone],
          [t(P.language), buyer.locale],
          [t(P.credit), buyer.credit],
          [t(P.refunds), String(buyer.refundsLast30Days)],
          [t(P.penalties), open.length ? open.map((p) => `${formatTime(p.at, locale, zone)} ${p.reason}`).join('; ') : t(P.none)],
          [t(P.preferences), buyer.preferences.length ? buyer.preferences.join('; ') : t(P.none)],
        ].map(([title, value]) => ({ title, value })),
      },
      { type: 'TextBlock', text: t(P.recent), weight: 'Bolder', spacing: 'Medium' },
      {
        type: 'FactSet',
        facts: orders.map((o) => ({ title: o.id, value: `${goodsLine(o, locale)} · ${formatMoney(o.total, o.currency, locale)} · ${say(STATUS_LABEL[o.status], locale)}` })),
      },
    ],
  });
}

/**
 * The messages of a handoff's buyer conversations, oldest first: only what the handoff's buyer
 * said and was told (as a buyer, or as the guest they were before proving a phone); others
 * writing in the same (group) conversation are not this case.
 */
export async function handoffHistory(transcript: Transcript, h: Handoff): Promise<TranscriptEntry[]> {
  const user = h.buyerRef.user?.id;
  const theirs = (e: TranscriptEntry): boolean => (h.buyerId !== null && e.buyerId === h.buyerId) || (e.buyerId === null && !!user && e.userId === user);
  const entries = (await Promise.all(h.conversationIds.map((id) => transcript.readConversation(id)))).flat().filter(theirs);
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return entries.filter((e) => e.type === 'message' && ((e.text ?? '').trim() !== '' || (e.links?.length ?? 0) > 0));
}

/** The earlier conversation of a handoff (all its buyer conversations), oldest first, as one message's text. */
export async function historyText(transcript: Transcript, h: Handoff, locale: Locale): Promise<string> {
  const lines = (await handoffHistory(transcript, h))
    .slice(-HISTORY_LINES)
    .map((e) => `${formatTime(e.at, locale, timeZoneFor(locale))} ${say(e.direction === 'in' ? P.buyerSaid : P.deskSaid, locale)}: ${[e.text, ...(e.links ?? [])].filter(Boolean).join(' ')}`);
  return lines.length ? `${say(A.history, locale)}\n\n${lines.join('\n\n')}` : say(A.noHistory, locale);
}

/** Everything an agent gets on a claim: who, why, the profile, the order (with the merchant button), the history, left messages. */
export async function briefing(repos: Repositories, transcript: Transcript, h: Handoff, n: number, locale: Locale): Promise<Partial<Activity>[]> {
  const buyer = h.buyerId ? repos.buyers.get(h.buyerId) : undefined;
  const line = repos.businessLines.get(h.line);
  const out: Partial<Activity>[] = [
    MessageFactory.attachment(profileCard(repos, buyer, locale), say(A.claimed, locale, { n, name: h.buyerName, reason: reasonText(h, locale), line: line ? (locale === 'zh-CN' ? line.name.zh : line.name.en) : h.line })),
  ];
  const order = handoffOrder(repos, h);
  if (order) {
    const card = orderDetailCard(order, repos.merchants.get(order.merchantId), { locale, timeZone: timeZoneOf(buyer, locale) });
    const title = say(A.merchantButton, locale);
    const button = { type: ActionTypes.MessageBack, title, text: '/merchant', displayText: title, value: { action: 'merchantContact', handoffId: h.id } satisfies ButtonOf<'merchantContact'> };
    out.push({ ...MessageFactory.attachment(card), suggestedActions: { to: [], actions: [button] } });
  }
  out.push(MessageFactory.text(await historyText(transcript, h, locale)));
  if (h.leftMessages.length) out.push(MessageFactory.text(`${say(A.leftMessages, locale)}\n\n${h.leftMessages.map((m) => m.text).join('\n\n')}`));
  return out;
}
