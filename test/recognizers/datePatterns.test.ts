import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-suite';
import { describe, expect, it } from 'vitest';
import { wallClockDate } from '../../recognizers/calendarDay.js';
import { findDatePatterns, findDateSpans } from '../../recognizers/datePatterns.js';

/** Wednesday 25 November 2026, 10:00 UTC: the same calendar day in UTC, Beijing (18:00) and New York (05:00). */
const NOW = new Date('2026-11-25T10:00:00Z');
/** The zone the tables read "today" in, named so they hold whatever TZ the process runs in. */
const ZONE = 'UTC';

/** The [text, value] pairs the patterns find in a message written at `at`. */
function dates(text: string, at = NOW, timeZone = ZONE): [string, string][] {
  return findDatePatterns(text, at, timeZone).map((d) => [d.text, d.value]);
}

describe('findDatePatterns: Chinese forms', () => {
  it.each<[string, [string, string][]]>([
    ['今天', [['今天', '2026-11-25']]],
    ['昨天下的单', [['昨天', '2026-11-24']]],
    ['前天', [['前天', '2026-11-23']]],
    ['大前天', [['大前天', '2026-11-22']]],
    ['明天能到吗', [['明天', '2026-11-26']]],
    ['后天', [['后天', '2026-11-27']]],
    // Weekdays: 上周 is last week's (weeks start on Monday); a bare one is the latest not in the future.
    ['上周二买的', [['上周二', '2026-11-17']]],
    ['上星期二', [['上星期二', '2026-11-17']]],
    ['上礼拜二', [['上礼拜二', '2026-11-17']]],
    ['上个礼拜三', [['上个礼拜三', '2026-11-18']]],
    ['上周日', [['上周日', '2026-11-22']]],
    ['上上周二', [['上上周二', '2026-11-10']]],
    ['这周五', [['这周五', '2026-11-27']]],
    ['本周一', [['本周一', '2026-11-23']]],
    ['下周一', [['下周一', '2026-11-30']]],
    ['周三', [['周三', '2026-11-25']]], // today is a Wednesday
    ['星期三', [['星期三', '2026-11-25']]],
    ['周五拍的', [['周五', '2026-11-20']]],
    ['周一下的单', [['周一', '2026-11-23']]],
    ['礼拜天', [['礼拜天', '2026-11-22']]],
    // Counts back (digits and 一…十), and forward.
    ['3天前', [['3天前', '2026-11-22']]],
    ['三天前', [['三天前', '2026-11-22']]],
    ['两天前', [['两天前', '2026-11-23']]],
    ['十天前', [['十天前', '2026-11-15']]],
    ['5天之前', [['5天之前', '2026-11-20']]],
    ['2周前', [['2周前', '2026-11-11']]],
    ['一个星期前', [['一个星期前', '2026-11-18']]],
    ['两个礼拜前', [['两个礼拜前', '2026-11-11']]],
    ['1个月前', [['1个月前', '2026-10-25']]],
    ['一个月前', [['一个月前', '2026-10-25']]],
    ['1年前', [['1年前', '2025-11-25']]],
    ['3天后', [['3天后', '2026-11-28']]],
    // Weeks, months and years as ranges, both ends included.
    ['上周', [['上周', '2026-11-16/2026-11-22']]],
    ['上个星期', [['上个星期', '2026-11-16/2026-11-22']]],
    ['上礼拜买的', [['上礼拜', '2026-11-16/2026-11-22']]],
    ['上上周', [['上上周', '2026-11-09/2026-11-15']]],
    ['这周', [['这周', '2026-11-23/2026-11-29']]],
    ['上周末', [['上周末', '2026-11-21/2026-11-22']]],
    ['上个月', [['上个月', '2026-10-01/2026-10-31']]],
    ['上月', [['上月', '2026-10-01/2026-10-31']]],
    ['上上个月', [['上上个月', '2026-09-01/2026-09-30']]],
    ['本月', [['本月', '2026-11-01/2026-11-30']]],
    ['去年', [['去年', '2025-01-01/2025-12-31']]],
    ['11月份', [['11月份', '2026-11-01/2026-11-30']]],
    ['十二月', [['十二月', '2025-12-01/2025-12-31']]], // December has not begun: last year's
    ['明年三月', [['明年三月', '2027-03-01/2027-03-31']]],
    // Calendar dates: this year's, or last year's if this year's is still to come.
    ['11月3号买的', [['11月3号', '2026-11-03']]],
    ['11月3日', [['11月3日', '2026-11-03']]],
    ['十一月三号', [['十一月三号', '2026-11-03']]],
    ['11月3下的单', [['11月3', '2026-11-03']]],
    ['12月3号', [['12月3号', '2025-12-03']]],
    ['11月26号', [['11月26号', '2025-11-26']]],
    ['2月29号', [['2月29号', '2024-02-29']]], // the last leap day
    ['去年11月11号', [['去年11月11号', '2025-11-11']]],
    ['上个月3号', [['上个月3号', '2026-10-03']]],
    ['2025年11月3日', [['2025年11月3日', '2025-11-03']]],
    ['2025年11月', [['2025年11月', '2025-11-01/2025-11-30']]],
    // A bare day of the month: this month's, or the latest month's that has it.
    ['3号', [['3号', '2026-11-03']]],
    ['三号', [['三号', '2026-11-03']]],
    ['25号', [['25号', '2026-11-25']]],
    ['26号', [['26号', '2026-10-26']]],
    ['31号', [['31号', '2026-10-31']]],
    ['3日', [['3日', '2026-11-03']]],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });
});

describe('findDatePatterns: English forms', () => {
  it.each<[string, [string, string][]]>([
    ['today', [['today', '2026-11-25']]],
    ['yesterday', [['yesterday', '2026-11-24']]],
    ['the day before yesterday', [['the day before yesterday', '2026-11-23']]],
    ['tomorrow', [['tomorrow', '2026-11-26']]],
    // "last tuesday" is last week's, as 上周二 and as recognizers-text reads it.
    ['bought it last tuesday', [['last tuesday', '2026-11-17']]],
    ['Last Tuesday', [['Last Tuesday', '2026-11-17']]], // the text as the buyer wrote it
    ['last wednesday', [['last wednesday', '2026-11-18']]],
    ['this friday', [['this friday', '2026-11-27']]],
    ['next monday', [['next monday', '2026-11-30']]],
    ['on monday', [['monday', '2026-11-23']]],
    ['since Friday', [['Friday', '2026-11-20']]],
    ['last tues', [['last tues', '2026-11-17']]],
    ['on thurs', [['thurs', '2026-11-19']]],
    ['2 days ago', [['2 days ago', '2026-11-23']]],
    ['two days ago', [['two days ago', '2026-11-23']]],
    ['a week ago', [['a week ago', '2026-11-18']]],
    ['3 weeks ago', [['3 weeks ago', '2026-11-04']]],
    ['a month ago', [['a month ago', '2026-10-25']]],
    ['ten days ago', [['ten days ago', '2026-11-15']]],
    ['a couple of days ago', [['a couple of days ago', '2026-11-23']]],
    ['last week', [['last week', '2026-11-16/2026-11-22']]],
    ['the week before last', [['the week before last', '2026-11-09/2026-11-15']]],
    ['last month', [['last month', '2026-10-01/2026-10-31']]],
    ['last weekend', [['last weekend', '2026-11-21/2026-11-22']]],
    ['Nov 3', [['Nov 3', '2026-11-03']]],
    ['Nov. 3', [['Nov. 3', '2026-11-03']]],
    ['November 3rd', [['November 3rd', '2026-11-03']]],
    ['3 November', [['3 November', '2026-11-03']]],
    ['the 3rd of November', [['the 3rd of November', '2026-11-03']]],
    ['Dec 3', [['Dec 3', '2025-12-03']]],
    ['november 3, 2025', [['november 3, 2025', '2025-11-03']]],
    ['ordered on the 3rd', [['the 3rd', '2026-11-03']]],
    ['on the 30th', [['the 30th', '2026-10-30']]],
    ["hasn't moved since the 12th", [['the 12th', '2026-11-12']]],
    ['the 3rd of last month', [['the 3rd of last month', '2026-10-03']]],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });
});

describe('findDatePatterns: numeric dates, alike in both languages', () => {
  it.each<[string, [string, string][]]>([
    ['2026-11-03', [['2026-11-03', '2026-11-03']]],
    ['2026/11/3', [['2026/11/3', '2026-11-03']]],
    ['2026.11.3', [['2026.11.3', '2026-11-03']]],
    ['11/3', [['11/3', '2026-11-03']]],
    ['ordered 11/03', [['11/03', '2026-11-03']]], // month first, as in the US
    ['12/30', [['12/30', '2025-12-30']]],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });
});

describe('findDatePatterns: words around a bare day that point it forward', () => {
  it.each<[string, [string, string][]]>([
    ['will it arrive by friday?', [['friday', '2026-11-27']]],
    ['need it before the weekend', [['the weekend', '2026-11-28/2026-11-29']]],
    ["I'm away till the 20th", [['the 20th', '2026-12-20']]],
    ['能在周五之前到吗', [['周五', '2026-11-27']]],
    ['想赶在周末前收到', [['周末', '2026-11-28/2026-11-29']]],
    ['周五前下的单', [['周五', '2026-11-20']]], // "ordered before Friday" points back
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });
});

describe('findDatePatterns: what is not a date, or not a day that exists', () => {
  it.each<[string, [string, string][]]>([
    ['3号楼', []], // building 3
    ['7日内发货', []], // within 7 days
    ['10日元', []], // ten yen
    ['七天无理由退货', []],
    ['订单20261103000123', []], // an order number holds no date
    ['2月30号', []],
    ['13/3', []],
    ['you reply 24/7', []],
    ['the 3rd one', []],
    ['2 may be broken', []],
    ['the Black Friday sale', []], // a festival, left to recognizers-text
    ['上周一直没发货', [['上周', '2026-11-16/2026-11-22']]], // 一直 is "all along", not Monday
    ['在吗', []],
  ])('%s', (text, expected) => {
    expect(dates(text)).toEqual(expected);
  });

  it('a code-switched message is read in both languages', () => {
    expect(dates('我的 order last tuesday 到的，上周三又下了一单')).toEqual([
      ['last tuesday', '2026-11-17'],
      ['上周三', '2026-11-18'],
    ]);
  });
});

describe("findDatePatterns: the buyer's calendar", () => {
  it.each<[string, string, string, string]>([
    // 07:00 on the 25th in Beijing is 23:00 on the 24th in UTC.
    ['昨天', '2026-11-24T23:00:00Z', 'Asia/Shanghai', '2026-11-24'],
    ['昨天', '2026-11-24T23:00:00Z', 'UTC', '2026-11-23'],
    // 22:00 on the 24th in New York is 03:00 on the 25th in UTC.
    ['yesterday', '2026-11-25T03:00:00Z', 'America/New_York', '2026-11-23'],
  ])('"%s" at %s in %s is %s', (text, at, zone, expected) => {
    expect(dates(text, new Date(at), zone)).toEqual([[text, expected]]);
  });

  it.each<[string, string, [string, string][]]>([
    ['1个月前', '2026-03-31T10:00:00Z', [['1个月前', '2026-02-28']]], // clamped to the month's end
    ['a year ago', '2028-02-29T10:00:00Z', [['a year ago', '2027-02-28']]],
    ['last month', '2026-03-31T10:00:00Z', [['last month', '2026-02-01/2026-02-28']]],
    ['on the 31st', '2026-03-05T10:00:00Z', [['the 31st', '2026-01-31']]], // February has none
    ['上周', '2026-01-02T10:00:00Z', [['上周', '2025-12-22/2025-12-28']]], // across a year
  ])('"%s" at %s', (text, at, expected) => {
    expect(dates(text, new Date(at))).toEqual(expected);
  });
});

describe('findDateSpans', () => {
  it('marks where dates are, so their numbers are not read as amounts', () => {
    expect(findDateSpans('11月3号买的，3天前到的')).toEqual([
      { start: 0, end: 5 },
      { start: 8, end: 11 },
    ]);
  });
});

/** recognizers-text's reading of a message, as findDates used to give it: the latest value not in the future, ranges with their last day. */
function suiteDates(text: string, culture: string): [string, string][] {
  const today = NOW.toISOString().slice(0, 10);
  return recognizeDateTime(text, culture, undefined, wallClockDate(NOW, ZONE)).flatMap((r): [string, string][] => {
    const values = ((r.resolution as { values?: { type: string; value?: string; start?: string; end?: string }[] }).values ?? []).filter(
      (v) => v.type === 'date' || v.type === 'daterange',
    );
    const pick = (values.filter((v) => (v.value ?? v.start ?? '') <= today).at(-1) ?? values.at(-1))!;
    if (pick.type === 'date') return [[r.text, pick.value!]];
    const last = new Date(Date.parse(`${pick.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return [[r.text, `${pick.start}/${last}`]];
  });
}

describe('findDatePatterns agrees with recognizers-text on the common forms', () => {
  it.each<[string, string]>([
    ...['今天', '昨天', '前天', '大前天', '明天', '后天', '上周二', '上星期二', '上礼拜二', '这周五', '本周一', '周三', '星期三', '周五', '上周日', '下周一'].map(
      (t): [string, string] => [t, Culture.Chinese],
    ),
    ...['3天前', '三天前', '两周前', '1个月前', '一个月前', '1年前', '3天后', '上周', '这周', '上个月', '本月', '下个月', '去年', '上周末'].map(
      (t): [string, string] => [t, Culture.Chinese],
    ),
    ...['11月3号', '11月3日', '十一月三号', '12月3号', '2月29号', '上个月3号', '2025年11月3日', '2025年11月', '11月', '2026-11-03', '2026/11/3', '11/3', '12/30'].map(
      (t): [string, string] => [t, Culture.Chinese],
    ),
    ...['today', 'yesterday', 'the day before yesterday', 'tomorrow', 'last tuesday', 'last sunday', 'this friday', 'next monday', 'monday', 'friday'].map(
      (t): [string, string] => [t, Culture.English],
    ),
    ...['2 days ago', 'two days ago', 'a week ago', '3 weeks ago', 'a month ago', 'ten days ago', 'a few days ago', 'last week', 'this week', 'last month'].map(
      (t): [string, string] => [t, Culture.English],
    ),
    ...['last year', 'last weekend', 'Nov 3', 'November 3rd', '3 November', '3rd of November', 'Dec 3', 'on the 3rd', 'on the 30th', '11/03', '2026-11-03'].map(
      (t): [string, string] => [t, Culture.English],
    ),
  ])('%s', (text, culture) => {
    const ours = dates(text).map(([, value]) => value);
    expect(ours).toEqual(suiteDates(text, culture).map(([, value]) => value));
  });
});
