import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';
import type { DeskStore } from '../data/deskStore.js';
import type { BuyerConversation, ConversationAddress } from '../data/records.js';
import type { Logger } from './logger.js';
import { maybeTurnInfo } from './turnInfo.js';

/** True when both references point at the same conversation on the same channel endpoint. */
function sameConversation(a: ConversationAddress, b: ConversationAddress): boolean {
  return a.channelId === b.channelId && a.serviceUrl === b.serviceUrl && a.conversation?.id === b.conversation?.id;
}

/**
 * Each buyer's last conversation, kept in the store's state document: the desk can only write to
 * a buyer first (an unpaid-order reminder) in a conversation it has a reference to, and the last
 * one the buyer used is where they will look.
 */
export class BuyerConversations {
  constructor(
    private readonly store: DeskStore,
    private readonly now: () => Date,
  ) {}

  /** The buyer's last conversation, or undefined when they never wrote to the desk. */
  get(buyerId: string): BuyerConversation | undefined {
    return this.store.state.buyerConversations?.[buyerId];
  }

  /**
   * Makes `reference` the buyer's last conversation. Writes the state document only when the
   * conversation changed (other id, channel or serviceUrl), so an ordinary turn costs no write.
   * Resolves true when it wrote.
   */
  async remember(buyerId: string, reference: ConversationAddress): Promise<boolean> {
    const known = this.get(buyerId);
    if (known && sameConversation(known.reference, reference)) return false;
    const entry: BuyerConversation = { reference: structuredClone(reference), at: this.now().toISOString() };
    await this.store.changeState('buyerConversations', (state) => {
      state.buyerConversations = { ...state.buyerConversations, [buyerId]: entry };
    });
    return true;
  }
}

/**
 * After every message turn of a buyer (by chat account, or a guest who proved a phone number, even
 * in this very turn), remembers the conversation as that buyer's last one. Runs after the turn so
 * that a phone verified during it counts; other activity types (conversation updates, the desk's
 * own proactive turns) are not the buyer writing, and are left out.
 */
export class BuyerConversationsMiddleware implements Middleware {
  constructor(
    private readonly conversations: BuyerConversations,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    try {
      await next();
    } finally {
      await this.rememberTurn(context);
    }
  }

  /** Never throws: a failed write must not fail (or hide the error of) the buyer's turn. */
  private async rememberTurn(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (activity.type !== ActivityTypes.Message) return;
    const party = maybeTurnInfo(context)?.party;
    if (party?.kind !== 'buyer') return;
    try {
      await this.conversations.remember(party.buyer.id, TurnContext.getConversationReference(activity));
    } catch (err) {
      this.logger.error({ err, conversationId: activity.conversation?.id, buyerId: party.buyer.id }, "could not remember the buyer's conversation");
    }
  }
}
