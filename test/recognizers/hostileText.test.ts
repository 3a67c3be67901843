import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { shopData, type Order } from '../../data/shopSchema.js';
import { findAmountPatterns } from '../../recognizers/amountPatterns.js';
import { findDatePatterns } from '../../recognizers/datePatterns.js';
import { EN_DATE_RULES } from '../../recognizers/dateRulesEn.js';
import { ZH_DATE_RULES } from '../../recognizers/dateRulesZh.js';
import { MAX_ENTITIES_PER_KIND } from '../../recognizers/entityLimits.js';
import { bareAnswer, findAmounts, findDates, findEntities, findOrderNumbers, findPhoneNumbers, type Entity } from '../../recognizers/entities.js';
import { idCandidates, itemsNamedIn, ordersTypedIn, resolveOrderReference, withGoodsAsOrder } from '../../recognizers/orderReference.js';
import { SubstringIndex } from '../../recognizers/substringIndex.js';
import { Coverage, coverageOf, overlapsAny, spansOf, standsFree } from '../../recognizers/textSpans.js';

// Issue 9: one message within the 2,000-character cut froze the desk. These tests count work
// (calls of the operations the slow code repeated, or candidates) instead of timing it, and check
// that ordinary results did not change. Times are in `npm run bench -- hostile`.

const NOW = new Date('2026-11-25T10:00:00Z');
const shop = shopData.parse(buildDemoShop(NOW));

/** `unit` repeated to `length` characters. */
const repeated = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

/** Calls of `target[key]` (a built-in method) while `run` runs. */
function callsOf<T extends object, K extends keyof T>(target: T, key: K, run: () => unknown): number {
  const original = target[key] as unknown as (...args: unknown[]) => unknown;
  let calls = 0;
  const counting = function (this: unknown, ...args: unknown[]): unknown {
    calls++;
    return original.apply(this, args);
  };
  target[key] = counting as T[K];
  try {
    run();
  } finally {
    target[key] = original as T[K];
  }
  return calls;
}

/** Characters of all the strings `String.prototype.slice` returned while `run` ran. */
function slicedChars(run: () => unknown): number {
  const original = String.prototype.slice;
  let chars = 0;
  String.prototype.slice = function (this: string, ...args: Parameters<typeof original>): string {
    const piece = original.apply(this, args);
    chars += piece.length;
    return piece;
  };
  try {
    run();
  } finally {
    String.prototype.slice = original;
  }
  return chars;
}

/** A deterministic pseudo-random generator (a linear congruential one), so failures replay. */
function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

/**
 * Work doubling the input should at most double: `count(2n)` within 2.5× `count(n)`, plus a little
 * for fixed costs. Quadratic work quadruples.
 */
function expectLinear(count: (length: number) => number, length: number, slack = 50): void {
  const small = count(length);
  const large = count(2 * length);
  expect(large, `work at ${length}: ${small}, at ${2 * length}: ${large}`).toBeLessThanOrEqual(2.5 * small + slack);
}

const item = (title: string, category = 'home') => ({ sku: title, title, category, goodsType: 'physical' as const, returnableWithoutReason: true, unitPrice: 10, quantity: 1 });
const base = shop.orders[0]!;
const orderOf = (id: string, ...titles: string[]): Order => ({ ...base, id, items: titles.map((t) => item(t)) });

/** `length` characters of one-letter words ("q f a x …"), the letters pseudo-random so that their joins differ. */
function letterWords(length: number): string {
  const random = seeded(3);
  return Array.from({ length: length / 2 }, () => `${String.fromCharCode(97 + Math.floor(random() * 26))} `).join('');
}

describe('order ids typed in: joins of a spaced run bounded by the longest id', () => {
  const words = letterWords(2000); // 1,000 one-letter parts: half a million joins before

  it('a thousand one-letter words give at most 14 joins a part for ids of 14 characters, not every join', () => {
    const candidates = idCandidates(words, 'SO2026000117'.length + 2);
    expect(candidates.length).toBeLessThanOrEqual(14 * 1000);
    expect(candidates.every((c) => c.length <= 14)).toBe(true);
  });

  it('the joins grow linearly with the run', () => {
    expectLinear((n) => idCandidates(letterWords(n), 14).length, 1000);
  });

  it('joins still cover an id written spaced, dashed, or letter by letter', () => {
    const orders = [orderOf('SO-2026-000117', '枕头'), orderOf('SO-2026-000118', '键盘')];
    expect(idCandidates('SO 2026 000117 到哪了', 12)).toContain('SO2026000117');
    expect(ordersTypedIn('SO 2026 000117 到哪了', orders).map((o) => o.id)).toEqual(['SO-2026-000117']);
    expect(ordersTypedIn('s o 2 0 2 6 0 0 0 1 1 8 where', orders).map((o) => o.id)).toEqual(['SO-2026-000118']);
    expect(ordersTypedIn('尾号000118那单', orders).map((o) => o.id)).toEqual(['SO-2026-000118']);
    expect(ordersTypedIn(`${words} SO-2026-000117`, orders).map((o) => o.id)).toEqual(['SO-2026-000117']);
  });

  it('finds the orders that trying every join finds, on random spaced ids and noise', () => {
    /** Today's rule, the slow way: every join of every run, then whole ids, then a tail that fits one order. */
    const reference = (text: string, orders: readonly Order[]): string[] => {
      const compact = (s: string): string => s.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
      const all = new Set<string>();
      for (const m of text.matchAll(/[A-Za-z0-9](?:[A-Za-z0-9]|[-_ /](?=[A-Za-z0-9]))*/g)) {
        const parts = m[0].split(/[-_ /]/);
        for (let i = 0; i < parts.length; i++) for (let j = i + 1; j <= parts.length; j++) all.add(compact(parts.slice(i, j).join('')));
      }
      const candidates = [...all].filter((c) => c.length >= 5);
      const whole = orders.filter((o) => o.id.length >= 5 && candidates.includes(compact(o.id)));
      if (whole.length) return whole.map((o) => o.id);
      for (const tail of candidates.filter((c) => /^\d+$/.test(c) && c.length >= 6)) {
        const fits = orders.filter((o) => compact(o.id).endsWith(tail));
        if (fits.length === 1) return [fits[0]!.id];
      }
      return [];
    };
    const random = seeded(9);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const orders = ['SO-2026-000117', 'SO-2026-000118', 'A10031', 'A10032', 'B-77-120001', '20261101000123'].map((id) => orderOf(id, 'x'));
    for (let round = 0; round < 300; round++) {
      const pieces = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
        const id = pick(orders).id.replace(/[^A-Za-z0-9]/g, '');
        const from = Math.floor(random() * id.length);
        const piece = id.slice(from, from + 1 + Math.floor(random() * id.length));
        return [...piece].map((c) => c + (random() < 0.3 ? pick([' ', '-', '/', '']) : '')).join('');
      });
      const text = pieces.join(pick([' ', ' 到 ', '-', 'x ', '']));
      expect(ordersTypedIn(text, orders).map((o) => o.id), text).toEqual(reference(text, orders));
    }
  });
});

describe('goods named in Chinese: the longest piece of a run found in the titles, in one pass', () => {
  const orders = [
    orderOf('A1', '记忆棉枕头'),
    orderOf('A2', '静音破壁机 1.75L'),
    orderOf('A3', '九阳破壁豆浆机'),
    orderOf('A4', '机械键盘 87键'),
    orderOf('A5', 'Linen Wrap Dress', '防晒乳 SPF50'),
  ];

  it('no substring-by-substring search: a long run of Chinese characters costs no `includes` call per piece', () => {
    const count = (length: number): number =>
      callsOf(String.prototype, 'includes', () => resolveOrderReference(repeated('枕套破壁静键乳棉豆', length), [], orders, 'Asia/Shanghai'));
    expect(count(600)).toBeLessThanOrEqual(orders.length);
    expectLinear(count, 300, orders.length);
  });

  it('longestIn is the longest common piece, the leftmost of equally long ones, as trying every piece gives', () => {
    const bruteForce = (run: string, titles: string): { start: number; length: number } => {
      for (let length = run.length; length >= 1; length--) {
        for (let start = 0; start + length <= run.length; start++) if (titles.includes(run.slice(start, start + length))) return { start, length };
      }
      return { start: 0, length: 0 };
    };
    const random = seeded(17);
    const text = (alphabet: string, length: number): string => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const titles = text('枕头机键盘', 1 + Math.floor(random() * 12));
      const run = text('枕头机键盘豆', Math.floor(random() * 16));
      expect(new SubstringIndex(titles).longestIn(run), `${run} in ${titles}`).toEqual(bruteForce(run, titles));
    }
  });

  it('still names the goods: "枕头那单", "静音破壁机", the frother of two items', () => {
    const ids = (text: string): string[] => resolveOrderReference(text, [], orders, 'Asia/Shanghai').map((m) => m.order.id);
    expect(ids('枕头那单')).toEqual(['A1']);
    expect(ids('静音破壁机到哪了')).toEqual(['A2']);
    expect(ids(`${repeated('的', 1500)}枕头`)).toEqual(['A1']);
    expect(withGoodsAsOrder('那个键盘到哪了', orders, '订单')).toBe('那个订单到哪了');
    expect(itemsNamedIn(orders[4]!, 'return the dress').map((i) => i.title)).toEqual(['Linen Wrap Dress']);
  });

  it('replaces at most 16 goods words, the longest, however many the message names', () => {
    const many = Array.from({ length: 40 }, (_, i) => orderOf(`G${i}`, `gadget${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`));
    const text = many.map((o) => o.items[0]!.title).join(' ');
    const replaced = withGoodsAsOrder(text, many, 'order')!;
    expect(replaced.split(' ').filter((w) => w === 'order')).toHaveLength(16);
  });

  it('a date clue formats each order\'s days once per order, with one formatter per time zone', () => {
    const dates: Entity[] = Array.from({ length: 30 }, (_, i) => ({ type: 'date', text: `${i + 1}号`, value: `2026-11-${String(i + 1).padStart(2, '0')}` }));
    const buyers = shop.orders.slice(0, 20);
    const original = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = new Proxy(original, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        built++;
        return new target(...args);
      },
    });
    try {
      resolveOrderReference('那单', dates, buyers, 'Pacific/Chatham');
    } finally {
      Intl.DateTimeFormat = original;
    }
    expect(built).toBeLessThanOrEqual(1);
  });
});

describe('entities of a hostile message: bounded counts, overlaps checked in linear work', () => {
  it('phones: at most MAX_ENTITIES_PER_KIND in a message of 166 different mobiles', () => {
    const mobiles = (count: number): string => Array.from({ length: count }, (_, i) => `139${10_000_000 + i}`).join(' ');
    expect(findPhoneNumbers(mobiles(166), 'zh-CN')).toHaveLength(MAX_ENTITIES_PER_KIND);
    expect(findPhoneNumbers(mobiles(3), 'zh-CN')).toHaveLength(3);
  });

  it.each<[string, string, (text: string) => unknown[]]>([
    ['order numbers', '202611010001234 ', (t) => findOrderNumbers(t)],
    ['dates', '周五', (t) => findDatePatterns(t, NOW, 'Asia/Shanghai')],
    ['dates with the fallback', '上周二', (t) => findDates(t, 'zh-CN', NOW)],
    ['amounts', '1 ', (t) => findAmountPatterns(t)],
    ['amounts with the fallback', '$1', (t) => findAmounts(t, 'en-US')],
  ])('%s: at most MAX_ENTITIES_PER_KIND of a kind in a message of %j repeated', (_, unit, find) => {
    expect(find(repeated(unit, 2000))).toHaveLength(MAX_ENTITIES_PER_KIND);
    expect(find(unit.repeat(3))).toHaveLength(3);
  });

  it('the amount patterns read the words around each number in place, not a copy of all the text before it', () => {
    const text = repeated('1 ', 2000);
    expect(slicedChars(() => findAmountPatterns(text))).toBeLessThanOrEqual(text.length);
  });

  it('amounts are checked against phones and order numbers in work linear in the message', () => {
    expectLinear((n) => callsOf(String.prototype, 'indexOf', () => findEntities(repeated('1 13800000001 ', n), 'zh-CN', NOW)), 1000, 500);
  });

  it('a Chinese mobile already read is recognized in one look-up, not by comparing with every phone before it', () => {
    const mobiles = (length: number): string => Array.from({ length: length / 12 }, (_, i) => `139${10_000_000 + 7 * i}`).join(' ');
    expectLinear((n) => callsOf(String.prototype, 'replace', () => findPhoneNumbers(mobiles(n), 'zh-CN')), 1200);
  });

  it('the recognizers-text fallback checks its cues against the patterns\' finds in linear work', () => {
    expectLinear((n) => callsOf(String.prototype, 'indexOf', () => findDates(repeated('周五', n), 'zh-CN', NOW)), 1000, 500);
  });
});

/** The group a pattern source opens with, when it is a lookbehind ("(?<=…)", "(?<!…)"), else undefined. */
function leadingLookbehind(source: string): string | undefined {
  if (!/^\(\?<[=!]/.test(source)) return undefined;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === '(') depth++;
    else if (source[i] === ')' && --depth === 0) return source.slice(0, i + 1);
  }
  return source;
}

describe('date rules are tried at each place of a message in bounded work', () => {
  it('no rule opens with a lookbehind that reads back over a run: tried at every place, it read every run of spaces again (quadratic)', () => {
    for (const rule of [...EN_DATE_RULES, ...ZH_DATE_RULES]) {
      expect(leadingLookbehind(rule.pattern.source) ?? '', rule.pattern.source).not.toMatch(/[+*]|\{\d+,\}/);
    }
  });

  it('"on the 3rd" is still a date, and a message of spaces still none', () => {
    expect(findDatePatterns('it was due on the 3rd', NOW, 'UTC')).toEqual([{ type: 'date', text: 'the 3rd', value: '2026-11-03' }]);
    expect(findDatePatterns('shipped on 3rd', NOW, 'UTC')).toEqual([{ type: 'date', text: '3rd', value: '2026-11-03' }]);
    expect(findDatePatterns(`on${repeated(' ', 1990)}the 3rd`, NOW, 'UTC')).toHaveLength(1);
    expect(findDatePatterns(repeated('\n', 2000), NOW, 'UTC')).toEqual([]);
  });
});

describe('results on adversarial inputs equal a plain reference (backtracking fixed in regexes: times in the bench)', () => {
  it('bareAnswer trims trailing punctuation and spaces as a character loop does', () => {
    const trailing = /[。.!！~～,，\s]/u;
    const reference = (text: string): string => {
      const t = text.trim();
      let end = t.length;
      while (end > 0 && trailing.test(t[end - 1]!)) end--;
      return t.slice(0, end);
    };
    for (const text of ['好的。', 'ok!!', '行～ ', `${repeated('.', 1999)}x`, `${repeated('。 ,', 1999)}好`, repeated(' !', 2000), '!', '', `a${repeated('～', 500)}`]) {
      expect(bareAnswer(text)).toBe(reference(text));
    }
  });

  it('numbers after an identifier word or a measure are no amounts, however many spaces stand between', () => {
    expect(findAmountPatterns(`order${repeated(' ', 1500)}1234`)).toEqual([]);
    expect(findAmountPatterns(`订单号 : 5678 and 99元`)).toEqual([{ type: 'amount', text: '99元', value: 99, currency: 'CNY' }]);
    expect(findAmountPatterns('reorder 55')).toEqual([{ type: 'amount', text: '55', value: 55 }]);
    expect(findAmountPatterns('2米7')).toEqual([]);
    expect(findAmountPatterns('2米 7')).toEqual([{ type: 'amount', text: '7', value: 7 }]);
  });

  it('the amounts in words cue reads a long run of numerals without a unit as no cue, and with one as one', () => {
    expect(findAmounts(repeated('一', 2000), 'zh-CN')).toEqual([]);
    expect(findAmounts(`${repeated('一', 30)}两百块`, 'zh-CN').length).toBeLessThanOrEqual(1);
  });
});

describe('Coverage: which characters some spans cover', () => {
  it('answers as overlapsAny over the spans of every place of every piece', () => {
    const random = seeded(5);
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 30) }, () => 'ab1 '[Math.floor(random() * 4)]).join('');
      const pieces = Array.from({ length: Math.floor(random() * 4) }, () => {
        const from = Math.floor(random() * text.length);
        return text.slice(from, from + 1 + Math.floor(random() * 3));
      });
      const spans = pieces.flatMap((p) => spansOf(text, p));
      const coverage = coverageOf(text, pieces);
      for (let start = 0; start < text.length; start++) {
        for (let end = start + 1; end <= text.length; end++) {
          expect(coverage.overlaps({ start, end })).toBe(overlapsAny({ start, end }, spans));
        }
      }
      for (const piece of ['a', 'b1', ' ', ...pieces]) {
        expect(standsFree(text, piece, coverage)).toBe(spansOf(text, piece).some((s) => !overlapsAny(s, spans)));
      }
    }
    expect(new Coverage(5, []).overlaps({ start: 0, end: 5 })).toBe(false);
  });
});
