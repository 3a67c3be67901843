import { formatMoney, formatTime, timeZoneOf } from '../../bot/format.js';
import { agentLocale } from '../../bot/handoffDesk.js';
import { reasonText } from '../../bot/handoffPhrases.js';
import { goodsLine, latestTrackingLine } from '../../bot/orderCards.js';
import { STATUS_LABEL, say } from '../../bot/strings.js';
import type { Handoff, TranscriptEntry } from '../../data/records.js';
import type { Repositories } from '../../data/repositories/index.js';
import type { Agent, Locale } from '../../data/shopSchema.js';
import { handoffOrder, type HandoffService } from '../../desk/handoff/handoffService.js';
import type { Suggestion } from '../../desk/handoff/suggestions.js';

/** Earlier messages the desk shows for a buyer: the whole case, not the buyer's whole life. */
const CONVERSATION_LINES = 200;
/** How long an ended handoff stays on the agent's page (its rating may still come). */
const RECENT_ENDED_MS = 2 * 60 * 60_000;
/** Orders on the buyer's profile. */
const PROFILE_ORDERS = 5;

/** The agent's page at a glance: their queue, the buyers they serve, the ones they just finished. */
export interface DeskState {
  agent: { id: string; name: string; capacity: number; locale: Locale; lines: { id: string; name: string }[] };
  queue: { handoffId: string; position: number; buyerName: string; line: string; lineName: string; waitedMinutes: number; reason: string }[];
  serving: { handoffId: string; n: number; buyerName: string; locale: Locale; current: boolean }[];
  ended: { handoffId: string; buyerName: string; endedAt: string; rating: Handoff['rating'] | null }[];
}

/** One buyer in front of the agent: the case, the conversation, the order, the profile, what to say. */
export interface HandoffView {
  handoffId: string;
  state: Handoff['state'];
  buyerName: string;
  locale: Locale;
  line: string;
  lineName: string;
  reason: string;
  queuedAt: string;
  claimedAt: string | null;
  endedAt: string | null;
  rating: Handoff['rating'] | null;
  conversation: { at: string; time: string; from: 'buyer' | 'desk'; text: string; links: string[] }[];
  order: { id: string; goods: string; total: string; status: string; tracking: string; merchant: string | null } | null;
  profile: {
    id: string;
    name: string;
    phone: string;
    credit: string;
    refundsLast30Days: number;
    penalties: string[];
    preferences: string[];
    recentOrders: { id: string; goods: string; total: string; status: string }[];
  } | null;
  suggestions: { text: string; confidence: number }[];
  leftMessages: string[];
}

/** The agent's state, in their language. */
export function deskState(service: HandoffService, repos: Repositories, agent: Agent, now: Date): DeskState {
  const locale = agentLocale(agent);
  const since = now.getTime() - RECENT_ENDED_MS;
  const ended = Object.values(service.book.allHandoffs())
    .filter((h) => h.state === 'ended' && h.claimedAt && (h.agentId === agent.id || h.previousAgentIds.at(-1) === agent.id) && Date.parse(h.endedAt ?? '') >= since)
    .sort((a, b) => Date.parse(b.endedAt!) - Date.parse(a.endedAt!))
    .slice(0, 20);
  return {
    agent: {
      id: agent.id,
      name: agent.name,
      capacity: agent.capacity,
      locale,
      lines: agent.businessLines.map((id) => ({ id, name: service.lineName(id, locale) })),
    },
    queue: service.queueOf(agent).map(({ position, handoff: h, waitedMinutes }) => ({
      handoffId: h.id,
      position,
      buyerName: h.buyerName,
      line: h.line,
      lineName: service.lineName(h.line, locale),
      waitedMinutes,
      reason: reasonText(h, locale),
    })),
    serving: service.servingList(agent).map(({ n, handoff: h, current }) => ({ handoffId: h.id, n, buyerName: h.buyerName, locale: h.locale, current })),
    ended: ended.map((h) => ({ handoffId: h.id, buyerName: h.buyerName, endedAt: h.endedAt!, rating: h.rating ?? null })),
  };
}

/** One handoff for the agent: its conversation (`handoffHistory`, read by the caller) and what the desk suggests for the buyer's latest message. */
export function handoffView(
  parts: { service: HandoffService; repos: Repositories },
  agent: Agent,
  h: Handoff,
  conversation: readonly TranscriptEntry[],
  suggestions: Suggestion[],
): HandoffView {
  const { service, repos } = parts;
  const locale = agentLocale(agent);
  const buyer = h.buyerId ? repos.buyers.get(h.buyerId) : undefined;
  const zone = timeZoneOf(buyer, locale);
  const history = conversation.slice(-CONVERSATION_LINES);
  const order = handoffOrder(repos, h);
  const view = { locale, timeZone: zone };
  const merchant = order ? repos.merchants.get(order.merchantId) : undefined;
  return {
    handoffId: h.id,
    state: h.state,
    buyerName: h.buyerName,
    locale: h.locale,
    line: h.line,
    lineName: service.lineName(h.line, locale),
    reason: reasonText(h, locale),
    queuedAt: h.queuedAt,
    claimedAt: h.claimedAt ?? null,
    endedAt: h.endedAt ?? null,
    rating: h.rating ?? null,
    conversation: history.map((e) => ({ at: e.at, time: formatTime(e.at, locale, zone), from: e.direction === 'in' ? 'buyer' : 'desk', text: e.text ?? '', links: e.links ?? [] })),
    order: order
      ? {
          id: order.id,
          goods: goodsLine(order, locale),
          total: formatMoney(order.total, order.currency, locale),
          status: say(STATUS_LABEL[order.status], locale),
          tracking: latestTrackingLine(order, view),
          merchant: merchant?.name ?? null,
        }
      : null,
    profile: buyer
      ? {
          id: buyer.id,
          name: buyer.name,
          phone: buyer.phone,
          credit: buyer.credit,
          refundsLast30Days: buyer.refundsLast30Days,
          penalties: buyer.penalties.filter((p) => p.resolvedAt == null).map((p) => `${formatTime(p.at, locale, zone)} ${p.reason}`),
          preferences: buyer.preferences,
          recentOrders: repos.orders.listForBuyer(buyer.id, PROFILE_ORDERS).map((o) => ({
            id: o.id,
            goods: goodsLine(o, locale),
            total: formatMoney(o.total, o.currency, locale),
            status: say(STATUS_LABEL[o.status], locale),
          })),
        }
      : null,
    suggestions: suggestions.map((s) => ({ text: s.text, confidence: Math.round(s.confidence * 100) / 100 })),
    leftMessages: h.leftMessages.map((m) => m.text),
  };
}
