import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../data/shopSchema.js';
import { DID_YOU_MEAN } from '../../dialogs/intentLabels.js';
import { RECENT_ORDERS_SHOWN } from '../../bot/orderReplies.js';
import { findEntities } from '../../recognizers/entities.js';
import type { IntentRecognizer, RecognitionResult } from '../../recognizers/intentRecognizer.js';
import { kindOf, type IntentId } from '../../data/intents.js';
import { startHarness, type Harness } from '../support/deskHarness.js';
import { attachments, heroCards, texts, traces, type HeroContent, type Received } from '../support/testChannel.js';

/** What the buyer types that the recognizer is unsure about, in each language. */
const UNSURE: Record<Locale, string> = { 'zh-CN': '那个东西到底怎么弄啊', 'en-US': 'so what about that thing then' };
/** The three likely meanings, best first, each of a different kind: a task, a question, small talk. */
const ALTERNATIVES: { intent: IntentId; score: number }[] = [
  { intent: 'task.track_logistics', score: 0.41 },
  { intent: 'question.refund_time', score: 0.32 },
  { intent: 'chitchat.thanks', score: 0.2 },
];
/** A message per intent the recognizer is sure of: what the buyer would have written had they meant it. */
const SURE: Record<Locale, Partial<Record<IntentId, string>>> = {
  'zh-CN': { 'task.track_logistics': '我的快递到哪了', 'question.refund_time': '退款多久到账', 'chitchat.thanks': '谢谢亲', none: '呃呃呃' },
  'en-US': { 'task.track_logistics': 'where is my package', 'question.refund_time': 'how long does a refund take', 'chitchat.thanks': 'thanks a lot', none: 'uhhh' },
};

/**
 * A small deterministic recognizer: this file tests the "did you mean" dialog, not the model. It
 * is unsure about `UNSURE` and sure about `SURE`; entities are the real ones.
 */
class ScriptedRecognizer implements IntentRecognizer {
  async recognize(text: string, locale: Locale, now: Date = new Date()): Promise<RecognitionResult> {
    const entities = findEntities(text, locale, now);
    if (text === UNSURE[locale] || text.startsWith(`${UNSURE[locale]} `)) {
      const top = ALTERNATIVES[0]!;
      return { kind: kindOf(top.intent), intent: top.intent, score: top.score, alternatives: ALTERNATIVES, locale, entities, confidence: 'unsure' };
    }
    const intent = (Object.entries(SURE[locale]).find(([, t]) => t === text)?.[0] ?? 'none') as IntentId;
    const confidence = intent === 'none' ? 'none' : 'confident';
    return { kind: kindOf(intent), intent, score: 0.97, alternatives: [{ intent, score: 0.97 }], locale, entities, confidence };
  }
}

const HAN = /\p{Script=Han}/u;
const NONE_OF_THESE: Record<Locale, string> = { 'zh-CN': '都不是', 'en-US': 'None of these' };

/** A demo buyer of this profile language with more orders than the bot shows. */
function buyerOf(h: Harness, locale: Locale) {
  const buyer = h.desk.repos.buyers.list().find((b) => b.locale === locale && h.desk.repos.orders.listForBuyer(b.id).length > RECENT_ORDERS_SHOWN);
  if (!buyer) throw new Error(`no ${locale} demo buyer with more than ${RECENT_ORDERS_SHOWN} orders`);
  return buyer;
}

/** What a buyer sees of a set of replies: the texts and the cards, without ids and timestamps. */
function seen(replies: Received[]) {
  return { texts: texts(replies), attachments: attachments(replies) };
}

describe('"did you mean": the recognizer is unsure', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { recognizer: new ScriptedRecognizer() });
  });
  afterAll(async () => {
    await h.close();
  });

  /** A buyer of `profile` who opened the conversation (greeted) and then wrote the unsure message in `written`. */
  async function unsureTurn(profile: Locale, written: Locale) {
    const buyer = buyerOf(h, profile);
    const conv = h.channel.conversation({ userId: buyer.id }); // no channel locale: the message's language decides
    await conv.open();
    const replies = await conv.say(UNSURE[written]);
    return { buyer, conv, replies, card: heroCards(replies)[0] };
  }

  it.each<[Locale, Locale]>([
    ['zh-CN', 'zh-CN'],
    ['en-US', 'en-US'],
    ['en-US', 'zh-CN'],
    ['zh-CN', 'en-US'],
  ])('a %s buyer writing %s gets one card: three questions in that language and "none of these"', async (profile, written) => {
    const { replies, card } = await unsureTurn(profile, written);
    expect(replies.filter((r) => r.type === 'message')).toHaveLength(1);
    expect(attachments(replies)).toHaveLength(1);
    const buttons = card!.buttons!;
    expect(buttons.map((b) => b.value)).toEqual([
      ...ALTERNATIVES.map((a) => ({ action: 'pickIntent', intent: a.intent, text: UNSURE[written] })),
      { action: 'pickIntent', intent: 'none', text: UNSURE[written] },
    ]);
    const titles = buttons.map((b) => b.title);
    const zh = written === 'zh-CN';
    expect(titles.slice(0, 3)).toEqual(ALTERNATIVES.map((a) => (zh ? DID_YOU_MEAN[a.intent as Exclude<IntentId, 'none'>].zh() : DID_YOU_MEAN[a.intent as Exclude<IntentId, 'none'>].en())));
    for (const title of titles.slice(0, 3)) {
      expect(title).toMatch(zh ? /？$/ : /\?$/);
      expect(HAN.test(title)).toBe(zh);
    }
    expect(titles[3]).toBe(NONE_OF_THESE[written]);
    expect(HAN.test(card!.text ?? '')).toBe(zh);
    expect(buttons.every((b) => b.type === 'messageBack')).toBe(true);
  });

  it.each<[Locale]>([['zh-CN'], ['en-US']])('the typed message gets an IntentRecognition trace on the emulator channel (%s)', async (locale) => {
    const { replies } = await unsureTurn(locale, locale);
    expect(traces(replies, 'IntentRecognition')).toEqual([
      {
        kind: 'task',
        intent: 'task.track_logistics',
        score: 0.41,
        alternatives: ALTERNATIVES,
        locale,
        entities: [],
        confidence: 'unsure',
      },
    ]);
  });

  /** The button of the card whose value picks `intent`. */
  const buttonFor = (card: HeroContent | undefined, intent: IntentId) => {
    const button = card?.buttons?.find((b) => (b.value as { intent?: string } | undefined)?.intent === intent);
    if (!button) throw new Error(`no "did you mean" button for ${intent}`);
    return button;
  };

  it.each<[Locale, IntentId]>([
    ['zh-CN', 'task.track_logistics'],
    ['en-US', 'task.track_logistics'],
    ['zh-CN', 'question.refund_time'],
    ['en-US', 'question.refund_time'],
    ['zh-CN', 'chitchat.thanks'],
    ['en-US', 'chitchat.thanks'],
    ['zh-CN', 'none'],
    ['en-US', 'none'],
  ])('(%s) picking %s goes on as if the buyer had written it', async (locale, intent) => {
    const { buyer, conv, card } = await unsureTurn(locale, locale);
    const picked = await conv.press(buttonFor(card, intent));
    // The same words written, in a conversation of their own (a task picked above is waiting for its order here).
    const other = h.channel.conversation({ userId: buyer.id });
    await other.open();
    const written = await other.say(SURE[locale][intent]!);
    expect(seen(picked)).toEqual(seen(written));
    expect(heroCards(picked).some((c) => c.buttons?.some((b) => (b.value as { action?: string }).action === 'pickIntent'))).toBe(false); // asked once, not again
  });

  it.each<[Locale]>([['zh-CN'], ['en-US']])('(%s) picking the parcel question shows the buyer\'s recent orders', async (locale) => {
    const { buyer, conv, card } = await unsureTurn(locale, locale);
    const replies = await conv.press(buttonFor(card, 'task.track_logistics'));
    // The buyer's orders that can be on the way (paid or shipped) come first, newest first, then the rest.
    const all = h.desk.repos.orders.listForBuyer(buyer.id);
    const onTheWay = (o: (typeof all)[number]) => o.status === 'paid' || o.status === 'shipped';
    const offered = [...all.filter(onTheWay), ...all.filter((o) => !onTheWay(o))].slice(0, RECENT_ORDERS_SHOWN);
    expect(heroCards(replies).map((c) => c.buttons?.[0]?.value)).toEqual(offered.map((o) => ({ action: 'pickOrder', orderId: o.id })));
    expect(HAN.test(texts(replies)[0] ?? '')).toBe(locale === 'zh-CN');
  });

  it.each<[Locale]>([['zh-CN'], ['en-US']])('(%s) picking the refund question sends the demo shop\'s answer', async (locale) => {
    const { conv, card } = await unsureTurn(locale, locale);
    const replies = await conv.press(buttonFor(card, 'question.refund_time'));
    const entry = h.desk.repos.knowledgeBase.forIntent('question.refund_time')[0];
    expect(entry).toBeDefined();
    expect(texts(replies)[0]).toBe(locale === 'zh-CN' ? entry!.answer.zh : entry!.answer.en);
    expect(texts(replies)[1]).toBe(locale === 'zh-CN' ? '这个回答对您有帮助吗？' : 'Did that help?');
    expect(attachments(replies)).toEqual([]);
  });

  it.each<[Locale, RegExp]>([
    ['zh-CN', /^不客气/],
    ['en-US', /^You're welcome/],
  ])('(%s) picking thanks gets the thanks reply', async (locale, reply) => {
    const { conv, card } = await unsureTurn(locale, locale);
    const replies = await conv.press(buttonFor(card, 'chitchat.thanks'));
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toMatch(reply);
    expect(attachments(replies)).toEqual([]);
  });

  it.each<[Locale, RegExp]>([
    ['zh-CN', /^抱歉，我没太明白/],
    ['en-US', /^Sorry, I didn't quite get that/],
  ])('(%s) "none of these" gets the honest not-understood reply, and nothing else', async (locale, reply) => {
    const { conv, card } = await unsureTurn(locale, locale);
    const replies = await conv.press(buttonFor(card, 'none'));
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toMatch(reply);
    expect(attachments(replies)).toEqual([]);
  });
});

describe('the real trained model on something out of scope', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(); // no recognizer override: the model the desk ships with
  });
  afterAll(async () => {
    await h.close();
  });

  it('"asdkjh qwpoeiru zxmcnv" gets an honest reply: no "did you mean", no orders, and intent none in the trace', async () => {
    const buyer = buyerOf(h, 'en-US');
    const conv = h.channel.conversation({ userId: buyer.id, locale: 'en-US' });
    await conv.open();
    const replies = await conv.say('asdkjh qwpoeiru zxmcnv');
    expect(attachments(replies)).toEqual([]);
    expect(texts(replies)).toHaveLength(1);
    expect(texts(replies)[0]).toMatch(/^Sorry, I didn't quite get that/);
    const [trace] = traces(replies, 'IntentRecognition') as RecognitionResult[];
    expect(trace).toMatchObject({ kind: 'none', intent: 'none', confidence: 'none', locale: 'en-US', entities: [] });
  });
});

describe('unsure, but clearly about one of their orders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({}, { recognizer: new ScriptedRecognizer() });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each<[Locale]>([['zh-CN'], ['en-US']])('(%s) unsure, but a task about an order the buyer names: the likeliest task is decided for that order, no "did you mean"', async (locale) => {
    const buyer = buyerOf(h, locale);
    const order = h.desk.repos.orders.listForBuyer(buyer.id).find((o) => o.status === 'shipped') ?? h.desk.repos.orders.listForBuyer(buyer.id)[0]!;
    const conv = h.channel.conversation({ userId: buyer.id, locale });
    await conv.open();
    const replies = await conv.say(`${UNSURE[locale]} ${order.id}`);
    expect(traces(replies, 'AfterSalesDecision')).toEqual([expect.objectContaining({ intent: 'task.track_logistics', orderId: order.id })]);
    expect(heroCards(replies).some((c) => c.buttons?.some((b) => (b.value as { action?: string }).action === 'pickIntent'))).toBe(false);
  });
});
