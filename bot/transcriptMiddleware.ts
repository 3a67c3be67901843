import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Transcript } from '../data/deskStore.js';
import type { TranscriptEntry } from '../data/records.js';
import { maybeTurnInfo } from './turnInfo.js';

/** Activity types worth keeping in a transcript: what was said, not typing indicators or traces. */
const KEPT = new Set<string>([ActivityTypes.Message, ActivityTypes.ConversationUpdate]);

/** Records every message in and out (time, conversation, buyer, locale) in the append-only transcript. */
export class TranscriptMiddleware implements Middleware {
  constructor(
    private readonly log: Transcript,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const incoming = context.activity;
    if (KEPT.has(incoming.type)) this.log.append(this.entry(context, incoming, 'in'));
    context.onSendActivities(async (ctx, activities, nextSend) => {
      const responses = await nextSend();
      for (const a of activities) {
        if (a.type === ActivityTypes.Message) this.log.append(this.entry(ctx, a as Activity, 'out'));
      }
      return responses;
    });
    await next();
  }

  private entry(context: TurnContext, activity: Activity, direction: 'in' | 'out'): TranscriptEntry {
    const info = maybeTurnInfo(context);
    const party = info?.party;
    const user = direction === 'in' ? activity.from : activity.recipient;
    // Where a buyer's files are (a photo of the damage): web links only, never an inline data: URL of megabytes.
    const links = (direction === 'in' ? (activity.attachments ?? []) : []).map((a) => a.contentUrl ?? '').filter((u) => /^https?:\/\//i.test(u) && u.length <= 2048);
    return {
      at: this.now().toISOString(),
      direction,
      conversationId: activity.conversation?.id ?? context.activity.conversation.id,
      channelId: activity.channelId ?? context.activity.channelId,
      buyerId: party?.kind === 'buyer' ? party.buyer.id : null,
      userId: user?.id ?? '',
      locale: info?.locale ?? activity.locale ?? '',
      type: activity.type,
      text: activity.text,
      attachments: activity.attachments?.map((a) => a.contentType),
      ...(links.length ? { links } : {}),
      activityId: activity.id,
    };
  }
}
