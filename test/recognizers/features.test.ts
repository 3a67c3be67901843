import { describe, expect, it } from 'vitest';
import { featuresOf, featureVector, hasHan, normalizeText, STORY_WEIGHT } from '../../recognizers/features.js';

/** Every feature name of a message, sorted: what the classifier sees, weights aside. */
const allNames = (text: string): string[] => [...featuresOf(text).keys()].sort();
/** The same without letter trigrams (`c:…`), which have their own tests below. */
const names = (text: string): string[] => allNames(text).filter((f) => !f.startsWith('c:'));

describe('Latin words stay whole inside Chinese', () => {
  it.each<[string, string[]]>([
    ['我的 order 怎么还没 ship', ['w:order', 'w:ship']],
    ['我的order怎么还没ship', ['w:order', 'w:ship']], // no spaces: the script change is the boundary
    ['ship了吗', ['w:ship']],
    ['能refund吗', ['w:refund']],
  ])('%s', (text, words) => {
    const features = names(text);
    expect(features.filter((f) => /[a-z]/.test(f))).toEqual(words);
    expect(features.some((f) => /^(w:)?[a-z]$/.test(f))).toBe(false); // never "o", "r", "d", … as node-nlp's zh tokenizer gives
  });

  it('the Chinese around them gives character unigrams and bigrams', () => {
    expect(names('我的 order 怎么还没 ship')).toEqual(
      ['么', '么还', '我', '我的', '怎', '怎么', '没', '的', '还', '还没', 'w:order', 'w:ship'].sort(),
    );
  });

  it('a script change breaks the word bigrams: only adjacent Latin words pair up, at half weight', () => {
    expect([...featuresOf('where is 我的 parcel')].filter(([f]) => !f.startsWith('c:'))).toEqual([
      ['w:where', 1],
      ['w:is', 1],
      ['b:where_is', 0.5],
      ['我', 1],
      ['我的', 1],
      ['的', 1],
      ['w:parcel', 1],
    ]);
  });
});

describe('English words are stemmed, so forms of one word are one feature', () => {
  it.each<[string[], string]>([
    [['cancel', 'cancels', 'cancelled', 'canceled', 'cancelling'], 'w:cancel'],
    [['refund', 'refunds', 'refunded', 'refunding'], 'w:refund'],
    [['ship', 'ships', 'shipped', 'shipping'], 'w:ship'],
    [['CANCELLED', 'Cancelling'], 'w:cancel'],
  ])('%j → %s', (forms, feature) => {
    for (const form of forms) expect(names(form)).toEqual([feature]);
  });
});

describe("a Latin word's letter trigrams let a typo share most of the word's features", () => {
  const trigrams = (text: string): Set<string> => new Set(allNames(text).filter((f) => f.startsWith('c:')));
  const shared = (a: string, b: string): number => {
    const x = trigrams(a);
    const y = trigrams(b);
    return [...x].filter((f) => y.has(f)).length / Math.max(x.size, y.size);
  };

  it.each<[string, string]>([
    ['refund', 'refnud'],
    ['cancel', 'cancle'],
    ['delivered', 'deliverd'],
  ])('%s ~ %s', (word, typo) => {
    expect(names(word)).not.toEqual(names(typo)); // the whole words differ…
    expect(shared(word, typo)).toBeGreaterThanOrEqual(0.3); // …their trigrams mostly do not
    expect(shared(word, 'warranty')).toBe(0);
  });

  it('with the word\'s edges, at a low weight, and only for words of four letters or more', () => {
    const f = featuresOf('pls refund');
    expect(f.get('c:^re')).toBeCloseTo(0.5, 12);
    expect(f.get('c:nd$')).toBeCloseTo(0.5, 12);
    expect(f.get('w:refund')).toBe(1);
    expect([...f.keys()].filter((k) => k.startsWith('c:')).length).toBe(6); // ^re ref efu fun und nd$; none of "pls"
  });

  it("a story's trigrams are weighed as its words", () => {
    const f = featuresOf('bought it monday, it came today, box was wet, want a refund');
    expect(f.get('c:^mo')).toBeCloseTo(0.5 * STORY_WEIGHT, 12);
  });
});

describe('full-width text is the same text as half-width', () => {
  it.each<[string, string]>([
    ['ＯＲＤＥＲ　１２３？', 'order 123?'],
    ['退款！！', '退款!!'],
    ['ｗｈｅｒｅ　ｉｓ　ｍｙ　ｐａｒｃｅｌ', 'where is my parcel'],
    ['订单号：２０２６１１０１０００１２３', '订单号:20261101000123'],
  ])('%s = %s', (full, half) => {
    expect(normalizeText(full)).toBe(normalizeText(half));
    expect(featuresOf(full)).toEqual(featuresOf(half));
    expect(featureVector(full)).toEqual(featureVector(half));
  });
});

describe('numbers become what they stand for', () => {
  it.each<[string, string[]]>([
    ['订单20261101000123', ['#order', '单', '订', '订单']],
    ['order 202611010001', ['#order', 'w:order']], // 12 digits
    ['13812345678', ['#phone']],
    ['415-555-0134', ['#phone']],
    ['199元', ['#num', '元']],
    ['2 items', ['#num', 'w:item']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected.sort());
    expect(names(text).some((f) => /\d/.test(f))).toBe(false); // no one-off ids to learn
  });

  // Buyers write mobiles in groups as often as in one run; the classifier should see a phone either way.
  it.each<[string]>([['我的手机 138 1234 5678'], ['my number is 415 555 0134']])('a spaced phone "%s" is #phone, not small numbers', (text) => {
    const features = names(text);
    expect(features).toContain('#phone');
    expect(features).not.toContain('#num');
  });
});

describe('what a chat widget pastes becomes class tokens', () => {
  it('order fields: the labels become #f: tokens, amounts and times vanish, an order number stays #order, the status text stays', () => {
    const pasted = '订单号：250918334567\n商品名称：小米手环9 NFC版 午夜黑\n订单金额：¥269.00\n下单时间：2025-09-18 10:22:31\n订单状态：待出库\n怎么还不发';
    const features = names(pasted);
    for (const token of ['#f:order', '#f:product', '#f:amount', '#f:time', '#f:status', '#order', '出库', '不发']) expect(features).toContain(token);
    for (const gone of ['小米', '手环', '午夜', 'w:nfc', '#phone', '#num', '时间', '金额']) expect(features).not.toContain(gone);
  });

  it('the same in English', () => {
    const features = names('Order number: 113-4456721-0098812 Order date: 2025-03-02 Total: $54.10 where is it');
    for (const token of ['#f:order', '#f:time', '#f:amount', 'w:where']) expect(features).toContain(token);
    expect(features).not.toContain('w:total');
    expect(features).not.toContain('w:date');
  });

  it.each<[string]>([['https://item.jd.com/100012043978.html 这个能用白条吗'], ['item.jd.com/100012043978.html 这个能用白条吗'], ['www.example.com/p/123?x=1 这个能用白条吗']])('a link is #url: %s', (text) => {
    const features = names(text);
    expect(features).toContain('#url');
    expect(features).toContain('白条');
    expect(features.filter((f) => f.startsWith('w:') || f === '#order')).toEqual([]);
  });

  it('a field label without a colon is the buyer talking, not a paste', () => {
    expect(names('我的订单号是多少')).not.toContain('#f:order');
  });

  it('a free-text field stops at the next field, so the question after it is kept', () => {
    expect(names('商品：蓝牙耳机 订单状态：已签收，左耳没声音')).toEqual(expect.arrayContaining(['#f:product', '#f:status', '左耳', '声音']));
  });
});

describe('the request outweighs the story', () => {
  it(`words before the last two clauses weigh ${STORY_WEIGHT}, the request's words 1`, () => {
    const f = featuresOf('上周买的热水壶，用了两次，现在不通电了，能换一个吗');
    expect(f.get('上周')).toBe(STORY_WEIGHT);
    expect(f.get('热水')).toBe(STORY_WEIGHT);
    expect(f.get('通电')).toBe(1);
    expect(f.get('能换')).toBe(1);
  });

  it('a word in both keeps the larger weight, and a short message is all request', () => {
    expect(featuresOf('退款，退款，退款到哪了').get('退款')).toBe(1);
    expect([...featuresOf('能换一个吗').values()].every((w) => w === 1)).toBe(true);
  });

  it('a point inside a number is no clause break', () => {
    const f = featuresOf('paid 19.99 for it. then 5.50 shipping. want a refund');
    expect(f.get('w:paid')).toBe(STORY_WEIGHT);
    expect(f.get('w:refund')).toBe(1);
  });
});

describe('tone is kept', () => {
  it.each<[string, string[]]>([
    ['😡😡 where is it?', ['e:😡', '?']],
    ['我要退款 👍', ['e:👍']],
    ['怎么还没发货？！', ['?', '!']],
  ])('%s', (text, expected) => {
    for (const f of expected) expect(names(text)).toContain(f);
  });
});

describe('featureVector', () => {
  it.each<[string]>([['hi'], ['我的 order 怎么还没 ship'], ['where is my parcel, I ordered it 2 weeks ago!!'], ['😡'], ['订单20261101000123 怎么还没发货']])(
    '"%s" has unit length',
    (text) => {
      const vector = featureVector(text);
      expect(Object.keys(vector).length).toBeGreaterThan(0);
      expect(Math.hypot(...Object.values(vector))).toBeCloseTo(1, 12);
      expect(Object.keys(vector).sort()).toEqual(allNames(text));
    },
  );

  it('keeps the ratio of a bigram to a word', () => {
    const v = featureVector('where is');
    expect(v['b:where_is']! / v['w:where']!).toBeCloseTo(0.5, 12);
  });

  it('is empty, not NaN, for a message with nothing to read', () => {
    expect(featureVector('...')).toEqual({});
    expect(featureVector('')).toEqual({});
  });
});

describe('hasHan', () => {
  it.each<[string, boolean]>([
    ['我的 order', true],
    ['order', false],
    ['１２３', false],
    ['😀', false],
  ])('%s → %s', (text, expected) => {
    expect(hasHan(text)).toBe(expected);
  });
});
