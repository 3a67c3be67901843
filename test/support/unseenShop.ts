import type { ShopDataInput } from '../../data/shopSchema.js';

/*
 * A shop the desk has never seen, for the outside check of the after-sales rules
 * (test/e2e/unseenShop.test.ts): a home-appliance + fresh-grocery + live-ticket + personal-care
 * marketplace, nothing like the demo shop. Order ids are `SO-2026-000123` and `A10031`, never 14
 * digits; money is CNY, USD, EUR and JPY; buyers write in zh-CN and en-US at every credit level;
 * two merchants carry their own `policy` overrides. Every time is relative to `now`, so a case
 * built as "delivered exactly 7 days ago" is that when the shop is imported.
 *
 * Each order says in `probe` what it is there to show (a rule id, or a note): our own extra field,
 * which the import must keep and the desk must ignore.
 */

type OrderInput = ShopDataInput['orders'][number];
type ItemInput = OrderInput['items'][number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An ISO 8601 time of `ms` written in the zone `offset` ("+08:00", "-05:00", "Z"), with milliseconds. */
export function isoAt(ms: number, offset: string): string {
  const sign = offset === 'Z' ? 1 : offset.startsWith('-') ? -1 : 1;
  const minutes = offset === 'Z' ? 0 : sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(ms + minutes * MINUTE).toISOString().slice(0, 23);
  return `${local}${offset}`;
}

/** What a test needs to know about the shop besides the data: who is who, and the order ids by purpose. */
export const UNSEEN = {
  users: {
    zhangWei: 'wx-zhangwei', // zh-CN, good credit, many orders
    chenJing: 'wx-chenjing', // zh-CN, normal credit, an open penalty
    liuYang: 'wx-liuyang', // zh-CN, risky credit
    wangLei: 'wx-wanglei', // zh-CN, good, a resolved penalty only
    emily: 'web-emily', // en-US, normal credit, many orders
    marco: 'web-marco', // en-US, good credit, 3 refunds in 30 days
    dana: 'web-dana', // en-US, risky credit
    hiro: 'web-hiro', // en-US, good, exactly one order, Tokyo time
    olivia: 'web-olivia', // en-US, good, three orders (card picks)
    guest: 'web-nobody', // no buyer
  },
  buyers: {
    zhangWei: 'cust-zw', chenJing: 'cust-cj', liuYang: 'cust-ly', wangLei: 'cust-wl',
    emily: 'cust-ec', marco: 'cust-mr', dana: 'cust-db', hiro: 'cust-ht', olivia: 'cust-ow',
  },
} as const;

/** The unseen shop at `now`, in the import format of shop-data.md. */
export function buildUnseenShop(now: Date): ShopDataInput {
  const t = now.getTime();
  const CN = '+08:00';
  const US = '-05:00';
  const EU = '+01:00';
  const JP = '+09:00';
  const ago = (ms: number, zone = CN): string => isoAt(t - ms, zone);
  const ahead = (ms: number, zone = CN): string => isoAt(t + ms, zone);

  const addrZW = { name: '张伟', phone: '13911112222', line: '上海市浦东新区张江路88弄6号1201室' };
  const addrEC = { name: 'Emily Carter', phone: '+1 (617) 555-0142', line: '42 Beacon St, Apt 3, Boston, MA 02108' };

  const item = (sku: string, title: string, category: string, unitPrice: number, quantity = 1, extra: Partial<ItemInput> = {}): ItemInput => ({
    sku, title, category, goodsType: 'physical', returnableWithoutReason: true, unitPrice, quantity, ...extra,
  });
  const perishable = { returnableWithoutReason: false };
  const ticket = { goodsType: 'virtual' as const, returnableWithoutReason: false };

  /** A base order; `over` sets status and times. The total is the items' sum unless given. */
  const order = (
    id: string,
    buyerId: string,
    merchantId: string,
    businessLine: string,
    currency: string,
    items: ItemInput[],
    over: Partial<OrderInput> & { probe: string },
  ): OrderInput & { probe: string } => ({
    id, buyerId, merchantId, businessLine, currency, items,
    total: Math.round(items.reduce((s, i) => s + i.unitPrice * i.quantity, 0) * 100) / 100,
    status: 'paid',
    shippingInsurance: false,
    createdAt: ago(30 * DAY),
    paidAt: null, shipBy: null, shippedAt: null, deliveredAt: null, cancelRequestedAt: null,
    address: null, logistics: null,
    ...over,
  });

  /** Times of an order delivered `days` ago (created, paid, shipped before it; tracking ends at the signature). */
  const delivered = (ms: number, zone = CN, carrier = '顺丰速运', no = 'SF'): Partial<OrderInput> => ({
    status: 'delivered',
    createdAt: ago(ms + 3 * DAY, zone), paidAt: ago(ms + 3 * DAY - 5 * MINUTE, zone),
    shipBy: ago(ms + DAY, zone), shippedAt: ago(ms + 2 * DAY, zone), deliveredAt: ago(ms, zone),
    logistics: { carrier, trackingNo: `${no}${String(ms).slice(0, 10)}`, events: [
      { at: ago(ms + 2 * DAY, zone), text: zone === CN ? '快件已揽收' : 'Picked up' },
      { at: ago(ms, zone), text: zone === CN ? '已签收，签收人：本人' : 'Delivered, signed by recipient' },
    ] },
  });
  /** Times of a paid order waiting for shipment, ship-by `shipByIn` from now (negative: already late). */
  const paid = (paidAgo: number, shipByIn: number, zone = CN): Partial<OrderInput> => ({
    status: 'paid', createdAt: ago(paidAgo + 2 * MINUTE, zone), paidAt: ago(paidAgo, zone), shipBy: ahead(shipByIn, zone),
  });
  /** Times of a shipped order with tracking events at the given ages. */
  const shipped = (shippedAgo: number, eventAges: number[], zone = CN, carrier = '中通快递', no = 'ZT'): Partial<OrderInput> => ({
    status: 'shipped',
    createdAt: ago(shippedAgo + DAY, zone), paidAt: ago(shippedAgo + DAY - MINUTE, zone), shipBy: ago(shippedAgo - HOUR, zone), shippedAt: ago(shippedAgo, zone),
    logistics: { carrier, trackingNo: `${no}7${String(shippedAgo).slice(0, 9)}`, events: eventAges.map((a, i) => ({
      at: ago(a, zone), text: zone === CN ? ['快件已揽收', '到达杭州转运中心', '到达北京分拨中心', '派送中'][i % 4]! : ['Picked up', 'Arrived at sort facility', 'In transit to destination', 'Out for delivery'][i % 4]!,
    })) },
  });

  const Z = UNSEEN.buyers;
  const orders: (OrderInput & { probe: string })[] = [
    // ---- 张伟 (zh-CN, good) — home appliances from 暖家电器 (CNY) ----
    order('SO-2026-000101', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-RC4', '美的智能电饭煲 4L', 'kitchen_appliance', 399)],
      { status: 'unpaid', createdAt: ago(HOUR), address: addrZW, probe: 'cancel.unpaid' }),
    order('SO-2026-000102', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-AF55', '无油空气炸锅 5.5L', 'kitchen_appliance', 599)],
      { ...paid(2 * HOUR, 46 * HOUR), address: addrZW, probe: 'cancel.paid_unshipped' }),
    order('SO-2026-000103', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-VC9', '无线手持吸尘器 V9', 'cleaning_appliance', 1299)],
      { ...shipped(DAY, [DAY, 5 * HOUR]), address: addrZW, probe: 'cancel.in_transit' }),
    order('SO-2026-000104', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-CM1', '全自动意式咖啡机', 'kitchen_appliance', 899)],
      { ...shipped(DAY, [DAY, 6 * HOUR]), cancelRequestedAt: ago(2 * DAY), address: addrZW, probe: 'cancel.shipped_after_request' }),
    order('SO-2026-000105', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-KT17', '不锈钢电热水壶 1.7L', 'kitchen_appliance', 159)],
      { ...delivered(2 * DAY), address: addrZW, probe: 'cancel.delivered' }),
    order('SO-2026-000106', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY',
      [item('HJ-SM1', '九阳破壁豆浆机', 'kitchen_appliance', 329), item('HJ-SM1-F', '豆浆机专用滤网', 'kitchen_accessory', 19, 2)],
      { ...delivered(3 * DAY), shippingInsurance: true, address: addrZW, probe: 'return.no_reason (multi-item, insured)' }),
    order('SO-2026-000107', Z.zhangWei, 'mer-greenbasket', 'grocery', 'CNY', [item('GB-CRAB8', '阳澄湖大闸蟹礼盒 8只装', 'seafood_fresh', 588, 1, perishable)],
      { ...delivered(DAY), address: addrZW, probe: 'return.not_returnable' }),
    order('SO-2026-000108', Z.zhangWei, 'mer-greenbasket', 'grocery', 'CNY', [item('GB-CHERRY', '智利车厘子 JJ级 2kg', 'fruit_fresh', 268, 1, perishable)],
      { ...delivered(DAY), address: addrZW, probe: 'return.quality (perishable, spoiled)' }),
    order('SO-2026-000109', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-GS2', '立式挂烫机', 'home_appliance', 249)],
      { ...delivered(7 * DAY), address: addrZW, probe: 'return.no_reason at exactly 7 days' }),
    order('SO-2026-000110', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-MW23', '变频微波炉 23L', 'kitchen_appliance', 699)],
      { ...delivered(10 * DAY), address: addrZW, probe: 'return.quality at 10 days' }),
    order('SO-2026-000111', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-FAN16', '落地电风扇 16寸', 'home_appliance', 199)],
      { ...delivered(15 * DAY), address: addrZW, probe: 'return.quality at exactly 15 days' }),
    order('SO-2026-000112', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-GR30', '双面加热电饼铛', 'kitchen_appliance', 189)],
      { ...delivered(20 * DAY), status: 'completed', address: addrZW, probe: 'return.expired' }),
    order('SO-2026-000113', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-FR520', '十字对开门冰箱 520L', 'large_appliance', 4999)],
      { ...delivered(3 * DAY), address: addrZW, probe: 'return.review_amount' }),
    order('SO-2026-000114', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-DW13', '嵌入式洗碗机 13套', 'large_appliance', 2000)],
      { ...delivered(2 * DAY), address: addrZW, probe: 'return.no_reason at exactly 2000' }),
    order('SO-2026-000115', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-BL12', '静音破壁机', 'kitchen_appliance', 899)],
      { ...paid(3 * HOUR, 45 * HOUR), address: addrZW, probe: 'track.before_ship_by' }),
    order('SO-2026-000116', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-OV40', '家用电烤箱 40L', 'kitchen_appliance', 459)],
      { ...paid(3 * DAY, -MINUTE), address: addrZW, probe: 'track.late_shipment just past the ship-by time' }),
    order('SO-2026-000117', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-RB7', '扫地机器人 T7', 'cleaning_appliance', 1899)],
      { ...shipped(2 * DAY, [2 * DAY, 6 * HOUR]), address: addrZW, probe: 'track.in_transit; merchant.unresponsive' }),
    order('SO-2026-000118', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-WP5', '厨下净水器 RO 600G', 'home_appliance', 1599)],
      { ...shipped(5 * DAY, [5 * DAY, 4 * DAY, 72 * HOUR]), address: addrZW, probe: 'track.stalled at exactly 72 h' }),
    order('SO-2026-000119', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-HT22', '踢脚线电暖器', 'home_appliance', 369)],
      { ...paid(HOUR, 47 * HOUR), address: addrZW, probe: 'address.unshipped' }),
    order('SO-2026-000120', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-HM4', '无雾加湿器 4L', 'home_appliance', 229)],
      { ...shipped(DAY, [DAY, 3 * HOUR]), address: addrZW, probe: 'address.shipped' }),
    order('SO-2026-000121', Z.zhangWei, 'mer-budgetvolt', 'appliances', 'CNY', [item('BV-HW1', '充电暖手宝', 'small_appliance', 89)],
      { ...delivered(4 * DAY), address: addrZW, probe: 'return.merchant_flagged (rating 3.7)' }),
    order('SO-2026-000122', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-JC1', '原汁机 慢速榨汁', 'kitchen_appliance', 239)],
      { ...delivered(9 * DAY), status: 'completed', address: addrZW, probe: 'invoice.request' }),
    order('SO-2026-000123', Z.zhangWei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-IR2', '蒸汽电熨斗 2400W', 'home_appliance', 159)],
      { ...delivered(4 * DAY), address: addrZW, probe: 'return.no_reason as an exchange' }),
    order('A10031', Z.zhangWei, 'mer-tixhub', 'tickets', 'JPY', [item('TX-JAY-TYO', '周杰伦嘉年华世界巡回演唱会 东京站 门票', 'concert_ticket', 18000, 1, ticket)],
      { status: 'delivered', createdAt: ago(2 * DAY, JP), paidAt: ago(2 * DAY, JP), shippedAt: ago(2 * DAY - MINUTE, JP), deliveredAt: ago(2 * DAY - MINUTE, JP), probe: 'cancel.virtual_delivered' }),

    // ---- Emily Carter (en-US, normal) — Brightline (USD, 14-day returns, review over 500), CareMate (EUR), TixHub (USD) ----
    order('SO-2026-000201', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-VX2', 'Vortex Pro Blender', 'kitchen_appliance', 89)],
      { status: 'unpaid', createdAt: ago(2 * HOUR, US), address: addrEC, probe: 'cancel.unpaid' }),
    order('SO-2026-000202', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-TB5', 'Sonic Electric Toothbrush', 'oral_care', 79.9)],
      { ...paid(2 * HOUR, 2 * DAY, EU), address: addrEC, probe: 'cancel.paid_unshipped' }),
    order('SO-2026-000203', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-SM55', 'Stand Mixer 5.5 qt', 'kitchen_appliance', 249)],
      { ...shipped(DAY, [DAY, 4 * HOUR], US, 'UPS', '1Z'), address: addrEC, probe: 'cancel.in_transit' }),
    order('SO-2026-000204', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-CB1', 'Cold Brew Coffee Maker', 'kitchen_appliance', 59)],
      { ...shipped(DAY, [DAY, 5 * HOUR], US, 'UPS', '1Z'), cancelRequestedAt: ago(2 * DAY, US), address: addrEC, probe: 'cancel.shipped_after_request' }),
    order('SO-2026-000205', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-TS4', '4-Slice Toaster', 'kitchen_appliance', 45)],
      { ...delivered(3 * DAY, US, 'UPS', '1Z'), address: addrEC, probe: 'cancel.delivered' }),
    order('SO-2026-000206', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-HD18', 'Ionic Hair Dryer 1800W', 'hair_care', 49)],
      { ...delivered(5 * DAY, EU, 'DHL', 'JD'), shippingInsurance: true, address: addrEC, probe: 'return.no_reason (insured)' }),
    order('SO-2026-000207', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-AP3', 'HEPA Air Purifier', 'home_appliance', 120)],
      { ...delivered(10 * DAY, US, 'UPS', '1Z'), address: addrEC, probe: 'return.no_reason at 10 days (merchant 14-day override)' }),
    order('SO-2026-000208', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-SH7', 'Electric Shaver Series 7 (opened)', 'hygiene_opened', 129, 1, perishable)],
      { ...delivered(DAY, EU, 'DHL', 'JD'), address: addrEC, probe: 'return.not_returnable (opened hygiene)' }),
    order('SO-2026-000209', Z.emily, 'mer-brightline', 'appliances', 'USD',
      [item('BL-MF1', 'Milk Frother', 'kitchen_appliance', 39), item('BL-ESP1', 'Organic Espresso Beans 1kg', 'grocery_food', 25, 1, perishable)],
      { ...delivered(2 * DAY, US, 'UPS', '1Z'), address: addrEC, probe: 'mixed returnability: the frother alone is a no-reason return' }),
    order('SO-2026-000210', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-MG2', 'Percussion Massage Gun', 'personal_care', 89)],
      { ...delivered(12 * DAY, EU, 'DHL', 'JD'), address: addrEC, probe: 'return.quality at 12 days' }),
    order('SO-2026-000211', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-WM2', 'Belgian Waffle Maker', 'kitchen_appliance', 35)],
      { ...delivered(30 * DAY, US, 'UPS', '1Z'), status: 'completed', address: addrEC, probe: 'return.expired' }),
    order('SO-2026-000212', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-RV8', 'Robot Vacuum S8', 'cleaning_appliance', 600)],
      { ...delivered(4 * DAY, US, 'UPS', '1Z'), address: addrEC, probe: 'return.review_amount (merchant review over 500)' }),
    order('SO-2026-000213', Z.emily, 'mer-tixhub', 'tickets', 'USD', [item('TX-HOOD-L', 'World Tour Hoodie (L)', 'apparel_merch', 55)],
      { ...delivered(5 * DAY, US, 'USPS', '94'), address: addrEC, probe: 'return.merchant_flagged (open penalty)' }),
    order('SO-2026-000214', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-KT1', 'Smart Gooseneck Kettle', 'kitchen_appliance', 69)],
      { ...paid(3 * HOUR, DAY, US), address: addrEC, probe: 'track.before_ship_by' }),
    order('SO-2026-000215', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-SV1', 'Sous Vide Precision Cooker', 'kitchen_appliance', 129)],
      { ...paid(4 * DAY, -5 * HOUR, US), address: addrEC, probe: 'track.late_shipment' }),
    order('SO-2026-000216', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-PC6', 'Electric Pressure Cooker 6 qt', 'kitchen_appliance', 99)],
      { ...shipped(DAY, [DAY, 20 * HOUR, 4 * HOUR], US, 'FedEx', '77'), address: addrEC, probe: 'track.in_transit; merchant.unresponsive' }),
    order('SO-2026-000217', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-DH35', 'Dehumidifier 35 pint', 'home_appliance', 189)],
      { ...shipped(6 * DAY, [6 * DAY, 100 * HOUR], US, 'FedEx', '77'), address: addrEC, probe: 'track.stalled' }),
    order('SO-2026-000218', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-WF3', 'Cordless Water Flosser', 'oral_care', 59)],
      { ...paid(HOUR, 2 * DAY, EU), address: addrEC, probe: 'address.unshipped' }),
    order('SO-2026-000219', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-IT1', 'Infrared Forehead Thermometer', 'health_device', 39)],
      { ...shipped(DAY, [DAY, 3 * HOUR], EU, 'DHL', 'JD'), address: addrEC, probe: 'address.shipped' }),
    order('SO-2026-000220', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-IC2', 'Induction Cooktop', 'kitchen_appliance', 159)],
      { ...delivered(20 * DAY, US, 'UPS', '1Z'), status: 'completed', address: addrEC, probe: 'invoice.request' }),
    order('SO-2026-000221', Z.emily, 'mer-caremate', 'care', 'EUR', [item('CM-FS1', 'Foot Spa Massager', 'personal_care', 69)],
      { ...shipped(4 * DAY, [4 * DAY, 50 * HOUR], EU, 'DHL', 'JD'), address: addrEC, probe: 'track.stalled after 48 h (merchant override)' }),
    order('SO-2026-000222', Z.emily, 'mer-brightline', 'appliances', 'USD', [item('BL-DO6', 'Enameled Cast Iron Dutch Oven 6 qt', 'cookware', 89)],
      { ...delivered(6 * DAY, US, 'UPS', '1Z'), address: addrEC, probe: 'return.no_reason as an exchange' }),
    order('A10032', Z.emily, 'mer-tixhub', 'tickets', 'USD', [item('TX-JAZZ-NY', 'Blue Note Jazz Night e-ticket', 'concert_ticket', 75, 2, ticket)],
      { status: 'delivered', createdAt: ago(3 * DAY, US), paidAt: ago(3 * DAY, US), shippedAt: ago(3 * DAY - MINUTE, US), deliveredAt: ago(3 * DAY - MINUTE, US), probe: 'cancel.virtual_delivered' }),

    // ---- 陈静 (zh-CN, normal, an open penalty) ----
    order('SO-2026-000301', Z.chenJing, 'mer-hearth', 'appliances', 'CNY', [item('HJ-MOP', '手持蒸汽拖把', 'cleaning_appliance', 329)],
      { ...delivered(2 * DAY), probe: 'return.risky_buyer (open penalty)' }),
    order('SO-2026-000302', Z.chenJing, 'mer-hearth', 'appliances', 'CNY', [item('HJ-MPOT', '多功能料理锅', 'kitchen_appliance', 279)],
      { ...paid(5 * HOUR, DAY), address: { name: '陈静', phone: '13722223333', line: '杭州市西湖区文三路90号' }, probe: 'address.unshipped (picked from cards)' }),
    // ---- 刘洋 (zh-CN, risky) ----
    order('SO-2026-000401', Z.liuYang, 'mer-hearth', 'appliances', 'CNY', [item('HJ-DRY', '智能电动晾衣架', 'home_appliance', 799)],
      { ...delivered(3 * DAY), probe: 'return.risky_buyer (risky credit)' }),
    order('SO-2026-000402', Z.liuYang, 'mer-hearth', 'appliances', 'CNY', [item('HJ-TS1', '智能马桶盖', 'bathroom_appliance', 2199)],
      { ...shipped(DAY, [DAY, 2 * HOUR]), probe: 'another order to pick from' }),
    // ---- 王磊 (zh-CN, good, a resolved penalty only) ----
    order('SO-2026-000501', Z.wangLei, 'mer-hearth', 'appliances', 'CNY', [item('HJ-NF1', '挂脖风扇', 'small_appliance', 129)],
      { ...delivered(4 * DAY), probe: 'return.no_reason (resolved penalty is no risk)' }),
    order('SO-2026-000502', Z.wangLei, 'mer-greenbasket', 'grocery', 'CNY', [item('GB-RICE', '五常稻花香大米 10kg', 'grocery_food', 139, 1, perishable)],
      { ...shipped(DAY, [DAY, 2 * HOUR]), probe: 'another order to pick from' }),
    // ---- Marco Rossi (en-US, good, 3 refunds in 30 days) ----
    order('SO-2026-000601', Z.marco, 'mer-brightline', 'appliances', 'USD', [item('BL-PP1', 'Panini Press Grill', 'kitchen_appliance', 79)],
      { ...delivered(3 * DAY, US, 'UPS', '1Z'), probe: 'return.risky_buyer (3 refunds)' }),
    // ---- Dana Brooks (en-US, risky) ----
    order('SO-2026-000701', Z.dana, 'mer-brightline', 'appliances', 'USD', [item('BL-SC7', 'Slow Cooker 7 qt', 'kitchen_appliance', 64)],
      { ...delivered(2 * DAY, US, 'UPS', '1Z'), probe: 'return.risky_buyer (risky credit, picked from cards)' }),
    order('SO-2026-000702', Z.dana, 'mer-brightline', 'appliances', 'USD', [item('BL-IM1', 'Countertop Ice Maker', 'kitchen_appliance', 139)],
      { ...shipped(DAY, [DAY, 6 * HOUR], US, 'UPS', '1Z'), probe: 'another order to pick from' }),
    // ---- Hiro Tanaka (en-US, good, one order, JPY, Tokyo) ----
    order('SO-2026-000801', Z.hiro, 'mer-sakura', 'appliances', 'JPY', [item('SK-IH55', 'Zojirushi IH Rice Cooker 5.5-cup', 'kitchen_appliance', 32800)],
      { ...shipped(DAY, [DAY, 5 * HOUR], JP, 'Yamato Transport', 'YM'), address: { name: 'Hiro Tanaka', phone: '+81 90-1234-5678', line: '2-1-1 Nihonbashi, Chuo-ku, Tokyo' }, probe: 'the only order: taken without asking' }),
    // ---- Olivia White (en-US, good) ----
    order('SO-2026-000901', Z.olivia, 'mer-sakura', 'appliances', 'JPY', [item('SK-TEA1', 'Nambu Cast Iron Teapot', 'kitchenware', 8800)],
      { ...delivered(2 * DAY, JP, 'Yamato Transport', 'YM'), probe: 'return.review_amount in JPY (8,800 over 2,000 yen)' }),
    order('SO-2026-000902', Z.olivia, 'mer-brightline', 'appliances', 'USD', [item('BL-AF8', 'Digital Air Fryer 8 qt', 'kitchen_appliance', 119)],
      { ...paid(4 * HOUR, 2 * DAY, US), probe: 'cancel.paid_unshipped (picked from cards)' }),
    order('SO-2026-000903', Z.olivia, 'mer-caremate', 'care', 'EUR', [item('CM-EYE', 'Heated Eye Mask', 'personal_care', 29)],
      { ...shipped(DAY, [DAY, 2 * HOUR], EU, 'DHL', 'JD'), probe: 'another order to pick from' }),
  ];

  return {
    businessLines: [
      { id: 'appliances', name: { zh: '家用电器', en: 'Home Appliances' } },
      { id: 'grocery', name: { zh: '生鲜食品', en: 'Fresh Grocery' } },
      { id: 'tickets', name: { zh: '演出票务', en: 'Live Tickets' } },
      { id: 'care', name: { zh: '个护健康', en: 'Personal Care' } },
    ],
    merchants: [
      { id: 'mer-hearth', name: '暖家电器旗舰店', businessLine: 'appliances', contactHandle: 'wangwang:hearth-cs', rating: 4.8, penalties: [] },
      {
        id: 'mer-brightline', name: 'Brightline Home', businessLine: 'appliances', contactHandle: 'email:care@brightline.example', rating: 4.6, penalties: [],
        policy: { noReasonReturnDays: 14, reviewAmount: 500 },
      },
      { id: 'mer-budgetvolt', name: '省电宝小家电', businessLine: 'appliances', contactHandle: 'wangwang:budgetvolt', rating: 3.7, penalties: [] },
      {
        id: 'mer-greenbasket', name: '绿篮子生鲜', businessLine: 'grocery', contactHandle: 'im:greenbasket-kf', rating: 4.5,
        penalties: [{ at: ago(40 * DAY), reason: '售卖临期牛奶', resolvedAt: ago(30 * DAY) }],
      },
      {
        id: 'mer-tixhub', name: 'TixHub Live', businessLine: 'tickets', contactHandle: 'slack:tixhub-ops', rating: 4.3,
        penalties: [{ at: ago(5 * DAY, US), reason: 'e-tickets delivered after the show' }],
      },
      {
        id: 'mer-caremate', name: 'CareMate Europe', businessLine: 'care', contactHandle: 'email:help@caremate.example', rating: 4.2, penalties: [],
        policy: { stallHours: 48 },
      },
      { id: 'mer-sakura', name: 'Sakura Kitchen Japan', businessLine: 'appliances', contactHandle: 'line:sakura-kitchen', rating: 4.9, penalties: [] },
    ],
    buyers: [
      { id: Z.zhangWei, name: '张伟', locale: 'zh-CN', phone: '13911112222', credit: 'good', refundsLast30Days: 0, penalties: [], preferences: ['喜欢简短的回答'],
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.zhangWei }] },
      { id: Z.chenJing, name: '陈静', locale: 'zh-CN', phone: '13722223333', credit: 'normal', refundsLast30Days: 1,
        penalties: [{ at: ago(10 * DAY), reason: '恶意退款（未寄回商品）' }], channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.chenJing }] },
      { id: Z.liuYang, name: '刘洋', locale: 'zh-CN', phone: '13633334444', credit: 'risky', refundsLast30Days: 2, penalties: [],
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.liuYang }] },
      { id: Z.wangLei, name: '王磊', locale: 'zh-CN', phone: '13544445555', credit: 'good', refundsLast30Days: 0,
        penalties: [{ at: ago(60 * DAY), reason: '虚假投诉', resolvedAt: ago(50 * DAY) }], channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.wangLei }] },
      { id: Z.emily, name: 'Emily Carter', locale: 'en-US', phone: '+1 (617) 555-0142', credit: 'normal', refundsLast30Days: 0, penalties: [],
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.emily }] },
      { id: Z.marco, name: 'Marco Rossi', locale: 'en-US', phone: '+1 (312) 555-0177', credit: 'good', refundsLast30Days: 3, penalties: [],
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.marco }] },
      { id: Z.dana, name: 'Dana Brooks', locale: 'en-US', phone: '+1 (206) 555-0119', credit: 'risky', refundsLast30Days: 1, penalties: [],
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.dana }] },
      { id: Z.hiro, name: 'Hiro Tanaka', locale: 'en-US', phone: '+81 90-1234-5678', credit: 'good', refundsLast30Days: 0, penalties: [], timeZone: 'Asia/Tokyo',
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.hiro }] },
      { id: Z.olivia, name: 'Olivia White', locale: 'en-US', phone: '+1 (503) 555-0188', credit: 'good', refundsLast30Days: 0, penalties: [],
        channelAccounts: [{ channelId: 'emulator', userId: UNSEEN.users.olivia }] },
    ],
    orders,
    agents: [
      { id: 'ag-lina', name: '李娜', businessLines: ['appliances', 'grocery'], capacity: 4, languages: ['zh', 'en'], channelAccounts: [{ channelId: 'emulator', userId: 'agent-lina' }] },
      { id: 'ag-sam', name: 'Sam', businessLines: ['tickets', 'care', 'appliances'], capacity: 3, languages: ['en'], channelAccounts: [{ channelId: 'emulator', userId: 'agent-sam' }] },
    ],
    knowledgeBase: [
      { id: 'kb-appliance-return', intent: 'question.return_policy',
        question: { zh: '家电可以七天无理由退货吗？', en: 'Can I return an appliance without a reason?' },
        answer: { zh: '未使用、包装完好的家电签收 7 天内可无理由退货。', en: 'Unused appliances in their original box can be returned within 7 days of delivery.' } },
      { id: 'kb-ticket-refund', intent: 'question.refund_time',
        question: { zh: '演出票退款多久到账？', en: 'How long does a ticket refund take?' },
        answer: { zh: '主办方同意后 3–5 个工作日原路退回。', en: 'Once the organiser agrees, 3–5 business days to your original payment method.' } },
    ],
  };
}
