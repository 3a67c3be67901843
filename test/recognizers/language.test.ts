import { describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import { detectLanguage, supportedLocale } from '../../recognizers/language.js';

describe('detectLanguage: the main script of a message', () => {
  it.each<[string, Locale | undefined]>([
    ['我的快递到哪了', 'zh-CN'],
    ['好', 'zh-CN'],
    ['退款多久到账？', 'zh-CN'],
    ['where is my package', 'en-US'],
    ['ok', 'en-US'],
    ['Thanks!!', 'en-US'],
    // code-switched: Chinese with English words in it is Chinese…
    ['我的 order 怎么还没 ship', 'zh-CN'],
    ['这个 refund 什么时候到账', 'zh-CN'],
    ['帮我 check 一下订单 20261101000123', 'zh-CN'],
    // …and English with a Chinese word in it is English
    ['where is my parcel, 快递 says delivered', 'en-US'],
    ['please check my 订单, it never arrived', 'en-US'],
    // nothing to tell by
    ['20261101000123', undefined],
    ['😀👍', undefined],
    ['123 😀 !!!', undefined],
    ['', undefined],
  ])('%j → %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });
});

describe('supportedLocale: a channel locale to one the desk speaks', () => {
  it.each<[string | undefined, Locale | undefined]>([
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['en', 'en-US'],
    ['en-US', 'en-US'],
    ['en-GB', 'en-US'],
    ['EN-us', 'en-US'],
    ['fr-FR', undefined],
    ['ja-JP', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %s', (locale, expected) => {
    expect(supportedLocale(locale)).toBe(expected);
  });
});
