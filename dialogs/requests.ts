import type { TurnContext } from 'botbuilder';
import { currentBuyer, turnInfo, type TurnInfo } from '../bot/turnInfo.js';
import { kindOf, type IntentId } from '../data/intents.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import { ordersTypedIn, withGoodsAsOrder } from '../recognizers/orderReference.js';
import type { DialogServices } from './dialogServices.js';
import { ordersNamedIn } from './orderChoicePrompt.js';
import { recognizeText, recognizeTurn } from './turnRecognition.js';

/** One request of a buyer's message: what they want, in their words, and the order it names. */
export interface Request {
  intent: IntentId;
  text: string;
  orderId?: string;
}

/** Most requests read from one message: more is a pasted list, not a buyer talking. */
const MAX_CLAUSES = 6;

/**
 * Where a message may hold a second request: after a connector ("另外", "还有", "顺便", "然后",
 * "and", "also", "plus") or a sentence end. Plain commas and spaces are not enough on their own
 * ("我要退款，还没发货" is one request), unless the parts name different orders.
 */
const ZH_CONNECTOR = /(?:^|[，,；;。！!？?\s])*(另外|还有就是|还有|顺便|然后|以及|同时|再帮我|再把|再就是|并且)/gu;
const EN_CONNECTOR = /\s*(?:[,;]\s*)?\b(and also|and then|and|also|plus|as well as|another thing|oh and)\b\s*/giu;
const SENTENCE_END = /[。！!？?；;\n]+|(?<=[a-z0-9)])\.\s+/giu;
/** Soft cuts: commas, and spaces between Chinese characters (Chinese buyers type a space for a comma); never spaces between English words. */
const SOFT = /\s*[，,、]\s*|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u;

/** The task families: two requests in one family on one order are one request ("坏了，我要退"). */
const FAMILY: Partial<Record<IntentId, string>> = {
  'task.cancel_order': 'cancel',
  'task.return_refund': 'return',
  'task.exchange': 'return',
  'task.report_problem': 'return',
  'task.track_logistics': 'track',
  'task.urge_shipping': 'track',
  'task.change_address': 'address',
  'task.request_invoice': 'invoice',
  'task.contact_merchant': 'merchant',
  'task.complain': 'merchant',
};

/** Policy questions that, asked right after an order is named, are about that order (the task itself). */
const ABOUT_THE_ORDER: ReadonlySet<IntentId> = new Set(['question.return_policy', 'question.invoice_policy', 'question.shipping']);

interface Piece {
  text: string;
  /** Set when the piece began with a connector or a new sentence: a new request may start here. */
  hard: boolean;
}

/** The message cut at connectors and sentence ends (hard) and at commas and spaces (soft). */
function pieces(text: string): Piece[] {
  const marked = text.replace(ZH_CONNECTOR, '\u0001$1').replace(EN_CONNECTOR, '\u0001').replace(SENTENCE_END, '\u0001');
  const out: Piece[] = [];
  for (const [k, hardPart] of marked.split('\u0001').entries()) {
    for (const [j, soft] of hardPart.split(SOFT).entries()) {
      const t = soft.trim();
      if (t) out.push({ text: t, hard: k > 0 && j === 0 });
    }
  }
  return out;
}

function orderOf(services: DialogServices, info: TurnInfo, text: string, recognition: RecognitionResult): string | undefined {
  const buyer = currentBuyer(info);
  const number = recognition.entities.find((e) => e.type === 'orderNumber')?.value;
  if (!buyer) return number;
  const orders = services.repos.orders.listForBuyer(buyer.id);
  const typed = ordersTypedIn(text, orders);
  if (typed.length === 1) return typed[0]!.id;
  if (number && orders.some((o) => o.id === number)) return number;
  const named = ordersNamedIn(services, buyer, text, info.locale);
  return named.length === 1 ? named[0]!.id : undefined;
}

/**
 * The order tasks a message asks for, in the order written: several when it holds several
 * ("cancel the sweater I didn't pay for, and return the chinos"; "快递不动了，另外地址改一下"). A
 * part that asks for no task of its own (a detail, a story, the new address) belongs to the
 * request before it. Only pieces the classifier is sure of make a request; one request (or none)
 * means the message is read whole, as before.
 */
export async function requestsIn(context: TurnContext, services: DialogServices, text: string): Promise<Request[]> {
  // Read once per turn, however many dialogs ask (the interruption check and the route both do): each read classifies every clause.
  const cached = context.turnState.get(REQUESTS) as { text: string; requests: Request[] } | undefined;
  if (cached && cached.text === text) return cached.requests;
  const requests = await readRequests(context, services, turnInfo(context), text);
  context.turnState.set(REQUESTS, { text, requests });
  return requests;
}

const REQUESTS = Symbol('Requests');

async function readRequests(context: TurnContext, services: DialogServices, info: TurnInfo, text: string): Promise<Request[]> {
  const parts = pieces(text);
  if (parts.length < 2) {
    // One clause may still list several orders for one task ("扫地机器人和净水器都到哪了"); the turn's own reading of it serves.
    const recognition = await recognizeTurn(context, services, text);
    const family = FAMILY[recognition.intent];
    if (recognition.confidence !== 'confident' || !family) return [];
    const orderId = orderOf(services, info, text, recognition);
    return eachOrderOf(services, info, { intent: recognition.intent, text, ...(orderId ? { orderId } : {}) });
  }
  // (One request is returned too: its order is the one its own clause names, not one named in the story around it.)
  // Pieces joined back into clauses: a clause starts at a hard cut, or at a soft one before a piece naming another order.
  const clauses: { text: string; hard: boolean }[] = [];
  for (const p of parts.slice(0, MAX_CLAUSES * 4)) {
    const last = clauses.at(-1);
    if (!last || p.hard) clauses.push({ ...p });
    else last.text += info.locale === 'zh-CN' ? `，${p.text}` : `, ${p.text}`;
  }
  const candidates = clauses.length >= 2 ? clauses : parts.map((p) => ({ text: p.text, hard: false }));
  const requests: (Request & { family: string })[] = [];
  const soft = clauses.length < 2;
  const buyer = currentBuyer(info);
  let orders: ReturnType<DialogServices['repos']['orders']['listForBuyer']> | undefined;
  const buyerOrders = () => (orders ??= buyer ? services.repos.orders.listForBuyer(buyer.id) : []);
  let leading: { text: string; orderId?: string } | undefined; // words before the first request ("SO-2026-000110，…")
  for (const clause of candidates.slice(0, MAX_CLAUSES)) {
    const recognition = await requestOf(services, info, clause.text);
    // A policy question asked beside a task ("…，另外退款多久到账") is a request too: answered in its turn.
    const family = FAMILY[recognition.intent] ?? (kindOf(recognition.intent) === 'question' ? recognition.intent : undefined);
    const orderId = orderOf(services, info, clause.text, recognition);
    const last = requests.at(-1);
    // "…and the sous vide": a part that only names an order asks nothing of its own, whatever the classifier reads in it.
    const onlyNamesAnOrder = !!orderId && !saysMoreThanTheOrder(clause.text, buyerOrders());
    const isTask = recognition.confidence === 'confident' && !!family && !onlyNamesAnOrder;
    const otherOrder = !!orderId && !!last?.orderId && orderId !== last.orderId;
    // A further request: a task the classifier is sure of, asked as a request (not a story: "…and you shipped it anyway"),
    // of another family or on another order; after a mere comma, only of another family on another order.
    // ("...also the hair dryer stopped working": another order with a task is a request even said as a fact.)
    // After a mere comma, a policy question asked after a task is a request too ("return the chinos, how long does the refund take?").
    // (Not "能退吗" / "can I return it": a policy question about the order just named is that task itself.)
    const askedQuestion = kindOf(recognition.intent) === 'question' && !ABOUT_THE_ORDER.has(recognition.intent) && !!last && !!FAMILY[last.intent] && asksSomething(clause.text);
    const startsNew = isTask && (!last || ((asksSomething(clause.text) || otherOrder) && (soft ? (last.family !== family && otherOrder) || askedQuestion : last.family !== family || otherOrder)));
    if (startsNew) {
      const from = !last && leading ? leading : undefined;
      const id = orderId ?? from?.orderId;
      requests.push({ intent: recognition.intent, text: from ? joinText(info, from.text, clause.text) : clause.text, family: family!, ...(id ? { orderId: id } : {}) });
    } else if (last) {
      // "my jacket hasn't shipped yet, cancel it please": the story came first, the request is what is asked.
      if (isTask && family !== last.family && asksSomething(clause.text) && !asksSomething(last.text)) {
        last.intent = recognition.intent;
        last.family = family!;
      }
      // An order merely named after the request is one more order for it ("cancel the kettle and the sous vide").
      last.text = onlyNamesAnOrder ? listText(info, last.text, clause.text) : joinText(info, last.text, clause.text);
      if (!last.orderId && orderId) last.orderId = orderId;
    } else {
      leading = { text: leading ? joinText(info, leading.text, clause.text) : clause.text, ...((orderId ?? leading?.orderId) ? { orderId: orderId ?? leading?.orderId } : {}) };
    }
  }
  return requests.flatMap(({ family: _f, ...r }) => eachOrderOf(services, info, r));
}

/** Where one request may list several orders: "扫地机器人和净水器都到哪了", "cancel the coat and the lipstick". */
/** Words that only point at an order ("耳机那个", "the headphones one", "就是键盘那单吧"). */
const ONLY_POINTING = /订单|那个|这个|那单|这单|那一单|这一单|那件|这件|那笔|就是|是|的|了|吧|呢|啊|哦|嗯|呀|哈|那|这|\b(the|one|order|that|this|it|is|its|it's|my|please|pls|yes|yeah|ok|okay|i|mean|meant)\b|[\s\p{P}\p{S}]/giu;

/**
 * Whether the words ask for something besides naming an order: "另外键盘那单地址改一下" does (a new
 * request), "耳机那个" does not (the answer to "which order?", whatever the classifier makes of it).
 */
export function saysMoreThanTheOrder(text: string, orders: Parameters<typeof withGoodsAsOrder>[1]): boolean {
  const plain = withGoodsAsOrder(text, orders, '订单') ?? text;
  return plain.replace(ONLY_POINTING, '').length >= 2;
}

const LIST_JOIN = /和|跟|与|以及|、|&|\band\b|\bplus\b/giu; // not a comma: "微波炉坏了，不能加热" is one order and its symptom

/**
 * One request naming several orders, each by its own words ("扫地机器人和净水器都到哪了"), is that
 * request once per order, in the order named (each asks its own question where an action follows).
 */
function eachOrderOf(services: DialogServices, info: TurnInfo, request: Request): Request[] {
  const buyer = currentBuyer(info);
  if (!buyer || !FAMILY[request.intent]) return [request];
  const parts = request.text.split(LIST_JOIN).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return [request];
  const ids: string[] = [];
  for (const part of parts.slice(0, MAX_CLAUSES)) {
    const named = ordersNamedIn(services, buyer, part, info.locale);
    if (named.length === 1 && !ids.includes(named[0]!.id)) ids.push(named[0]!.id);
  }
  return ids.length >= 2 ? ids.map((orderId) => ({ ...request, orderId })) : [request];
}

/** An explicit request in a piece of a clause ("cancel it please", "帮我退了", "麻烦取消"). */
const IMPERATIVE = /please|\bpls\b|\bplz\b|\bcan you\b|\bcould you\b|帮我|帮忙|麻烦|请/iu;

/**
 * What a clause asks: the whole clause classified, unless a comma-separated piece of it is a request
 * of another kind that the rest only explains ("my jacket hasn't shipped yet, cancel it please").
 */
async function requestOf(services: DialogServices, info: TurnInfo, text: string): Promise<RecognitionResult> {
  const whole = await recognizeText(services, info, text);
  const pieces = text.split(SOFT).map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 2 || pieces.length > 4) return whole;
  for (const piece of [...pieces].reverse()) {
    if (!IMPERATIVE.test(piece)) continue;
    const r = await recognizeText(services, info, piece);
    if (r.confidence === 'confident' && FAMILY[r.intent] && FAMILY[r.intent] !== FAMILY[whole.intent] && !pieces.some((p) => p !== piece && IMPERATIVE.test(p))) {
      return { ...r, entities: whole.entities };
    }
    break;
  }
  return whole;
}

function joinText(info: TurnInfo, a: string, b: string): string {
  return info.locale === 'zh-CN' ? `${a}，${b}` : `${a}, ${b}`;
}

/** Two parts joined as a list (`LIST_JOIN`), so `eachOrderOf` finds an order in each. */
function listText(info: TurnInfo, a: string, b: string): string {
  return info.locale === 'zh-CN' ? `${a}和${b}` : `${a} and ${b}`;
}

/**
 * Words that make a clause a request rather than part of a story: asking, wanting, an imperative
 * ("改一下", "退了吧", "cancel …", "where is …"), a question. "…and you shipped it anyway" is none.
 */
const ASKS = /帮我|帮忙|我要|我想|想要|请|麻烦|能不能|能否|可以|可不可以|给我|一下|吧|掉|吗|呢|[?？]|多久|什么时候|哪|怎么|\b(please|pls|can you|could you|can i|could i|i want|i'd like|i would like|i need|need to|want to|let me|help me|where|when|how|what|why|is it|are)\b|^(cancel|return|refund|exchange|swap|change|update|fix|track|check|send|ship|contact|invoice|complain|get|give|stop|do|and|also|plus)\b/iu;

function asksSomething(text: string): boolean {
  return ASKS.test(text.trim());
}
