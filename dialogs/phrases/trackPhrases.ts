import type { Phrase } from '../../bot/strings.js';
import type { OrderFacts } from '../orderFacts.js';

type F = OrderFacts;

/** What the bot says about where an order is, rule by rule (`track.*` of after-sales-policy.md). */
export const TRACK = {
  beforeShipBy: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}）已付款，商家承诺 ${f.shipBy} 前发货，现在还在承诺时间内。发货后这里就能看到快递单号。`,
    en: (f: F) => `Order ${f.id} (${f.goods}) is paid, and the seller promised to ship it by ${f.shipBy}; that's still ahead. You'll see the tracking number here as soon as it leaves.`,
  },
  beforeShipByUrged: {
    zh: (f: F) => `理解您着急！订单 ${f.id} 商家承诺 ${f.shipBy} 前发货，现在还没到时间；我已经提醒商家尽快发出，超时没发的话您可以获得延迟发货补偿。`,
    en: (f: F) => `I understand you're keen to get it! The seller promised to ship order ${f.id} by ${f.shipBy}, which is still ahead; I've nudged them to ship soon, and if they miss that time you're entitled to late-shipment compensation.`,
  },
  noShipBy: {
    zh: (f: F) => `订单 ${f.id} 已付款，正在等商家发货，发货后这里就能看到快递单号。`,
    en: (f: F) => `Order ${f.id} is paid and waiting for the seller to ship it; you'll see the tracking number here as soon as it leaves.`,
  },
  late: {
    zh: (f: F) => `抱歉！订单 ${f.id} 商家承诺 ${f.shipBy} 前发货，已经超时了。我已经催商家立即发货，并在订单上记下了延迟发货，您可以获得延迟发货补偿，平台核实后会发放到您的账户。`,
    en: (f: F) => `Sorry about this! The seller promised to ship order ${f.id} by ${f.shipBy} and is late. I've urged them to ship it now and noted the delay on the order: because it's late you're entitled to late-shipment compensation, paid to your account once the platform has checked it.`,
  },
  inTransit: {
    zh: (f: F & { events: string }) => `订单 ${f.id}（${f.goods}）由 ${f.carrier} 配送，单号 ${f.trackingNo}。最新：${f.latest || '暂无物流更新'}。${f.events}`,
    en: (f: F & { events: string }) => `Order ${f.id} (${f.goods}) is with ${f.carrier}, tracking number ${f.trackingNo}. Latest: ${f.latest || 'no update yet'}.${f.events}`,
  },
  earlier: {
    zh: (p: { lines: string }) => `\n\n之前：\n${p.lines}`,
    en: (p: { lines: string }) => `\n\nBefore that:\n${p.lines}`,
  },
  delivered: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}）已在 ${f.deliveredAt} 签收（${f.carrier} ${f.trackingNo}）。如果您没收到，告诉我，我来帮您查。`,
    en: (f: F) => `Order ${f.id} (${f.goods}) was delivered on ${f.deliveredAt} (${f.carrier} ${f.trackingNo}). If you didn't get it, tell me and I'll look into it.`,
  },
  stalledFacts: {
    zh: (f: F & { hours: number }) => `订单 ${f.id}（${f.carrier} ${f.trackingNo}）从 ${f.latestAt} 起已经 ${f.hours} 小时没有物流更新了，看起来是卡住了。`,
    en: (f: F & { hours: number }) => `Order ${f.id} (${f.carrier} ${f.trackingNo}) hasn't moved since ${f.latestAt}, over ${f.hours} hours, so it looks stuck.`,
  },
  deliveredNotReceived: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}）在快递那边显示 ${f.deliveredAt} 已签收（${f.carrier} ${f.trackingNo}），但您没收到，这需要核实一下：可以先看看门口、快递柜、驿站或家人有没有代收。`,
    en: (f: F) => `The carrier shows order ${f.id} (${f.goods}) as delivered on ${f.deliveredAt} (${f.carrier} ${f.trackingNo}), but you haven't got it, so it needs checking: it's worth looking by the door, in a parcel locker, or asking neighbours or family first.`,
  },
  notReceivedOffer: {
    zh: () => '要我联系商家和快递核实派送情况吗？',
    en: () => 'Shall I ask the seller to check the delivery with the carrier?',
  },
  stalledOffer: {
    zh: () => '要我联系商家去催快递查件吗？',
    en: () => 'Shall I ask the seller to chase the carrier?',
  },
  virtual: {
    zh: (f: F) => `订单 ${f.id}（${f.goods}）是虚拟商品，不需要快递，券码已经发给您了。`,
    en: (f: F) => `Order ${f.id} (${f.goods}) is digital, so there's no parcel: the codes have been sent to you.`,
  },
  unpaid: {
    zh: (f: F) => `订单 ${f.id} 还没付款，付款后商家才会发货。`,
    en: (f: F) => `Order ${f.id} isn't paid yet, so it will ship once it's paid.`,
  },
  ended: {
    zh: (f: F & { status: string }) => `订单 ${f.id} 已经是“${f.status}”状态，不会再发货了。`,
    en: (f: F & { status: string }) => `Order ${f.id} is "${f.status}", so nothing more will ship.`,
  },
} satisfies Record<string, Phrase<never>>;
