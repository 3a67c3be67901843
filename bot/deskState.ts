import type { ConversationState, PrivateConversationState, StatePropertyAccessor, Storage, TurnContext, UserState } from 'botbuilder';
import { DeskConversationState, DeskPrivateConversationState, DeskUserState } from './stateKeys.js';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationData, SenderData } from './turnInfo.js';

/**
 * Conversation, per-sender and user state on the store, with the accessors the bot, middleware and
 * dialogs share. What belongs to a person, not to the conversation (a verified phone number, the
 * dialog they are in the middle of), is in the private conversation state, keyed by the
 * conversation and the sender: in a group conversation one member's proof or pending question is
 * not another's.
 */
export class DeskState {
  readonly conversation: ConversationState;
  readonly privateConversation: PrivateConversationState;
  readonly user: UserState;
  readonly conversationData: StatePropertyAccessor<ConversationData>;
  readonly senderData: StatePropertyAccessor<SenderData>;
  readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(storage: Storage) {
    this.conversation = new DeskConversationState(storage);
    this.privateConversation = new DeskPrivateConversationState(storage);
    this.user = new DeskUserState(storage);
    this.conversationData = this.conversation.createProperty<ConversationData>('desk');
    this.senderData = this.privateConversation.createProperty<SenderData>('sender');
    // Per sender: in a group conversation one member's pending question ("cancel order …?") is not
    // answered by another member's "yes", and one member's phone prompt does not swallow another's message.
    this.dialogState = this.privateConversation.createProperty<DialogState>('dialogState');
  }

  /** Saves what the turn changed: conversation, sender and user state. */
  async saveAll(context: TurnContext): Promise<void> {
    await this.conversation.saveChanges(context);
    await this.privateConversation.saveChanges(context);
    await this.user.saveChanges(context);
  }
}
