import { MessageFactory, type TurnContext } from 'botbuilder';
import type { Repositories } from '../data/repositories/index.js';
import type { Buyer, Order } from '../data/shopSchema.js';
import type { TurnInfo } from './turnInfo.js';
import { timeZoneOf } from './format.js';
import { orderDetailCard, orderSummaryCard, type CardView } from './orderCards.js';
import { S, say, type Phrase } from './strings.js';

/** How many recent orders the bot shows: enough to find last week's parcel, few enough for a phone screen. */
export const RECENT_ORDERS_SHOWN = 5;

/** The buyer's language and time zone for cards. */
export function cardView(info: TurnInfo, buyer: Buyer): CardView {
  return { locale: info.locale, timeZone: timeZoneOf(buyer, info.locale) };
}

/**
 * Sends the buyer's recent orders (newest first), or the `choices` their words narrowed it to, as a
 * carousel of compact cards under `intro`; `whenNone` when there are none.
 */
export async function sendRecentOrders(
  context: TurnContext,
  repos: Repositories,
  info: TurnInfo,
  buyer: Buyer,
  intro: string,
  whenNone: string,
  choices?: readonly Order[],
): Promise<void> {
  const orders = (choices ?? repos.orders.listForBuyer(buyer.id)).slice(0, RECENT_ORDERS_SHOWN);
  if (orders.length === 0) {
    await context.sendActivity(whenNone);
    return;
  }
  const view = cardView(info, buyer);
  await context.sendActivity(MessageFactory.carousel(orders.map((o) => orderSummaryCard(o, view)), intro));
}

/** Shows one of the buyer's orders as the order card; another buyer's order is "not found", like a wrong number. */
export async function sendOrder(context: TurnContext, repos: Repositories, info: TurnInfo, buyer: Buyer, orderId: string): Promise<boolean> {
  const order = repos.orders.getForBuyer(buyer.id, orderId);
  if (!order) {
    await sendRecentOrders(context, repos, info, buyer, say(S.orderNotFound, info.locale, { orderId }), say(S.orderNotFound, info.locale, { orderId }));
    return false;
  }
  const card = orderDetailCard(order, repos.merchants.get(order.merchantId), cardView(info, buyer));
  await context.sendActivity(MessageFactory.attachment(card, say(S.orderShown, info.locale, { orderId: order.id })));
  return true;
}

/** The first words of a conversation: by name with recent orders for a buyer; a guest is asked for a phone. */
export async function sendGreeting(context: TurnContext, repos: Repositories, info: TurnInfo): Promise<void> {
  info.greetedThisTurn = true;
  const { party, locale } = info;
  if (party.kind === 'agent') {
    await context.sendActivity(say(S.greetAgent, locale, { name: party.agent.name }));
    return;
  }
  if (party.kind === 'guest') {
    await context.sendActivity(say(S.greetGuest, locale));
    return;
  }
  const name = { name: party.buyer.name };
  await sendRecentOrders(context, repos, info, party.buyer, say(S.greetBuyer, locale, name), say(S.greetBuyerNoOrders, locale, name));
}

/** Says a phrase in the turn's language. */
export async function reply(context: TurnContext, info: TurnInfo, phrase: Phrase): Promise<void> {
  await context.sendActivity(say(phrase, info.locale));
}
