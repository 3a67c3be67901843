import type { TurnContext } from 'botbuilder';

/** Why a person should take over, and about what: what a dialog hands to the handoff middleware. */
export interface HandoverRequest {
  /** A rule's reason (`refund_2599_CNY_over_2000…`), or `buyer_asked`, `repeated_abuse`, `not_understood`. */
  reason: string;
  rule?: string;
  orderId?: string;
  intent?: string;
  merchantContact?: string;
}

const REQUEST = Symbol('HandoverRequest');

/** A dialog asks, during this turn, for a person; the handoff middleware queues it after the turn. */
export function askForPerson(context: TurnContext, request: HandoverRequest): void {
  context.turnState.set(REQUEST, request);
}

/** The request made during this turn, if any (taken once). */
export function takeHandoverRequest(context: TurnContext): HandoverRequest | undefined {
  const request = context.turnState.get(REQUEST) as HandoverRequest | undefined;
  context.turnState.delete(REQUEST);
  return request;
}
