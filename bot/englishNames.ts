import type { Locale, Merchant } from '../data/shopSchema.js';

const HAN = /\p{Script=Han}/u;

/** Chinese carriers' English names, as they print them on their own waybills. */
const CARRIERS: [RegExp, string][] = [
  [/顺丰/u, 'SF Express'],
  [/中通/u, 'ZTO Express'],
  [/圆通/u, 'YTO Express'],
  [/韵达/u, 'Yunda Express'],
  [/申通/u, 'STO Express'],
  [/京东/u, 'JD Logistics'],
  [/极兔/u, 'J&T Express'],
  [/德邦/u, 'Deppon Express'],
  [/邮政|EMS/u, 'China Post EMS'],
  [/百世/u, 'Best Express'],
  [/菜鸟/u, 'Cainiao'],
];

/** What a Chinese tracking update says, in English: the carrier's words mapped to what happened. */
const TRACKING: [RegExp, string][] = [
  [/签收|已妥投|已送达/u, 'delivered'],
  [/派送|派件|配送中|正在投递/u, 'out for delivery'],
  [/自提|驿站|快递柜|丰巢/u, 'waiting at a pickup point'],
  [/拦截/u, 'intercept requested'],
  [/退回|退件/u, 'being returned to the seller'],
  [/滞留|异常|延误|停滞/u, 'held up in transit'],
  [/到达|抵达/u, 'arrived at a sorting centre'],
  [/发往|离开|已发出|运输中|在途|转运/u, 'in transit'],
  [/揽收|揽件|收件/u, 'picked up by the carrier'],
  [/出库|打包|已发货/u, 'shipped by the seller'],
];

/** A name written in Chinese, given once in an English sentence, marked as a name. */
function markedName(name: string, what: string): string {
  return `"${name}" (${what})`;
}

/**
 * The merchant's name in the buyer's language: an English reply uses the shop's English name (an
 * extra `nameEn` field, a `{zh, en}` name, or the Latin half of "小鱼数码 Xiaoyu Digital"), else the
 * Chinese name once, marked as the seller's name; a Chinese reply the name as the shop wrote it.
 */
export function merchantName(merchant: Pick<Merchant, 'name'> & Record<string, unknown>, locale: Locale): string {
  const raw = merchant.name as unknown;
  if (raw && typeof raw === 'object') {
    const n = raw as { zh?: string; en?: string };
    return (locale === 'en-US' ? n.en ?? n.zh : n.zh ?? n.en) ?? '';
  }
  const name = String(raw ?? '');
  if (locale !== 'en-US' || !HAN.test(name)) return name;
  const english = ['nameEn', 'name_en', 'englishName'].map((k) => merchant[k]).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (english) return english;
  const latin = name.replace(/[\p{Script=Han}（）()【】]+/gu, ' ').replace(/\s+/g, ' ').trim();
  if (/[A-Za-z]{3,}/.test(latin)) return latin;
  return markedName(name, "the seller's name");
}

/** The carrier's name in the buyer's language ("顺丰速运" is "SF Express" in English). */
export function carrierName(carrier: string, locale: Locale): string {
  if (locale !== 'en-US' || !HAN.test(carrier)) return carrier;
  return CARRIERS.find(([p]) => p.test(carrier))?.[1] ?? markedName(carrier, 'carrier');
}

/** A tracking update in the buyer's language: a Chinese update in an English reply says what happened, in English. */
export function trackingText(text: string, locale: Locale): string {
  if (locale !== 'en-US' || !HAN.test(text)) return text;
  return TRACKING.find(([p]) => p.test(text))?.[1] ?? 'update from the carrier';
}
