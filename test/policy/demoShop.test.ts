import { describe, it, expect } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { shopData, type Order } from '../../data/shopSchema.js';
import {
  decideAddress, decideCancel, decideInvoice, decideMerchantUnresponsive, decideReturn, decideTracking, settingsFor,
  type Decision, type RuleId,
} from '../../policy/index.js';

/** The seeding moment, fixed so the demo windows hold. */
const NOW = new Date('2026-04-12T06:30:00.000Z');
const shop = shopData.parse(buildDemoShop(NOW));

/** The decision function of a rule's family, as the bot would call it for that demo story. */
function decideFor(rule: RuleId, order: Order): Decision {
  const buyer = shop.buyers.find((b) => b.id === order.buyerId)!;
  const merchant = shop.merchants.find((m) => m.id === order.merchantId)!;
  const settings = settingsFor(merchant.id);
  const family = rule.split('.')[0];
  switch (family) {
    case 'cancel': return decideCancel(order);
    case 'return': return decideReturn(order, buyer, merchant, NOW, settings, rule === 'return.quality' ? 'quality' : 'no_reason');
    case 'track': return decideTracking(order, NOW, settings);
    case 'address': return decideAddress(order);
    case 'invoice': return decideInvoice(order, settings);
    case 'merchant': return decideMerchantUnresponsive(order, merchant);
    default: throw new Error(`no decision function for ${rule}`);
  }
}

const cases = shop.orders.flatMap((o) =>
  ((o['demoCases'] as RuleId[] | undefined) ?? []).map((rule) => [rule, o.id, o] as const),
);

describe('the demo shop: every demoCases order decides its rule', () => {
  it('has demo cases', () => expect(cases.length).toBeGreaterThan(30));
  it.each(cases)('%s: order %s', (rule, _id, o) => {
    expect(decideFor(rule, o).rule).toBe(rule);
  });
});
