import { Culture, recognizeCurrency } from '@microsoft/recognizers-text-suite';
import { describe, expect, it } from 'vitest';
import { findAmountPatterns } from '../../recognizers/amountPatterns.js';

/** The [text, value, currency] triples the patterns find; currency undefined for a bare number. */
function amounts(text: string): [string, number, string | undefined][] {
  return findAmountPatterns(text).map((a) => [a.text, a.value, a.currency]);
}

describe('findAmountPatterns: amounts with a currency', () => {
  it.each<[string, [string, number, string | undefined][]]>([
    ['199元那个', [['199元', 199, 'CNY']]],
    ['¥59的', [['¥59', 59, 'CNY']]], // ¥ is yuan
    ['￥59', [['￥59', 59, 'CNY']]],
    ['¥59元', [['¥59元', 59, 'CNY']]],
    ['RMB 199', [['RMB 199', 199, 'CNY']]],
    ['199rmb', [['199rmb', 199, 'CNY']]],
    ['CNY 199', [['CNY 199', 199, 'CNY']]],
    ['人民币199元', [['人民币199元', 199, 'CNY']]],
    ['59块', [['59块', 59, 'CNY']]],
    ['59块钱', [['59块钱', 59, 'CNY']]],
    ['100多块', [['100多块', 100, 'CNY']]],
    ['3块5', [['3块5', 3.5, 'CNY']]], // 3 yuan 5 jiao
    ['1.5万元', [['1.5万元', 15000, 'CNY']]],
    ['1,299.00元', [['1,299.00元', 1299, 'CNY']]],
    ['退了99.5元', [['99.5元', 99.5, 'CNY']]],
    ['运费0元', [['0元', 0, 'CNY']]],
    ['$24.99', [['$24.99', 24.99, 'USD']]],
    ['US$24.99', [['US$24.99', 24.99, 'USD']]],
    ['USD 24.99', [['USD 24.99', 24.99, 'USD']]],
    ['24.99 USD', [['24.99 USD', 24.99, 'USD']]],
    ['24 dollars', [['24 dollars', 24, 'USD']]],
    ['send 50 bucks', [['50 bucks', 50, 'USD']]],
    ['24.99美元', [['24.99美元', 24.99, 'USD']]],
    ['25美金', [['25美金', 25, 'USD']]],
    ['$1,299.00', [['$1,299.00', 1299, 'USD']]],
    ['€30', [['€30', 30, 'EUR']]],
    ['EUR 30', [['EUR 30', 30, 'EUR']]],
    ['30欧元', [['30欧元', 30, 'EUR']]],
    ['£20', [['£20', 20, 'GBP']]],
    ['GBP 20', [['GBP 20', 20, 'GBP']]],
    ['20英镑', [['20英镑', 20, 'GBP']]],
    ['HK$100', [['HK$100', 100, 'HKD']]],
    ['I bought 2 shirts for $30', [['$30', 30, 'USD']]],
    ['两件199元的', [['199元', 199, 'CNY']]],
  ])('%s', (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });
});

describe('findAmountPatterns: ¥ is yuan unless the message says yen', () => {
  it.each<[string, [string, number, string | undefined][]]>([
    ['it was ¥59', [['¥59', 59, 'CNY']]],
    ['¥59 JPY', [['¥59 JPY', 59, 'JPY']]],
    ['¥5,000, in yen', [['¥5,000', 5000, 'JPY']]],
    ['100 yen', [['100 yen', 100, 'JPY']]],
    ['100日元', [['100日元', 100, 'JPY']]],
    ['JPY 100', [['JPY 100', 100, 'JPY']]],
  ])('%s', (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });
});

describe('findAmountPatterns: a bare number is an amount when nothing says otherwise', () => {
  it.each<[string, [string, number, string | undefined][]]>([
    ['the 199 one', [['199', 199, undefined]]],
    ['the 199 one pls', [['199', 199, undefined]]],
    ['I paid 199', [['199', 199, undefined]]],
    ['199的那个', [['199', 199, undefined]]],
    ['价格是199', [['199', 199, undefined]]],
    ['花了1299', [['1299', 1299, undefined]]],
    ['it cost 49.5', [['49.5', 49.5, undefined]]],
    ['1,299.00', [['1,299.00', 1299, undefined]]],
    ['9.9包邮', [['9.9', 9.9, undefined]]], // 包邮 is free shipping, not a parcel
    ['满300减40', [['300', 300, undefined], ['40', 40, undefined]]],
  ])('%s', (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });
});

describe('findAmountPatterns: numbers that belong to something else', () => {
  it.each<[string, string]>([
    ['订单20261101000123', 'an order number'],
    ['电话13800000001', 'a phone'],
    ['手机号 138 0000 0001', 'a phone in groups'],
    ['+86 138 1234 5678', 'a phone with its country code'],
    ['(415) 555-0134', 'a US phone'],
    ['138-1234-5678', 'a dashed phone'],
    ['11月3号买的', 'a date'],
    ['2026-11-03', 'a date'],
    ['3天前', 'a date'],
    ['Nov 3', 'a date'],
    ['11/03', 'a date'],
    ['2 days ago', 'a date'],
    ['买了2件', 'a count'],
    ['3双', 'a count'],
    ['我买了3个', 'a count'],
    ['3 pairs', 'a count'],
    ['2 items', 'a count'],
    ['1 item', 'a count'],
    ['3 of them', 'a count'],
    ['退款到账一般是3到7天吗', 'a range of days'],
    ['5折', 'a discount'],
    ['10%', 'a rate'],
    ['第2个', 'an ordinal'],
    ['the 3rd one', 'an ordinal'],
    ['10:30到', 'a time'],
    ['下午3点', 'a time'],
    ['闹钟改成7点20', 'a time'],
    ['宽2米7', 'a length'],
    ['order 1234', 'an identifier'],
    ['尾号5678', 'an identifier'],
    ['#3', 'an identifier'],
    ['2x', 'a multiplier'],
    ['128G的', 'a size'],
    ['分3期', 'instalments'],
    ['1/2', 'a date or a fraction'],
  ])('%s (%s)', (text) => {
    expect(amounts(text)).toEqual([]);
  });

  it('keeps the price and leaves the count in one message', () => {
    expect(amounts('一共3件共299元')).toEqual([['299元', 299, 'CNY']]);
  });
});

/** recognizers-text's currency amounts as findAmounts used to read them. */
function suiteAmounts(text: string, culture: string): [number, string | undefined][] {
  return recognizeCurrency(text, culture).map((r) => {
    const res = r.resolution as { value?: string; isoCurrency?: string; unit?: string };
    const currency = res.isoCurrency ?? (res.unit === 'Dollar' ? 'USD' : undefined);
    return [Number(res.value), currency === 'JPY' && culture === Culture.Chinese ? 'CNY' : currency];
  });
}

describe('findAmountPatterns agrees with recognizers-text on the common forms', () => {
  it.each<[string, string]>([
    ...['199元', '¥59', '￥59', '199块', '199块钱', '3.5元', '1,299.00元', '1.5万元', '24.99美元', '25美金', '$24.99', '€30', '30欧元', '20英镑'].map(
      (t): [string, string] => [t, Culture.Chinese],
    ),
    ...['$24.99', 'US$24.99', '24.99 USD', '24 dollars', '$1,299.00', '€30', '199 RMB', '99 yuan', '100 yen', 'refund $5', '$0.99'].map(
      (t): [string, string] => [t, Culture.English],
    ),
  ])('%s', (text, culture) => {
    const ours = amounts(text).map(([, value, currency]): [number, string | undefined] => [value, currency]);
    expect(ours).toEqual(suiteAmounts(text, culture));
  });
});
