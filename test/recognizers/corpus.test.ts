import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCorpus, parseLabeled, VALIDATION_SHARE, type LabeledUtterance } from '../../recognizers/corpus.js';

const ok = (text: string, locale = 'zh-CN', intent = 'chitchat.thanks'): string => JSON.stringify({ text, locale, intent });

describe('parseLabeled', () => {
  it('reads every line, skips blank ones and ignores extra fields', () => {
    const text = [ok('谢谢'), '', JSON.stringify({ text: 'thanks', locale: 'en-US', intent: 'chitchat.thanks', source: 'chat log' }), '   ', ok('多谢') + '\r', ''].join('\n');
    expect(parseLabeled(text, 'x.jsonl')).toEqual<LabeledUtterance[]>([
      { text: '谢谢', locale: 'zh-CN', intent: 'chitchat.thanks' },
      { text: 'thanks', locale: 'en-US', intent: 'chitchat.thanks' },
      { text: '多谢', locale: 'zh-CN', intent: 'chitchat.thanks' },
    ]);
  });

  it.each<[string, string[], RegExp]>([
    ['not JSON', [ok('谢谢'), '{"text": "hi", '], /^corpus\/thanks\.jsonl:2: not JSON/],
    ['an unknown intent', [ok('谢谢'), '', ok('hi', 'en-US', 'chitchat.hello')], /^corpus\/thanks\.jsonl:3: intent /],
    ['an unsupported locale', [ok('merci', 'fr-FR')], /^corpus\/thanks\.jsonl:1: locale /],
    ['an empty text', [ok('谢谢'), ok('谢谢'), ok('谢谢'), ok('')], /^corpus\/thanks\.jsonl:4: text /],
    ['no text at all', [JSON.stringify({ locale: 'zh-CN', intent: 'chitchat.thanks' })], /^corpus\/thanks\.jsonl:1: text /],
    ['an array, not an object', ['["谢谢", "zh-CN", "chitchat.thanks"]'], /^corpus\/thanks\.jsonl:1: /],
  ])('%s is an error naming the file and line', (_name, lines, message) => {
    expect(() => parseLabeled(lines.join('\n'), 'corpus/thanks.jsonl')).toThrow(message);
  });
});

describe('loadCorpus: a fixed split of each intent and language', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const lines = (intent: string, locale: string, n: number): string[] => Array.from({ length: n }, (_, i) => ok(`${intent} ${locale} ${i}`, locale, intent));
  async function write(files: Record<string, string[]>): Promise<void> {
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), `${content.join('\n')}\n`);
  }
  const key = (u: LabeledUtterance) => `${u.intent}|${u.locale}|${u.text}`;

  it(`keeps ${VALIDATION_SHARE * 100}% of every intent × language apart, the same lines every time`, async () => {
    await write({
      'chitchat.thanks.jsonl': [...lines('chitchat.thanks', 'zh-CN', 10), ...lines('chitchat.thanks', 'en-US', 5)],
      'task.cancel_order.jsonl': lines('task.cancel_order', 'zh-CN', 20),
      'notes.txt': ['not a corpus file'],
    });
    const first = await loadCorpus(dir);
    const count = (us: LabeledUtterance[], intent: string, locale: string) => us.filter((u) => u.intent === intent && u.locale === locale).length;
    expect(count(first.validation, 'chitchat.thanks', 'zh-CN')).toBe(2);
    expect(count(first.validation, 'chitchat.thanks', 'en-US')).toBe(1);
    expect(count(first.validation, 'task.cancel_order', 'zh-CN')).toBe(4);
    expect(first.train.length + first.validation.length).toBe(35);
    const train = new Set(first.train.map(key));
    expect(first.validation.some((u) => train.has(key(u)))).toBe(false);

    const again = await loadCorpus(dir);
    expect(again.validation.map(key).sort()).toEqual(first.validation.map(key).sort());
    expect(again.hash).toBe(first.hash);
  });

  it('a line added to one intent moves no line of another across the split, and changes the hash', async () => {
    await write({ 'a.jsonl': lines('chitchat.thanks', 'zh-CN', 10), 'b.jsonl': lines('task.cancel_order', 'en-US', 10) });
    const before = await loadCorpus(dir);
    await write({ 'a.jsonl': lines('chitchat.thanks', 'zh-CN', 11) });
    const after = await loadCorpus(dir);
    const other = (us: LabeledUtterance[]) => us.filter((u) => u.intent === 'task.cancel_order').map(key).sort();
    expect(other(after.validation)).toEqual(other(before.validation));
    expect(after.hash).not.toBe(before.hash);
  });

  it('a bad line names its file', async () => {
    await write({ 'bad.jsonl': [ok('谢谢'), ok('hi', 'en-US', 'chitchat.hello')] });
    await expect(loadCorpus(dir)).rejects.toThrow(`${path.join(dir, 'bad.jsonl')}:2: intent`);
  });
});
