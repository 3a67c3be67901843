import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Repositories } from '../data/repositories/index.js';
import type { Locale } from '../data/shopSchema.js';
import { detectLanguage, supportedLocale } from '../recognizers/language.js';
import type { DeskState } from './deskState.js';
import { setTurnInfo, type Party } from './turnInfo.js';

/**
 * Longest message the desk reads. Buyers' real messages are a few sentences; past this it is a
 * pasted log or an accident, and reading it all would only slow every step after.
 */
export const MAX_MESSAGE_CHARS = 2000;

/** Cuts text to `max` characters without splitting an emoji (a surrogate pair). */
function cut(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/**
 * Settles, before the bot runs, who is writing (buyer, verified guest, guest, agent), in which
 * language to answer (the activity's locale, else the message's language, else the conversation's,
 * else the buyer's profile, else the default), and cuts over-long text. Outgoing messages get the
 * turn's locale, so a channel can render them right.
 */
export class TurnInfoMiddleware implements Middleware {
  constructor(
    private readonly repos: Repositories,
    private readonly state: DeskState,
    private readonly defaultLocale: Locale,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    let cutFrom: number | undefined;
    if (activity.type === ActivityTypes.Message && typeof activity.text === 'string') {
      const length = Array.from(activity.text).length;
      if (length > MAX_MESSAGE_CHARS) {
        cutFrom = length;
        activity.text = cut(activity.text, MAX_MESSAGE_CHARS);
      }
    }
    const data = await this.state.conversationData.get(context, {});
    const party = this.identify(context, data.verifiedBuyerId);
    const spoken = supportedLocale(activity.locale) ?? (activity.text ? detectLanguage(activity.text) : undefined);
    if (spoken) data.locale = spoken;
    const profile = party.kind === 'buyer' ? party.buyer.locale : undefined;
    const locale = spoken ?? data.locale ?? profile ?? this.defaultLocale;
    setTurnInfo(context, { locale, party, cutFrom });
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      for (const a of activities) a.locale ??= locale;
      return nextSend();
    });
    await next();
  }

  private identify(context: TurnContext, verifiedBuyerId: string | undefined): Party {
    const { channelId, from, membersAdded, recipient } = context.activity;
    const userId = from?.id ?? membersAdded?.find((m) => m.id !== recipient?.id)?.id ?? '';
    const agent = this.repos.agents.findByChannelAccount(channelId, userId);
    if (agent) return { kind: 'agent', agent };
    const buyer = this.repos.buyers.findByChannelAccount(channelId, userId);
    if (buyer) return { kind: 'buyer', buyer, verifiedByPhone: false };
    const verified = verifiedBuyerId ? this.repos.buyers.get(verifiedBuyerId) : undefined;
    return verified ? { kind: 'buyer', buyer: verified, verifiedByPhone: true } : { kind: 'guest' };
  }
}
