import type { Order, OrderStatus } from '../data/shopSchema.js';

/**
 * How buyers name goods without the title's words: a kind ("书那单", "the berries"), a synonym
 * ("四件套" for a duvet set), or the other language ("keyboard到哪了" of a "机械键盘"). Each group
 * lists the words a buyer may say and the words (or shop categories) of the titles they point at;
 * `titles` defaults to the same words. Chinese words match as substrings, English as whole words
 * (a trailing plural "s"/"es" allowed).
 */
interface GoodsGroup {
  say: readonly string[];
  titles?: readonly string[];
}

const FRUIT = ['芒果', '贵妃芒', '车厘子', '樱桃', '葡萄', '青提', '提子', '苹果', '橙子', '草莓', '蓝莓', '荔枝', '榴莲', '猕猴桃', '西瓜', '柚子', '桃', 'mango', 'cherry', 'cherries', 'grape', 'apple', 'orange', 'strawberry', 'strawberries', 'blueberry', 'blueberries', 'berry', 'berries', 'fruit', 'peach', 'fresh_food'];
const CLOTHES = ['衣服', '开衫', '毛衣', '针织', '连衣裙', '裙', '裤', 'T恤', '衬衫', '外套', '夹克', 'sweater', 'cardigan', 'dress', 'skirt', 'pants', 'jeans', 'chinos', 'shirt', 'jacket', 'coat', 'apparel'];

const GROUPS: readonly GoodsGroup[] = [
  { say: ['书', '图书', '书籍', '小说', '绘本', '教材', 'book', 'novel', 'paperback', 'hardcover'], titles: ['书', '《', '全集', 'book', 'books', 'novel', 'paperback', 'hardcover'] },
  { say: ['门票', '票', '车票', '机票', '高铁票', '火车票', '电影票', 'ticket', 'admission'], titles: ['票', 'ticket', 'rail', 'flight', 'admission'] },
  { say: ['酒店', '宾馆', '住宿', '房券', 'hotel', 'voucher', 'room'], titles: ['酒店', '宾馆', '住宿', 'hotel', 'voucher', 'e_voucher'] },
  { say: ['话费', '充值', '流量', 'top-up', 'topup', 'recharge', 'airtime'], titles: ['话费', '充值', '流量', 'top-up', 'topup', 'recharge', 'top_up'] },
  { say: ['点卡', '兑换码', '激活码', '游戏', 'game', 'code'], titles: ['点卡', '兑换码', '激活码', '游戏', 'game', 'code', 'game_code'] },
  { say: ['电饭煲', '电饭锅', 'rice cooker'] },
  { say: ['空气炸锅', '炸锅', 'air fryer'] },
  { say: ['吸尘器', 'vacuum', 'hoover'], titles: ['吸尘器', '扫地机', 'vacuum'] },
  { say: ['扫地机', '扫地机器人', '扫地的', 'robot vacuum', 'roomba'], titles: ['扫地机', 'robot vacuum'] },
  { say: ['咖啡机', 'coffee machine', 'espresso machine', 'coffee maker'], titles: ['咖啡机', 'coffee maker', 'espresso machine', 'coffee machine', 'cold brew'] },
  { say: ['面包机', '烤面包机', '多士炉', 'toaster'] },
  { say: ['吹风机', '电吹风', 'hair dryer', 'hairdryer', 'blow dryer'], titles: ['吹风', 'hair dryer', 'hairdryer'] },
  { say: ['净化器', '空气净化器', 'purifier'] },
  { say: ['净水器', '滤水器', 'water filter', 'water purifier'], titles: ['净水', 'water filter', 'water purifier'] },
  { say: ['剃须刀', '刮胡刀', 'shaver', 'razor'] },
  { say: ['按摩枪', '筋膜枪', 'massage gun'] },
  { say: ['按摩', 'massager'], titles: ['按摩', 'massage'] },
  { say: ['冰箱', 'fridge', 'refrigerator'] },
  { say: ['洗碗机', 'dishwasher'] },
  { say: ['烤箱', 'oven'], titles: ['烤箱', 'oven'] },
  { say: ['加湿器', 'humidifier'], titles: ['加湿', 'humidifier'] },
  { say: ['除湿机', '抽湿机', 'dehumidifier'] },
  { say: ['电熨斗', '熨斗', '挂烫机', 'iron', 'steamer'], titles: ['熨斗', '挂烫', 'iron', 'steamer'] },
  { say: ['风扇', '电扇', 'fan'] },
  { say: ['电暖器', '暖风机', '取暖器', '暖手宝', 'heater', 'hand warmer'], titles: ['暖', 'heater', 'warmer'] },
  { say: ['高压锅', '压力锅', 'pressure cooker', 'instant pot'] },
  { say: ['体温计', '温度计', 'thermometer'] },
  { say: ['冲牙器', '洗牙器', 'water flosser', 'flosser'] },
  { say: ['电动牙刷', 'electric toothbrush'], titles: ['牙刷', 'toothbrush'] },
  { say: ['厨师机', '打蛋器', 'stand mixer', 'mixer'] },
  { say: ['豆浆机', 'soy milk maker', 'soymilk maker'] },
  { say: ['奶泡机', '打奶器', 'milk frother', 'frother'] },
  { say: ['华夫饼机', 'waffle maker', 'waffle iron'] },
  { say: ['锅', '炒锅', '铸铁锅', 'pot', 'pan', 'dutch oven', 'skillet', 'wok'], titles: ['锅', 'pot', 'pan', 'dutch oven', 'skillet', 'wok', 'cookware'] },
  { say: ['电磁炉', 'induction cooktop', 'cooktop', 'hob'] },
  { say: ['螃蟹', '大闸蟹', '蟹', 'crab'], titles: ['蟹', 'crab'] },
  { say: ['卫衣', 'hoodie', 'sweatshirt'] },
  { say: ['家电', '电器', 'appliance'], titles: ['appliance', '电器'] },
  { say: ['键盘', 'keyboard'] },
  { say: ['鼠标', 'mouse'] },
  { say: ['耳机', '耳麦', 'headphone', 'earbud', 'headset', 'earphone'] },
  { say: ['音箱', '音响', 'speaker'] },
  { say: ['充电器', '充电头', '快充', '数据线', 'charger', 'cable'] },
  { say: ['扩展坞', '拓展坞', '转接头', 'hub', 'dock'] },
  { say: ['手机壳', 'phone case'] },
  { say: ['电脑', '笔记本电脑', '平板', 'laptop', 'tablet'] },
  { say: ['手表', 'watch'] },
  { say: ['水壶', '烧水壶', '热水壶', '电水壶', 'kettle'] },
  { say: ['破壁机', '料理机', '榨汁机', 'blender', 'juicer'] },
  { say: ['枕头', '枕', 'pillow'] },
  { say: ['四件套', '床品', '被套', '床单', '被子', 'bedding', 'duvet', 'sheet', 'comforter'] },
  { say: ['毛巾', '浴巾', 'towel'] },
  { say: ['香薰', '香氛', '蜡烛', 'diffuser', 'candle', 'fragrance'] },
  { say: ['毛衣', '针织衫', '开衫', 'sweater', 'cardigan', 'jumper', 'knit'], titles: ['毛衣', '针织', '开衫', 'sweater', 'cardigan', 'jumper', 'knit', 'crewneck'] },
  { say: ['裙子', '连衣裙', '裙', 'dress', 'skirt'] },
  { say: ['裤子', '牛仔裤', '长裤', 'pants', 'trousers', 'jeans', 'chinos'], titles: ['裤', 'pants', 'trousers', 'jeans', 'chinos'] },
  { say: ['衬衫', 'T恤', '短袖', 'shirt', 'tee', 't-shirt', 'blouse'] },
  { say: ['外套', '夹克', '雨衣', '冲锋衣', '羽绒服', 'jacket', 'coat', 'raincoat', 'parka'] },
  { say: ['鞋', '鞋子', '运动鞋', '靴子', 'shoe', 'sneaker', 'boot'] },
  { say: ['皮带', '腰带', 'belt'] },
  { say: ['包包', '背包', '手提包', '钱包', 'backpack', 'handbag', 'purse'] },
  { say: ['衣服', '衣物', '服装', 'clothes', 'clothing', 'outfit'], titles: CLOTHES },
  { say: ['防晒', '防晒霜', '防晒乳', 'sunscreen', 'sunblock', 'spf'], titles: ['防晒', 'sunscreen', 'sunblock', 'spf'] },
  { say: ['洁面', '洗面奶', 'cleanser', 'face wash'], titles: ['洁面', '洗面', 'cleanser'] },
  { say: ['化妆品', '护肤品', '美妆', 'makeup', 'skincare', 'cosmetics'], titles: ['beauty', '防晒', '洁面', '面霜', '精华', '口红', 'cream', 'serum', 'lipstick', 'sunscreen', 'cleanser'] },
  { say: ['牙刷', '刷头', 'toothbrush'], titles: ['牙刷', '刷头', 'toothbrush'] },
  { say: ['水果', '生鲜', 'fruit'], titles: FRUIT },
  { say: ['芒果', '芒', 'mango'], titles: ['芒', 'mango'] },
  { say: ['车厘子', '樱桃', 'cherry', 'cherries'], titles: ['车厘子', '樱桃', 'cherry', 'cherries'] },
  { say: ['葡萄', '青提', '提子', 'grape'], titles: ['葡萄', '提', 'grape'] },
  { say: ['莓', '草莓', '蓝莓', 'berry', 'berries', 'strawberry', 'strawberries', 'blueberry', 'blueberries'], titles: ['莓', 'berry', 'berries', 'strawberr', 'blueberr'] },
  { say: ['三文鱼', '鱼', '海鲜', 'salmon', 'fish', 'seafood'], titles: ['鱼', '海鲜', 'salmon', 'fish', 'seafood'] },
  { say: ['咖啡', '咖啡豆', 'coffee'], titles: ['咖啡', 'coffee'] },
  { say: ['茶叶', '茶', 'tea'], titles: ['茶', 'tea'] },
  { say: ['零食', '吃的', '食品', 'snack', 'food'], titles: ['food', 'fresh_food', '零食', 'snack'] },
  { say: ['数码', '电子产品', 'gadget', 'electronics'], titles: ['electronics'] },
  { say: ['家居', 'homeware'], titles: ['home'] },
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const HAN = /\p{Script=Han}/u;

/** A title matcher for one word: a substring for Chinese (and words with other signs), a whole word (plural allowed) for Latin. */
function matcher(word: string): (text: string) => boolean {
  const w = word.toLowerCase();
  const pattern = HAN.test(w) || /[^a-z0-9 _-]/.test(w) || w.includes('_') ? new RegExp(escape(w), 'u') : new RegExp(`(?<![a-z])${escape(w)}(?:e?s)?(?![a-z])`, 'u');
  return (text) => pattern.test(text);
}

export interface CompiledGroup {
  say: readonly string[];
  titles: ((t: string) => boolean)[];
}

const COMPILED: readonly CompiledGroup[] = GROUPS.map((g) => ({
  say: g.say.map((w) => w.toLowerCase()),
  titles: (g.titles ?? g.say).map(matcher),
}));

/**
 * Every word a buyer may say, in one pattern each for Chinese-like and Latin words (longest first):
 * a message is read once, whatever the size of the lexicon (issue 9: linear in the message).
 */
const ALL_SAY = [...new Set(COMPILED.flatMap((g) => g.say))].sort((a, b) => b.length - a.length);
const SAY_HAN = new RegExp(ALL_SAY.filter((w) => HAN.test(w) || /[^a-z0-9 -]/.test(w)).map(escape).join('|'), 'gu');
const SAY_LATIN = new RegExp(`(?<![a-z])(${ALL_SAY.filter((w) => !(HAN.test(w) || /[^a-z0-9 -]/.test(w))).map(escape).join('|')})(?:e?s)?(?![a-z])`, 'gu');

/**
 * The groups the buyer's text names, each with the longest word that named it (its length is the
 * match's weight). The text is lowercased by the caller.
 */
function groupsSaid(text: string): KindSaid[] {
  const found = new Set<string>();
  for (const m of text.matchAll(SAY_HAN)) found.add(m[0]);
  for (const m of text.matchAll(SAY_LATIN)) found.add(m[1]!);
  if (found.size === 0) return [];
  const out: KindSaid[] = [];
  for (const group of COMPILED) {
    let word = '';
    for (const w of group.say) if (w.length > word.length && found.has(w)) word = w;
    if (word) out.push({ group, length: word.length, word });
  }
  return out;
}

/** A goods kind the buyer named, with the word they used. */
export interface KindSaid {
  group: CompiledGroup;
  length: number;
  word: string;
}

/** The titles and categories of an order's items, lowercased, as the lexicon reads them. */
function titlesOf(order: Order): string {
  return order.items.map((i) => `${i.title} ${i.category}`).join(' ').toLowerCase();
}

/**
 * How strongly the buyer's words name the order's goods by kind, synonym or translation: the length
 * of the longest word said of a group the order's goods belong to; 0 when none. `said` comes from
 * `kindsSaid` (read once per message).
 */
export function kindScore(order: Order, said: readonly KindSaid[]): number {
  if (said.length === 0) return 0;
  const titles = titlesOf(order);
  let best = 0;
  for (const { group, length } of said) if (length > best && group.titles.some((t) => t(titles))) best = length;
  // Half the weight of the title's own words: "榨汁机" names the "原汁机 慢速榨汁" by its words before any blender by kind.
  return best / 2;
}

/** The goods kinds a message names (read once per message; pass to `kindScore`). */
export function kindsSaid(text: string): KindSaid[] {
  return groupsSaid(text.toLowerCase().slice(0, 2000));
}

/**
 * Order states a buyer names an order by ("the one I didn't pay for", "还没发货那单", "退了的那单"):
 * the states it may be in. Empty when the words name no state.
 */
const STATE_CUES: readonly [RegExp, readonly OrderStatus[]][] = [
  [/没付款|未付款|没付钱|没有付款|待付款|没支付|未支付|didn'?t pay|did not pay|haven'?t paid|not paid|unpaid/i, ['unpaid']],
  [/没发货|未发货|还没发出|待发货|待出库|hasn'?t shipped|not shipped|hasn'?t been shipped|not yet shipped|unshipped/i, ['paid']],
  [/在路上|运输中|派送中|on the way|in transit/i, ['shipped']],
  [/显示签收|显示已签收|说已签收|签收了但|says delivered|shows (as )?delivered|marked (as )?delivered|tracking says delivered/i, ['delivered']],
  [/退了的|退掉的|退过的|我退的|退货的那|(?:the one|what) i returned|i sent back|returned one/i, ['return_requested', 'refund_requested', 'refunded']],
  [/取消了的|取消掉的|取消的那|the cancell?ed one|i cancell?ed/i, ['cancelled']],
];

/** The states the buyer's words place the order in, or undefined when they name none. */
export function statesSaid(text: string): ReadonlySet<OrderStatus> | undefined {
  const states = new Set<OrderStatus>();
  for (const [cue, s] of STATE_CUES) if (cue.test(text)) s.forEach((x) => states.add(x));
  return states.size ? states : undefined;
}

/** Words after "the" / "my" that point at an order without naming goods. */
const GENERIC_EN = new Set(
  'order orders one ones parcel package packages item items thing things stuff address seller merchant store shop refund money delivery tracking invoice receipt rest other same last first second third purchase purchases goods product products box stuff app website site account payment card status problem issue way time day week month way driver courier'.split(' '),
);
/** Words before "那单" / "这个" that point at an order without naming goods. */
/** Request words before "这个订单" / "那单" that ask something of the order rather than name it ("帮我取消这个订单"). */
const REQUEST_WORDS = /^(?:帮我|帮忙|麻烦|请|我要|我想|想要|要|把|给我|给|帮|取消|申请|查一下|查查|查|修改|改一下|改|退掉|退货|退款|换货|换|看看|看一下)+/u;

const GENERIC_ZH = /^(这个|那个|上次|刚才|刚刚|昨天|今天|前天|之前|以前|最近|订单|退货|取消|刚买|买的|我买|下单|一个|第一|第二|最后|另一|另外|其他|其它|这|那)$/u;

/**
 * Whether the words name some goods ("the moisturizer", "my lipstick", "四件套那单", a kind from the
 * lexicon), whether or not any order of the buyer's fits: then the order in focus is no stand-in
 * for what they named.
 */
export function namesGoods(text: string): boolean {
  const t = text.toLowerCase().slice(0, 2000);
  if (kindsSaid(t).length > 0) return true;
  for (const m of t.matchAll(/\b(?:the|my|that|this|those|these)\s+([a-z][a-z-]{2,})/g)) if (!GENERIC_EN.has(m[1]!) && !GENERIC_EN.has(m[1]!.replace(/s$/, ''))) return true;
  for (const m of t.matchAll(/(\p{Script=Han}{2,6}?)(?:那单|那个|这单|这个订单|那笔|那件)/gu)) {
    // "帮我取消这个订单" asks something of the order; "帮我把四件套那单…" names goods after the asking.
    const named = m[1]!.replace(REQUEST_WORDS, '');
    if (Array.from(named).length >= 2 && !GENERIC_ZH.test(named)) return true;
  }
  return false;
}
