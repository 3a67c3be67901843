import { describe, expect, it } from 'vitest';
import { namesGoods } from '../../recognizers/goodsLexicon.js';

/** Whether words name goods: then the order in focus is no stand-in for what the buyer named. */
describe('namesGoods', () => {
  it.each([
    ['帮我取消这个订单', false],
    ['我要退这个订单', false],
    ['麻烦查一下这单', false],
    ['取消这单', false],
    ['cancel this order', false],
    ['四件套那单取消', true],
    ['帮我把四件套那单取消', true],
    ['扫地机器人那个到哪了', true],
    ['cancel the moisturizer', true],
  ])('%s → %s', (text, expected) => {
    expect(namesGoods(text)).toBe(expected);
  });
});
