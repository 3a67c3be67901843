import { beforeEach, describe, expect, it, vi } from 'vitest';
import { findEntities, type Entity } from '../../recognizers/entities.js';
import { MAX_SUITE_WINDOWS, SUITE_WINDOW_CHARS, suiteWindows } from '../../recognizers/suiteWindows.js';

// Issue 9: recognizers-text is super-linear (2,000 characters of "1 1 1 …" after one "两百块" took
// its currency model about two minutes). It must only ever read short windows of a message.

/** The length of every text handed to recognizers-text's date and currency models, by model. */
const read = vi.hoisted(() => ({ dateTime: [] as number[], currency: [] as number[] }));
/** Longer texts are not passed on: the old code's whole-message calls would take minutes, and the length recorded says enough. */
const PASS_ON_MAX = 200;

vi.mock('@microsoft/recognizers-text-suite', async (importOriginal) => {
  const suite = await importOriginal<typeof import('@microsoft/recognizers-text-suite')>();
  return {
    ...suite,
    recognizeDateTime: (text: string, ...rest: unknown[]) => {
      read.dateTime.push(text.length);
      return text.length > PASS_ON_MAX ? [] : (suite.recognizeDateTime as (...args: unknown[]) => unknown)(text, ...rest);
    },
    recognizeCurrency: (text: string, ...rest: unknown[]) => {
      read.currency.push(text.length);
      return text.length > PASS_ON_MAX ? [] : (suite.recognizeCurrency as (...args: unknown[]) => unknown)(text, ...rest);
    },
  };
});

const NOW = new Date('2026-11-25T10:00:00Z');
const repeated = (unit: string, length: number): string => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
const kinds = (entities: Entity[], type: Entity['type']): Entity[] => entities.filter((e) => e.type === type);

beforeEach(() => {
  read.dateTime.length = 0;
  read.currency.length = 0;
});

describe('recognizers-text reads short windows of a long hostile message, never all of it', () => {
  it.each<[string, string, 'zh-CN' | 'en-US']>([
    ['两百块 then "1 1 1 …"', `两百块 ${repeated('1 ', 1990)}`, 'zh-CN'],
    ['"1 1 1 …" then 两百块', `${repeated('1 ', 1990)}两百块`, 'zh-CN'],
    ['twenty dollars then "+1 +1 …"', `twenty dollars ${repeated('+1 ', 1980)}`, 'en-US'],
    ['black friday then "1-1-1…"', `black friday ${repeated('1-', 1980)}`, 'en-US'],
    ['双十一 then 周五周五…', `双十一${repeated('周五', 1990)}`, 'zh-CN'],
    ['a cue in every word', repeated('jan 双十一 twenty dollars 两百块 ', 2000), 'en-US'],
  ])('%s', (_, text, locale) => {
    findEntities(text, locale, NOW);
    for (const lengths of [read.dateTime, read.currency]) {
      expect(Math.max(0, ...lengths)).toBeLessThanOrEqual(SUITE_WINDOW_CHARS);
      expect(lengths.length).toBeLessThanOrEqual(MAX_SUITE_WINDOWS);
    }
  });

  it('still reads the amount or the festival its window holds', () => {
    expect(kinds(findEntities(`两百块。${repeated('1 ', 1990)}`, 'zh-CN', NOW), 'amount')[0]).toMatchObject({ text: '两百块', value: 200 });
    expect(kinds(findEntities(`${repeated('1 ', 1990)}twenty dollars`, 'en-US', NOW), 'amount').at(-1)).toMatchObject({ value: 20 });
    expect(kinds(findEntities(`双十一，${repeated('周五', 1990)}`, 'zh-CN', NOW), 'date')[0]).toMatchObject({ text: '双十一', value: '2026-11-11' });
  });
});

describe('a long ordinary message reads as its whole text did', () => {
  // Expected: what findEntities gave for the whole text before issue 9 (recognizers-text on the whole message).
  it.each<[string, 'zh-CN' | 'en-US', Entity[]]>([
    [
      'I bought a winter coat from you on black friday last year and it still has not arrived, where is it?',
      'en-US',
      [{ type: 'date', text: 'last year', value: '2025-01-01/2025-12-31' }],
    ],
    [
      'Hello, I paid one hundred and twenty dollars for a jacket that never came, I would like a refund please',
      'en-US',
      [{ type: 'amount', text: 'one hundred and twenty dollars', value: 120, currency: 'USD' }],
    ],
    [
      'We ordered it in november, paid twenty five dollars and fifty cents and I still have nothing at all',
      'en-US',
      [
        { type: 'date', text: 'november', value: '2026-11-01/2026-11-30' },
        { type: 'amount', text: 'twenty five dollars and fifty cents', value: 25.5, currency: 'USD' },
      ],
    ],
    [
      'approx how long will refunds take during black friday the day after christmas',
      'en-US',
      [
        { type: 'date', text: 'black friday', value: '2025-11-28' },
        { type: 'date', text: 'the day after', value: '2026-11-26' },
      ],
    ],
    [
      '你好，我是双十一那天下的单，买了一件羽绒服，到现在还没有发货，物流也一直没有更新，能帮我查一下是怎么回事吗？我已经等了很久了，谢谢',
      'zh-CN',
      [{ type: 'date', text: '双十一', value: '2026-11-11' }],
    ],
    [
      '你好，这件衣服我花了两百块，结果收到就破了一个洞，质量真的太差了，我想退货退款，麻烦尽快帮我处理一下，我已经等了很久了，谢谢',
      'zh-CN',
      [{ type: 'amount', text: '两百块', value: 200, currency: 'CNY' }],
    ],
  ])('%s', (text, locale, expected) => {
    expect(text.length).toBeGreaterThan(SUITE_WINDOW_CHARS);
    expect(findEntities(text, locale, NOW)).toEqual(expected);
    expect(Math.max(...read.dateTime, ...read.currency)).toBeLessThanOrEqual(SUITE_WINDOW_CHARS);
  });
});

describe('suiteWindows', () => {
  it('a short message is one window, the whole of it, as it always was', () => {
    expect(suiteWindows('双十一买的', [{ start: 0, end: 3 }])).toEqual([{ start: 0, end: 5 }]);
    expect(suiteWindows('双十一买的', [])).toEqual([]);
  });

  it('a cue in a long message gets context on both sides, no word cut, at most the window', () => {
    const text = 'so I bought this from you on black friday last year and it never came';
    const cue = { start: text.indexOf('black'), end: text.indexOf('black') + 'black friday'.length };
    const [window] = suiteWindows(text, [cue]);
    const piece = text.slice(window!.start, window!.end);
    expect(piece).toContain('on black friday last year');
    expect(piece.length).toBeLessThanOrEqual(SUITE_WINDOW_CHARS);
    const cut = (at: number): boolean => /[A-Za-z0-9]/.test(text[at - 1] ?? ' ') && /[A-Za-z0-9]/.test(text[at] ?? ' ');
    expect(cut(window!.start)).toBe(false);
    expect(cut(window!.end)).toBe(false);
  });

  it('at most MAX_SUITE_WINDOWS windows, cues inside a window read with it', () => {
    const text = repeated('jan ', 400);
    const cues = Array.from({ length: 100 }, (_, i) => ({ start: 4 * i, end: 4 * i + 3 }));
    const windows = suiteWindows(text, cues);
    expect(windows.length).toBeLessThanOrEqual(MAX_SUITE_WINDOWS);
    for (const w of windows) expect(w.end - w.start).toBeLessThanOrEqual(SUITE_WINDOW_CHARS);
  });

  it('a cue longer than a window keeps its end (the unit of "一一…一元")', () => {
    const text = `${repeated('一', 100)}元`;
    const [window] = suiteWindows(text, [{ start: 0, end: text.length }]);
    expect(window).toEqual({ start: text.length - SUITE_WINDOW_CHARS, end: text.length });
  });

  it('never splits an emoji', () => {
    const text = `${repeated('😭', 60)}两百块${repeated('😭', 60)}`;
    const at = text.indexOf('两');
    for (const w of suiteWindows(text, [{ start: at, end: at + 3 }])) {
      expect(text.slice(w.start, w.end)).toBe(Array.from(text.slice(w.start, w.end)).join(''));
      expect(text.charCodeAt(w.start)).not.toBe(0xde2d); // a low surrogate: the window would start mid-emoji
    }
  });
});
