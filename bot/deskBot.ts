import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { Repositories } from '../data/repositories/index.js';
import type { MainDialog } from '../dialogs/mainDialog.js';
import { sendGreeting } from '../dialogs/orderReplies.js';
import type { DeskState } from './deskState.js';
import { turnInfo } from './turnInfo.js';

/**
 * The bot: greets once per conversation (on conversationUpdate or the first message), hands buyer
 * messages to the main dialog, and saves conversation, sender and user state at the end of every turn.
 * Other activity types are acknowledged by the channel protocol and otherwise ignored.
 */
export class DeskBot extends ActivityHandler {
  constructor(
    private readonly repos: Repositories,
    private readonly state: DeskState,
    private readonly dialog: MainDialog,
  ) {
    super();
    this.onMembersAdded(async (context, next) => {
      const { membersAdded, recipient } = context.activity;
      if (membersAdded?.some((m) => m.id !== recipient?.id)) await this.greetOnce(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.greetOnce(context);
      if (turnInfo(context).party.kind !== 'agent') await this.dialog.run(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveAll(context);
  }

  private async greetOnce(context: TurnContext): Promise<void> {
    const data = await this.state.conversationData.get(context, {});
    if (data.greeted) return;
    data.greeted = true;
    await sendGreeting(context, this.repos, turnInfo(context));
  }
}
