import { describe, expect, it } from 'vitest';
import { attributeReplies, isUncivil, mineReplies, normalizeReply, type PastMessage } from '../../desk/replies/mining.js';
import { frequentAsks } from '../../desk/replies/replyMiner.js';
import { completeFrom } from '../../desk/handoff/completions.js';

/** The mining pipeline as tables (web.md "Mined replies"). */

describe('attributeReplies', () => {
  it('gives each agent reply the intent of the buyer message it answered', () => {
    const conversation: PastMessage[] = [
      { from: 'agent', text: '您好' }, // answers nothing yet
      { from: 'buyer', text: '快递到哪了' },
      { from: 'bot', text: '我查一下' },
      { from: 'agent', text: '我马上帮您查物流' },
      { from: 'buyer', text: '我要退货' },
      { from: 'agent', text: '好的，我帮您申请退货' },
      { from: 'agent', text: '请把快递单号发给我' },
    ];
    const intents: Record<string, string> = { 快递到哪了: 'task.track_logistics', 我要退货: 'task.return_refund' };
    expect(attributeReplies([conversation], (t) => intents[t] ?? 'none')).toEqual([
      { intent: 'task.track_logistics', text: '我马上帮您查物流' },
      { intent: 'task.return_refund', text: '好的，我帮您申请退货' },
      { intent: 'task.return_refund', text: '请把快递单号发给我' },
    ]);
  });
});

describe('normalizeReply', () => {
  it.each([
    ['订单 20260412093817 已经帮您取消了！', '订单 20260411000001 已经帮您取消了。', true],
    ['退款 ¥259.00 会原路退回', '退款 ¥1,299 会原路退回', true],
    ['The refund of $45.50 is on its way.', 'the refund of $12 is on its way', true],
    ['王芳，您好，我来帮您查', 'Emily，您好，我来帮您查', true],
    ['我马上帮您查物流', '我马上帮您催商家发货', false],
  ])('%s ~ %s: %s', (a, b, same) => {
    const names = ['王芳', 'Emily'];
    expect(normalizeReply(a, names) === normalizeReply(b, names)).toBe(same);
  });
});

describe('isUncivil', () => {
  it.each([
    ['你是不是傻逼', true],
    ['爱买不买', true],
    ['滚', true],
    ['this is a stupid question', true],
    ['shut up and wait', true],
    ['我马上帮您查物流', false],
    ['The parcel will arrive tomorrow.', false],
    ['滚筒洗衣机那单已经发货了', false],
  ])('%s → %s', (text, expected) => {
    expect(isUncivil(text)).toBe(expected);
  });
});

describe('mineReplies', () => {
  it('merges variants, filters insults, keeps the top three per question in order of use', () => {
    const r = (intent: string, text: string, times: number) => Array.from({ length: times }, () => ({ intent, text }));
    const replies = [
      ...r('task.track_logistics', '我马上帮您查物流，请稍等。', 3),
      ...r('task.track_logistics', '我马上帮您查物流，请稍等', 2), // the same without its full stop
      ...r('task.track_logistics', '已经帮您催快递了', 4),
      ...r('task.track_logistics', '订单 20260412093817 明天送到', 1),
      ...r('task.track_logistics', '订单 20260411000001 明天送到', 1),
      ...r('task.track_logistics', '你自己不会看物流吗，傻逼', 9), // used most, never proposed
      ...r('task.track_logistics', '物流显示在路上了', 2),
      ...r('task.track_logistics', '只发过一次的话', 1),
      ...r('task.return_refund', 'OK, I will open the return for you.', 2),
    ];
    const mined = mineReplies(replies);
    expect(mined.map((m) => [m.intent, m.text, m.uses])).toEqual([
      ['task.track_logistics', '我马上帮您查物流，请稍等。', 5],
      ['task.track_logistics', '已经帮您催快递了', 4],
      ['task.track_logistics', '订单 20260412093817 明天送到', 2],
      ['task.return_refund', 'OK, I will open the return for you.', 2],
    ]);
    expect(new Set(mined.map((m) => m.id)).size).toBe(mined.length);
    expect(mineReplies(replies)[0]!.id).toBe(mined[0]!.id); // stable across runs
  });
});

describe('what buyers ask most (the web chat completes from it)', () => {
  const asks = (entries: [string, string, number][]) => new Map(entries.map(([locale, text, n]) => [`${locale}\u0000${text}`, n]));
  it.each([
    { case: 'asked three times or more, most asked first', given: [['zh-CN', '快递到哪了', 9], ['zh-CN', '怎么退货', 3], ['zh-CN', '发票怎么开', 2]], zh: ['快递到哪了', '怎么退货'], en: [] },
    { case: 'never with digits (an order number, a phone, an amount)', given: [['zh-CN', '订单 70000000000001 到哪了', 5], ['en-US', 'call me at 415 555 0134', 4], ['en-US', 'where is my parcel', 4]], zh: [], en: ['where is my parcel'] },
    { case: 'never uncivil, never one character, never a long story', given: [['zh-CN', '你们是傻逼吗', 8], ['zh-CN', '嗯', 30], ['en-US', 'x'.repeat(41), 5]], zh: [], en: [] },
  ] as { case: string; given: [string, string, number][]; zh: string[]; en: string[] }[])('$case', ({ given, zh, en }) => {
    expect(frequentAsks(asks(given))).toEqual({ 'zh-CN': zh, 'en-US': en });
  });
});

describe('completions', () => {
  const phrases = ['退款多久到账？', '下单后一般几天发货？多久能到？', 'How long does a refund take?', 'Who pays return shipping?'];
  it.each([
    { typed: '退款', want: ['退款多久到账？'] },
    { typed: '多久', want: ['下单后一般几天发货？多久能到？', '退款多久到账？'] }, // a clause that begins with it, before one that only contains it
    { typed: 'HOW long', want: ['How long does a refund take?'] }, // case
    { typed: 'ｒｅｔｕｒｎ', want: ['Who pays return shipping?'] }, // full-width letters
    { typed: '   ', want: [] },
    { typed: '退款多久到账？', want: [] }, // typed in full: nothing to add
  ])('"$typed"', ({ typed, want }) => {
    expect(completeFrom(phrases, typed)).toEqual(want);
  });
});
