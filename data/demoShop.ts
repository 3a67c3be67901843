import { DEMO_STANDARD_REPLIES } from './demoStandardReplies.js';
import type { CreditLevel, HistoryContact, Locale, OrderStatus, ShopDataInput } from './shopSchema.js';
import { buildDemoHistory } from './demoHistory.js';

/*
 * The demo shop: what a fresh desk is seeded with, what the Emulator demo runs on, and what the
 * tests name. Every time is computed from the seeding moment, so "delivered 3 days ago" stays true
 * whenever the desk is seeded; every id is fixed, so tests can refer to it.
 *
 * Orders that show a rule of after-sales-policy.md carry an extra `demoCases` field listing those
 * rule ids (extra fields survive the import), and sometimes a `demoNote` telling the story the
 * facts alone cannot (what the buyer says is wrong, that the seller is not answering).
 */

type BuyerInput = ShopDataInput['buyers'][number];
type MerchantInput = ShopDataInput['merchants'][number];
type OrderInput = ShopDataInput['orders'][number];
type OrderItemInput = OrderInput['items'][number];
type AgentInput = ShopDataInput['agents'][number];
type KnowledgeBaseInput = NonNullable<ShopDataInput['knowledgeBase']>[number];
type Language = 'zh' | 'en';

/** Rule ids of after-sales-policy.md, to keep `demoCases` free of typos. */
type RuleId =
  | 'cancel.unpaid'
  | 'cancel.paid_unshipped'
  | 'cancel.in_transit'
  | 'cancel.shipped_after_request'
  | 'cancel.delivered'
  | 'cancel.virtual_delivered'
  | 'return.no_reason'
  | 'return.not_returnable'
  | 'return.quality'
  | 'return.expired'
  | 'return.review_amount'
  | 'return.risky_buyer'
  | 'return.merchant_flagged'
  | 'track.before_ship_by'
  | 'track.late_shipment'
  | 'track.in_transit'
  | 'track.stalled'
  | 'address.unshipped'
  | 'address.shipped'
  | 'invoice.request'
  | 'merchant.unresponsive';

// ---------------------------------------------------------------------------------------------
// Time

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;
/** Buyers pay a couple of minutes after placing an order. */
const PAYMENT_DELAY_HOURS = 2 / 60;
/** Sellers promise to ship within 48 hours of payment (the shop's default ship-by window). */
const SHIP_WITHIN_HOURS = 48;
/** Codes, e-tickets and vouchers are sent a few minutes after payment. */
const CODE_DELIVERY_HOURS = 5 / 60;
/** The courier's "out for delivery" scan comes this long before the parcel is signed for. */
const OUT_FOR_DELIVERY_LEAD_HOURS = 3;
/** A parcel between scans for longer than this gets an extra "departed" scan on the way. */
const LONG_LEG_HOURS = 24;
/** China Standard Time, where Chinese buyers live and the platform records merchant penalties. */
const CHINA_UTC_OFFSET_MINUTES = 8 * 60;

/** A moment as hours before the seeding moment `now`; negative values lie in the future. */
type HoursAgo = number;

/** `days` days and `hours` hours before now. */
function ago(days: number, hours = 0): HoursAgo {
  return days * 24 + hours;
}

/** Formats `offsetMinutes` as an ISO 8601 zone designator such as `+08:00` or `-05:00`. */
function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The moment `hoursAgo` before `now` as ISO 8601 local time at a fixed offset, to the second. */
function isoAt(now: Date, hoursAgo: HoursAgo, offsetMinutes: number): string {
  const ms = now.getTime() - Math.round(hoursAgo * MS_PER_HOUR) + offsetMinutes * MS_PER_MINUTE;
  return `${new Date(ms).toISOString().slice(0, 19)}${formatOffset(offsetMinutes)}`;
}

// ---------------------------------------------------------------------------------------------
// Business lines, merchants, buyers, agents

type LineId = 'marketplace' | 'mall' | 'travel';

const BUSINESS_LINES: ShopDataInput['businessLines'] = [
  { id: 'marketplace', name: { zh: '集市', en: 'Marketplace' } },
  { id: 'mall', name: { zh: '品牌商城', en: 'Brand Mall' } },
  { id: 'travel', name: { zh: '旅行与充值', en: 'Travel & Top-ups' } },
];

interface PenaltySeed {
  at: HoursAgo;
  reason: string;
  resolvedAt?: HoursAgo;
}

interface MerchantSeed {
  id: string;
  name: string;
  businessLine: LineId;
  contactHandle: string;
  rating: number;
  penalties: PenaltySeed[];
  /** Where parcels leave from, for tracking texts in each language. */
  shipsFrom: Record<Language, string>;
}

const MERCHANTS: readonly MerchantSeed[] = [
  {
    id: 'm-yunshang', name: '云裳女装工作室', businessLine: 'marketplace',
    contactHandle: 'im:yunshang-service', rating: 4.7, penalties: [],
    shipsFrom: { zh: '杭州', en: 'Hangzhou, China' },
  },
  {
    // The one flagged merchant: a low rating and two open penalties (return.merchant_flagged).
    id: 'm-xiaoyu', name: '小鱼数码 Xiaoyu Digital', businessLine: 'marketplace',
    contactHandle: 'im:xiaoyu-service', rating: 3.6,
    penalties: [
      { at: ago(12), reason: 'late shipment: 5 orders shipped after their ship-by time in one week' },
      { at: ago(31), reason: 'shipped an order after the buyer had asked to cancel it' },
    ],
    shipsFrom: { zh: '深圳', en: 'Shenzhen, China' },
  },
  {
    // A penalty that was resolved long ago: not open, so the merchant is not flagged.
    id: 'm-maple', name: 'Maple & Thread', businessLine: 'marketplace',
    contactHandle: 'im:maple-thread-service', rating: 4.5,
    penalties: [{ at: ago(92), reason: 'late shipment', resolvedAt: ago(88) }],
    shipsFrom: { zh: '波特兰', en: 'Portland, OR' },
  },
  {
    id: 'm-greenfield', name: 'Greenfield Pantry', businessLine: 'marketplace',
    contactHandle: 'im:greenfield-service', rating: 4.4, penalties: [],
    shipsFrom: { zh: '萨克拉门托', en: 'Sacramento, CA' },
  },
  {
    id: 'm-guoyuan', name: '果园鲜生', businessLine: 'marketplace',
    contactHandle: 'im:guoyuan-service', rating: 4.3, penalties: [],
    shipsFrom: { zh: '昆明', en: 'Kunming, China' },
  },
  {
    id: 'm-ruihe', name: '瑞禾家居官方旗舰店', businessLine: 'mall',
    contactHandle: 'im:ruihe-service', rating: 4.8, penalties: [],
    shipsFrom: { zh: '佛山', en: 'Foshan, China' },
  },
  {
    id: 'm-brightlab', name: 'BrightLab Official Store', businessLine: 'mall',
    contactHandle: 'im:brightlab-service', rating: 4.9, penalties: [],
    shipsFrom: { zh: '东莞', en: 'Reno, NV' },
  },
  {
    id: 'm-lumi', name: '露米美妆官方旗舰店 Lumi Beauty', businessLine: 'mall',
    contactHandle: 'im:lumi-service', rating: 4.6, penalties: [],
    shipsFrom: { zh: '上海', en: 'Edison, NJ' },
  },
  {
    id: 'm-inkwell', name: '墨香书局 Inkwell Books', businessLine: 'mall',
    contactHandle: 'im:inkwell-service', rating: 4.8, penalties: [],
    shipsFrom: { zh: '天津', en: 'Nashville, TN' },
  },
  {
    id: 'm-xingcheng', name: '星程旅行', businessLine: 'travel',
    contactHandle: 'im:xingcheng-service', rating: 4.7, penalties: [],
    shipsFrom: { zh: '线上发放', en: 'online' },
  },
  {
    id: 'm-skyway', name: 'Skyway Travel & Top-ups', businessLine: 'travel',
    contactHandle: 'im:skyway-service', rating: 4.5, penalties: [],
    shipsFrom: { zh: '线上发放', en: 'online' },
  },
];

interface BuyerSeed {
  id: string;
  name: string;
  locale: Locale;
  phone: string;
  credit: CreditLevel;
  refundsLast30Days: number;
  penalties: PenaltySeed[];
  preferences: string[];
  timeZone?: string;
  /** The offset their order times are written in. */
  utcOffsetMinutes: number;
  /** City for tracking texts, and the street address. */
  city: string;
  addressLine: string;
  /** A second chat account, for buyers who also write from the web chat. */
  webchatUserId?: string;
}

const SHANGHAI = { timeZone: 'Asia/Shanghai', utcOffsetMinutes: CHINA_UTC_OFFSET_MINUTES };
const NEW_YORK = { timeZone: 'America/New_York', utcOffsetMinutes: -5 * 60 };
const CHICAGO = { timeZone: 'America/Chicago', utcOffsetMinutes: -6 * 60 };
const DENVER = { timeZone: 'America/Denver', utcOffsetMinutes: -7 * 60 };
const LOS_ANGELES = { timeZone: 'America/Los_Angeles', utcOffsetMinutes: -8 * 60 };

const BUYERS: readonly BuyerSeed[] = [
  {
    id: 'b-zh-01', name: '王芳', locale: 'zh-CN', phone: '13816572043', credit: 'good',
    refundsLast30Days: 1, penalties: [], ...SHANGHAI, webchatUserId: 'wc-7f3a21',
    preferences: ['回复简短一点就好', '工作日白天不方便接电话，有事请发消息'],
    city: '上海', addressLine: '上海市浦东新区张杨路1588号 金桥花园5号楼1202室',
  },
  {
    id: 'b-zh-02', name: '李明', locale: 'zh-CN', phone: '13917284456', credit: 'normal',
    refundsLast30Days: 0, penalties: [], ...SHANGHAI,
    preferences: ['快递请放小区丰巢柜'],
    city: '北京', addressLine: '北京市朝阳区望京街道阜通东大街6号 方恒国际C座1805室',
  },
  {
    id: 'b-zh-03', name: '张伟', locale: 'zh-CN', phone: '18621563390', credit: 'good',
    refundsLast30Days: 1, penalties: [], ...SHANGHAI, webchatUserId: 'wc-52bd90',
    preferences: ['尽量发顺丰', '发票抬头：杭州云启科技有限公司'],
    city: '杭州', addressLine: '浙江省杭州市西湖区文三路478号 华星时代广场A座903室',
  },
  {
    id: 'b-zh-04', name: '陈静', locale: 'zh-CN', phone: '15026718832', credit: 'normal',
    refundsLast30Days: 0, penalties: [], ...SHANGHAI,
    preferences: ['晚上8点以后再联系'],
    city: '广州', addressLine: '广东省广州市天河区体育西路103号 维多利广场B塔2106室',
  },
  {
    id: 'b-zh-05', name: '刘洋', locale: 'zh-CN', phone: '17701239968', credit: 'risky',
    refundsLast30Days: 1, penalties: [], ...SHANGHAI,
    preferences: ['希望一次说清楚，别让我等'],
    city: '成都', addressLine: '四川省成都市武侯区天府大道北段1700号 环球中心E1区1608室',
  },
  {
    id: 'b-zh-06', name: '赵磊', locale: 'zh-CN', phone: '13652087714', credit: 'normal',
    refundsLast30Days: 4, penalties: [], ...SHANGHAI,
    preferences: ['喜欢电话沟通'],
    city: '南京', addressLine: '江苏省南京市鼓楼区湖南路18号 凤凰公寓3栋602室',
  },
  {
    id: 'b-zh-07', name: '孙丽', locale: 'zh-CN', phone: '18817406625', credit: 'normal',
    refundsLast30Days: 0, ...SHANGHAI,
    penalties: [{ at: ago(21), reason: '恶意退货：退回商品与发出商品不一致，退款已拒绝' }],
    preferences: ['给爸妈买的东西请备注“送礼，不放价格单”'],
    city: '武汉', addressLine: '湖北省武汉市洪山区珞喻路1037号 光谷步行街7栋2单元801室',
  },
  {
    id: 'b-en-01', name: 'Emily Johnson', locale: 'en-US', phone: '+1-212-555-0147', credit: 'good',
    refundsLast30Days: 0, penalties: [], ...NEW_YORK, webchatUserId: 'wc-e91c04',
    preferences: ['Prefers short answers', 'Please message rather than call during work hours'],
    city: 'New York, NY', addressLine: '350 W 42nd St, Apt 12B, New York, NY 10036',
  },
  {
    id: 'b-en-02', name: 'Michael Brown', locale: 'en-US', phone: '+1-312-555-0182', credit: 'normal',
    refundsLast30Days: 0, penalties: [], ...CHICAGO,
    preferences: ['Leave parcels with the building concierge'],
    city: 'Chicago, IL', addressLine: '233 N Michigan Ave, Apt 1904, Chicago, IL 60601',
  },
  {
    id: 'b-en-03', name: 'Sarah Davis', locale: 'en-US', phone: '+1-310-555-0126', credit: 'good',
    refundsLast30Days: 1, penalties: [], ...LOS_ANGELES,
    preferences: ['Likes step-by-step instructions'],
    city: 'Santa Monica, CA', addressLine: '1450 Ocean Ave, Unit 3, Santa Monica, CA 90401',
  },
  {
    id: 'b-en-04', name: 'David Wilson', locale: 'en-US', phone: '+1-617-555-0138', credit: 'normal',
    refundsLast30Days: 0, penalties: [], ...NEW_YORK,
    preferences: ['Works from home on Fridays, best day for deliveries'],
    city: 'Boston, MA', addressLine: '77 Beacon St, Apt 4, Boston, MA 02108',
  },
  {
    id: 'b-en-05', name: 'Jason Miller', locale: 'en-US', phone: '+1-713-555-0164', credit: 'risky',
    refundsLast30Days: 1, penalties: [], ...CHICAGO,
    preferences: ['Wants a phone call for anything over $100'],
    city: 'Houston, TX', addressLine: '4100 Westheimer Rd, Apt 210, Houston, TX 77027',
  },
  {
    id: 'b-en-06', name: 'Ashley Moore', locale: 'en-US', phone: '+1-303-555-0171', credit: 'normal',
    refundsLast30Days: 3, penalties: [], ...DENVER,
    preferences: ['Prefers an email summary after each chat'],
    city: 'Denver, CO', addressLine: '1600 Glenarm Pl, Apt 807, Denver, CO 80202',
  },
  {
    // No time zone on file: order times are in UTC and the desk falls back to the locale's default.
    id: 'b-en-07', name: 'Kevin Taylor', locale: 'en-US', phone: '+1-206-555-0155', credit: 'good',
    refundsLast30Days: 0, utcOffsetMinutes: 0,
    penalties: [{ at: ago(18), reason: 'Return abuse: returned item did not match the one shipped; refund refused' }],
    preferences: ['Short answers, no emojis'],
    city: 'Seattle, WA', addressLine: '1201 2nd Ave, Apt 1502, Seattle, WA 98101',
  },
];

const AGENTS: readonly AgentInput[] = [
  agent('a-01', '林晓美', ['marketplace', 'mall'], 4, ['zh']),
  agent('a-02', '陈思雨', ['mall'], 3, ['zh', 'en']),
  agent('a-03', 'James Carter', ['marketplace'], 3, ['en']),
  agent('a-04', '周婷', ['travel'], 2, ['zh', 'en']),
  agent('a-05', 'Olivia Brooks', ['mall', 'travel'], 5, ['en']),
];

/** An agent who writes from the Emulator as `agent-<id>`. */
function agent(
  id: string,
  name: string,
  businessLines: LineId[],
  capacity: number,
  languages: Language[],
): AgentInput {
  return { id, name, businessLines, capacity, languages, channelAccounts: [{ channelId: 'emulator', userId: `agent-${id}` }] };
}

// ---------------------------------------------------------------------------------------------
// Goods

interface CategoryRule {
  goodsType: 'physical' | 'virtual';
  returnableWithoutReason: boolean;
}

const RETURNABLE: CategoryRule = { goodsType: 'physical', returnableWithoutReason: true };
const NOT_RETURNABLE: CategoryRule = { goodsType: 'physical', returnableWithoutReason: false };
const VIRTUAL: CategoryRule = { goodsType: 'virtual', returnableWithoutReason: false };

/** What each category means for returns: customised, perishable, hygiene and virtual goods are excluded from no-reason returns. */
const CATEGORIES = {
  apparel: RETURNABLE,
  electronics: RETURNABLE,
  home: RETURNABLE,
  beauty: RETURNABLE,
  books: RETURNABLE,
  food: RETURNABLE,
  customised: NOT_RETURNABLE,
  fresh_food: NOT_RETURNABLE,
  hygiene: NOT_RETURNABLE,
  top_up: VIRTUAL,
  e_voucher: VIRTUAL,
  ticket: VIRTUAL,
  game_code: VIRTUAL,
} as const satisfies Record<string, CategoryRule>;

type Category = keyof typeof CATEGORIES;

/** One line of an order; goods type and returnability follow from the category. */
function item(sku: string, title: string, category: Category, unitPrice: number, quantity = 1): OrderItemInput {
  return { sku, title, category, ...CATEGORIES[category], unitPrice, quantity };
}

// ---------------------------------------------------------------------------------------------
// Carriers and tracking

interface Carrier {
  name: string;
  trackingPrefix: string;
  trackingDigits: number;
}

const CARRIERS = {
  sf: { name: '顺丰速运', trackingPrefix: 'SF', trackingDigits: 13 },
  zto: { name: '中通快递', trackingPrefix: '78', trackingDigits: 12 },
  jd: { name: '京东物流', trackingPrefix: 'JDVC', trackingDigits: 11 },
  ups: { name: 'UPS', trackingPrefix: '1Z4F83E7', trackingDigits: 10 },
  fedex: { name: 'FedEx', trackingPrefix: '', trackingDigits: 12 },
  usps: { name: 'USPS', trackingPrefix: '9400', trackingDigits: 18 },
} as const satisfies Record<string, Carrier>;

type CarrierId = keyof typeof CARRIERS;

const DEFAULT_CARRIER: Record<Locale, CarrierId> = { 'zh-CN': 'sf', 'en-US': 'ups' };
const CURRENCY: Record<Locale, string> = { 'zh-CN': 'CNY', 'en-US': 'USD' };

/** A tracking number in the carrier's format, derived from the order id so it never changes. */
function trackingNo(carrier: Carrier, orderId: string): string {
  const digits = `${[...orderId].reverse().join('')}${orderId}`.slice(0, carrier.trackingDigits);
  return `${carrier.trackingPrefix}${digits}`;
}

interface ScanTexts {
  pickedUp: string;
  departed: string;
  arrived: string;
  outForDelivery: string;
  delivered: string;
}

/** What a courier's scans say, in the buyer's language. */
function scanTexts(language: Language, carrier: string, from: string, to: string): ScanTexts {
  return language === 'zh'
    ? {
        pickedUp: `已揽收：${carrier}快递员已在【${from}】揽收快件`,
        departed: `运输中：快件已从【${from}转运中心】发出，发往【${to}】`,
        arrived: `运输中：快件已到达【${to}转运中心】`,
        outForDelivery: '派送中：快递员正在为您派送，请保持电话畅通',
        delivered: `已签收：您的快件已签收，签收人：本人。感谢使用${carrier}`,
      }
    : {
        pickedUp: `Picked up by ${carrier} in ${from}`,
        departed: `In transit: departed ${carrier} facility in ${from}`,
        arrived: `In transit: arrived at ${carrier} facility in ${to}`,
        outForDelivery: 'Out for delivery',
        delivered: 'Delivered: left at front door',
      };
}

interface Scan {
  at: HoursAgo;
  text: string;
}

/** The scans of a parcel shipped at `shipped`, last seen at `lastScan`, signed for at `delivered` if it was. */
function scans(texts: ScanTexts, shipped: HoursAgo, lastScan: HoursAgo, delivered: HoursAgo | undefined): Scan[] {
  const list: Scan[] = [{ at: shipped, text: texts.pickedUp }];
  const arrivedAt = delivered === undefined ? lastScan : (shipped + delivered) / 2;
  if (arrivedAt < shipped) {
    if (shipped - arrivedAt > LONG_LEG_HOURS) list.push({ at: (shipped + arrivedAt) / 2, text: texts.departed });
    list.push({ at: arrivedAt, text: texts.arrived });
  }
  if (delivered !== undefined) {
    list.push({ at: delivered + OUT_FOR_DELIVERY_LEAD_HOURS, text: texts.outForDelivery });
    list.push({ at: delivered, text: texts.delivered });
  }
  return list;
}

// ---------------------------------------------------------------------------------------------
// Orders

/** An order as the story of its life, in hours ago; the builder derives the rest. */
interface OrderSeed {
  id: string;
  buyer: string;
  merchant: string;
  status: OrderStatus;
  items: OrderItemInput[];
  placed: HoursAgo;
  /** Physical goods: handed to the courier. Virtual goods are sent right after payment. */
  shipped?: HoursAgo;
  delivered?: HoursAgo;
  /** Shipped, not delivered: the latest courier scan (default: the pick-up). */
  lastScan?: HoursAgo;
  cancelRequested?: HoursAgo;
  /** A cancelled order that was never paid. */
  neverPaid?: boolean;
  insured?: boolean;
  carrier?: CarrierId;
  demoCases?: RuleId[];
  demoNote?: string;
}

/** Statuses in which an order was never paid. */
const UNPAID_STATUSES: readonly OrderStatus[] = ['unpaid', 'closed'];
/** Statuses in which a paid virtual order has not had its codes sent. */
const CODES_NOT_SENT: readonly OrderStatus[] = ['paid', 'cancelled'];

/** Rounds money to cents, so that prices like 39.99 add up exactly. */
function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** The seed with this id; a typo in the demo data fails loudly, naming the order. */
function lookup<T extends { id: string }>(list: readonly T[], id: string, what: string, orderId: string): T {
  const found = list.find((x) => x.id === id);
  if (!found) throw new Error(`buildDemoShop(): order ${orderId} names an unknown ${what} ${id}`);
  return found;
}

/** An order of the import format from its seed: money, currency, ship-by, address and tracking derived. */
function buildOrder(seed: OrderSeed, now: Date): OrderInput {
  const buyer = lookup(BUYERS, seed.buyer, 'buyer', seed.id);
  const merchant = lookup(MERCHANTS, seed.merchant, 'merchant', seed.id);
  const language: Language = buyer.locale === 'zh-CN' ? 'zh' : 'en';
  const at = (hoursAgo: HoursAgo): string => isoAt(now, hoursAgo, buyer.utcOffsetMinutes);
  const atOrNull = (hoursAgo: HoursAgo | undefined): string | null => (hoursAgo === undefined ? null : at(hoursAgo));

  const isVirtual = seed.items.every((i) => i.goodsType === 'virtual');
  const paid = UNPAID_STATUSES.includes(seed.status) || seed.neverPaid ? undefined : seed.placed - PAYMENT_DELAY_HOURS;
  const codesSent = isVirtual && paid !== undefined && !CODES_NOT_SENT.includes(seed.status);
  const codesAt = paid === undefined ? undefined : paid - CODE_DELIVERY_HOURS;
  const shipped = isVirtual ? (codesSent ? codesAt : undefined) : seed.shipped;
  const delivered = isVirtual ? shipped : seed.delivered;

  const carrier = CARRIERS[seed.carrier ?? DEFAULT_CARRIER[buyer.locale]];
  const texts = scanTexts(language, carrier.name, merchant.shipsFrom[language], buyer.city);
  const logistics =
    isVirtual || seed.shipped === undefined
      ? null
      : {
          carrier: carrier.name,
          trackingNo: trackingNo(carrier, seed.id),
          events: scans(texts, seed.shipped, seed.lastScan ?? seed.shipped, seed.delivered).map((s) => ({
            at: at(s.at),
            text: s.text,
          })),
        };

  return {
    id: seed.id,
    buyerId: buyer.id,
    merchantId: merchant.id,
    businessLine: merchant.businessLine,
    status: seed.status,
    items: seed.items,
    total: roundMoney(seed.items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0)),
    currency: CURRENCY[buyer.locale],
    shippingInsurance: seed.insured ?? false,
    createdAt: at(seed.placed),
    paidAt: atOrNull(paid),
    shipBy: isVirtual || paid === undefined ? null : at(paid - SHIP_WITHIN_HOURS),
    shippedAt: atOrNull(shipped),
    deliveredAt: atOrNull(delivered),
    cancelRequestedAt: atOrNull(seed.cancelRequested),
    address: isVirtual ? null : { name: buyer.name, phone: buyer.phone, line: buyer.addressLine },
    logistics,
    ...(seed.demoCases ? { demoCases: seed.demoCases } : {}),
    ...(seed.demoNote ? { demoNote: seed.demoNote } : {}),
  };
}

/** Orders of Chinese buyers: prices in CNY, titles in Chinese. */
const ZH_ORDERS: readonly OrderSeed[] = [
  // b-zh-01 王芳: the main Chinese demo buyer, more than five orders.
  {
    id: '20260412093817', buyer: 'b-zh-01', merchant: 'm-yunshang', status: 'unpaid', placed: ago(0, 2),
    items: [item('YS-KC-2301', '羊毛混纺针织开衫 燕麦色 M', 'apparel', 259)],
    demoCases: ['cancel.unpaid'],
  },
  {
    id: '20260403160931', buyer: 'b-zh-01', merchant: 'm-inkwell', status: 'delivered',
    placed: ago(5), shipped: ago(4, 6), delivered: ago(2, 3), carrier: 'jd',
    items: [item('IW-ZH-3T', '《三体》全集 典藏版（共3册）', 'books', 93.6)],
    demoCases: ['cancel.delivered'],
  },
  {
    id: '20260407214455', buyer: 'b-zh-01', merchant: 'm-yunshang', status: 'delivered',
    placed: ago(6), shipped: ago(5, 8), delivered: ago(3), carrier: 'zto', insured: true,
    items: [item('YS-DR-2417', '法式碎花雪纺连衣裙 中长款 S', 'apparel', 329)],
    demoCases: ['return.no_reason', 'cancel.delivered'],
  },
  {
    id: '20260412081509', buyer: 'b-zh-01', merchant: 'm-lumi', status: 'paid', placed: ago(0, 6),
    items: [item('LM-SS-50', '露米 清透防晒乳 SPF50+ PA++++ 50ml', 'beauty', 178)],
    demoCases: ['track.before_ship_by', 'address.unshipped', 'invoice.request'],
  },
  {
    id: '20260411093340', buyer: 'b-zh-01', merchant: 'm-brightlab', status: 'shipped',
    placed: ago(1, 22), shipped: ago(1, 6), lastScan: ago(0, 3),
    items: [item('BL-KB-87', 'BrightLab K87 机械键盘 茶轴 RGB背光', 'electronics', 449)],
    demoCases: ['track.in_transit'],
  },
  {
    id: '20260408075621', buyer: 'b-zh-01', merchant: 'm-guoyuan', status: 'refund_requested',
    placed: ago(6), shipped: ago(5, 10), delivered: ago(4),
    items: [item('GY-GR-2KG', '云南阳光玫瑰青提 2kg 礼盒装', 'fresh_food', 89)],
    demoCases: ['merchant.unresponsive'],
    demoNote: '签收当天发现部分果粒腐烂，申请仅退款并上传了照片，商家3天未回复。',
  },
  {
    id: '20260214183302', buyer: 'b-zh-01', merchant: 'm-xingcheng', status: 'completed', placed: ago(45),
    items: [item('XC-TOP-100', '中国移动 话费充值 100元（快充）', 'top_up', 99.5)],
  },
  {
    id: '20260301120814', buyer: 'b-zh-01', merchant: 'm-ruihe', status: 'completed',
    placed: ago(38), shipped: ago(37, 4), delivered: ago(35),
    items: [item('RH-AR-200', '无火香薰 白茶香 200ml', 'home', 69, 2)],
  },
  {
    id: '20260402092211', buyer: 'b-zh-01', merchant: 'm-yunshang', status: 'cancelled', neverPaid: true,
    placed: ago(9), cancelRequested: ago(8, 23),
    items: [item('YS-JN-0321', '高腰直筒牛仔裤 浅蓝 27码', 'apparel', 219)],
  },
  {
    id: '20260322163047', buyer: 'b-zh-01', merchant: 'm-lumi', status: 'refunded',
    placed: ago(20), shipped: ago(19, 5), delivered: ago(17),
    items: [item('LM-FC-120', '露米 氨基酸温和洁面乳 120g', 'beauty', 89)],
  },

  // b-zh-02 李明
  {
    id: '20260411201536', buyer: 'b-zh-02', merchant: 'm-ruihe', status: 'paid', placed: ago(0, 3),
    items: [item('RH-PL-080', '泰国天然乳胶枕 成人护颈款 60×40cm', 'home', 399)],
    demoCases: ['cancel.paid_unshipped'],
  },
  {
    id: '20260408090412', buyer: 'b-zh-02', merchant: 'm-xingcheng', status: 'delivered', placed: ago(1, 5),
    items: [item('XC-SHDL-1D', '上海迪士尼乐园 1日门票 成人票（电子票，入园日期：下周六）', 'ticket', 475, 2)],
    demoCases: ['cancel.virtual_delivered'],
  },
  {
    id: '20260330102233', buyer: 'b-zh-02', merchant: 'm-ruihe', status: 'delivered',
    placed: ago(13), shipped: ago(12, 6), delivered: ago(10),
    items: [item('RH-KT-15', '304不锈钢电热水壶 1.5L 奶白', 'home', 239)],
    demoCases: ['return.quality'],
    demoNote: '买家反映壶盖合不严，烧水时底座接触不良。',
  },
  {
    id: '20260407083125', buyer: 'b-zh-02', merchant: 'm-xiaoyu', status: 'delivered',
    placed: ago(6), shipped: ago(5, 2), delivered: ago(3), carrier: 'zto',
    items: [item('XY-GAN-65', '65W 氮化镓快充充电器 双C口 白色', 'electronics', 129)],
    demoCases: ['return.merchant_flagged'],
  },
  {
    id: '20260405162058', buyer: 'b-zh-02', merchant: 'm-inkwell', status: 'shipped',
    placed: ago(7), shipped: ago(6, 4), lastScan: ago(4, 2), carrier: 'zto',
    items: [
      item('IW-ZH-HLM', '《红楼梦》人民文学出版社 全两册', 'books', 59.7),
      item('IW-ZH-HZ', '《活着》余华 精装', 'books', 35),
    ],
    demoCases: ['track.stalled', 'address.shipped'],
  },
  {
    id: '20260405201733', buyer: 'b-zh-02', merchant: 'm-guoyuan', status: 'closed', placed: ago(8),
    items: [item('GY-CH-25', '智利进口车厘子 JJ级 2.5kg', 'fresh_food', 268)],
  },
  {
    id: '20260410113046', buyer: 'b-zh-02', merchant: 'm-guoyuan', status: 'delivered',
    placed: ago(3), shipped: ago(2, 18), delivered: ago(1, 20),
    items: [item('GY-MG-5J', '海南贵妃芒 5斤装 单果200g+', 'fresh_food', 69.9)],
    demoCases: ['return.not_returnable'],
  },
  {
    id: '20260226111923', buyer: 'b-zh-02', merchant: 'm-xingcheng', status: 'completed', placed: ago(32),
    items: [item('XC-G7-2', '高铁票 G7 北京南→上海虹桥 二等座 1成人', 'ticket', 553)],
  },

  // b-zh-03 张伟
  {
    id: '20260410175402', buyer: 'b-zh-03', merchant: 'm-brightlab', status: 'shipped',
    placed: ago(1, 20), shipped: ago(1, 2), lastScan: ago(0, 4),
    items: [item('BL-EB-AP2', 'BrightLab Air Pro 2 主动降噪蓝牙耳机 星光白', 'electronics', 599)],
    demoCases: ['cancel.in_transit', 'track.in_transit'],
  },
  {
    id: '20260408130027', buyer: 'b-zh-03', merchant: 'm-yunshang', status: 'delivered',
    placed: ago(8), shipped: ago(4), delivered: ago(2), carrier: 'zto',
    items: [item('YS-CU-HD01', '定制刺绣连帽卫衣 藏青 XL（绣字：ZHANG WEI）', 'customised', 199)],
    demoCases: ['return.not_returnable'],
  },
  {
    id: '20260406195318', buyer: 'b-zh-03', merchant: 'm-ruihe', status: 'delivered',
    placed: ago(9), shipped: ago(7), delivered: ago(4), carrier: 'jd',
    items: [item('RH-DT-160', '北美白橡木实木餐桌椅组合 1.6米 一桌四椅', 'home', 3680)],
    demoCases: ['return.review_amount'],
  },
  {
    id: '20260412104407', buyer: 'b-zh-03', merchant: 'm-inkwell', status: 'paid', placed: ago(0, 1),
    items: [
      item('IW-ZH-SICP', '《计算机程序的构造和解释》原书第2版', 'books', 79),
      item('IW-ZH-DDIA', '《数据密集型应用系统设计》', 'books', 128),
    ],
    demoCases: ['address.unshipped', 'cancel.paid_unshipped'],
  },
  {
    id: '20260323140551', buyer: 'b-zh-03', merchant: 'm-brightlab', status: 'completed',
    placed: ago(22), shipped: ago(21, 4), delivered: ago(20),
    items: [item('BL-MN-27Q', 'BrightLab 27英寸 2K 165Hz 电竞显示器', 'electronics', 1499)],
    demoCases: ['invoice.request'],
  },
  {
    id: '20260318150210', buyer: 'b-zh-03', merchant: 'm-xingcheng', status: 'completed', placed: ago(26),
    items: [item('XC-FL-4193', '机票 北京首都T3→成都天府T2 CA4193 经济舱 1成人', 'ticket', 1180)],
  },
  {
    id: '20260402130458', buyer: 'b-zh-03', merchant: 'm-brightlab', status: 'cancelled',
    placed: ago(10), cancelRequested: ago(9, 22),
    items: [item('BL-PB-20K', 'BrightLab 20000mAh 快充移动电源', 'electronics', 149)],
  },

  // b-zh-04 陈静
  {
    id: '20260409112248', buyer: 'b-zh-04', merchant: 'm-ruihe', status: 'shipped',
    placed: ago(3), cancelRequested: ago(2, 22), shipped: ago(2, 4), lastScan: ago(0, 9), carrier: 'zto',
    items: [item('RH-BD-4P', '60支长绒棉床品四件套 1.8米床 雾霾蓝', 'home', 459)],
    demoCases: ['cancel.shipped_after_request'],
    demoNote: '付款2小时后买家申请取消，商家第二天仍然发货。',
  },
  {
    id: '20260315084410', buyer: 'b-zh-04', merchant: 'm-ruihe', status: 'completed',
    placed: ago(28), shipped: ago(27, 2), delivered: ago(25),
    items: [item('RH-ST-30', '可叠加透明收纳箱 30L 三只装', 'home', 129)],
    demoCases: ['return.expired'],
  },
  {
    id: '20260408174452', buyer: 'b-zh-04', merchant: 'm-yunshang', status: 'paid', placed: ago(3, 12),
    items: [item('YS-CT-W01', '双面羊绒呢大衣 长款 驼色 M', 'apparel', 899)],
    demoCases: ['track.late_shipment'],
  },
  {
    id: '20260411162915', buyer: 'b-zh-04', merchant: 'm-lumi', status: 'shipped',
    placed: ago(1, 4), shipped: ago(0, 10), lastScan: ago(0, 2),
    items: [item('LM-LS-GB4', '露米 丝绒雾面口红礼盒 4支装', 'beauty', 380)],
    demoCases: ['address.shipped', 'track.in_transit'],
  },
  {
    id: '20260411090236', buyer: 'b-zh-04', merchant: 'm-lumi', status: 'delivered',
    placed: ago(2, 20), shipped: ago(2, 2), delivered: ago(1),
    items: [item('LM-TB-H4', '声波电动牙刷替换刷头 4支装（已拆封）', 'hygiene', 89)],
    demoCases: ['return.not_returnable'],
  },

  // b-zh-05 刘洋: credit risky
  {
    id: '20260407150841', buyer: 'b-zh-05', merchant: 'm-lumi', status: 'delivered',
    placed: ago(5), shipped: ago(4, 8), delivered: ago(3),
    items: [item('LM-SR-30', '露米 玻色因修护精华液 30ml', 'beauty', 520)],
    demoCases: ['return.risky_buyer'],
  },
  {
    id: '20260320082931', buyer: 'b-zh-05', merchant: 'm-brightlab', status: 'completed',
    placed: ago(24), shipped: ago(23, 3), delivered: ago(21),
    items: [item('BL-CM-4K', 'BrightLab 4K 家用云台摄像头', 'electronics', 299)],
  },
  {
    id: '20260404101852', buyer: 'b-zh-05', merchant: 'm-yunshang', status: 'refunded',
    placed: ago(14), shipped: ago(13, 2), delivered: ago(11), insured: true,
    items: [item('YS-SK-A23', '百褶半身裙 中长款 黑色 M', 'apparel', 189)],
  },
  {
    id: '20260411212015', buyer: 'b-zh-05', merchant: 'm-guoyuan', status: 'paid', placed: ago(0, 15),
    items: [item('GY-KW-30', '陕西眉县徐香猕猴桃 30枚 单果80-100g', 'fresh_food', 59.9)],
  },

  // b-zh-06 赵磊: four refunds in 30 days
  {
    id: '20260408221906', buyer: 'b-zh-06', merchant: 'm-yunshang', status: 'delivered',
    placed: ago(4), shipped: ago(3, 6), delivered: ago(2), insured: true,
    items: [item('YS-DJ-90', '90白鸭绒短款羽绒服 黑色 L', 'apparel', 699)],
    demoCases: ['return.risky_buyer'],
  },
  {
    id: '20260331141207', buyer: 'b-zh-06', merchant: 'm-lumi', status: 'refunded',
    placed: ago(12), shipped: ago(11, 3), delivered: ago(9),
    items: [item('LM-EM-100', '露米 水润保湿乳液 100ml', 'beauty', 159)],
  },
  {
    id: '20260323195540', buyer: 'b-zh-06', merchant: 'm-yunshang', status: 'refunded',
    placed: ago(20), shipped: ago(19, 4), delivered: ago(17), insured: true,
    items: [item('YS-SW-M2', '条纹针织毛衣 宽松版 M', 'apparel', 239)],
  },
  {
    id: '20260317093318', buyer: 'b-zh-06', merchant: 'm-brightlab', status: 'refunded',
    placed: ago(26), shipped: ago(25, 2), delivered: ago(23),
    items: [item('BL-SP-MINI', 'BrightLab Mini 便携蓝牙音箱', 'electronics', 199)],
  },
  {
    id: '20260406174820', buyer: 'b-zh-06', merchant: 'm-xingcheng', status: 'refunded', placed: ago(6),
    items: [item('XC-G1-2', '高铁票 G1 北京南→上海虹桥 二等座 1成人（已退票）', 'ticket', 553)],
  },
  {
    id: '20260328100644', buyer: 'b-zh-06', merchant: 'm-xingcheng', status: 'completed', placed: ago(15),
    items: [item('XC-GC-100', '游戏点卡 100元（卡密即时发放）', 'game_code', 97)],
  },

  // b-zh-07 孙丽: an open penalty
  {
    id: '20260406111740', buyer: 'b-zh-07', merchant: 'm-brightlab', status: 'delivered',
    placed: ago(6), shipped: ago(5, 4), delivered: ago(4),
    items: [item('BL-BD-7', 'BrightLab 智能手环 7 NFC版 曜石黑', 'electronics', 249)],
    demoCases: ['return.risky_buyer'],
  },
  {
    id: '20260405093421', buyer: 'b-zh-07', merchant: 'm-yunshang', status: 'return_requested',
    placed: ago(7), shipped: ago(6, 3), delivered: ago(5), insured: true,
    items: [item('YS-SH-L2', '桑蚕丝长袖衬衫 米白 L', 'apparel', 459)],
  },
  {
    id: '20260303205117', buyer: 'b-zh-07', merchant: 'm-xingcheng', status: 'completed', placed: ago(40),
    items: [item('XC-HT-HB2', '杭州西湖湖滨精品酒店 高级大床房 2晚 电子券', 'e_voucher', 1296)],
  },
  {
    id: '20260409170326', buyer: 'b-zh-07', merchant: 'm-lumi', status: 'delivered',
    placed: ago(4), shipped: ago(3, 5), delivered: ago(2),
    items: [item('LM-GS-3', '露米 精华水乳三件套 送妈妈礼盒', 'beauty', 468)],
  },
];

/** Orders of English-speaking buyers: prices in USD, titles in English. */
const EN_ORDERS: readonly OrderSeed[] = [
  // b-en-01 Emily Johnson: the main English demo buyer, more than five orders.
  {
    id: '20260412150733', buyer: 'b-en-01', merchant: 'm-maple', status: 'unpaid', placed: ago(0, 1),
    items: [item('MT-SW-MC', 'Merino Crewneck Sweater, Oatmeal, M', 'apparel', 89)],
    demoCases: ['cancel.unpaid'],
  },
  {
    id: '20260404133850', buyer: 'b-en-01', merchant: 'm-inkwell', status: 'delivered',
    placed: ago(5), shipped: ago(4, 4), delivered: ago(2, 2), carrier: 'usps',
    items: [item('IW-EN-PHM', 'Project Hail Mary by Andy Weir (Hardcover)', 'books', 28.99)],
    demoCases: ['cancel.delivered'],
  },
  {
    id: '20260407170419', buyer: 'b-en-01', merchant: 'm-maple', status: 'delivered',
    placed: ago(6), shipped: ago(5, 6), delivered: ago(3), insured: true,
    items: [
      item('MT-CH-3230', 'Slim-Fit Stretch Chinos, Navy, 32x30', 'apparel', 64.5),
      item('MT-BT-L', 'Full-Grain Leather Belt, Brown, L', 'apparel', 45),
    ],
    demoCases: ['return.no_reason', 'cancel.delivered'],
  },
  {
    id: '20260407113357', buyer: 'b-en-01', merchant: 'm-xiaoyu', status: 'delivered',
    placed: ago(10), shipped: ago(8, 6), delivered: ago(3), carrier: 'fedex',
    items: [item('XY-HUB-7', '7-in-1 USB-C Hub, 4K HDMI, 100W Power Delivery', 'electronics', 45.99)],
    demoCases: ['return.merchant_flagged'],
  },
  {
    id: '20260411140956', buyer: 'b-en-01', merchant: 'm-greenfield', status: 'shipped',
    placed: ago(1, 18), shipped: ago(1, 2), lastScan: ago(0, 4), carrier: 'usps',
    items: [item('GF-CF-2LB', 'Organic Colombian Coffee Beans, Medium Roast, 2 lb', 'food', 32, 2)],
    demoCases: ['track.in_transit', 'cancel.in_transit'],
  },
  {
    id: '20260408120935', buyer: 'b-en-01', merchant: 'm-greenfield', status: 'refund_requested',
    placed: ago(6), shipped: ago(5, 8), delivered: ago(4),
    items: [item('GF-BX-BER', 'Farm Box: Seasonal Berries, 4 lb', 'fresh_food', 39.5)],
    demoCases: ['merchant.unresponsive'],
    demoNote: 'Berries arrived moldy; refund requested with photos on delivery day, the seller has not replied in 3 days.',
  },
  {
    id: '20260227094512', buyer: 'b-en-01', merchant: 'm-skyway', status: 'completed', placed: ago(44),
    items: [item('SW-TOP-25', 'Prepaid Mobile Top-Up, $25', 'top_up', 25)],
  },
  {
    id: '20260310181206', buyer: 'b-en-01', merchant: 'm-inkwell', status: 'completed',
    placed: ago(33), shipped: ago(32, 4), delivered: ago(30), carrier: 'usps',
    items: [item('IW-EN-TTS', 'Tomorrow, and Tomorrow, and Tomorrow (Paperback)', 'books', 17.99)],
  },
  {
    id: '20260403202541', buyer: 'b-en-01', merchant: 'm-maple', status: 'cancelled', neverPaid: true,
    placed: ago(9), cancelRequested: ago(8, 22),
    items: [item('MT-DR-WR', 'Linen Wrap Dress, Terracotta, S', 'apparel', 118)],
  },
  {
    id: '20260411071438', buyer: 'b-en-01', merchant: 'm-lumi', status: 'delivered',
    placed: ago(3), shipped: ago(2, 10), delivered: ago(1),
    items: [item('LM-EN-TH4', 'Sonic Toothbrush Replacement Heads, 4-pack (opened)', 'hygiene', 24.99)],
    demoCases: ['return.not_returnable'],
  },

  // b-en-02 Michael Brown
  {
    id: '20260412112906', buyer: 'b-en-02', merchant: 'm-brightlab', status: 'paid', placed: ago(0, 2),
    items: [item('BL-MS-M3', 'BrightLab M3 Silent Wireless Mouse, Graphite', 'electronics', 39.99)],
    demoCases: ['cancel.paid_unshipped'],
  },
  {
    id: '20260407225104', buyer: 'b-en-02', merchant: 'm-skyway', status: 'delivered', placed: ago(2, 3),
    items: [item('SW-HV-LSB2', 'Hotel e-voucher: Lakeshore Boutique Hotel Chicago, Deluxe King, 2 nights', 'e_voucher', 318)],
    demoCases: ['cancel.virtual_delivered'],
  },
  {
    id: '20260330145522', buyer: 'b-en-02', merchant: 'm-brightlab', status: 'delivered',
    placed: ago(14), shipped: ago(13, 2), delivered: ago(11),
    items: [item('BL-SP-GO', 'BrightLab Go Portable Bluetooth Speaker, Blue', 'electronics', 79.99)],
    demoCases: ['return.quality'],
    demoNote: 'Buyer says the speaker crackles at every volume level.',
  },
  {
    id: '20260409074831', buyer: 'b-en-02', merchant: 'm-maple', status: 'paid', placed: ago(3, 8),
    items: [item('MT-RJ-L', 'Packable Rain Jacket, Olive, L', 'apparel', 119)],
    demoCases: ['track.late_shipment'],
  },
  {
    id: '20260412130348', buyer: 'b-en-02', merchant: 'm-inkwell', status: 'paid', placed: ago(0, 1),
    items: [
      item('IW-EN-ATH', 'Atomic Habits by James Clear (Paperback)', 'books', 16.99),
      item('IW-EN-SFAH', 'Salt, Fat, Acid, Heat (Hardcover)', 'books', 27.5),
    ],
    demoCases: ['address.unshipped', 'track.before_ship_by'],
  },
  {
    id: '20260405113026', buyer: 'b-en-02', merchant: 'm-greenfield', status: 'closed', placed: ago(8),
    items: [item('GF-SAL-2LB', 'Wild Alaskan Sockeye Salmon Fillets, Frozen, 2 lb', 'fresh_food', 54)],
  },
  {
    id: '20260312163351', buyer: 'b-en-02', merchant: 'm-skyway', status: 'completed', placed: ago(31),
    items: [item('SW-RL-CHIMKE', 'Rail ticket: Chicago Union Station → Milwaukee, Coach, 1 adult', 'ticket', 29)],
  },

  // b-en-03 Sarah Davis
  {
    id: '20260411081544', buyer: 'b-en-03', merchant: 'm-brightlab', status: 'shipped',
    placed: ago(1, 20), shipped: ago(1, 3), lastScan: ago(0, 5),
    items: [item('BL-HP-NC700', 'BrightLab NC700 Noise-Cancelling Headphones, Black', 'electronics', 249)],
    demoCases: ['cancel.in_transit'],
  },
  {
    id: '20260408101147', buyer: 'b-en-03', merchant: 'm-maple', status: 'delivered',
    placed: ago(7), shipped: ago(4), delivered: ago(2), carrier: 'usps',
    items: [item('MT-CU-TOTE', 'Custom Monogrammed Canvas Tote, Natural (initials "S.D.")', 'customised', 48)],
    demoCases: ['return.not_returnable'],
  },
  {
    id: '20260406123015', buyer: 'b-en-03', merchant: 'm-brightlab', status: 'delivered',
    placed: ago(8), shipped: ago(6), delivered: ago(4), carrier: 'fedex',
    items: [item('BL-NB-P14', 'BrightLab Pro 14 Laptop, 32 GB RAM, 1 TB SSD, Space Gray', 'electronics', 2299)],
    demoCases: ['return.review_amount'],
  },
  {
    id: '20260405083019', buyer: 'b-en-03', merchant: 'm-inkwell', status: 'shipped',
    placed: ago(8), shipped: ago(7, 2), lastScan: ago(4, 10), carrier: 'usps',
    items: [item('IW-EN-TPP', 'The Pragmatic Programmer, 20th Anniversary Edition', 'books', 44.99)],
    demoCases: ['track.stalled'],
  },
  {
    id: '20260411185512', buyer: 'b-en-03', merchant: 'm-lumi', status: 'shipped',
    placed: ago(1, 2), shipped: ago(0, 12), lastScan: ago(0, 3),
    items: [item('LM-EN-LS4', 'Lumi Velvet Matte Lipstick Set, 4 shades', 'beauty', 58)],
    demoCases: ['address.shipped'],
  },
  {
    id: '20260317200418', buyer: 'b-en-03', merchant: 'm-skyway', status: 'completed', placed: ago(26),
    items: [item('SW-FL-LAXJFK', 'Flight: LAX → JFK, Economy, 1 adult', 'ticket', 348)],
  },
  {
    id: '20260402154736', buyer: 'b-en-03', merchant: 'm-brightlab', status: 'cancelled',
    placed: ago(10), cancelRequested: ago(9, 22),
    items: [item('BL-PB-20K-US', 'BrightLab 20,000 mAh Fast-Charging Power Bank', 'electronics', 49.99)],
  },

  // b-en-04 David Wilson
  {
    id: '20260409190312', buyer: 'b-en-04', merchant: 'm-maple', status: 'shipped',
    placed: ago(3, 2), cancelRequested: ago(3), shipped: ago(2, 2), lastScan: ago(0, 7), carrier: 'usps',
    items: [item('MT-DV-Q', 'Stonewashed Linen Duvet Cover, Queen, Sage', 'home', 139)],
    demoCases: ['cancel.shipped_after_request'],
    demoNote: 'Buyer asked to cancel two hours after paying; the seller shipped the next day anyway.',
  },
  {
    id: '20260316092738', buyer: 'b-en-04', merchant: 'm-maple', status: 'completed',
    placed: ago(27), shipped: ago(26, 3), delivered: ago(24),
    items: [item('MT-SK-10', 'Pre-Seasoned Cast-Iron Skillet, 10 in', 'home', 34.95)],
    demoCases: ['return.expired'],
  },
  {
    id: '20260412091220', buyer: 'b-en-04', merchant: 'm-lumi', status: 'paid', placed: ago(0, 5),
    items: [item('LM-EN-MC50', 'Lumi Daily Moisturizing Cream, 1.7 oz', 'beauty', 38)],
    demoCases: ['track.before_ship_by', 'cancel.paid_unshipped', 'invoice.request'],
  },
  {
    id: '20260324161407', buyer: 'b-en-04', merchant: 'm-brightlab', status: 'completed',
    placed: ago(20), shipped: ago(19, 2), delivered: ago(18),
    items: [item('BL-MN-27U', 'BrightLab 27" 4K USB-C Monitor', 'electronics', 329)],
    demoCases: ['invoice.request'],
  },
  {
    id: '20260324103355', buyer: 'b-en-04', merchant: 'm-skyway', status: 'completed', placed: ago(19),
    items: [item('SW-AT-SOL', 'Attraction e-ticket: Statue of Liberty & Ellis Island ferry, 1 adult', 'ticket', 25.5)],
  },

  // b-en-05 Jason Miller: credit risky
  {
    id: '20260407202240', buyer: 'b-en-05', merchant: 'm-lumi', status: 'delivered',
    placed: ago(5), shipped: ago(4, 6), delivered: ago(3),
    items: [item('LM-EN-SR30', 'Lumi Bakuchiol Repair Serum, 1 fl oz', 'beauty', 72)],
    demoCases: ['return.risky_buyer'],
  },
  {
    id: '20260320113540', buyer: 'b-en-05', merchant: 'm-brightlab', status: 'completed',
    placed: ago(24), shipped: ago(23, 2), delivered: ago(21),
    items: [item('BL-CM-4K-US', 'BrightLab 4K Home Camera, Pan & Tilt', 'electronics', 59.99)],
  },
  {
    id: '20260330191828', buyer: 'b-en-05', merchant: 'm-maple', status: 'refunded',
    placed: ago(14), shipped: ago(13, 3), delivered: ago(11),
    items: [item('MT-SK-PM', 'Pleated Midi Skirt, Black, M', 'apparel', 69)],
  },
  {
    id: '20260406215901', buyer: 'b-en-05', merchant: 'm-skyway', status: 'completed', placed: ago(6),
    items: [item('SW-GC-50', 'Game Gift Card, $50 (digital code)', 'game_code', 50)],
  },

  // b-en-06 Ashley Moore: three refunds in 30 days
  {
    id: '20260408164418', buyer: 'b-en-06', merchant: 'm-maple', status: 'delivered',
    placed: ago(4), shipped: ago(3, 5), delivered: ago(2), insured: true,
    items: [item('MT-PF-S', 'Recycled Down Puffer Jacket, Black, S', 'apparel', 159)],
    demoCases: ['return.risky_buyer'],
  },
  {
    id: '20260331120610', buyer: 'b-en-06', merchant: 'm-lumi', status: 'refunded',
    placed: ago(12), shipped: ago(11, 2), delivered: ago(9),
    items: [item('LM-EN-HL100', 'Lumi Hydrating Lotion, 3.4 oz', 'beauty', 32)],
  },
  {
    id: '20260323084925', buyer: 'b-en-06', merchant: 'm-maple', status: 'refunded',
    placed: ago(20), shipped: ago(19, 5), delivered: ago(17), insured: true,
    items: [item('MT-SW-CK', 'Cable-Knit Sweater, Cream, M', 'apparel', 98)],
  },
  {
    id: '20260317142203', buyer: 'b-en-06', merchant: 'm-brightlab', status: 'refunded',
    placed: ago(26), shipped: ago(25, 3), delivered: ago(23),
    items: [item('BL-SP-MINI-US', 'BrightLab Mini Bluetooth Speaker', 'electronics', 29.99)],
  },
  {
    id: '20260412020517', buyer: 'b-en-06', merchant: 'm-greenfield', status: 'paid', placed: ago(0, 10),
    items: [item('GF-OO-1L', 'Extra Virgin Olive Oil, Cold Pressed, 1 L', 'food', 24)],
  },

  // b-en-07 Kevin Taylor: an open penalty
  {
    id: '20260406094603', buyer: 'b-en-07', merchant: 'm-brightlab', status: 'delivered',
    placed: ago(6), shipped: ago(5, 3), delivered: ago(4),
    items: [item('BL-WT-5', 'BrightLab Watch 5, 41 mm, Midnight', 'electronics', 199)],
    demoCases: ['return.risky_buyer'],
  },
  {
    id: '20260405170944', buyer: 'b-en-07', merchant: 'm-maple', status: 'return_requested',
    placed: ago(7), shipped: ago(6, 2), delivered: ago(5), insured: true,
    items: [item('MT-SH-SLK', 'Silk Button-Up Shirt, Ivory, L', 'apparel', 128)],
  },
  {
    id: '20260306112730', buyer: 'b-en-07', merchant: 'm-skyway', status: 'completed', placed: ago(35),
    items: [item('SW-HV-PPI1', 'Hotel e-voucher: Pike Place Inn, Standard Queen, 1 night', 'e_voucher', 189)],
  },
  {
    id: '20260315200112', buyer: 'b-en-07', merchant: 'm-greenfield', status: 'completed',
    placed: ago(28), shipped: ago(27, 4), delivered: ago(25), carrier: 'usps',
    items: [item('GF-CH-24', 'Assorted Dark Chocolate Gift Box, 24 pieces', 'food', 36)],
  },
];

// ---------------------------------------------------------------------------------------------
// Knowledge base

/** One answer to a policy question, in both languages. */
function kb(id: string, intent: string, zh: [question: string, answer: string], en: [question: string, answer: string]): KnowledgeBaseInput {
  return { id, intent, question: { zh: zh[0], en: en[0] }, answer: { zh: zh[1], en: en[1] } };
}

const KNOWLEDGE_BASE: readonly KnowledgeBaseInput[] = [
  kb('kb-return-7d', 'question.return_policy',
    ['七天无理由退货是什么？', '签收后7天内，商品不影响二次销售（吊牌、包装、配件齐全），就可以在订单页点「申请售后」办理无理由退货。退货运费由您承担，下单时买了运费险的会自动理赔哦。'],
    ['What is the 7-day no-reason return?', 'You can return most items within 7 days of delivery for any reason, as long as they are unused with tags, packaging and accessories. Start it from the order page under "Return/Refund"; return shipping is on you unless the order has shipping insurance.']),
  kb('kb-return-excluded', 'question.return_policy',
    ['哪些商品不支持七天无理由退货？', '定制商品、生鲜等易腐商品、拆封后的贴身卫生用品（如内衣、牙刷头），以及话费充值、电子券、机票火车票等虚拟商品，不支持七天无理由退货。不过如果有质量问题，签收15天内照样可以退换。'],
    ["Which items can't be returned?", "Customised items, perishables such as fresh food, hygiene items once opened (underwear, toothbrush heads) and virtual goods like top-ups, e-vouchers and tickets can't be returned without a reason. If one arrives faulty, wrong or incomplete, you can still return or exchange it within 15 days of delivery."]),
  kb('kb-return-quality', 'question.return_policy',
    ['收到的商品有质量问题怎么办？', '给您添麻烦了！签收后15天内，商品有质量问题、发错或漏发，都可以申请退货或换货，来回运费由商家承担。申请时上传一张问题照片，我们处理起来会更快。'],
    ['What if my item arrives damaged or faulty?', "We're sorry about that! Within 15 days of delivery you can return or exchange a faulty, damaged, wrong or incomplete item, and the seller pays shipping both ways. Attach a photo of the problem when you apply so we can sort it out quickly."]),
  kb('kb-refund-time', 'question.refund_time',
    ['退款多久到账？', '未发货的订单取消后系统会自动退款；退货的订单在商家确认收到退货后，1–3个工作日原路退回到您的支付账户。单笔退款超过2000元需要人工审核，一般会多1个工作日。'],
    ['How long does a refund take?', "If your order hasn't shipped, cancelling refunds you automatically. For returns, the money goes back to your original payment method within 1–3 business days after the seller receives the item; refunds over $2,000 are checked by a person first, which usually adds one business day."]),
  kb('kb-shipping-time', 'question.shipping',
    ['下单后一般几天发货？多久能到？', '付款后商家会在48小时内发货，具体以订单页的「最晚发货时间」为准。发货后江浙沪等地一般1–3天送达，偏远地区3–5天；超时没发货的，我们会帮您催商家，并按平台规则给您延迟发货补偿。'],
    ['When will my order ship and arrive?', 'Sellers ship within 48 hours of payment; the exact ship-by time is on your order page. Most US addresses receive their parcel 2–5 business days after it ships, and if a seller misses the ship-by time we chase them and you may get late-shipment compensation.']),
  kb('kb-shipping-insurance', 'question.shipping',
    ['退货运费谁出？运费险怎么赔？', '无理由退货的运费由买家承担；下单时有运费险的，退货被商家签收后会自动理赔到您的支付账户，一般72小时内到账。质量问题或发错货的退换，运费都由商家承担。'],
    ['Who pays return shipping?', 'For no-reason returns you pay return shipping, unless your order came with shipping insurance: then the cost is reimbursed automatically within 72 hours after the seller signs for the return. If the item is faulty or wrong, the seller covers shipping both ways.']),
  kb('kb-coupon', 'question.coupon',
    ['优惠券为什么用不了？', '可以先看看券的使用门槛、有效期和适用范围：店铺券只能在对应店铺用，满减门槛按商品金额算（不含运费），每笔订单限用一张平台券。都符合还是用不了的话，把券的截图发给我们，帮您查一下。'],
    ["Why can't I use my coupon?", "Check the coupon's minimum spend, expiry date and where it applies: store coupons only work in that store, the minimum spend excludes shipping, and one platform coupon can be used per order. If it still won't apply, send us a screenshot and we'll look into it."]),
  kb('kb-invoice', 'question.invoice_policy',
    ['可以开发票吗？能开专票吗？', '可以的。订单付款后在订单页点「申请开票」，商家会在3个工作日内开具电子普通发票并发到您的邮箱。企业需要增值税专用发票的，请提供公司名称、税号、开户行及账号，商家审核后7个工作日内寄出。'],
    ['Can I get an invoice or a VAT invoice?', 'Yes. Once an order is paid, request an invoice from the order page and the seller will email an electronic invoice within 3 business days. For a business invoice, add your company name and tax ID to the request.']),
  kb('kb-payment', 'question.payment',
    ['支持哪些支付方式？可以花呗分期吗？', '支持支付宝、微信支付和银联储蓄卡、信用卡。单笔满300元可以用花呗或信用卡分3、6、12期，可选期数和手续费以收银台显示为准。'],
    ['Which payment methods do you accept?', 'We accept Visa, Mastercard, American Express, Discover, PayPal and Apple Pay. Orders over $50 can be split into 4 interest-free payments at checkout.']),
  kb('kb-account-password', 'question.account',
    ['密码忘了怎么办？', '在登录页点「忘记密码」，用绑定的手机号收验证码就能重设啦。如果手机号已经不用了，可以提交「账号申诉」，核实身份后1–2个工作日内帮您处理好。'],
    ["I can't log in to my account. What should I do?", 'Tap "Forgot password" on the sign-in page and we\'ll send a reset code to your phone or email. If you can no longer reach either, contact us and we\'ll verify your identity and restore access within 1–2 business days.']),
  kb('kb-account-phone', 'question.account',
    ['怎么换绑手机号？', '打开「我的 - 设置 - 账号与安全 - 手机号」，先验证原手机号，再输入新号码和验证码就可以了。原号码收不到验证码的话，选「原手机号不可用」，通过人脸验证后也能换绑。'],
    ['How do I change the phone number on my account?', 'Go to Account > Security > Phone number, confirm the code sent to your current number, then enter and verify the new one. If you no longer have the old number, choose "I can\'t use this number" and we\'ll verify you by email instead.']),
  kb('kb-price-protection', 'question.price_protection',
    ['买完降价了能退差价吗？', '带「价保」标识的商品，付款后7天内同店同款降价，可以在订单页申请价格保护，差价原路退回。秒杀、直播专享价和拼团价不在价保范围内。'],
    ['The price dropped after I bought it. Can I get the difference?', 'Yes, for items marked "Price protection": if the same item from the same store drops in price within 7 days of your payment, request a price adjustment on the order page and we refund the difference to your original payment method. Flash deals and bundles are not included.']),
  kb('kb-warranty', 'question.warranty',
    ['电子产品保修期多久？', '数码家电一般享受全国联保，整机保修1年（部分品牌更长，以商品页为准），从签收日起算。需要保修时凭订单或发票联系我们或品牌售后即可；签收15天内出现质量问题，也可以直接申请退换。'],
    ['Is there a warranty?', 'Electronics come with at least a 1-year manufacturer warranty from the delivery date; some brands offer longer, as shown on the product page. Keep your order confirmation as proof of purchase, and within 15 days of delivery a faulty item can simply be returned or exchanged.']),
  kb('kb-membership', 'question.membership',
    ['积分怎么获得，怎么兑换？', '每消费1元得1积分，确认收货后到账；100积分可抵1元，结算时勾选「使用积分」就行。积分有效期到次年12月31日，会员等级越高，积分倍数越高。'],
    ['How do member points work?', 'You earn 1 point per dollar once you confirm receipt, and every 100 points take $1 off at checkout. Points are valid until December 31 of the following year, and higher membership tiers earn points faster.']),
];

// ---------------------------------------------------------------------------------------------
// The shop

/**
 * A buyer of the import format: an Emulator account and a Direct Line account (the desk's own web
 * chat, `/chat`) named by the buyer id, plus an Azure web chat account for some.
 */
function buildBuyer(seed: BuyerSeed, now: Date): BuyerInput {
  const channelAccounts = [
    { channelId: 'emulator', userId: seed.id },
    { channelId: 'directline', userId: seed.id },
  ];
  if (seed.webchatUserId) channelAccounts.push({ channelId: 'webchat', userId: seed.webchatUserId });
  return {
    id: seed.id,
    name: seed.name,
    locale: seed.locale,
    channelAccounts,
    phone: seed.phone,
    credit: seed.credit,
    refundsLast30Days: seed.refundsLast30Days,
    penalties: seed.penalties.map((p) => buildPenalty(p, now, seed.utcOffsetMinutes)),
    preferences: seed.preferences,
    ...(seed.timeZone ? { timeZone: seed.timeZone } : {}),
  };
}

/** A merchant of the import format (the ships-from cities stay in the demo's tracking texts). */
function buildMerchant(seed: MerchantSeed, now: Date): MerchantInput {
  const { shipsFrom: _shipsFrom, penalties, ...merchant } = seed;
  return { ...merchant, penalties: penalties.map((p) => buildPenalty(p, now, CHINA_UTC_OFFSET_MINUTES)) };
}

/** A penalty record, its times relative to `now`. */
function buildPenalty(seed: PenaltySeed, now: Date, offsetMinutes: number): { at: string; reason: string; resolvedAt?: string } {
  return {
    at: isoAt(now, seed.at, offsetMinutes),
    reason: seed.reason,
    ...(seed.resolvedAt === undefined ? {} : { resolvedAt: isoAt(now, seed.resolvedAt, offsetMinutes) }),
  };
}

/**
 * The demo shop in the import format of `shop-data.md`, with every time placed relative to `now`
 * so that the 7- and 15-day return windows and the 72-hour stall window hold whenever the desk is
 * seeded; ids never depend on `now`. Orders that show a rule of `after-sales-policy.md` list it in
 * an extra `demoCases` field.
 */
/** The demo history for a shop's buyers and orders, ending yesterday (in Shanghai): a buyer's lines are those of their orders (none: the mall). */
export function demoHistoryOf(shop: { buyers: readonly { id: string; locale: string }[]; orders: readonly { id: string; buyerId: string; businessLine: string }[] }, now: Date): HistoryContact[] {
  const linesOf = (buyerId: string) => [...new Set(shop.orders.filter((o) => o.buyerId === buyerId).map((o) => o.businessLine))];
  return buildDemoHistory(now, shop.buyers.map((b) => ({ id: b.id, locale: b.locale, lines: linesOf(b.id) })), shop.orders.map((o) => o.id));
}

export function buildDemoShop(now: Date): ShopDataInput {
  if (Number.isNaN(now.getTime())) throw new Error('buildDemoShop(): now is not a valid date');
  // A deep copy, so that a caller changing the shop it got cannot change the next one.
  const orders = [...ZH_ORDERS, ...EN_ORDERS].map((o) => buildOrder(o, now));
  // Each buyer's lines are those of their orders (a buyer without orders wrote to the mall).
  return structuredClone({
    businessLines: BUSINESS_LINES,
    merchants: MERCHANTS.map((m) => buildMerchant(m, now)),
    buyers: BUYERS.map((b) => buildBuyer(b, now)),
    orders,
    agents: [...AGENTS],
    managers: [
      { id: 'mgr-01', name: '王经理', channelAccounts: [{ channelId: 'emulator', userId: 'manager-mgr-01' }] },
      { id: 'mgr-02', name: 'Sarah Miller', businessLines: ['mall', 'travel'], channelAccounts: [{ channelId: 'emulator', userId: 'manager-mgr-02' }] },
    ],
    // The demo's four weeks of history go straight to the contact log (data/contactHistory.ts), not into the shop document.
    knowledgeBase: [...KNOWLEDGE_BASE],
    standardReplies: [...DEMO_STANDARD_REPLIES],
  });
}
