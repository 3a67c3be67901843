import { describe, it, expect } from 'vitest';
import { DEFAULT_SETTINGS, decideAddress, decideInvoice, decideMerchantUnresponsive, settingsFor } from '../../policy/index.js';
import { VIRTUAL, merchant, order, paidOrder, shippedOrder } from './fixtures.js';

const UNPAID = order({ status: 'unpaid', paidAt: null, shipBy: null, shippedAt: null, deliveredAt: null, logistics: null });

describe('address.unshipped / address.shipped', () => {
  it.each([
    ['unpaid', UNPAID, 'address.unshipped', 'change_address'],
    ['paid', paidOrder(), 'address.unshipped', 'change_address'],
    ['shipped', shippedOrder(), 'address.shipped', 'contact_merchant'],
    ['delivered', order(), 'address.shipped', 'contact_merchant'],
    ['virtual', paidOrder(40, { items: [VIRTUAL], address: null }), 'address.unshipped', 'explain'],
  ] as const)('%s → %s', (_s, o, rule, action) => {
    expect(decideAddress(o)).toMatchObject({ rule, action, handover: false });
  });
});

describe('invoice.request', () => {
  it.each([
    ['paid', paidOrder(), 'request_invoice'],
    ['delivered', order(), 'request_invoice'],
    ['unpaid', UNPAID, 'explain'],
  ] as const)('%s → %s', (_s, o, action) => {
    expect(decideInvoice(o, DEFAULT_SETTINGS)).toMatchObject({ rule: 'invoice.request', action, handover: false });
  });

  it('says when to expect it, from the merchant setting', () => {
    expect(decideInvoice(order(), DEFAULT_SETTINGS).reason).toContain('expect_within_3_business_days');
    expect(decideInvoice(order(), settingsFor('m-1', { 'm-1': { invoiceBusinessDays: 5 } })).reason).toContain('within_5_');
  });
});

describe('merchant.unresponsive', () => {
  it('hands over with the merchant contact handle ready', () => {
    expect(decideMerchantUnresponsive(order(), merchant())).toMatchObject({
      rule: 'merchant.unresponsive', action: 'handover', handover: true, merchantContact: 'im:m-1',
    });
  });
  it('refuses a merchant that is not the order\'s', () => {
    expect(() => decideMerchantUnresponsive(order(), merchant({ id: 'm-2' }))).toThrow(/not from merchant/);
  });
});
