import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import {
  findAmounts,
  findDates,
  findEntities,
  findOrderNumbers,
  findPhoneNumbers,
  findYesNo,
  type Entity,
} from '../../recognizers/entities.js';
import { NlpRecognizer } from '../../recognizers/nlpRecognizer.js';
import { NodeNlpClassifier } from '../../recognizers/nodeNlpClassifier.js';

/** The moment the buyer writes: Wednesday 25 November 2026, 10:00 in Beijing (02:00 UTC, the same day everywhere). */
const NOW = new Date('2026-11-25T10:00:00Z'); // 18:00 in Shanghai, 05:00 in New York: Wednesday 25 November in both
/** A system clock far from `NOW`: a result resolved against the machine's clock instead of `now` shows at once. */
const OTHER_DAY = new Date('2027-03-10T12:00:00Z');

beforeEach(() => {
  vi.setSystemTime(OTHER_DAY);
});
afterEach(() => {
  vi.useRealTimers();
});

const order = (text: string, value = text): Entity => ({ type: 'orderNumber', text, value });
const phone = (text: string, value = text): Entity => ({ type: 'phoneNumber', text, value });
const date = (text: string, value: string): Entity => ({ type: 'date', text, value });
const amount = (text: string, value: number, currency?: string): Entity => (currency ? { type: 'amount', text, value, currency } : { type: 'amount', text, value });
const yes = (text: string): Entity => ({ type: 'yesNo', text, value: 'yes' });
const no = (text: string): Entity => ({ type: 'yesNo', text, value: 'no' });

describe('findOrderNumbers: 12 to 20 digits, wherever they stand', () => {
  it.each<[string, Entity[]]>([
    ['订单号20261101000123怎么还没发货', [order('20261101000123')]],
    ['帮我查下202611010001这单', [order('202611010001')]], // 12 digits, the shortest
    ['订单12345678901234567890', [order('12345678901234567890')]], // 20 digits, the longest
    ['my order 20261101000123 is late', [order('20261101000123')]],
    ['order #202611010001234 please', [order('202611010001234')]],
    ['两单：20261101000123 和 20261102000456', [order('20261101000123'), order('20261102000456')]],
    ['123456789012345678901', []], // 21 digits: not an order number of any platform
    ['我的手机13812345678', []], // 11 digits: a mobile phone
    ['ordered 12345678 units', []], // 8 digits: a quantity or a landline
    ['20261101-000123', []], // split by a dash: neither half is long enough
  ])('%s', (text, expected) => {
    expect(findOrderNumbers(text)).toEqual(expected);
  });

  // A Chinese keyboard in full-width mode types ２０２６…: the buyer sees an order number like any other.
  it('an order number typed in full-width digits is found, its value in ASCII digits', () => {
    expect(findOrderNumbers('订单号２０２６１１０１０００１２３')).toEqual([order('２０２６１１０１０００１２３', '20261101000123')]);
  });
});

describe('findPhoneNumbers: Chinese mobiles and US numbers, as buyers write them', () => {
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '我的手机13812345678', [phone('13812345678')]],
    ['zh-CN', '电话 +86 138 1234 5678', [phone('+86 138 1234 5678')]],
    ['zh-CN', '手机是138 1234 5678', [phone('138 1234 5678')]],
    ['zh-CN', '138-1234-5678', [phone('138-1234-5678')]],
    ['zh-CN', '+8613812345678', [phone('+8613812345678')]],
    ['en-US', 'call me at 415-555-0134', [phone('415-555-0134')]],
    ['en-US', '(415) 555-0134', [phone('(415) 555-0134')]],
    ['en-US', '+1 415 555 0134', [phone('+1 415 555 0134')]],
    ['en-US', '4155550134', [phone('4155550134')]],
    ['zh-CN', '订单20261101000123', []], // an order number is never a phone
    ['en-US', 'order 20261101000123', []],
    ['zh-CN', '买了3件，共199元', []], // too few digits to be a phone
  ])('(%s) %s', (locale, text, expected) => {
    expect(findPhoneNumbers(text, locale)).toEqual(expected);
  });
});

describe('findDates: days and relative days, resolved against the moment of the message', () => {
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '上周二买的', [date('上周二', '2026-11-17')]],
    ['zh-CN', '前天', [date('前天', '2026-11-23')]],
    ['zh-CN', '昨天下的单', [date('昨天', '2026-11-24')]],
    ['zh-CN', '11月3号买的', [date('11月3号', '2026-11-03')]],
    ['zh-CN', '3天前', [date('3天前', '2026-11-22')]],
    ['zh-CN', '两周前', [date('两周前', '2026-11-11')]],
    ['zh-CN', '上周二下的单，到现在还没发货', [date('上周二', '2026-11-17')]],
    ['en-US', 'bought it last tuesday', [date('last tuesday', '2026-11-17')]], // the Tuesday of last week, as 上周二
    ['en-US', '2 weeks ago', [date('2 weeks ago', '2026-11-11')]],
    ['en-US', 'yesterday', [date('yesterday', '2026-11-24')]],
    ['en-US', 'ordered on the 3rd', [date('the 3rd', '2026-11-03')]], // this month's 3rd, not December's: buyers talk about past orders
    ['en-US', 'on monday', [date('monday', '2026-11-23')]],
    ['zh-CN', '订单20261103000123', []],
    ['zh-CN', '在吗', []],
    ['en-US', 'where is my parcel', []],
  ])('(%s) %s', (locale, text, expected) => {
    expect(findDates(text, locale, NOW)).toEqual(expected);
  });

  // The type's own comment (entities.ts: `"2026-11-09/2026-11-15"`) gives a week as Monday to Sunday.
  it.each<[Locale, string, Entity[]]>([
    ['en-US', 'last week', [date('last week', '2026-11-16/2026-11-22')]],
    ['zh-CN', '上个月', [date('上个月', '2026-10-01/2026-10-31')]],
  ])('(%s) a range "%s" ends on its last day, as the Entity type documents', (locale, text, expected) => {
    expect(findDates(text, locale, NOW)).toEqual(expected);
  });

  // 07:00 in Beijing is still the previous day in UTC; the buyer's "yesterday" is the day before *their* today.
  it.each<[Locale, string, string, string]>([
    ['zh-CN', '昨天', '2026-11-25T07:00:00+08:00', '2026-11-24'],
    ['en-US', 'yesterday', '2026-11-24T22:00:00-05:00', '2026-11-23'],
  ])('(%s) "%s" written at %s is %s: the buyer\'s day, not the server\'s', (locale, text, at, expected) => {
    expect(findDates(text, locale, new Date(at))).toEqual([date(text, expected)]);
  });
});

describe('findAmounts: money with or without a currency', () => {
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '199元那个', [amount('199元', 199, 'CNY')]],
    ['zh-CN', '¥59的', [amount('¥59', 59, 'CNY')]], // ¥ in a Chinese message is yuan, not yen
    ['zh-CN', '59块钱', [amount('59块钱', 59, 'CNY')]],
    ['zh-CN', '退了99.5元', [amount('99.5元', 99.5, 'CNY')]],
    ['en-US', 'it was $24.99', [amount('$24.99', 24.99, 'USD')]],
    ['en-US', '24.99 dollars', [amount('24.99 dollars', 24.99, 'USD')]],
    ['en-US', 'the 199 one', [amount('199', 199)]], // "one" is a word here, not the number 1
    ['en-US', 'I paid 199', [amount('199', 199)]],
    ['en-US', 'where is my parcel', []],
  ])('(%s) %s', (locale, text, expected) => {
    expect(findAmounts(text, locale)).toEqual(expected);
  });

  it('"USD 24.99" is 24.99 dollars', () => {
    expect(findAmounts('USD 24.99', 'en-US')).toEqual([amount('USD 24.99', 24.99, 'USD')]);
  });
});

describe('findYesNo: the answer to a yes/no question, in a short message only', () => {
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '好的', [yes('好的')]],
    ['zh-CN', '行', [yes('行')]],
    ['zh-CN', '可以', [yes('可以')]],
    ['zh-CN', '嗯', [yes('嗯')]],
    ['zh-CN', '嗯嗯', [yes('嗯嗯')]],
    ['zh-CN', '好的，谢谢', [yes('好的')]],
    ['zh-CN', '算了', [no('算了')]],
    ['zh-CN', '不要了', [no('不要了')]],
    ['zh-CN', '不用了', [no('不用了')]],
    ['zh-CN', '不要了谢谢', [no('不要了')]],
    ['zh-CN', '不', [no('不')]],
    ['en-US', 'yep', [yes('yep')]],
    ['en-US', 'sure', [yes('sure')]],
    ['en-US', 'ok', [yes('ok')]],
    ['en-US', 'OK!', [yes('OK')]],
    ['en-US', 'yes please', [yes('yes')]],
    ['en-US', 'nope', [no('nope')]],
    ['en-US', 'nah', [no('nah')]],
    ['en-US', 'no thanks', [no('no')]],
  ])('(%s) %s', (locale, text, expected) => {
    expect(findYesNo(text, locale)).toEqual(expected);
  });

  it.each<[Locale, string]>([
    ['en-US', 'I am not ok with the way this order was handled'],
    ['en-US', 'ok so when will my parcel finally get here'],
    ['zh-CN', '我觉得不太行，你们的东西不好用ok吗'],
    ['zh-CN', '不好意思，我想问一下我的快递到哪里了'],
    ['zh-CN', '不是说好今天发货吗'],
    ['zh-CN', '我不想要这个颜色了'],
    ['zh-CN', '你好'],
  ])('(%s) "%s" is no answer to a yes/no question', (locale, text) => {
    expect(findYesNo(text, locale)).toEqual([]);
  });

  // Short, but a question or a complaint: taking them for "yes" would confirm a cancellation nobody asked for.
  it.each<[Locale, string]>([
    ['zh-CN', '可以开发票吗'], // "can you issue an invoice?"
    ['zh-CN', '好慢啊'], // "so slow"
    ['zh-CN', '是不是发错货了'], // "was the wrong item sent?"
    ['zh-CN', '对了，还有一件事'], // "oh right, one more thing"
    ['en-US', 'not sure'],
    ['en-US', 'no idea where it is'],
  ])('(%s) "%s" is a short sentence, not a yes or a no', (locale, text) => {
    expect(findYesNo(text, locale)).toEqual([]);
  });
});

describe('findEntities: each thing written is reported once, as what it is', () => {
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '20261101000123', [order('20261101000123')]],
    ['zh-CN', '订单20261103000123', [order('20261103000123')]], // "2026-11-03" inside an order number is no date
    ['en-US', 'order 20261103000123', [order('20261103000123')]],
    ['zh-CN', '手机13812345678，订单20261101000123', [order('20261101000123'), phone('13812345678')]],
    ['zh-CN', '上周二买的199元那个', [date('上周二', '2026-11-17'), amount('199元', 199, 'CNY')]],
    ['en-US', 'yesterday I paid $24.99', [date('yesterday', '2026-11-24'), amount('$24.99', 24.99, 'USD')]],
    ['zh-CN', '好的', [yes('好的')]],
  ])('(%s) %s', (locale, text, expected) => {
    expect(findEntities(text, locale, NOW)).toEqual(expected);
  });

  // The digit groups of a phone and the day of a date are parts of one thing, not amounts or dates of their own.
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '+86 138 1234 5678', [phone('+86 138 1234 5678')]],
    ['zh-CN', '138-1234-5678', [phone('138-1234-5678')]],
    ['zh-CN', '+8613812345678', [phone('+8613812345678')]],
    ['en-US', '(415) 555-0134', [phone('(415) 555-0134')]],
    ['zh-CN', '11月3号买的', [date('11月3号', '2026-11-03')]],
    ['en-US', '2 weeks ago', [date('2 weeks ago', '2026-11-11')]],
    ['zh-CN', '订单20261103000123是11月3号买的', [order('20261103000123'), date('11月3号', '2026-11-03')]],
  ])('(%s) %s', (locale, text, expected) => {
    expect(findEntities(text, locale, NOW)).toEqual(expected);
  });

  it("an entity's text is the buyer's words as written, so it can be found in the message", () => {
    const text = 'Last Tuesday I paid $24.99';
    const entities = findEntities(text, 'en-US', NOW);
    expect(entities).toEqual([date('Last Tuesday', '2026-11-17'), amount('$24.99', 24.99, 'USD')]);
    for (const e of entities) expect(text).toContain(e.text);
  });
});

describe('NlpRecognizer: entities resolved against the system clock when no moment is given', () => {
  const recognizer = new NlpRecognizer({
    classifier: NodeNlpClassifier.train([
      { text: '我的快递到哪了', locale: 'zh-CN', intent: 'task.track_logistics' },
      { text: 'where is my package', locale: 'en-US', intent: 'task.track_logistics' },
      { text: '谢谢', locale: 'zh-CN', intent: 'chitchat.thanks' },
      { text: 'thanks a lot', locale: 'en-US', intent: 'chitchat.thanks' },
    ]),
    calibration: { noneBoost: 1, rejectBelow: 0, minMargin: 0, confidentAbove: 0.5 },
    file: '(in memory)',
    trainedOn: 'train split',
    trained: true,
    trainMs: 0,
    loadMs: 0,
    validationAccuracy: 1,
  });

  it.each<[string, Locale, string, string]>([
    ['2026-11-25T10:00:00+08:00', 'zh-CN', '昨天买的快递到哪了', '2026-11-24'],
    ['2027-03-10T12:00:00Z', 'zh-CN', '昨天买的快递到哪了', '2027-03-09'],
    // 10:00 in Shanghai is still 24 November in New York, where an English buyer's "2 weeks ago" is counted from.
    ['2026-11-25T10:00:00+08:00', 'en-US', 'where is the package I ordered 2 weeks ago', '2026-11-10'],
  ])('at %s, (%s) "%s" names %s', async (clock, locale, text, day) => {
    vi.setSystemTime(new Date(clock));
    const result = await recognizer.recognize(text, locale);
    expect(result.entities.filter((e) => e.type === 'date').map((e) => e.value)).toEqual([day]);
  });
});
