import { z } from 'zod';

/**
 * The import format of `shop-data.md` as zod schemas: the one definition that validates an import,
 * types the repositories and checks the store on load. Objects are loose, so a merchant's extra
 * fields survive an import untouched.
 */

/** ISO 8601 with a zone (`Z` or `±hh:mm`), as `shop-data.md` requires: a time without a zone is ambiguous across buyers' time zones. */
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export const isoTime = z
  .string()
  .refine((s) => ISO_WITH_ZONE.test(s) && !Number.isNaN(Date.parse(s)), {
    message: 'expected an ISO 8601 time with a zone, such as 2026-11-01T09:00:00+08:00',
  });

const nullableTime = isoTime.nullable().optional();
const id = z.string().trim().min(1, 'must not be empty');
const money = z.number().finite().nonnegative();

export const localizedText = z.looseObject({ zh: z.string().min(1), en: z.string().min(1) });

export const channelAccount = z.looseObject({ channelId: id, userId: id });

export const penalty = z.looseObject({
  at: isoTime,
  reason: z.string().min(1),
  /** Penalties stay open until resolved; `resolvedAt` closes one (our addition, optional). */
  resolvedAt: nullableTime,
});

export const businessLine = z.looseObject({ id, name: localizedText });

export const merchant = z.looseObject({
  id,
  name: z.string().min(1),
  businessLine: id,
  contactHandle: z.string().min(1),
  rating: z.number().min(0).max(5),
  penalties: z.array(penalty).default([]),
  /** Notes the desk put on the merchant (shipped after a cancel request), for the platform to confirm as penalties (our addition). */
  penaltyNotes: z.array(z.looseObject({ at: isoTime, reason: z.string(), orderId: z.string().optional() })).optional(),
});

export const CREDIT_LEVELS = ['good', 'normal', 'risky'] as const;
export const SUPPORTED_LOCALES = ['zh-CN', 'en-US'] as const;

export const buyer = z.looseObject({
  id,
  name: z.string().min(1),
  locale: z.enum(SUPPORTED_LOCALES),
  channelAccounts: z.array(channelAccount).default([]),
  phone: z.string().min(3),
  credit: z.enum(CREDIT_LEVELS),
  refundsLast30Days: z.number().int().nonnegative().default(0),
  penalties: z.array(penalty).default([]),
  preferences: z.array(z.string()).default([]),
  /** IANA time zone for proactive messages; defaults by locale (our addition, optional). */
  timeZone: z.string().optional(),
});

export const ORDER_STATUSES = [
  'unpaid',
  'paid',
  'shipped',
  'delivered',
  'completed',
  'cancelled',
  'refund_requested',
  'return_requested',
  'refunded',
  'closed',
] as const;
export const GOODS_TYPES = ['physical', 'virtual'] as const;

export const orderItem = z.looseObject({
  sku: id,
  title: z.string().min(1),
  category: z.string().min(1),
  goodsType: z.enum(GOODS_TYPES),
  returnableWithoutReason: z.boolean(),
  unitPrice: money,
  quantity: z.number().int().positive(),
});

export const address = z.looseObject({
  name: z.string().min(1),
  phone: z.string().min(3),
  line: z.string().min(1),
});

export const logisticsEvent = z.looseObject({ at: isoTime, text: z.string().min(1) });

export const logistics = z.looseObject({
  carrier: z.string().min(1),
  trackingNo: z.string().min(1),
  events: z.array(logisticsEvent).default([]),
});

export const order = z.looseObject({
  id,
  buyerId: id,
  merchantId: id,
  businessLine: id,
  status: z.enum(ORDER_STATUSES),
  items: z.array(orderItem).min(1, 'an order has at least one item'),
  total: money,
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a 3-letter currency code such as CNY'),
  shippingInsurance: z.boolean().default(false),
  createdAt: isoTime,
  paidAt: nullableTime,
  shipBy: nullableTime,
  shippedAt: nullableTime,
  deliveredAt: nullableTime,
  cancelRequestedAt: nullableTime,
  address: address.nullable().optional(),
  logistics: logistics.nullable().optional(),
  // What the desk did to the order (our additions, optional; the history is in the event log).
  cancelledAt: nullableTime,
  refund: z.looseObject({ amount: money, currency: z.string(), status: z.enum(['requested', 'refunded']), at: isoTime }).nullable().optional(),
  afterSale: z
    .looseObject({
      kind: z.enum(['return', 'exchange', 'refuse_parcel', 'intercept']),
      requestedAt: isoTime,
      returnShippingPaidBy: z.enum(['buyer', 'merchant', 'insurance']).optional(),
      photos: z.array(z.string()).optional(),
      skus: z.array(z.string()).optional(),
    })
    .nullable()
    .optional(),
  invoiceRequestedAt: nullableTime,
  urgedAt: nullableTime,
  lateShipmentCompensation: z.looseObject({ notedAt: isoTime, status: z.string() }).nullable().optional(),
  unpaidReminderAt: nullableTime,
  // The desk's last change to the order, written with it in one atomic write (see data/orderActions.ts).
  lastEvent: z.looseObject({ type: z.literal('order'), id: z.string(), at: isoTime, action: z.string() }).optional(),
});

export const agent = z.looseObject({
  id,
  name: z.string().min(1),
  businessLines: z.array(id).min(1),
  capacity: z.number().int().positive(),
  languages: z.array(z.enum(['zh', 'en'])).min(1),
  channelAccounts: z.array(channelAccount).default([]),
});

/** Who signs in to /console (shop-data.md `managers`): the lines they oversee, all when absent. */
export const manager = z.looseObject({
  id,
  name: z.string().min(1),
  businessLines: z.array(id).optional(),
  // Our addition: chat accounts a manager asks for the day's summary (`/today`) from.
  channelAccounts: z.array(channelAccount).default([]),
});

export const knowledgeBaseEntry = z.looseObject({
  id,
  intent: z.string().regex(/^question\.[a-z_]+$/, 'expected a question.* intent id of intents.md'),
  question: localizedText,
  answer: localizedText,
});

/** A reply agents may send with one click, by intent (our addition, optional; approved by a manager). */
export const standardReply = z.looseObject({
  intent: z.string().regex(/^[a-z]+\.[a-z_]+$/, 'expected an intent id of intents.md'),
  text: localizedText,
});

/** One message of a past contact (shop-data.md `history`). */
export const historyMessage = z.looseObject({
  at: isoTime,
  from: z.enum(['buyer', 'bot', 'agent']),
  agentId: id.optional(),
  text: z.string(),
});

/**
 * A past contact (shop-data.md `history`, e.g. from a previous desk): who, which line, the
 * messages, and, when a person took it, when it was queued, claimed and ended, and its rating.
 */
export const historyContact = z
  .looseObject({
    id,
    buyerId: id.nullable().optional(),
    businessLine: id,
    locale: z.enum(SUPPORTED_LOCALES),
    startedAt: isoTime,
    messages: z.array(historyMessage).default([]),
    queuedAt: nullableTime,
    claimedAt: nullableTime,
    agentId: id.nullable().optional(),
    endedAt: nullableTime,
    rating: z.looseObject({ satisfied: z.boolean(), why: z.string().optional() }).nullable().optional(),
  })
  .superRefine((c, ctx) => {
    const order = (a: string | null | undefined, b: string | null | undefined, path: string, what: string) => {
      if (a && b && Date.parse(b) < Date.parse(a)) ctx.addIssue({ code: 'custom', path: [path], message: `is before ${what}` });
    };
    order(c.startedAt, c.queuedAt, 'queuedAt', 'startedAt');
    order(c.queuedAt, c.claimedAt, 'claimedAt', 'queuedAt');
    order(c.claimedAt ?? c.queuedAt ?? c.startedAt, c.endedAt, 'endedAt', 'the contact began (or was claimed)');
    if (c.claimedAt && !c.agentId) ctx.addIssue({ code: 'custom', path: ['agentId'], message: 'is required when claimedAt is set' });
  });

export const shopData = z.looseObject({
  businessLines: z.array(businessLine).min(1),
  merchants: z.array(merchant),
  buyers: z.array(buyer),
  orders: z.array(order),
  agents: z.array(agent),
  managers: z.array(manager).default([]),
  history: z.array(historyContact).default([]),
  standardReplies: z.array(standardReply).optional(),
  knowledgeBase: z.array(knowledgeBaseEntry).default([]),
});

export type LocalizedText = z.infer<typeof localizedText>;
export type ChannelAccount = z.infer<typeof channelAccount>;
export type Penalty = z.infer<typeof penalty>;
export type BusinessLine = z.infer<typeof businessLine>;
export type Merchant = z.infer<typeof merchant>;
export type Buyer = z.infer<typeof buyer>;
export type CreditLevel = (typeof CREDIT_LEVELS)[number];
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export type OrderItem = z.infer<typeof orderItem>;
export type Order = z.infer<typeof order>;
export type Agent = z.infer<typeof agent>;
export type Manager = z.infer<typeof manager>;
export type HistoryContact = z.infer<typeof historyContact>;
export type KnowledgeBaseEntry = z.infer<typeof knowledgeBaseEntry>;
export type ShopData = z.infer<typeof shopData>;
/** The shop file as a merchant writes it (defaults not yet applied). */
export type ShopDataInput = z.input<typeof shopData>;
