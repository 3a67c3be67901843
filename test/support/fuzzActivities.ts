import http from 'node:http';
import { MAX_BODY_BYTES } from '../../bot/activityBody.js';
import { carriesSecret, excerpt, type Secrets } from './fuzzInvariants.js';
import { generateButton, generateText, MAX_FUZZ_TEXT_CHARS as MAX_FUZZ_TEXT, nearPhone, type FuzzRefs } from './fuzzInputs.js';
import { between, chance, pick, randomId, stringOf, weighted, ID_CHARS, type Random } from './prng.js';

/**
 * The attackers of the HTTP fuzz and what they send: seeded activities over real HTTP, from
 * guests with made-up ids, a buyer who is no victim (b-en-06) and an agent who serves no victim
 * (a-05), each in conversations of their own. Every attack carries the statuses it may be answered
 * with, so a failure names the attack and its body.
 */

/** The buyer among the attackers: a real buyer of the demo shop, none of whose orders is a victim's. */
export const ATTACKING_BUYER = 'b-en-06';
/** The agent among the attackers (mall, travel): serves no victim and may not reach the queued one (marketplace). */
export const ATTACKING_AGENT = 'a-05';
/** Conversation ids of attackers start so: what a refused attack was sent in must receive nothing. */
export const REFUSED_PREFIX = 'atk-refused-';

/** What an attack is, for the split of the storm and for failure messages. */
export type AttackKind = 'text' | 'button' | 'oddMessage' | 'oddType' | 'script' | 'malformed' | 'foreignServiceUrl' | 'badBody' | 'oversize';

/** Kinds that are turns of the bot (the rest the HTTP door refuses before any work). */
export const TURN_KINDS: ReadonlySet<AttackKind> = new Set(['text', 'button', 'oddMessage', 'oddType', 'script']);

/** One chat account attacking, with the conversations it writes in. */
export interface Attacker {
  id: string;
  role: 'guest' | 'buyer' | 'agent';
  channelId: string;
  name: string | undefined;
  locale: string | undefined;
  conversations: string[];
}

/** One request of the storm. */
export interface Attack {
  n: number;
  kind: AttackKind;
  /** Which case of the kind (the bad field, the odd type, the foreign URL, …). */
  variant: string;
  attacker: string;
  conversationId: string | undefined;
  /** The body as sent, or how to make it (the over-large ones are made when sent). */
  body: string | Buffer | (() => string);
  headers: Record<string, string>;
  /** Send the body without a Content-Length (chunked): the size limit must hold while reading. */
  chunked?: boolean;
  /** The statuses it may be answered with. */
  allowed: readonly number[];
}

/** What the storm's attackers may refer to, and where. */
export interface World {
  /** The test channel: where replies may go. */
  serviceUrl: string;
  /** A loopback origin that records any request (a foreign serviceUrl must never reach it). */
  trapOrigin: string;
  deskPort: number;
  refs: FuzzRefs;
  secrets: Secrets;
  /** Victims' buyer ids: a conversationUpdate may name them as members added (from an attacker). */
  victimIds: readonly string[];
}

/** Guests in the pool, each with a few conversations. */
const GUESTS = 80;
/** How often a guest's turn comes from a brand-new account and conversation (a flood of fresh ids). */
const FRESH_GUEST = 0.1;

/** Display names attackers use: empty, emoji, long (cut to 64 at the boundary), an agent's, markup; never a victim's. */
const NAMES = [undefined, '', 'guest', '游客', '😀😀', 'Olivia Brooks', '客服', '<b>admin</b>', 'x'.repeat(300), ' ', 'Robert\'); DROP TABLE--', '\u202eevil'];

/** Channels an attacker may claim to come from (all words, as the schema wants). */
const CHANNELS = ['emulator', 'emulator', 'emulator', 'webchat', 'directline', 'msteams', 'x.y-z_1'];

/** Locales, supported and not. */
const LOCALES = [undefined, 'zh-CN', 'en-US', 'zh-cn', 'EN-us', 'zh-TW', 'zh', 'en', 'ar-EG', 'xx', '', 'und', 'zh-CN-x-evil', '\u202e'];

/** Makes the pool of attackers (seeded: a replayed seed gets the same ids). */
export function makeAttackers(random: Random): Attacker[] {
  const convs = (k: number): string[] => Array.from({ length: k }, () => `atk-${randomId(random, 12)}`);
  const guests: Attacker[] = Array.from({ length: GUESTS }, () => ({
    id: `guest-${randomId(random, 8)}`,
    role: 'guest',
    channelId: pick(random, CHANNELS),
    name: pick(random, NAMES),
    locale: pick(random, LOCALES),
    conversations: convs(between(random, 1, 3)),
  }));
  return [
    ...guests,
    { id: ATTACKING_BUYER, role: 'buyer', channelId: 'emulator', name: 'Ashley Moore', locale: 'en-US', conversations: convs(5) },
    { id: `agent-${ATTACKING_AGENT}`, role: 'agent', channelId: 'emulator', name: 'Olivia Brooks', locale: 'en-US', conversations: convs(2) },
  ];
}

/** Who attacks next: mostly guests, then the buyer, then the agent. */
function nextAttacker(random: Random, attackers: readonly Attacker[]): { attacker: Attacker; conversationId: string } {
  const who = weighted(random, { guest: 60, buyer: 25, agent: 15 });
  if (who === 'guest' && chance(random, FRESH_GUEST)) {
    const fresh: Attacker = { id: `guest-${randomId(random, 10)}`, role: 'guest', channelId: pick(random, CHANNELS), name: pick(random, NAMES), locale: pick(random, LOCALES), conversations: [`atk-${randomId(random, 12)}`] };
    return { attacker: fresh, conversationId: fresh.conversations[0]! };
  }
  const pool = attackers.filter((a) => a.role === who);
  const attacker = pick(random, pool);
  return { attacker, conversationId: pick(random, attacker.conversations) };
}

/** The activity a channel would send for this attacker, before the attack changes it. */
function baseActivity(random: Random, world: World, attacker: Attacker, conversationId: string): Record<string, unknown> {
  const from: Record<string, unknown> = { id: attacker.id, role: 'user' };
  if (attacker.name !== undefined) from.name = attacker.name;
  const locale = chance(random, 0.2) ? pick(random, LOCALES) : attacker.locale;
  return {
    type: 'message',
    id: randomId(random, 16),
    timestamp: new Date().toISOString(),
    channelId: attacker.channelId,
    serviceUrl: world.serviceUrl,
    from,
    recipient: { id: 'desk-bot', name: 'Desk', role: 'bot' },
    conversation: { id: conversationId },
    ...(locale !== undefined ? { locale } : {}),
  };
}

/** Content types the door accepts as JSON (a turn with one of these is still a turn). */
const JSON_TYPES = ['application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/vnd.api+json', 'application/json-patch+json'];
/** Content types the door refuses (415), whatever the body. */
const NOT_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/json', 'application/jsonx', 'json', '', 'application/ json', 'application/javascript'];

/** The commands of an agent, which a buyer or guest may type too (plain text from them). */
const COMMANDS = ['+1', '+1', '/queue', '/list', '/to 1', '/to 2', '/to 0', '/to 99999999999999999999', '/end', '/merchant', '/merchant x', '/merchant 请尽快发货', '/online', '/offline', '/TO 1', '+1 +1'];

/** A JSON value of any shape, up to `depth` levels (for values, channelData and event payloads). */
function anyJson(random: Random, depth = 3): unknown {
  const leaf = (): unknown => pick(random, [null, true, false, 0, -1, 1e308, 3.14, '', 'x', '王', '😀', randomId(random, between(random, 1, 40))]);
  if (depth <= 0 || chance(random, 0.4)) return leaf();
  if (chance(random, 0.5)) return Array.from({ length: between(random, 0, 4) }, () => anyJson(random, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = between(random, 0, 4); i > 0; i--) o[pick(random, ['a', 'action', 'id', 'text', 'type', 'value', '__proto__', 'constructor', randomId(random, 4)])] = anyJson(random, depth - 1);
  return o;
}

/** Text as a message of this attacker carries it: the agent types commands half the time. */
function messageText(random: Random, world: World, attacker: Attacker): string {
  if (attacker.role === 'agent' && chance(random, 0.5)) return pick(random, COMMANDS);
  if (chance(random, 0.05)) return pick(random, COMMANDS);
  return generateText(random, world.refs);
}

/** How deep the deeply nested values go: past what a recursive walk of the value survives on a default stack, were anything to walk it. */
const NESTING = 5000;
/** Stands for a deeply nested value until the body is written (JSON.stringify itself would not survive the nesting). */
const DEEP = '\u0000deeply nested\u0000';
/** The JSON text of a value nested `depth` levels deep, objects and lists in turn. */
function deeplyNestedJson(depth: number): string {
  return `${'{"a":['.repeat(depth / 2)}"bottom"${']}'.repeat(depth / 2)}`;
}
/** The body of an activity, with `DEEP` written out as the nested value. */
function bodyOf(activity: unknown): string {
  return JSON.stringify(activity).replaceAll(JSON.stringify(DEEP), deeplyNestedJson(NESTING));
}

/** Odd but acceptable fields on a message: the turn runs. Each returns the activity to send. */
const ODD_MESSAGES: readonly [string, (a: Record<string, unknown>, random: Random, world: World) => Record<string, unknown>][] = [
  ['no attachments', (a) => ({ ...a, attachments: [] })],
  ['a photo', (a, r) => ({ ...a, text: chance(r, 0.5) ? '' : 'photo', attachments: [{ contentType: 'image/png', contentUrl: `http://127.0.0.1:1/${randomId(r)}.png`, name: 'p.png' }] })],
  ['ten attachments of odd content', (a, r) => ({ ...a, attachments: Array.from({ length: 10 }, () => ({ contentType: pick(r, ['image/png', 'application/vnd.microsoft.card.adaptive', 'x/y', 'application/vnd.microsoft.card.hero']), content: anyJson(r) })) })],
  ['an attachment with a data URL', (a, r) => ({ ...a, attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${stringOf(r, ID_CHARS, 4000)}` }] })],
  ['a card the attacker made up', (a, r) => ({ ...a, attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: { title: 'Your order', buttons: [{ type: 'messageBack', title: 'Yes', value: { action: 'yesNo', yes: true } }] } }], text: pick(r, ['', 'yes']) })],
  ['no id', (a) => omit(a, 'id')],
  ['no recipient', (a) => omit(a, 'recipient')],
  ['the sender as the recipient', (a) => ({ ...a, recipient: a.from })],
  ['role bot', (a) => ({ ...a, from: { ...(a.from as object), role: 'bot' } })],
  ['a display name of 10,000 characters', (a, r) => ({ ...a, from: { ...(a.from as object), name: stringOf(r, Array.from('名字😀ab'), 10_000) } })],
  ['a mention of a victim', (a, r, w) => ({ ...a, entities: [{ type: 'mention', mentioned: { id: pick(r, w.victimIds), name: 'x' }, text: '@x' }] })],
  ['a group conversation', (a) => ({ ...a, conversation: { ...(a.conversation as object), isGroup: true, conversationType: 'groupChat', tenantId: 'x' } })],
  ['channelData of every shape', (a, r) => ({ ...a, channelData: anyJson(r, 5) })],
  ['channelData nested 5,000 levels', (a) => ({ ...a, channelData: DEEP })],
  ['a value nested 5,000 levels', (a) => ({ ...a, value: DEEP })],
  ['prototype keys on the activity', (a) => JSON.parse(JSON.stringify(a).replace(/^\{/, '{"__proto__":{"polluted":true,"text":"yes"},"constructor":{"prototype":{"polluted":true}},')) as Record<string, unknown>],
  ['prototype keys on the sender', (a) => JSON.parse(JSON.stringify(a).replace('"from":{', '"from":{"__proto__":{"id":"b-zh-01"},')) as Record<string, unknown>],
  ['a replyToId to nothing', (a, r) => ({ ...a, replyToId: randomId(r, 30) })],
  ['odd timestamps', (a) => ({ ...a, timestamp: 'yesterday', localTimestamp: '9999-99-99T99:99:99+99:99' })],
  ['text format xml', (a) => ({ ...a, textFormat: 'xml', text: '<b>我想退货</b>' })],
  ['a 1 MB text', (a, r) => ({ ...a, text: stringOf(r, Array.from('退货refund 😀'), 1_000_000) })],
  ['extra fields', (a, r) => ({ ...a, speak: 'x', inputHint: 'ignoringInput', summary: 's', importance: 'high', deliveryMode: 'expectReplies', expiration: 'x', [randomId(r, 5)]: anyJson(r) })],
];

/** Activity types other than a buyer's message, each as the channel (or an attacker) might send it. */
const ODD_TYPES: readonly [string, (a: Record<string, unknown>, random: Random, world: World) => Record<string, unknown>][] = [
  ['typing', (a) => ({ ...omit(a, 'text'), type: 'typing' })],
  ['an event', (a, r) => ({ ...a, type: 'event', name: pick(r, ['x', 'webchat/join', 'handoff.status', 'handoff.initiate', 'tokens/response', '']), value: anyJson(r) })],
  ['an invoke', (a, r) => ({ ...a, type: 'invoke', name: pick(r, ['unknown/invoke', 'healthCheck', 'adaptiveCard/action', 'signin/verifyState', 'signin/tokenExchange', 'application/search', 'composeExtension/query', 'task/fetch', 'handoff/action', '']), value: anyJson(r) })],
  ['a conversationUpdate', (a) => ({ ...omit(a, 'text'), type: 'conversationUpdate', membersAdded: [{ id: 'desk-bot' }, { id: (a.from as { id: string }).id }] })],
  ['a conversationUpdate adding nobody', (a) => ({ ...omit(a, 'text'), type: 'conversationUpdate', membersAdded: [] })],
  ['a conversationUpdate adding only the bot', (a) => ({ ...omit(a, 'text'), type: 'conversationUpdate', membersAdded: [{ id: 'desk-bot' }] })],
  ['a conversationUpdate adding a victim', (a, r, w) => ({ ...omit(a, 'text'), type: 'conversationUpdate', membersAdded: [{ id: pick(r, w.victimIds), name: 'x' }] })],
  ['a conversationUpdate adding 100 members', (a, r) => ({ ...omit(a, 'text'), type: 'conversationUpdate', membersAdded: Array.from({ length: 100 }, () => ({ id: randomId(r), name: pick(r, NAMES) })) })],
  ['a conversationUpdate without a sender', (a) => ({ ...omit(omit(a, 'text'), 'from'), type: 'conversationUpdate', membersAdded: [{ id: (a.from as { id: string }).id }] })],
  ['a conversationUpdate removing members', (a, r, w) => ({ ...omit(a, 'text'), type: 'conversationUpdate', membersRemoved: [{ id: pick(r, w.victimIds) }, { id: 'desk-bot' }] })],
  ['a messageReaction', (a, r) => ({ ...a, type: 'messageReaction', reactionsAdded: [{ type: pick(r, ['like', '😀', '']) }], replyToId: randomId(r) })],
  ['an installationUpdate', (a) => ({ ...a, type: 'installationUpdate', action: 'add' })],
  ['an endOfConversation', (a) => ({ ...a, type: 'endOfConversation', code: 'completedSuccessfully' })],
  ['a type the desk does not know', (a, r) => ({ ...a, type: pick(r, ['fooBar', 'Message', 'MESSAGE', 'message ', 'handoff', 'trace', 'command', 'commandResult', 'delay', 'deleteUserData', 'contactRelationUpdate', 'messageUpdate', 'messageDelete', 'suggestion', '😀']) })],
];

function omit(a: Record<string, unknown>, key: string): Record<string, unknown> {
  const copy = { ...a };
  delete copy[key];
  return copy;
}

function set(a: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(a);
  const keys = path.split('.');
  let at = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    at[k] = typeof at[k] === 'object' && at[k] !== null ? at[k] : {};
    at = at[k] as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
  return copy;
}

/** Activities the schema of the door refuses (400): each a field missing, mistyped or past its bound. */
const MALFORMED: readonly [string, (a: Record<string, unknown>, random: Random) => unknown][] = [
  ['no type', (a) => omit(a, 'type')],
  ['an empty type', (a) => ({ ...a, type: '' })],
  ['a type that is a number', (a) => ({ ...a, type: 7 })],
  ['a type of 300 characters', (a) => ({ ...a, type: 'm'.repeat(300) })],
  ['no serviceUrl', (a) => omit(a, 'serviceUrl')],
  ['an empty serviceUrl', (a) => ({ ...a, serviceUrl: '' })],
  ['a serviceUrl of 3,000 characters', (a) => ({ ...a, serviceUrl: `${String(a.serviceUrl)}/${'x'.repeat(3000)}` })],
  ['a serviceUrl that is an object', (a) => ({ ...a, serviceUrl: { href: a.serviceUrl } })],
  ['no channelId', (a) => omit(a, 'channelId')],
  ['a channelId that is no word', (a, r) => ({ ...a, channelId: pick(r, ['', ' ', 'a b', '../x', 'é', '-x', 'x/y', '\u0000', '.x', 'emulator\n']) })],
  ['a channelId that is a number', (a) => ({ ...a, channelId: 1 })],
  ['no conversation', (a) => omit(a, 'conversation')],
  ['a conversation without an id', (a) => ({ ...a, conversation: { name: 'x' } })],
  ['an empty conversation id', (a) => set(a, 'conversation.id', '')],
  ['a conversation id of 600 characters', (a) => set(a, 'conversation.id', `${REFUSED_PREFIX}${'c'.repeat(600)}`)],
  ['a conversation id that is a number', (a) => set(a, 'conversation.id', 42)],
  ['a conversation that is a string', (a) => ({ ...a, conversation: 'atk-x' })],
  ['a conversation that is null', (a) => ({ ...a, conversation: null })],
  ['a message without a sender', (a) => omit(a, 'from')],
  ['a sender without an id', (a) => ({ ...a, from: { name: 'x' } })],
  ['an empty sender id', (a) => set(a, 'from.id', '')],
  ['a sender id of 300 characters', (a) => set(a, 'from.id', 'g'.repeat(300))],
  ['a sender that is a string', (a) => ({ ...a, from: 'b-zh-01' })],
  ['a sender id that is a number', (a) => set(a, 'from.id', 1)],
  ['a sender name that is a number', (a) => set(a, 'from.name', 1)],
  ['a recipient id that is an object', (a) => set(a, 'recipient.id', { id: 'desk-bot' })],
  ['a text that is not a string', (a, r) => ({ ...a, text: pick(r, [1, { text: 'yes' }, ['yes'], null, true]) })],
  ['a locale of 300 characters', (a) => ({ ...a, locale: 'zh-CN'.repeat(60) })],
  ['a locale that is a number', (a) => ({ ...a, locale: 86 })],
  ['an id that is a number', (a) => ({ ...a, id: 12345 })],
  ['an id that is an object', (a) => ({ ...a, id: { id: 'x' } })],
  ['an id of 300 characters', (a) => ({ ...a, id: 'i'.repeat(300) })],
  ['a replyToId of 300 characters', (a) => ({ ...a, replyToId: 'r'.repeat(300) })],
  ['attachments that are an object', (a) => ({ ...a, attachments: { contentType: 'image/png' } })],
  ['attachments [null]', (a) => ({ ...a, attachments: [null] })],
  ['attachments that are a string', (a) => ({ ...a, attachments: 'image/png' })],
  ['attachments that are strings', (a) => ({ ...a, attachments: ['image/png', 'x'] })],
  ['11 attachments', (a) => ({ ...a, attachments: Array.from({ length: 11 }, () => ({ contentType: 'image/png' })) })],
  ['an attachment without a contentType', (a) => ({ ...a, attachments: [{ contentUrl: 'http://127.0.0.1:1/x.png' }] })],
  ['an attachment with an empty contentType', (a) => ({ ...a, attachments: [{ contentType: '' }] })],
  ['an attachment with a contentUrl of 10,000 characters', (a) => ({ ...a, attachments: [{ contentType: 'image/png', contentUrl: `http://127.0.0.1:1/${'p'.repeat(10_000)}` }] })],
  ['an attachment name that is a number', (a) => ({ ...a, attachments: [{ contentType: 'image/png', name: 7 }] })],
  ['membersAdded that is an object', (a) => ({ ...a, type: 'conversationUpdate', membersAdded: { id: 'x' } })],
  ['101 members added', (a) => ({ ...a, type: 'conversationUpdate', membersAdded: Array.from({ length: 101 }, (_, i) => ({ id: `m${i}` })) })],
  ['a member added without an id', (a) => ({ ...a, type: 'conversationUpdate', membersAdded: [{ name: 'x' }] })],
  ['membersAdded [null]', (a) => ({ ...a, type: 'conversationUpdate', membersAdded: [null] })],
  ['membersRemoved that is a string', (a) => ({ ...a, type: 'conversationUpdate', membersRemoved: 'b-zh-01' })],
  ['51 entities', (a) => ({ ...a, entities: Array.from({ length: 51 }, () => ({ type: 'mention' })) })],
  ['entities that are numbers', (a) => ({ ...a, entities: [1, 2] })],
  ['a timestamp that is a number', (a) => ({ ...a, timestamp: Date.now() })],
  ['a name of 300 characters', (a) => ({ ...a, name: 'n'.repeat(300) })],
  ['a body that is a list', (a) => [a]],
  ['a body that is a string', () => 'message'],
  ['a body that is null', () => null],
  ['a body that is a number', () => 1],
  ['prototype keys and no type', (a) => JSON.parse(JSON.stringify(omit(a, 'type')).replace(/^\{/, '{"__proto__":{"type":"message"},')) as unknown],
];

/** serviceUrls that are not the test channel's: each must be refused (403) and never receive anything. */
function foreignServiceUrls(world: World): readonly string[] {
  const trap = world.trapOrigin;
  const port = new URL(trap).port;
  return [
    'https://attacker.example.com/',
    `http://attacker.example.com:${port}`,
    'http://169.254.169.254/latest/meta-data/',
    `http://10.0.0.1:${port}`,
    `http://0.0.0.0:${port}`,
    `http://[::ffff:7f00:1]:${port}`,
    `http://localhost.attacker.example:${port}`,
    `${trap}/path`,
    `${trap}/v3/conversations`,
    `${trap}/?q=1`,
    `${trap}/#x`,
    trap.replace('http://', 'http://user:pw@'),
    'http://127.0.0.1:80',
    'http://localhost:22',
    `http://127.0.0.1:${world.deskPort}`,
    `http://localhost:${world.deskPort}`,
    trap.replace('http://', 'ftp://'),
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
    `//127.0.0.1:${port}`,
    'http://127.0.0.1:65536',
    `http://[::1]:${port}/x`,
  ];
}

/** Bodies that are no JSON object, sent as JSON (400). */
const NOT_JSON_BODIES: readonly (string | Buffer | ((r: Random) => string))[] = [
  '', '{', '{"type":"message",', 'null', 'true', '1', '"message"', '[]', 'NaN', "{'type':'message'}", '\uFEFF{}', '}{',
  Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
  (r) => stringOf(r, Array.from('{}[]":,abc1 \\'), between(r, 1, 200)),
  () => '['.repeat(100_000),
  () => `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
];

/**
 * Activities of each kind per 10,000: turns of the bot (text, button, odd message, odd type,
 * script) about 37%, the rest refused at the HTTP door (a full turn costs ~20 ms of this 2-core
 * machine, a refusal well under 1 ms: 10,000 full turns would take minutes).
 */
export const MIX = {
  text: 1100,
  button: 700,
  oddMessage: 200,
  oddType: 700,
  script: 1000,
  malformed: 4200,
  foreignServiceUrl: 1300,
  badBody: 796,
  oversize: 4,
} as const satisfies Record<AttackKind, number>;

/** How many over-large bodies (each 4 MB on the wire) a storm sends: enough to see 413 both ways, few enough to be quick. */
const OVERSIZE = 4;

/** One step of a script: a message with text and, maybe, a button value. */
interface Step {
  text: string;
  value?: unknown;
}

/** How an attacker asks for a person. */
const ASK_PERSON = ['转人工', '人工客服', 'let me talk to a person', 'I want a human', 'agent please'];

function repeat<T>(random: Random, min: number, max: number, make: () => T[]): T[] {
  return Array.from({ length: between(random, min, max) }, make).flat();
}

/**
 * Moves that only do something in order (a line picked after asking for a person, a "yes" after a
 * question, an agent's `+1` then text), each a few steps one attacker takes in one conversation,
 * sent one after the other. They bring attackers where the victims are: in queues, with agents,
 * mid-task, with a rating question, with foreign references at each of those points.
 */
const SCRIPTS: readonly { name: string; roles: readonly Attacker['role'][]; steps: (random: Random, world: World) => Step[] }[] = [
  {
    name: 'reach a person',
    roles: ['guest', 'buyer'],
    steps: (r, w) => [{ text: pick(r, ASK_PERSON) }, { text: 'line', value: { action: 'pickLine', line: pick(r, w.refs.lines) } }, ...repeat(r, 1, 4, () => [{ text: generateText(r, w.refs) }])],
  },
  {
    name: 'leave messages',
    roles: ['guest', 'buyer'],
    steps: (r, w) => [
      { text: pick(r, ASK_PERSON) },
      { text: 'line', value: { action: 'pickLine', line: pick(r, w.refs.lines) } },
      ...repeat(r, 1, 4, () => [{ text: '', value: { action: 'leaveMessage' } }, { text: chance(r, 0.5) ? stringOf(r, Array.from('留言message😀'), MAX_FUZZ_TEXT) : generateText(r, w.refs) }]),
    ],
  },
  {
    name: 'leave the queue',
    roles: ['guest', 'buyer'],
    steps: (r, w) => [{ text: pick(r, ASK_PERSON) }, { text: 'line', value: { action: 'pickLine', line: pick(r, w.refs.lines) } }, { text: pick(r, ['leave the queue', '退出排队', 'stop waiting']) }, { text: pick(r, ASK_PERSON) }],
  },
  {
    name: "a task, answered with a victim's order",
    roles: ['guest', 'buyer'],
    steps: (r, w) => [
      { text: pick(r, ['cancel my order', '我要退货', 'change the address', 'where is my parcel', 'I need an invoice', '取消订单', '联系商家']) },
      { text: 'View order', value: { action: 'pickOrder', orderId: pick(r, w.refs.orderIds) } },
      { text: pick(r, ['yes', '好的', '是']), value: { action: 'yesNo', yes: true } },
      { text: pick(r, ['yes', '好的', 'the second one', '第二个']) },
    ],
  },
  {
    name: "a victim's order typed, then yes",
    roles: ['guest', 'buyer'],
    steps: (r, w) => {
      const id = pick(r, w.refs.orderIds);
      return [
        { text: pick(r, [`取消 ${id}`, `cancel ${id}`, `return ${id}`, `${id} 改地址`, `转人工 ${id}`]) },
        { text: pick(r, ['好的', 'yes']) },
        { text: 'Yes', value: { action: 'yesNo', yes: true } },
        { text: nearPhone(r, pick(r, w.refs.nearPhones)) },
        { text: 'yes' },
      ];
    },
  },
  {
    name: 'an agent at work',
    roles: ['agent'],
    steps: (r, w) => [
      { text: '/online' },
      { text: '+1' },
      { text: generateText(r, w.refs) },
      { text: '/list' },
      { text: pick(r, ['/to 1', '/to 2', '/to 6']) },
      { text: '/merchant', value: { action: 'merchantContact', handoffId: pick(r, w.refs.handoffIds) } },
      { text: pick(r, ['/merchant', '/merchant please ship it']) },
      { text: 'reply', value: { action: 'sendReply', handoffId: pick(r, w.refs.handoffIds), text: generateText(r, w.refs) } },
      { text: pick(r, ['/end', '/queue', '/offline']) },
      { text: '+1' },
    ],
  },
  {
    name: 'rate a handoff of someone else',
    roles: ['guest', 'buyer'],
    steps: (r, w) => {
      const handoffId = pick(r, w.refs.handoffIds);
      return [
        { text: '不满意', value: { action: 'rate', handoffId, satisfied: false } },
        { text: '态度', value: { action: 'rate', handoffId, satisfied: false, why: pick(r, ['slow', 'unsolved', 'attitude', 'other']) } },
        { text: 'Satisfied', value: { action: 'rate', handoffId, satisfied: true } },
      ];
    },
  },
  {
    name: 'an answer and its feedback',
    roles: ['guest', 'buyer'],
    steps: (r, w) => [
      { text: pick(r, ['what is your return policy', '退货政策是什么', 'how long does a refund take', '运费谁出', 'do you have coupons']) },
      { text: 'Yes', value: { action: 'kbFeedback', intent: pick(r, ['question.return_policy', 'question.refund_time', 'question.shipping', 'question.coupon']), entryId: pick(r, w.refs.entryIds), helpful: chance(r, 0.5) } },
    ],
  },
];

/** The mean length of a script, to turn the activities of `MIX.script` into scripts. */
const SCRIPT_MEAN_STEPS = 5;

/**
 * The attacks of one storm, in order, grouped into what one worker sends one after the other (a
 * single attack, or a script's steps); at least `total` activities. Seeded: a replayed seed sends
 * the same ones.
 */
export function planStorm(random: Random, world: World, total: number): Attack[][] {
  const attackers = makeAttackers(random);
  const weights = { ...MIX, script: MIX.script / SCRIPT_MEAN_STEPS, oversize: 0 };
  const units: Attack[][] = [];
  const oversizeAt = Array.from({ length: OVERSIZE }, (_, i) => Math.floor(((i + 0.5) * total) / OVERSIZE));
  let n = 0;
  let oversized = 0;
  while (n < total) {
    const kind: AttackKind = n >= (oversizeAt[oversized] ?? Infinity) ? 'oversize' : weighted(random, weights);
    if (kind === 'oversize') oversized++;
    let unit = makeUnit(random, world, attackers, n, kind);
    // A body that happens to carry a victim's secret would make the desk's echo of it look like a leak: draw again.
    for (let tries = 0; unit.some((a) => typeof a.body === 'string' && carriesSecret(a.body, world.secrets)) && tries < 20; tries++) unit = makeUnit(random, world, attackers, n, kind);
    units.push(unit);
    n += unit.length;
  }
  return units;
}

/** One attack of `kind`, or a script's steps. */
function makeUnit(random: Random, world: World, attackers: readonly Attacker[], n: number, kind: AttackKind): Attack[] {
  if (kind !== 'script') return [makeAttack(random, world, attackers, n, kind)];
  const { attacker, conversationId } = nextAttacker(random, attackers);
  const scripts = SCRIPTS.filter((s) => s.roles.includes(attacker.role));
  const script = pick(random, scripts);
  const steps = script.steps(random, world);
  return steps.map((step, i) => {
    const activity = { ...baseActivity(random, world, attacker, conversationId), text: step.text, ...(step.value !== undefined ? { value: step.value } : {}) };
    return { n: n + i, kind, variant: `${script.name}, step ${i + 1} of ${steps.length}`, attacker: attacker.id, conversationId, body: bodyOf(activity), headers: JSON_HEADERS, allowed: [200, 202] };
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** One attack of `kind`. */
function makeAttack(random: Random, world: World, attackers: readonly Attacker[], n: number, kind: AttackKind): Attack {
  const { attacker, conversationId } = nextAttacker(random, attackers);
  const base = baseActivity(random, world, attacker, kind === 'text' || kind === 'button' || kind === 'oddMessage' || kind === 'oddType' ? conversationId : `${REFUSED_PREFIX}${n}`);
  const turn = (variant: string, activity: unknown, allowed: readonly number[] = [200, 202]): Attack => ({
    n, kind, variant, attacker: attacker.id, conversationId: (activity as { conversation?: { id?: string } })?.conversation?.id,
    body: bodyOf(activity), headers: { 'content-type': chance(random, 0.2) ? pick(random, JSON_TYPES) : 'application/json' }, allowed,
  });
  const refused = (variant: string, body: Attack['body'], allowed: readonly number[], headers: Record<string, string> = JSON_HEADERS): Attack => ({
    n, kind, variant, attacker: attacker.id, conversationId: `${REFUSED_PREFIX}${n}`, body, headers, allowed,
  });
  switch (kind) {
    case 'text':
      return turn('text', { ...base, text: messageText(random, world, attacker) });
    case 'button': {
      const generated = generateButton(random, world.refs);
      const text = chance(random, 0.5) ? pick(random, ['', 'Yes', '是', 'Satisfied', '满意', '国内', 'View order']) : messageText(random, world, attacker);
      return turn(`button ${generated.kind}`, { ...base, text, value: generated.value });
    }
    case 'oddMessage': {
      const [variant, make] = pick(random, ODD_MESSAGES);
      return turn(variant, make({ ...base, text: messageText(random, world, attacker) }, random, world));
    }
    case 'oddType': {
      const [variant, make] = pick(random, ODD_TYPES);
      const activity = make(base, random, world);
      // The protocol's answer to an invoke no handler implements is 501 (botbuilder's NotImplemented), and 400 to a malformed one.
      return turn(variant, activity, activity.type === 'invoke' ? [200, 400, 404, 501] : [200, 202]);
    }
    case 'malformed': {
      const [variant, make] = pick(random, MALFORMED);
      return refused(variant, JSON.stringify(make(base, random)), [400]);
    }
    case 'foreignServiceUrl': {
      const url = pick(random, foreignServiceUrls(world));
      return refused(`serviceUrl ${url}`, JSON.stringify({ ...base, serviceUrl: url, text: messageText(random, world, attacker) }), [403]);
    }
    case 'badBody': {
      if (chance(random, 0.5)) {
        const type = pick(random, NOT_JSON_TYPES);
        const headers: Record<string, string> = type === '' ? {} : { 'content-type': type };
        return refused(`content type "${type}"`, JSON.stringify({ ...base, text: 'hello' }), [415], headers);
      }
      const body = pick(random, NOT_JSON_BODIES);
      const made = typeof body === 'function' ? body(random) : body;
      return refused(`not a JSON object: ${excerpt(typeof made === 'string' ? made : made.toString('hex'), 40)}`, made, [400]);
    }
    case 'script':
      throw new Error('makeAttack(): a script is made by makeUnit()');
    case 'oversize': {
      const chunked = n % 2 === 1;
      const activity = { ...base, text: '' };
      const make = (): string => JSON.stringify({ ...activity, text: 'x'.repeat(MAX_BODY_BYTES) });
      return { ...refused(chunked ? 'a body over 4 MB, chunked' : 'a body over 4 MB', make, [413]), chunked };
    }
  }
}

/** What the desk answered one attack. */
export interface Outcome {
  attack: Attack;
  status: number;
  body: string;
}

/** Posts one body over HTTP and reads the answer; a write error after the answer (the desk closed an over-large upload) is no error. */
function post(agent: http.Agent, endpoint: URL, attack: Attack): Promise<{ status: number; body: string }> {
  const body = typeof attack.body === 'function' ? attack.body() : attack.body;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(endpoint, { method: 'POST', agent, headers: attack.headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!answered) reject(Object.assign(err, { reusedSocket: req.reusedSocket }));
    });
    if (attack.chunked) {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      const CHUNK = 256 * 1024;
      const writeFrom = (i: number): void => {
        if (i >= text.length || answered || req.destroyed) {
          req.end();
          return;
        }
        if (req.write(text.slice(i, i + CHUNK))) writeFrom(i + CHUNK);
        else req.once('drain', () => writeFrom(i + CHUNK));
      };
      writeFrom(0);
    } else {
      req.end(body);
    }
  });
}

/** Sends one attack, once more if a kept-alive socket had been closed by the desk meanwhile (that is the socket's age, not the attack). */
async function send(agent: http.Agent, endpoint: URL, attack: Attack): Promise<Outcome> {
  try {
    return { attack, ...(await post(agent, endpoint, attack)) };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { reusedSocket?: boolean };
    if (e.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) return { attack, ...(await post(agent, endpoint, attack)) };
    throw new Error(`attack #${attack.n} (${attack.kind}: ${attack.variant}) got no answer: ${e.code ?? ''} ${e.message}`);
  }
}

/**
 * Sends the units of a plan with `concurrency` in flight (a unit's attacks one after the other, in
 * order); `checkpoints` run after the unit of their number is answered (the victims' side acting
 * mid-storm). Resolves with every outcome, in plan order.
 */
export async function runStorm(endpoint: string, units: readonly Attack[][], concurrency: number, checkpoints: ReadonlyMap<number, () => Promise<void>> = new Map()): Promise<Outcome[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(endpoint);
  const outcomes: Outcome[][] = new Array<Outcome[]>(units.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < units.length) {
      const i = next++;
      const done: Outcome[] = [];
      for (const attack of units[i]!) done.push(await send(agent, url, attack));
      outcomes[i] = done;
      const checkpoint = checkpoints.get(i);
      if (checkpoint) await checkpoint();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return outcomes.flat();
}

/** Why an outcome is wrong, or undefined: a 5xx is always wrong (but the protocol's 501 to an invoke), and so is a status the attack may not get. */
export function statusProblem(outcome: Pick<Outcome, 'status' | 'body'> & { attack: Pick<Attack, 'allowed' | 'kind' | 'variant' | 'n'> }): string | undefined {
  const { status, attack } = outcome;
  if (attack.allowed.includes(status)) return undefined;
  const why = status >= 500 ? 'a server error' : 'a status it may not get';
  return `#${attack.n} ${attack.kind} (${attack.variant}) was answered ${status}, ${why} (expected ${attack.allowed.join('/')}): ${excerpt(outcome.body, 200)}`;
}

/** An attack as printed in a failure: enough to send it again by hand. */
export function describeAttack(attack: Attack, seed: number): string {
  const body = typeof attack.body === 'function' ? `(made when sent: ${attack.variant})` : excerpt(typeof attack.body === 'string' ? attack.body : `hex:${attack.body.toString('hex')}`, 1500);
  return `seed ${seed}, attack #${attack.n} ${attack.kind} (${attack.variant}) from ${attack.attacker} in ${attack.conversationId ?? '-'}, headers ${JSON.stringify(attack.headers)}: ${body}`;
}
