import { ConversationState, UserState, type StatePropertyAccessor, type Storage } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationData } from './turnInfo.js';

/** Conversation and user state on the store, with the accessors the bot, middleware and dialogs share. */
export class DeskState {
  readonly conversation: ConversationState;
  readonly user: UserState;
  readonly conversationData: StatePropertyAccessor<ConversationData>;
  readonly dialogState: StatePropertyAccessor<DialogState>;

  constructor(storage: Storage) {
    this.conversation = new ConversationState(storage);
    this.user = new UserState(storage);
    this.conversationData = this.conversation.createProperty<ConversationData>('desk');
    this.dialogState = this.conversation.createProperty<DialogState>('dialogState');
  }
}
