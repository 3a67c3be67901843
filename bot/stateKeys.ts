import { ConversationState, PrivateConversationState, UserState, type TurnContext } from 'botbuilder';

/**
 * One id as a part of a storage key: `/` (the parts' separator) and `%` escaped. botbuilder joins
 * raw ids with `/`, so a conversation id such as `c1/users/u1` would name the private state of
 * user `u1` in conversation `c1`: a client could write into another sender's state. Ordinary ids
 * (letters, digits, `-`, `:`, `|`) are unchanged, so the keys of existing state stay the same.
 */
export function keyPart(id: string): string {
  return id.replace(/%/g, '%25').replace(/\//g, '%2F');
}

function ids(context: TurnContext): { channel: string; conversation: string; user: string } {
  const { channelId, conversation, from } = context.activity;
  if (!channelId) throw new Error('stateKeys: missing activity.channelId');
  return { channel: keyPart(channelId), conversation: keyPart(conversation?.id ?? ''), user: keyPart(from?.id ?? '') };
}

/** botbuilder's conversation state, with each id escaped in its key (see `keyPart`). */
export class DeskConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const { channel, conversation } = ids(context);
    if (!conversation) throw new Error('DeskConversationState: missing activity.conversation.id');
    return `${channel}/conversations/${conversation}/`;
  }
}

/** botbuilder's per-sender conversation state, with each id escaped in its key (see `keyPart`). */
export class DeskPrivateConversationState extends PrivateConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const { channel, conversation, user } = ids(context);
    if (!conversation || !user) throw new Error('DeskPrivateConversationState: missing activity.conversation.id or activity.from.id');
    return `${channel}/conversations/${conversation}/users/${user}/`;
  }
}

/** botbuilder's user state, with each id escaped in its key (see `keyPart`). */
export class DeskUserState extends UserState {
  override getStorageKey(context: TurnContext): string | undefined {
    const { channel, user } = ids(context);
    if (!user) throw new Error('DeskUserState: missing activity.from.id');
    return `${channel}/users/${user}/`;
  }
}
