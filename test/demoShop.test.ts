import { describe, it, expect } from 'vitest';
import { buildDemoShop } from '../data/demoShop.js';
import { RULE_IDS, type RuleId } from '../policy/decision.js';
import { QUESTION_INTENTS } from '../data/intents.js';
import {
  CREDIT_LEVELS,
  ORDER_STATUSES,
  SUPPORTED_LOCALES,
  shopData,
  type Buyer,
  type Locale,
  type Merchant,
  type Order,
  type Penalty,
  type ShopData,
} from '../data/shopSchema.js';

/** The seeding moment every check is made against. */
const NOW = new Date('2026-04-12T06:30:00.000Z');
const HOUR_MS = 3_600_000;
const DAY_HOURS = 24;
/** Windows of after-sales-policy.md the demo orders must sit on the right side of. */
const NO_REASON_DAYS = 7;
const QUALITY_DAYS = 15;
const STALLED_HOURS = 72;
const REVIEW_AMOUNT = 2000;



const CJK = /[\u4e00-\u9fff]/;

const shop: ShopData = shopData.parse(buildDemoShop(NOW));
const buyerById = new Map(shop.buyers.map((b) => [b.id, b]));
const merchantById = new Map(shop.merchants.map((m) => [m.id, m]));

function buyerOf(order: Order): Buyer {
  const buyer = buyerById.get(order.buyerId);
  if (!buyer) throw new Error(`order ${order.id}: unknown buyer ${order.buyerId}`);
  return buyer;
}

function merchantOf(order: Order): Merchant {
  const merchant = merchantById.get(order.merchantId);
  if (!merchant) throw new Error(`order ${order.id}: unknown merchant ${order.merchantId}`);
  return merchant;
}

function demoCasesOf(order: Order): string[] {
  const cases: unknown = order['demoCases'];
  return Array.isArray(cases) ? cases.filter((c): c is string => typeof c === 'string') : [];
}

/** Hours from `iso` to NOW; negative when `iso` lies in the future. */
function hoursBeforeNow(iso: string | null | undefined): number {
  if (!iso) throw new Error('expected a time, got none');
  return (NOW.getTime() - Date.parse(iso)) / HOUR_MS;
}

const openPenalties = (penalties: Penalty[]): Penalty[] => penalties.filter((p) => !p.resolvedAt);
const isRiskyBuyer = (b: Buyer): boolean =>
  b.credit === 'risky' || b.refundsLast30Days >= 3 || openPenalties(b.penalties).length > 0;
const isFlaggedMerchant = (m: Merchant): boolean => m.rating < 4 || openPenalties(m.penalties).length > 0;
const isVirtual = (o: Order): boolean => o.items.every((i) => i.goodsType === 'virtual');
const allReturnable = (o: Order): boolean => o.items.every((i) => i.returnableWithoutReason);
const lastEventAt = (o: Order): string | undefined => o.logistics?.events.at(-1)?.at;
const sumOfItems = (o: Order): number => o.items.reduce((sum, i) => sum + i.unitPrice * i.quantity, 0);

/** Facts a return example of one rule needs so that no other return rule takes precedence. */
function expectReturnFacts(
  o: Order,
  facts: { deliveredDays: [number, number]; returnable?: boolean; riskyBuyer: boolean; flaggedMerchant: boolean; overAmount: boolean },
): void {
  expect(['delivered', 'completed']).toContain(o.status);
  const days = hoursBeforeNow(o.deliveredAt) / DAY_HOURS;
  expect(days).toBeGreaterThan(facts.deliveredDays[0]);
  expect(days).toBeLessThanOrEqual(facts.deliveredDays[1]);
  if (facts.returnable !== undefined) expect(allReturnable(o)).toBe(facts.returnable);
  expect(isRiskyBuyer(buyerOf(o))).toBe(facts.riskyBuyer);
  expect(isFlaggedMerchant(merchantOf(o))).toBe(facts.flaggedMerchant);
  expect(o.total > REVIEW_AMOUNT).toBe(facts.overAmount);
}

const WITHIN_NO_REASON: [number, number] = [0, NO_REASON_DAYS];
const CLEAN = { riskyBuyer: false, flaggedMerchant: false, overAmount: false };

/** What an order must look like to be an example of each rule (an experienced agent would pick exactly that rule). */
const RULE_FACTS: Record<RuleId, (o: Order) => void> = {
  'cancel.unpaid': (o) => {
    expect(o.status).toBe('unpaid');
    expect(o.paidAt ?? null).toBeNull();
  },
  'cancel.paid_unshipped': (o) => {
    expect(o.status).toBe('paid');
    expect(o.paidAt).toBeTruthy();
    expect(o.shippedAt ?? null).toBeNull();
  },
  'cancel.in_transit': (o) => {
    expect(o.status).toBe('shipped');
    expect(o.deliveredAt ?? null).toBeNull();
    expect(o.cancelRequestedAt ?? null).toBeNull();
    expect(o.logistics?.events.length).toBeGreaterThan(0);
  },
  'cancel.shipped_after_request': (o) => {
    expect(o.status).toBe('shipped');
    expect(Date.parse(o.cancelRequestedAt ?? '')).toBeLessThan(Date.parse(o.shippedAt ?? ''));
  },
  'cancel.delivered': (o) => {
    expect(['delivered', 'completed']).toContain(o.status);
    expect(o.deliveredAt).toBeTruthy();
    expect(isVirtual(o)).toBe(false);
  },
  'cancel.virtual_delivered': (o) => {
    expect(['delivered', 'completed']).toContain(o.status);
    expect(isVirtual(o)).toBe(true);
    expect(o.deliveredAt).toBeTruthy();
  },
  'return.no_reason': (o) => expectReturnFacts(o, { deliveredDays: WITHIN_NO_REASON, returnable: true, ...CLEAN }),
  'return.not_returnable': (o) => expectReturnFacts(o, { deliveredDays: WITHIN_NO_REASON, returnable: false, ...CLEAN }),
  'return.quality': (o) => expectReturnFacts(o, { deliveredDays: [NO_REASON_DAYS, QUALITY_DAYS], ...CLEAN }),
  'return.expired': (o) => expectReturnFacts(o, { deliveredDays: [QUALITY_DAYS, Infinity], ...CLEAN }),
  'return.review_amount': (o) =>
    expectReturnFacts(o, { deliveredDays: WITHIN_NO_REASON, returnable: true, ...CLEAN, overAmount: true }),
  'return.risky_buyer': (o) =>
    expectReturnFacts(o, { deliveredDays: WITHIN_NO_REASON, returnable: true, ...CLEAN, riskyBuyer: true }),
  'return.merchant_flagged': (o) =>
    expectReturnFacts(o, { deliveredDays: WITHIN_NO_REASON, returnable: true, ...CLEAN, flaggedMerchant: true }),
  'track.before_ship_by': (o) => {
    expect(o.status).toBe('paid');
    expect(hoursBeforeNow(o.shipBy)).toBeLessThan(0);
  },
  'track.late_shipment': (o) => {
    expect(o.status).toBe('paid');
    expect(hoursBeforeNow(o.shipBy)).toBeGreaterThan(0);
    expect(o.shippedAt ?? null).toBeNull();
  },
  'track.in_transit': (o) => {
    expect(o.status).toBe('shipped');
    expect(hoursBeforeNow(lastEventAt(o))).toBeLessThanOrEqual(STALLED_HOURS);
  },
  'track.stalled': (o) => {
    expect(o.status).toBe('shipped');
    expect(hoursBeforeNow(lastEventAt(o))).toBeGreaterThan(STALLED_HOURS);
  },
  'address.unshipped': (o) => {
    expect(o.status).toBe('paid');
    expect(o.shippedAt ?? null).toBeNull();
    expect(o.address).toBeTruthy();
  },
  'address.shipped': (o) => {
    expect(o.status).toBe('shipped');
    expect(o.address).toBeTruthy();
  },
  'invoice.request': (o) => {
    expect(['paid', 'delivered', 'completed']).toContain(o.status);
    expect(o.paidAt).toBeTruthy();
  },
  'merchant.unresponsive': (o) => {
    expect(merchantOf(o).contactHandle).toMatch(/^im:/);
    expect(['unpaid', 'closed', 'cancelled']).not.toContain(o.status);
  },
};

function ordersOf(locale: Locale): Order[] {
  return shop.orders.filter((o) => buyerOf(o).locale === locale);
}

function expectUnique(values: string[]): void {
  expect(new Set(values).size).toBe(values.length);
}

describe('the demo shop', () => {
  it('is a valid import, with no problems reported', () => {
    const result = shopData.safeParse(buildDemoShop(NOW));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has enough of everything', () => {
    expect(shop.businessLines.map((l) => l.id)).toEqual(['marketplace', 'mall', 'travel']);
    expect(shop.merchants.length).toBeGreaterThanOrEqual(6);
    expect(shop.buyers.length).toBeGreaterThanOrEqual(12);
    expect(shop.orders.length).toBeGreaterThanOrEqual(60);
    expect(shop.agents.length).toBeGreaterThanOrEqual(4);
  });

  it('gives every collection unique ids, and buyers unique phones and chat accounts', () => {
    for (const list of [shop.businessLines, shop.merchants, shop.buyers, shop.orders, shop.agents, shop.knowledgeBase]) {
      expectUnique(list.map((x) => x.id));
    }
    expectUnique(shop.buyers.map((b) => b.phone));
    const accounts = [...shop.buyers, ...shop.agents].flatMap((p) => p.channelAccounts.map((a) => `${a.channelId}/${a.userId}`));
    expectUnique(accounts);
  });

  it('resolves every reference', () => {
    const lines = new Set(shop.businessLines.map((l) => l.id));
    for (const m of shop.merchants) expect(lines.has(m.businessLine)).toBe(true);
    for (const a of shop.agents) for (const l of a.businessLines) expect(lines.has(l)).toBe(true);
    for (const o of shop.orders) expect(o.businessLine).toBe(merchantOf(o).businessLine);
  });

  it('spreads merchants over every line, with exactly one flagged merchant', () => {
    expect(new Set(shop.merchants.map((m) => m.businessLine))).toEqual(new Set(shop.businessLines.map((l) => l.id)));
    const flagged = shop.merchants.filter(isFlaggedMerchant);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.rating).toBeLessThan(4);
    expect(openPenalties(flagged[0]?.penalties ?? []).length).toBeGreaterThanOrEqual(2);
    for (const m of shop.merchants.filter((x) => !isFlaggedMerchant(x))) {
      expect(m.rating).toBeGreaterThanOrEqual(4.3);
      expect(m.rating).toBeLessThanOrEqual(4.9);
    }
    expect(shop.merchants.some((m) => m.penalties.length === 0)).toBe(true);
    for (const m of shop.merchants) expect(m.contactHandle).toMatch(/^im:[a-z-]+-service$/);
  });

  it.each(SUPPORTED_LOCALES)('has %s buyers of every credit level, with many refunds and open penalties', (locale) => {
    const buyers = shop.buyers.filter((b) => b.locale === locale);
    expect(buyers.length).toBeGreaterThanOrEqual(6);
    expect(new Set(buyers.map((b) => b.credit))).toEqual(new Set(CREDIT_LEVELS));
    expect(buyers.some((b) => b.refundsLast30Days >= 3)).toBe(true);
    expect(buyers.some((b) => openPenalties(b.penalties).length > 0)).toBe(true);
    const prefix = locale === 'zh-CN' ? 'b-zh-' : 'b-en-';
    const phone = locale === 'zh-CN' ? /^1[3-9]\d{9}$/ : /^\+1-\d{3}-\d{3}-\d{4}$/;
    for (const b of buyers) {
      expect(b.id.startsWith(prefix)).toBe(true);
      expect(b.phone).toMatch(phone);
      expect(CJK.test(b.name)).toBe(locale === 'zh-CN');
      expect(b.channelAccounts).toContainEqual({ channelId: 'emulator', userId: b.id });
      expect(b.preferences.length).toBeGreaterThan(0);
    }
  });

  it('lets a couple of buyers write from the web chat too', () => {
    const webchat = shop.buyers.filter((b) => b.channelAccounts.some((a) => a.channelId === 'webchat'));
    expect(webchat.length).toBeGreaterThanOrEqual(2);
  });

  it('staffs every business line in both languages', () => {
    for (const line of shop.businessLines) {
      for (const language of ['zh', 'en'] as const) {
        const staffed = shop.agents.some((a) => a.businessLines.includes(line.id) && a.languages.includes(language));
        expect(staffed, `${line.id} in ${language}`).toBe(true);
      }
    }
    expect(shop.agents.some((a) => a.businessLines.length >= 2)).toBe(true);
    expect(shop.agents.some((a) => a.languages.length === 2)).toBe(true);
    for (const a of shop.agents) {
      expect(a.id).toMatch(/^a-/);
      expect(a.capacity).toBeGreaterThanOrEqual(2);
      expect(a.capacity).toBeLessThanOrEqual(5);
      expect(a.channelAccounts).toEqual([{ channelId: 'emulator', userId: `agent-${a.id}` }]);
    }
  });

  it('answers every question intent in both languages', () => {
    for (const intent of QUESTION_INTENTS) {
      expect(shop.knowledgeBase.some((e) => e.intent === intent), intent).toBe(true);
    }
    expect(shop.knowledgeBase.every((e) => (QUESTION_INTENTS as readonly string[]).includes(e.intent))).toBe(true);
    expect(shop.knowledgeBase.length).toBeGreaterThan(QUESTION_INTENTS.length);
    for (const e of shop.knowledgeBase) {
      expect(CJK.test(e.question.zh) && CJK.test(e.answer.zh), e.id).toBe(true);
      expect(CJK.test(e.question.en) || CJK.test(e.answer.en), e.id).toBe(false);
    }
  });
});

describe('the demo orders', () => {
  it('have 14-digit ids, the buyer currency and language, and totals that add up', () => {
    for (const o of shop.orders) {
      const zh = buyerOf(o).locale === 'zh-CN';
      expect(o.id).toMatch(/^\d{14}$/);
      expect(o.currency).toBe(zh ? 'CNY' : 'USD');
      expect(o.total).toBeCloseTo(sumOfItems(o), 2);
      for (const i of o.items) expect(CJK.test(i.title), `${o.id} ${i.title}`).toBe(zh);
      if (zh) expect(o.createdAt.endsWith('+08:00')).toBe(true);
      else expect(o.createdAt.endsWith('+08:00')).toBe(false);
    }
  });

  it('cover every status in both languages, and several orders per buyer', () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(new Set(ordersOf(locale).map((o) => o.status))).toEqual(new Set(ORDER_STATUSES));
    }
    const counts = shop.buyers.map((b) => shop.orders.filter((o) => o.buyerId === b.id).length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
    expect(counts.filter((n) => n > 5).length).toBeGreaterThanOrEqual(2);
  });

  it('sell real categories, with returnability and insurance to match', () => {
    const categories = new Set(shop.orders.flatMap((o) => o.items.map((i) => i.category)));
    for (const c of ['apparel', 'electronics', 'home', 'beauty', 'fresh_food', 'books', 'customised', 'hygiene', 'top_up', 'e_voucher', 'ticket', 'game_code']) {
      expect(categories.has(c), c).toBe(true);
    }
    for (const o of shop.orders) {
      for (const i of o.items) {
        if (i.goodsType === 'virtual' || ['customised', 'fresh_food', 'hygiene'].includes(i.category)) {
          expect(i.returnableWithoutReason, `${o.id} ${i.sku}`).toBe(false);
        }
      }
      if (isVirtual(o)) {
        expect(o.shippingInsurance).toBe(false);
        expect(o.logistics ?? null).toBeNull();
      }
    }
    const highValue = shop.orders.filter((o) => o.items.some((i) => i.unitPrice > REVIEW_AMOUNT));
    expect(highValue.length).toBeGreaterThanOrEqual(2);
  });

  it('have times that agree with their status', () => {
    for (const o of shop.orders) {
      const where = `order ${o.id} (${o.status})`;
      const times = [o.createdAt, o.paidAt, o.shippedAt, o.deliveredAt].filter((t): t is string => !!t).map(Date.parse);
      expect(times, where).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times), where).toBeLessThanOrEqual(NOW.getTime());
      if (o.status === 'unpaid' || o.status === 'closed') expect(o.paidAt ?? null, where).toBeNull();
      if (o.status === 'paid') {
        expect(o.paidAt, where).toBeTruthy();
        expect(o.shippedAt ?? null, where).toBeNull();
        expect(o.logistics ?? null, where).toBeNull();
        if (!isVirtual(o)) expect(o.shipBy, where).toBeTruthy();
      }
      if (o.status === 'shipped') {
        expect(o.shippedAt, where).toBeTruthy();
        expect(o.deliveredAt ?? null, where).toBeNull();
      }
      if (['delivered', 'completed', 'return_requested', 'refunded'].includes(o.status)) {
        expect(o.deliveredAt, where).toBeTruthy();
      }
      if (o.status === 'cancelled') {
        expect(o.shippedAt ?? null, where).toBeNull();
        expect(o.cancelRequestedAt, where).toBeTruthy();
      }
      if (!isVirtual(o)) expect(!!o.logistics, where).toBe(!!o.shippedAt);
    }
  });

  it('have 1 to 5 tracking events in order, ending with the delivery when delivered', () => {
    for (const o of shop.orders.filter((x) => x.logistics)) {
      const events = o.logistics?.events ?? [];
      const times = events.map((e) => Date.parse(e.at));
      expect(events.length, o.id).toBeGreaterThanOrEqual(1);
      expect(events.length, o.id).toBeLessThanOrEqual(5);
      expect(times, o.id).toEqual([...times].sort((a, b) => a - b));
      expect(times[0], o.id).toBe(Date.parse(o.shippedAt ?? ''));
      expect(Math.max(...times), o.id).toBeLessThanOrEqual(NOW.getTime());
      if (o.deliveredAt) expect(times.at(-1), o.id).toBe(Date.parse(o.deliveredAt));
      expect(o.logistics?.carrier).toMatch(/^(顺丰速运|中通快递|京东物流|UPS|FedEx|USPS)$/);
    }
  });
});

describe.each(RULE_IDS)('rule %s', (rule) => {
  const examples = shop.orders.filter((o) => demoCasesOf(o).includes(rule));

  it.each(SUPPORTED_LOCALES)('has an example order of a %s buyer', (locale) => {
    expect(examples.some((o) => buyerOf(o).locale === locale)).toBe(true);
  });

  it('has the facts of the rule in every example', () => {
    for (const o of examples) {
      try {
        RULE_FACTS[rule](o);
      } catch (error) {
        throw new Error(`order ${o.id} does not show ${rule}: ${String(error)}`);
      }
    }
  });
});

describe('the demo shop over time', () => {
  const later = new Date(NOW.getTime() + (3 * DAY_HOURS + 5) * HOUR_MS);
  const moved = shopData.parse(buildDemoShop(later));
  const shift = later.getTime() - NOW.getTime();

  it('keeps every id whenever it is seeded', () => {
    const ids = (s: ShopData): string[][] => [s.merchants, s.buyers, s.orders, s.agents, s.knowledgeBase].map((l) => l.map((x) => x.id));
    expect(ids(moved)).toEqual(ids(shop));
    expect(moved.orders.map(demoCasesOf)).toEqual(shop.orders.map(demoCasesOf));
  });

  it('moves every time with the seeding moment', () => {
    shop.orders.forEach((o, i) => {
      const m = moved.orders[i];
      expect(Date.parse(m?.createdAt ?? '') - Date.parse(o.createdAt)).toBe(shift);
      expect(m?.logistics?.events.map((e) => Date.parse(e.at) - shift)).toEqual(o.logistics?.events.map((e) => Date.parse(e.at)));
    });
  });

  it('returns a fresh copy each time', () => {
    const first = buildDemoShop(NOW);
    first.orders.length = 0;
    expect(buildDemoShop(NOW).orders.length).toBe(shop.orders.length);
  });
});
