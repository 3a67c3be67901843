import { ActivityHandler, type TurnContext } from 'botbuilder';
import type { Repositories } from '../data/repositories/index.js';
import { sendGreeting } from './orderReplies.js';
import type { DeskState } from './deskState.js';
import { turnInfo } from './turnInfo.js';
import { createHash } from 'node:crypto';
import { S, say } from './strings.js';

/** What runs a buyer's message: the main dialog (dialogs/mainDialog.ts), handed in by the wiring (app/desk.ts). */
export interface ConversationRunner {
  run(context: TurnContext): Promise<void>;
}

/**
 * The bot: greets once per conversation (on conversationUpdate or the first message), hands buyer
 * messages to the main dialog, and saves conversation, sender and user state at the end of every turn.
 * Other activity types are acknowledged by the channel protocol and otherwise ignored.
 */
export class DeskBot extends ActivityHandler {
  constructor(
    private readonly repos: Repositories,
    private readonly state: DeskState,
    private readonly dialog: ConversationRunner,
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
    await this.noWordForWordRepeats(context);
    await super.run(context);
    await this.state.saveAll(context);
  }

  /**
   * A sentence the bot said in its previous turn is not said again word for word: said again, it
   * starts with "as I said" (a question asked again with its buttons is left as it is: it is the
   * question). What this turn says is remembered (as short hashes) for the next.
   */
  private async noWordForWordRepeats(context: TurnContext): Promise<void> {
    if (context.activity.type !== 'message') return;
    const data = await this.state.conversationData.get(context, {});
    const before = new Set(data.lastReplies ?? []);
    const now: string[] = [];
    context.onSendActivities(async (ctx, activities, next) => {
      for (const a of activities) {
        if (a.type !== 'message' || !a.text) continue;
        const key = createHash('sha1').update(a.text).digest('base64').slice(0, 12);
        // Only a reply that opens with the repeat: after something new ("OK, the exchange instead:") it reads as the next step.
        if (now.length === 0 && before.has(key) && !a.suggestedActions?.actions?.length) a.text = `${say(S.asISaid, turnInfo(ctx).locale)}${a.text}`;
        now.push(key);
      }
      data.lastReplies = now.slice(-8);
      return next();
    });
  }

  private async greetOnce(context: TurnContext): Promise<void> {
    const data = await this.state.conversationData.get(context, {});
    if (data.greeted) return;
    data.greeted = true;
    await sendGreeting(context, this.repos, turnInfo(context));
  }
}
