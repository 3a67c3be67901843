import { describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import { findAmountPatterns } from '../../recognizers/amountPatterns.js';
import { findDatePatterns } from '../../recognizers/datePatterns.js';
import type { Entity } from '../../recognizers/entities.js';
import { withSuiteAmounts, withSuiteDates } from '../../recognizers/suiteFallback.js';

/** Wednesday 25 November 2026, 10:00 UTC: the same calendar day in UTC, Beijing and New York. */
const NOW = new Date('2026-11-25T10:00:00Z');
const ZONE = 'UTC';

const date = (text: string, value: string): Entity => ({ type: 'date', text, value });
const amount = (text: string, value: number, currency?: string): Entity => (currency ? { type: 'amount', text, value, currency } : { type: 'amount', text, value });

describe('withSuiteDates: recognizers-text reads what a cue says the patterns left', () => {
  it.each<[Locale, string, Entity[]]>([
    ['en-US', 'the Black Friday sale', [date('Black Friday', '2025-11-28')]], // as written, the latest not in the future
    ['en-US', 'merry christmas', [date('christmas', '2025-12-25')]],
    ['en-US', 'I moved in October', [date('October', '2026-10-01/2026-10-31')]], // its range, ending on its last day
    ['zh-CN', '双十一买的', [date('双十一', '2026-11-11')]],
    ['zh-CN', '我的 black friday 订单', [date('black friday', '2025-11-28')]], // the cue's language, not the turn's
    ['en-US', 'bought it last tuesday', [date('last tuesday', '2026-11-17')]], // no cue: the patterns' finds alone
    ['zh-CN', '端午安康', []], // a lunar festival: recognizers-text would put it on a solar day
    ['en-US', 'may I ask something', []],
  ])('(%s) %s', (locale, text, expected) => {
    expect(withSuiteDates(text, locale, NOW, ZONE, findDatePatterns(text, NOW, ZONE))).toEqual(expected);
  });

  it('adds its finds to the patterns\' in the order they are written, and drops its readings of what the patterns read', () => {
    const text = 'bought on Black Friday, returned it last week';
    expect(withSuiteDates(text, 'en-US', NOW, ZONE, findDatePatterns(text, NOW, ZONE))).toEqual([
      date('Black Friday', '2025-11-28'),
      date('last week', '2026-11-16/2026-11-22'),
    ]);
  });
});

describe('withSuiteAmounts: amounts written in words', () => {
  it.each<[Locale, string, Entity[]]>([
    ['zh-CN', '被商家骗了两百块', [amount('两百块', 200, 'CNY')]],
    ['zh-CN', '一百九十九元那个', [amount('一百九十九元', 199, 'CNY')]],
    ['zh-CN', '给138那个号码充二十块话费', [amount('138', 138), amount('二十块', 20, 'CNY')]],
    ['zh-CN', '拼图少了三块，两百块买的', [amount('两百块', 200, 'CNY')]], // 三块 are pieces
    ['zh-CN', '有一块污渍', []],
    ['en-US', 'I paid Twenty Dollars', [amount('Twenty Dollars', 20, 'USD')]],
    ['en-US', 'the 199 one', [amount('199', 199)]],
  ])('(%s) %s', (locale, text, expected) => {
    expect(withSuiteAmounts(text, locale, findAmountPatterns(text))).toEqual(expected);
  });
});
