import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_BUTTON_ID_CHARS, MAX_CARRIED_TEXT, parseButtonValue, RATING_WHYS, type ButtonValue } from '../../bot/buttonValues.js';
import { charLength, MAX_MESSAGE_CHARS } from '../../bot/inputLimits.js';
import { INTENTS } from '../../data/intents.js';
import { generateButton, MADE_UP_REFS } from '../support/fuzzInputs.js';
import { fuzzSeed } from '../support/fuzzRandom.js';
import { seededRandom } from '../support/prng.js';
import { excerpt } from '../support/fuzzInvariants.js';

/**
 * Issue 9, the pure half of the fuzz suite: generated values through `parseButtonValue`, the one
 * door every button press goes through. Whatever a client sends, the parse never throws, and what
 * it returns is a button of the desk's own shape, within the documented bounds, that parses to
 * itself (so reading it twice, or storing it, changes nothing).
 */

/** Values generated per run: the issue asks for at least 10⁴. */
const VALUES = 12_000;

/** The keys each action's value may have after parsing (bot/buttonValues.ts): anything else was to be dropped. */
const KEYS: Readonly<Record<ButtonValue['action'], readonly string[]>> = {
  yesNo: ['action', 'yes'],
  pickOrder: ['action', 'orderId'],
  pickIntent: ['action', 'intent', 'text'],
  kbFeedback: ['action', 'intent', 'entryId', 'helpful'],
  pickLine: ['action', 'line'],
  leaveMessage: ['action'],
  rate: ['action', 'handoffId', 'satisfied', 'why'],
  sendReply: ['action', 'handoffId', 'text'],
  merchantContact: ['action', 'handoffId'],
};

/** Fields that hold an id: 1 to `MAX_BUTTON_ID_CHARS` characters. */
const ID_FIELDS = new Set(['orderId', 'entryId', 'line', 'handoffId']);
/** Fields that hold carried words, with their documented bound in characters (code points). */
const TEXT_BOUNDS: Readonly<Record<string, number>> = { pickIntent: MAX_CARRIED_TEXT, sendReply: MAX_MESSAGE_CHARS };
/** A lone surrogate: half an emoji, what a cut in the wrong place leaves. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a parse result, as sentences (none for a good one). */
function problemsOfParse(input: unknown, parsed: ButtonValue | undefined): string[] {
  if (parsed === undefined) return [];
  const problems: string[] = [];
  if (Object.getPrototypeOf(parsed) !== Object.prototype) problems.push('the result does not have the plain object prototype');
  const allowed = KEYS[parsed.action];
  if (!allowed) return [`unknown action ${JSON.stringify(parsed.action)}`];
  for (const key of Reflect.ownKeys(parsed)) {
    if (typeof key !== 'string' || !allowed.includes(key)) problems.push(`key ${String(key)} is not one of ${parsed.action}'s`);
  }
  for (const [key, v] of Object.entries(parsed)) {
    if (ID_FIELDS.has(key) && (typeof v !== 'string' || v.length < 1 || v.length > MAX_BUTTON_ID_CHARS)) problems.push(`${key} is not an id within ${MAX_BUTTON_ID_CHARS} characters`);
    if (key === 'text') {
      const bound = TEXT_BOUNDS[parsed.action]!;
      if (typeof v !== 'string' || charLength(v) > bound) problems.push(`text is longer than ${bound} characters`);
      const source = (input as { text?: unknown }).text;
      if (typeof v === 'string' && typeof source === 'string' && !LONE_SURROGATE.test(source) && LONE_SURROGATE.test(v)) problems.push('the cut split a character');
    }
    if (key === 'intent' && !(INTENTS as readonly unknown[]).includes(v)) problems.push(`intent ${String(v)} is not an intent`);
    if (key === 'why' && !(RATING_WHYS as readonly unknown[]).includes(v)) problems.push(`why ${String(v)} is not one the buttons offer`);
    if (['yes', 'helpful', 'satisfied'].includes(key) && typeof v !== 'boolean') problems.push(`${key} is not a boolean`);
  }
  const again = parseButtonValue(parsed);
  if (!isDeepStrictEqual(again, parsed)) problems.push(`it does not re-parse to itself: ${excerpt(again)}`);
  return problems;
}

describe('parseButtonValue under generated values', () => {
  it(`reads ${VALUES} generated values without throwing, into the desk's own shapes within bounds, each re-parsing to itself`, () => {
    const seed = fuzzSeed();
    console.info(`button value fuzz: seed ${seed} (FUZZ_SEED=${seed} replays it)`);
    const random = seededRandom(seed);
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    for (let n = 0; n < VALUES && failures.length < 20; n++) {
      const generated = generateButton(random, MADE_UP_REFS);
      kinds.set(generated.kind, (kinds.get(generated.kind) ?? 0) + 1);
      const at = `seed ${seed}, value #${n} (${generated.kind}) ${excerpt(generated.value)}`;
      let parsed: ButtonValue | undefined;
      try {
        parsed = parseButtonValue(generated.value);
      } catch (err) {
        failures.push(`${at}: threw ${(err as Error).message}`);
        continue;
      }
      for (const problem of problemsOfParse(generated.value, parsed)) failures.push(`${at}: ${problem}`);
      if (generated.expected !== undefined && !isDeepStrictEqual(parsed, generated.expected)) {
        failures.push(`${at}: parsed to ${excerpt(parsed)}, the desk wrote ${excerpt(generated.expected)}`);
      }
      if (generated.kind === 'notAnObject' && parsed !== undefined) failures.push(`${at}: a value that is no object parsed to ${excerpt(parsed)}`);
    }
    expect(({} as Record<string, unknown>).polluted, `seed ${seed}: a value polluted Object.prototype`).toBeUndefined();
    expect(failures, failures.join('\n')).toEqual([]);
    // Every kind of value came up: a generator that stopped producing one would test less without saying so.
    expect([...kinds.keys()].sort()).toEqual(['extraKeys', 'fromJson', 'hugeString', 'missingField', 'nested', 'notAnObject', 'unknownAction', 'valid', 'wrongType']);
  });

  it.each<[string, unknown, ButtonValue | undefined, RegExp]>([
    ['an action that is not the desk\'s', { action: 'rate' }, { action: 'refund', orderId: 'x' } as unknown as ButtonValue, /unknown action/],
    ['a key the desk never writes', {}, { action: 'pickLine', line: 'mall', request: {} } as unknown as ButtonValue, /key request/],
    ['an id past the bound', {}, { action: 'pickOrder', orderId: '9'.repeat(MAX_BUTTON_ID_CHARS + 1) }, /orderId is not an id/],
    ['carried words past the bound', {}, { action: 'pickIntent', intent: 'none', text: 'x'.repeat(MAX_CARRIED_TEXT + 1) }, /text is longer/],
    ['a cut through an emoji', { text: '😀😀' }, { action: 'sendReply', handoffId: 'h', text: '😀\uD83D' }, /split a character/],
    ['a why no button offers', {}, { action: 'rate', handoffId: 'h', satisfied: false, why: 'constructor' } as unknown as ButtonValue, /why constructor/],
  ])('the check itself catches %s', (_name, input, parsed, expected) => {
    expect(problemsOfParse(input, parsed).join('\n')).toMatch(expected);
  });
});
