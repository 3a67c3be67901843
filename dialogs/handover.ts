import type { TurnContext } from 'botbuilder';
import { askForPerson, type HandoverRequest } from '../bot/handoverRequest.js';
import { currentBuyer, turnInfo } from '../bot/turnInfo.js';
import type { DialogServices } from './dialogServices.js';

export type { HandoverRequest };

/**
 * Records that a person should take this conversation over, with the reason: in the event log
 * (for managers) and on the conversation, and asks the handoff middleware to queue the buyer.
 */
export async function recordHandover(context: TurnContext, services: DialogServices, asked: HandoverRequest): Promise<void> {
  const at = services.now().toISOString();
  const buyer = currentBuyer(turnInfo(context));
  // Only an order of this buyer goes with the handover: never someone else's, whatever the conversation had in focus.
  const { orderId, ...rest } = asked;
  const request: HandoverRequest = buyer && orderId && services.repos.orders.getForBuyer(buyer.id, orderId) ? asked : rest;
  services.events.append({ type: 'handover', at, buyerId: buyer?.id ?? null, conversationId: context.activity.conversation.id, ...request });
  const data = await services.state.conversationData.get(context, {});
  askForPerson(context, request);
  data.handover = { at, reason: request.reason, ...(request.rule ? { rule: request.rule } : {}), ...(request.orderId ? { orderId: request.orderId } : {}), ...(request.intent ? { intent: request.intent } : {}) };
}
