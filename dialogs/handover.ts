import type { TurnContext } from 'botbuilder';
import { currentBuyer, turnInfo } from '../bot/turnInfo.js';
import type { DialogServices } from './dialogServices.js';

/** Why a person takes over, and about what. */
export interface HandoverRequest {
  /** A rule's reason (`refund_2599_CNY_over_2000…`), or `buyer_asked`, `repeated_abuse`, `kb_not_helpful`. */
  reason: string;
  rule?: string;
  orderId?: string;
  intent?: string;
  merchantContact?: string;
}

/**
 * Records that a person should take this conversation over, with the reason: in the event log
 * (for the queue and for managers) and on the conversation. The queue itself is the handoff's.
 */
export async function recordHandover(context: TurnContext, services: DialogServices, request: HandoverRequest): Promise<void> {
  const at = services.now().toISOString();
  const buyer = currentBuyer(turnInfo(context));
  services.events.append({ type: 'handover', at, buyerId: buyer?.id ?? null, conversationId: context.activity.conversation.id, ...request });
  const data = await services.state.conversationData.get(context, {});
  data.handover = { at, reason: request.reason, ...(request.rule ? { rule: request.rule } : {}), ...(request.orderId ? { orderId: request.orderId } : {}), ...(request.intent ? { intent: request.intent } : {}) };
}
