import type { ShopDataInput } from '../../data/shopSchema.js';

/** The bench shop's two business lines; every buyer has an order in each, so asking for a person offers both. */
export const RELAY_LINES = ['digital', 'home'] as const;

/** How big the relay bench's shop is: enough agents' seats for every buyer to be served at once. */
export interface RelayShopSize {
  buyers: number;
  agents: number;
  capacity: number;
}

type OrderInput = ShopDataInput['orders'][number];

function order(id: string, buyerId: string, line: string, name: string): OrderInput {
  const at = '2026-03-01T10:00:00+08:00';
  return {
    id, buyerId, merchantId: `m-${line}`, businessLine: line, status: 'shipped',
    items: [{ sku: `SKU-${line}`, title: line === 'digital' ? 'USB-C charger 65W' : 'Linen bed sheet', category: line, goodsType: 'physical', returnableWithoutReason: true, unitPrice: 129, quantity: 1 }],
    total: 129, currency: 'CNY', createdAt: at, paidAt: at, shippedAt: '2026-03-02T10:00:00+08:00',
    address: { name, phone: '13800000000', line: '上海市浦东新区…' },
    logistics: { carrier: 'SF Express', trackingNo: `SF${id}`, events: [{ at: '2026-03-02T10:00:00+08:00', text: '已揽收' }] },
  };
}

/**
 * A shop in the import format of shop-data.md for the relay bench: `buyers` buyers (half zh-CN,
 * half en-US, emulator accounts `rb-NNN`), each with a shipped order in both lines, and `agents`
 * agents (`agent-rb-NN`, half reading Chinese) who serve both lines with `capacity` seats each.
 */
export function buildRelayShop(size: RelayShopSize): ShopDataInput {
  const pad = (i: number, w: number): string => String(i + 1).padStart(w, '0');
  const buyers = Array.from({ length: size.buyers }, (_, i) => {
    const zh = i % 2 === 0;
    return {
      id: `b-rb-${pad(i, 3)}`, name: zh ? `买家${pad(i, 3)}` : `Buyer ${pad(i, 3)}`, locale: zh ? ('zh-CN' as const) : ('en-US' as const),
      phone: `139${String(10_000_000 + i)}`, credit: 'good' as const,
      channelAccounts: [{ channelId: 'emulator', userId: `rb-${pad(i, 3)}` }],
    };
  });
  return {
    businessLines: [
      { id: 'digital', name: { zh: '数码', en: 'Digital' } },
      { id: 'home', name: { zh: '家居', en: 'Home' } },
    ],
    merchants: RELAY_LINES.map((line) => ({ id: `m-${line}`, name: `Bench ${line} store`, businessLine: line, contactHandle: `im:${line}`, rating: 4.7, penalties: [] })),
    buyers,
    orders: buyers.flatMap((b, i) => RELAY_LINES.map((line, j) => order(`8${String(i * 2 + j).padStart(13, '0')}`, b.id, line, b.name))),
    agents: Array.from({ length: size.agents }, (_, i) => ({
      id: `a-rb-${pad(i, 2)}`, name: i % 2 === 0 ? `客服${pad(i, 2)}` : `Agent ${pad(i, 2)}`, businessLines: [...RELAY_LINES], capacity: size.capacity,
      languages: i % 2 === 0 ? ['zh' as const, 'en' as const] : ['en' as const, 'zh' as const],
      channelAccounts: [{ channelId: 'emulator', userId: `agent-rb-${pad(i, 2)}` }],
    })),
    knowledgeBase: [
      { id: 'kb-ship', intent: 'question.shipping', question: { zh: '什么时候发货？', en: 'When do you ship?' }, answer: { zh: '付款后 48 小时内发货。', en: 'We ship within 48 hours of payment.' } },
      { id: 'kb-return', intent: 'question.return_policy', question: { zh: '可以退货吗？', en: 'Can I return it?' }, answer: { zh: '支持七天无理由退货。', en: 'You can return it within 7 days, no reason needed.' } },
    ],
  };
}
