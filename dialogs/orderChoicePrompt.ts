import { MessageFactory, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { buttonOf, currentBuyer, turnInfo } from '../bot/turnInfo.js';
import type { Buyer, Order } from '../data/shopSchema.js';
import { findEntities } from '../recognizers/entities.js';
import { resolveOrderReference } from '../recognizers/orderReference.js';
import type { DialogServices } from './dialogServices.js';
import { timeZoneOf } from '../bot/format.js';
import { goodsLine, orderSummaryCard } from '../bot/orderCards.js';
import { STATUS_LABEL, say, type Phrase } from '../bot/strings.js';
import { cardView } from '../bot/orderReplies.js';

/** The orders offered, newest or most relevant first, as ids (the prompt's state survives restarts as JSON). */
export interface OrderChoiceOptions extends PromptOptions {
  orderIds: string[];
}

/** "第2个", "第二单", "2", "the second one", "the last one": a position in the cards shown. */
const ORDINALS: [RegExp, number][] = [
  [/^(第?\s*(1|一)\s*(个|单|笔)?|the first( one)?|first( one)?|1st)$/i, 0],
  [/^(第?\s*(2|二)\s*(个|单|笔)?|the second( one)?|second( one)?|2nd)$/i, 1],
  [/^(第?\s*(3|三)\s*(个|单|笔)?|the third( one)?|third( one)?|3rd)$/i, 2],
  [/^(第?\s*(4|四)\s*(个|单|笔)?|the fourth( one)?|fourth( one)?|4th)$/i, 3],
  [/^(第?\s*(5|五)\s*(个|单|笔)?|the fifth( one)?|fifth( one)?|5th)$/i, 4],
  [/^(最后(一|那)?(个|单|笔)|the last( one)?|last( one)?)$/i, -1],
];

function ordinal(text: string): number | undefined {
  const t = text.trim().replace(/[。.!！]+$/u, '');
  for (const [pattern, index] of ORDINALS) if (pattern.test(t)) return index;
  return undefined;
}

/**
 * The orders the buyer's words point at, among their own orders only: a typed number, a
 * description ("the pillow", "上周二那单"), an amount. Empty when the words name no order.
 */
export function ordersNamedIn(services: DialogServices, buyer: Buyer, text: string, locale: Buyer['locale']): Order[] {
  const orders = services.repos.orders.listForBuyer(buyer.id);
  const entities = findEntities(text, locale, services.now());
  return resolveOrderReference(text, entities, orders, timeZoneOf(buyer, locale)).map((m) => m.order);
}

/**
 * Asks which order a task is about, showing the offered orders as a carousel of cards with one
 * button each; never asks the buyer to type a number. A button press, a typed number, a
 * description or a position ("the second one") answers it, always among the buyer's own orders.
 */
export class OrderChoicePrompt extends Prompt<string> {
  constructor(
    dialogId: string,
    private readonly services: DialogServices,
  ) {
    super(dialogId);
  }

  protected async onPrompt(context: TurnContext, _state: object, options: OrderChoiceOptions, isRetry: boolean): Promise<void> {
    const info = turnInfo(context);
    const buyer = currentBuyer(info);
    if (!buyer) return;
    const orders = options.orderIds.map((id) => this.services.repos.orders.getForBuyer(buyer.id, id)).filter((o): o is Order => !!o);
    if (isRetry) {
      // The carousel is never sent twice in a row: the same orders as a short numbered list, and a person offered.
      const lines = orders.map((o, k) => `${k + 1}. ${goodsLine(o, info.locale)} · ${o.id} · ${say(STATUS_LABEL[o.status], info.locale)}`);
      await context.sendActivity(`${say(CHOICE.retry, info.locale)}\n\n${lines.join('\n')}`);
      return;
    }
    const intro = options.prompt;
    const text = typeof intro === 'string' ? intro : intro?.text ?? '';
    const view = cardView(info, buyer);
    await context.sendActivity(MessageFactory.carousel(orders.map((o) => orderSummaryCard(o, view)), text));
  }

  protected async onRecognize(context: TurnContext, _state: object, options: OrderChoiceOptions): Promise<PromptRecognizerResult<string>> {
    const info = turnInfo(context);
    const buyer = currentBuyer(info);
    if (!buyer) return { succeeded: false };
    const { activity } = context;
    const button = buttonOf(context);
    if (button?.action === 'pickOrder') {
      const order = this.services.repos.orders.getForBuyer(buyer.id, button.orderId);
      return order ? { succeeded: true, value: order.id } : { succeeded: false };
    }
    const text = (activity.text ?? '').trim();
    if (!text) return { succeeded: false };
    const position = ordinal(text);
    if (position !== undefined) {
      const id = position < 0 ? options.orderIds.at(-1) : options.orderIds[position];
      if (id) return { succeeded: true, value: id };
    }
    const named = ordersNamedIn(this.services, buyer, text, info.locale);
    const shown = named.filter((o) => options.orderIds.includes(o.id));
    const pick = named.length === 1 ? named : shown;
    return pick.length === 1 ? { succeeded: true, value: pick[0]!.id } : { succeeded: false };
  }
}

const CHOICE = {
  retry: {
    zh: () => '我还没确定是哪一单。回复序号（比如“2”）或商品名就行；想让人工客服帮您找，就说“转人工”。',
    en: () => `I'm not sure which order you mean yet. Reply with its number in this list (like "2") or what you bought; or say "agent" and a person will help.`,
  },
} satisfies Record<string, Phrase>;
