import type { ShopDataInput } from '../../data/shopSchema.js';

/**
 * A small shop of our own, unlike the demo shop in every id, so tests can tell which one a store
 * holds: one business line, one merchant, two buyers (one writing from two channels), three orders,
 * one agent and three knowledge-base answers. Phones are chosen for the phone-matching tests:
 * each buyer has a profile phone and an order whose address carries another number.
 */
export function buildSmallShop(): ShopDataInput {
  return {
    businessLines: [{ id: 'books', name: { zh: '图书', en: 'Books' } }],
    merchants: [
      { id: 'm-paper-moon', name: 'Paper Moon Books', businessLine: 'books', contactHandle: 'im:paper-moon', rating: 4.6, penalties: [] },
    ],
    buyers: [
      {
        id: 'b-wang', name: '王芳', locale: 'zh-CN', phone: '13912345678', credit: 'good',
        channelAccounts: [{ channelId: 'emulator', userId: 'u-wang' }, { channelId: 'webchat', userId: 'wc-wang' }],
      },
      {
        id: 'b-smith', name: 'Ann Smith', locale: 'en-US', phone: '+1 (415) 555-0134', credit: 'normal',
        channelAccounts: [{ channelId: 'emulator', userId: 'u-smith' }],
      },
    ],
    orders: [
      order('70000000000001', 'b-wang', '2026-03-05T08:00:00+08:00', { name: '王芳', phone: '13700001111', line: '上海市徐汇区…' }),
      order('70000000000002', 'b-smith', '2026-03-02T08:00:00-05:00', { name: 'Ann Smith', phone: '415-555-0199', line: '1 Market St, San Francisco' }),
      // Reads as the day before the first order, yet is an hour after it: 20:00 at -05:00 is 01:00Z, the first is 00:00Z.
      order('70000000000003', 'b-wang', '2026-03-04T20:00:00-05:00', null),
    ],
    agents: [
      { id: 'a-lin', name: 'Lin', businessLines: ['books'], capacity: 2, languages: ['zh', 'en'], channelAccounts: [{ channelId: 'emulator', userId: 'agent-lin' }] },
    ],
    knowledgeBase: [
      kb('kb-ship-1', 'question.shipping', 'When do you ship?'),
      kb('kb-return', 'question.return_policy', 'Can I return a book?'),
      kb('kb-ship-2', 'question.shipping', 'Do you ship abroad?'),
    ],
  };
}

type OrderInput = ShopDataInput['orders'][number];

function order(id: string, buyerId: string, createdAt: string, address: OrderInput['address']): OrderInput {
  return {
    id, buyerId, merchantId: 'm-paper-moon', businessLine: 'books', status: 'paid',
    items: [{ sku: `SKU-${id.slice(-1)}`, title: 'The Long Way Home', category: 'books', goodsType: 'physical', returnableWithoutReason: true, unitPrice: 42, quantity: 1 }],
    total: 42, currency: 'CNY', createdAt, paidAt: createdAt, address,
  };
}

function kb(id: string, intent: string, question: string): NonNullable<ShopDataInput['knowledgeBase']>[number] {
  return { id, intent, question: { zh: `问：${question}`, en: question }, answer: { zh: '答：见说明。', en: 'See our help page.' } };
}
