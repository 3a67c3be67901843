import { MAX_BUTTON_ID_CHARS, MAX_CARRIED_TEXT, RATING_WHYS, type ButtonValue } from '../../bot/buttonValues.js';
import { MAX_MESSAGE_CHARS } from '../../bot/inputLimits.js';
import { INTENTS } from '../../data/intents.js';
import { between, chance, pick, randomId, stringOf, weighted, type Random } from './prng.js';

/**
 * What the fuzz suite types and presses: generated message texts and button values, from seeded
 * randomness. The references they carry (order ids, handoff ids, lines) are passed in, so the same
 * generators serve the pure `parseButtonValue` fuzz and the attackers of the HTTP fuzz.
 */

/** Foreign references an attacker may put in a text or a button. */
export interface FuzzRefs {
  /** Order ids an attacker may name (a victim's "bait" orders). */
  orderIds: readonly string[];
  /** Handoff ids an attacker may name (victims' handoffs). */
  handoffIds: readonly string[];
  /** Business line ids of the shop. */
  lines: readonly string[];
  /** Knowledge-base entry ids of the shop. */
  entryIds: readonly string[];
  /** Phone numbers to write near misses of (victims'): one digit off, never the number itself. */
  nearPhones: readonly string[];
}

/** References when there is no shop (the pure fuzz): made-up ids of the right shapes. */
export const MADE_UP_REFS: FuzzRefs = {
  orderIds: ['20260412093817', 'SO-2026-0042', '1'],
  handoffIds: ['8d4f3c2e-6b1a-4c7e-9f0d-2a5b6c7d8e9f', 'h-1'],
  lines: ['marketplace', 'mall', 'travel'],
  entryIds: ['kb-return-policy', 'kb-1'],
  nearPhones: ['13816572043', '+1-212-555-0147'],
};

/** Longest text an attacker sends: past the desk's cut (2,000), so the cut is exercised, within the brief's 5,000. */
export const MAX_FUZZ_TEXT_CHARS = 5000;

/** Phrases in both languages and mixed, the way buyers write (and the desk's own command words). */
const PHRASES = [
  '我想退货', '快递到哪了', '取消订单', '这个能退吗', '发票怎么开', '改一下地址', '商家不理我', '我要投诉',
  '转人工', '人工客服', '退出排队', '没事了', '谢谢', '你好', '你是机器人吗', '垃圾客服', '好的', '取消', '算了', '是的', '不要了',
  'I want a refund', 'where is my parcel', 'cancel my order', 'change the address', 'I need an invoice', 'talk to a person',
  'leave the queue', "that's all", 'thanks', 'hello', 'are you a bot', 'this is useless', 'yes', 'no', 'yep', 'nah', 'help',
  '我的 order 怎么还没 ship', 'refund 我的钱', '那个 keyboard 那单', 'the 199 one', '上周二那单', 'the one from last Tuesday',
  '+1', '/end', '/to 1', '/to 99', '/to0', '/merchant x', '/merchant 请尽快发货', '/queue', '/list', '/online', '/offline',
  'yes cancel it', '好的，取消吧', '是', '不', 'ok', 'sure', 'go ahead', '确定', '行',
] as const;

/** Characters for text soup: Latin, CJK, digits, punctuation, emoji, and the invisible and direction-changing ones. */
const SOUP = Array.from('abcxyzABCXYZ 0123456789 我你他的了退货快递订单取消好是不 ，。！？,.!?-_/\\@#$%^&*()[]{}<>"\'`~|;:😀👍🙏🧧🇨🇳👨‍👩‍👧\u200b\u200e\u202e\u3000\t\n');

/** Emoji only (the desk nudges): with joiners and flags, which are several code points. */
const EMOJI = ['😀', '👍', '🙏', '🧧', '🇨🇳', '👨‍👩‍👧', '❤️', '🤬', '💩', '🎉'];

/** Whitespace of several kinds, none of which is a word. */
const BLANKS = ['', ' ', '   ', '\n', '\t\t', '\u3000', '\u200b', ' \n \t '];

/** Markup and injection attempts: the desk must treat them as words. */
const MARKUP = [
  '<script>alert(1)</script>', '**bold** [x](http://127.0.0.1:1/)', '{"action":"yesNo","yes":true}', '${process.exit()}',
  "'; DROP TABLE orders; --", '../../etc/passwd', '%00%0d%0a', '\u0000\u0001\u001f', '{{constructor.constructor("return 1")()}}',
];

/** A phone number one digit off from `phone`, in a format buyers use (never `phone` itself: that would be a real proof). */
export function nearPhone(random: Random, phone: string): string {
  const digits = Array.from(phone.replace(/\D/g, ''));
  const i = between(random, Math.max(0, digits.length - 7), digits.length - 1);
  digits[i] = String((Number(digits[i]) + between(random, 1, 9)) % 10);
  const d = digits.join('');
  if (d.length === 11 && d.startsWith('1') && phone.startsWith('+1')) {
    return pick(random, [`+1-${d.slice(1, 4)}-${d.slice(4, 7)}-${d.slice(7)}`, `(${d.slice(1, 4)}) ${d.slice(4, 7)}-${d.slice(7)}`, `+1 ${d.slice(1)}`]);
  }
  return pick(random, [d, `+86 ${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`, `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`]);
}

/** A phone number of nobody in particular, Chinese mobile or North American. */
export function randomPhone(random: Random): string {
  return chance(random, 0.5)
    ? `1${pick(random, ['3', '5', '7', '8', '9'])}${stringOf(random, Array.from('0123456789'), 9)}`
    : `+1-${between(random, 201, 989)}-555-${String(between(random, 0, 9999)).padStart(4, '0')}`;
}

/** Kinds of generated text, with how often each comes. */
const TEXT_KINDS = {
  phrase: 22,
  mixed: 10,
  blank: 6,
  emoji: 5,
  huge: 6,
  soup: 8,
  orderId: 12,
  nearPhone: 8,
  randomPhone: 5,
  markup: 4,
  number: 4,
  long: 10,
} as const;

/** A message text an attacker might type (may contain victims' order ids and near misses of their phones, never their names). */
export function generateText(random: Random, refs: FuzzRefs): string {
  switch (weighted(random, TEXT_KINDS)) {
    case 'phrase':
      return pick(random, PHRASES);
    case 'mixed':
      return Array.from({ length: between(random, 2, 5) }, () => pick(random, PHRASES)).join(pick(random, [' ', '', '，', ', ']));
    case 'blank':
      return pick(random, BLANKS);
    case 'emoji':
      return Array.from({ length: between(random, 1, 6) }, () => pick(random, EMOJI)).join('');
    case 'huge':
      return stringOf(random, SOUP, between(random, MAX_MESSAGE_CHARS - 5, MAX_FUZZ_TEXT_CHARS));
    case 'long':
      return Array.from({ length: between(random, 20, 300) }, () => pick(random, PHRASES)).join(' ').slice(0, MAX_FUZZ_TEXT_CHARS);
    case 'soup':
      return stringOf(random, SOUP, between(random, 1, 80));
    case 'orderId': {
      const id = pick(random, refs.orderIds);
      return pick(random, [id, `取消 ${id}`, `cancel order ${id}`, `${id} 到哪了`, `return ${id} please`, `订单${id}退货`, `${id} yes`, `invoice for ${id}`, `转人工 ${id}`]);
    }
    case 'nearPhone':
      return `${pick(random, ['', '我的手机号是 ', 'my phone is ', '电话 '])}${nearPhone(random, pick(random, refs.nearPhones))}`;
    case 'randomPhone':
      return `${pick(random, ['', '手机 ', 'phone: '])}${randomPhone(random)}`;
    case 'markup':
      return pick(random, MARKUP);
    case 'number':
      return pick(random, ['12', '199', '1e309', '-0', 'NaN', '0x1F', '９９', '一百九十九', String(between(random, 0, 10 ** 9)), '2026-04-12']);
  }
}

/** Keys the desk never writes on a button: a forged value may carry them, and they must be dropped. */
const EXTRA_KEYS = ['request', 'party', 'buyerId', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'agentId', 'value'] as const;

/** What may stand where a field wants something else. */
function wrongValue(random: Random): unknown {
  return pick(random, [
    null, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, true, false, '', 'true', '1', [], [1], ['x'], {}, { $gt: '' }, { action: 'yesNo', yes: true },
    'x'.repeat(between(random, MAX_BUTTON_ID_CHARS + 1, 3 * MAX_BUTTON_ID_CHARS)),
  ] as const);
}

/** An id as a button carries one: a foreign reference of the right kind, or a made-up id within the bound. */
function idFrom(random: Random, refs: readonly string[]): string {
  return chance(random, 0.7) && refs.length ? pick(random, refs) : randomId(random, between(random, 1, MAX_BUTTON_ID_CHARS));
}

/** Text for a button that carries words, within what the desk offers (longer is the `huge` kind's). */
function carriedText(random: Random, refs: FuzzRefs, max: number): string {
  return Array.from(generateText(random, refs)).slice(0, max).join('');
}

/** A value the desk could have written on one of its buttons, with foreign references: it parses to itself. */
export function validButtonValue(random: Random, refs: FuzzRefs): ButtonValue {
  const action = pick(random, ['yesNo', 'pickOrder', 'pickIntent', 'kbFeedback', 'pickLine', 'leaveMessage', 'rate', 'sendReply', 'merchantContact'] as const);
  switch (action) {
    case 'yesNo':
      return { action, yes: chance(random, 0.5) };
    case 'pickOrder':
      return { action, orderId: idFrom(random, refs.orderIds) };
    case 'pickIntent':
      return { action, intent: pick(random, INTENTS), text: carriedText(random, refs, MAX_CARRIED_TEXT) };
    case 'kbFeedback':
      return { action, intent: pick(random, INTENTS), entryId: idFrom(random, refs.entryIds), helpful: chance(random, 0.5) };
    case 'pickLine':
      return { action, line: idFrom(random, refs.lines) };
    case 'leaveMessage':
      return { action };
    case 'rate': {
      const why = chance(random, 0.5) ? { why: pick(random, RATING_WHYS) } : {};
      return { action, handoffId: idFrom(random, refs.handoffIds), satisfied: chance(random, 0.5), ...why };
    }
    case 'sendReply':
      return { action, handoffId: idFrom(random, refs.handoffIds), text: carriedText(random, refs, MAX_MESSAGE_CHARS) };
    case 'merchantContact':
      return { action, handoffId: idFrom(random, refs.handoffIds) };
  }
}

/** `value` with an own property `key` (set so that `__proto__` is a key, not the prototype, as JSON.parse makes it). */
function withKey(value: Record<string, unknown>, key: string, extra: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  Object.defineProperty(copy, key, { value: extra, enumerable: true, configurable: true, writable: true });
  return copy;
}

/** Kinds of generated button value, with how often each comes. */
const BUTTON_KINDS = {
  valid: 30,
  extraKeys: 15,
  wrongType: 15,
  missingField: 6,
  hugeString: 8,
  unknownAction: 6,
  nested: 6,
  notAnObject: 10,
  fromJson: 4,
} as const;

/** A generated button value, and what `parseButtonValue` must make of it when that is known (a value the desk writes). */
export interface GeneratedButton {
  kind: keyof typeof BUTTON_KINDS;
  value: unknown;
  /** The parse the value must have (the desk's own value, extra keys dropped); undefined when only the properties are known. */
  expected?: ButtonValue;
}

/** A button value a client might send: the desk's own shapes with foreign references, and every way of getting them wrong. */
export function generateButton(random: Random, refs: FuzzRefs): GeneratedButton {
  const kind = weighted(random, BUTTON_KINDS);
  const base = validButtonValue(random, refs);
  switch (kind) {
    case 'valid':
      return { kind, value: base, expected: base };
    case 'extraKeys': {
      let value: Record<string, unknown> = { ...base };
      for (let i = between(random, 1, 3); i > 0; i--) {
        const extra = pick(random, [{ party: 'b-zh-01', buyerId: 'b-zh-01', reason: 'x'.repeat(between(random, 1, 5000)) }, 'b-zh-01', { polluted: true }, null, ['x']]);
        value = withKey(value, pick(random, EXTRA_KEYS), extra);
      }
      return { kind, value, expected: base };
    }
    case 'wrongType': {
      const fields = Object.keys(base);
      return { kind, value: withKey(base, pick(random, fields), wrongValue(random)) };
    }
    case 'missingField': {
      const fields = Object.keys(base).filter((k) => k !== 'action');
      if (!fields.length) return { kind, value: { yes: true } };
      const copy: Record<string, unknown> = { ...base };
      delete copy[pick(random, fields)];
      return { kind, value: copy };
    }
    case 'hugeString': {
      const fields = Object.keys(base).filter((k) => k !== 'action');
      const huge = stringOf(random, SOUP, between(random, MAX_BUTTON_ID_CHARS + 1, 20_000));
      return { kind, value: withKey(base, fields.length ? pick(random, fields) : 'action', huge) };
    }
    case 'unknownAction':
      return { kind, value: { ...base, action: pick(random, ['constructor', '__proto__', 'toString', 'YESNO', '', ' yesNo', 'yesNo ', 'rate\u0000', 'hasOwnProperty', randomId(random)]) } };
    case 'nested':
      return { kind, value: pick(random, [{ value: base }, { action: base }, { ...base, action: { action: base.action } }, { 0: base }, { action: [base.action] }]) };
    case 'notAnObject':
      return { kind, value: pick(random, [null, undefined, 0, 42, -1, true, false, '', 'yesNo', JSON.stringify(base), [base], [], [[base]], Number.NaN]) };
    case 'fromJson': {
      // What JSON.parse makes of a body: `__proto__` as an own key, which object literals cannot write.
      const json = JSON.stringify(base).replace(/^\{/, `{"__proto__":{"action":"rate","handoffId":"h-1","satisfied":true},"constructor":{"prototype":{"polluted":true}},`);
      return { kind, value: JSON.parse(json) as unknown, expected: base };
    }
  }
}
