import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Repositories } from '../data/repositories/index.js';
import type { Locale } from '../data/shopSchema.js';
import { detectLanguage, supportedLocale } from '../recognizers/language.js';
import type { DeskState } from './deskState.js';
import { parseButtonValue } from './buttonValues.js';
import { charLength, cutText, MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from './inputLimits.js';
import { setTurnInfo, type Party } from './turnInfo.js';

/**
 * The trust boundary of every turn, whichever door it came through: before anything reads the
 * activity, over-long text and names are cut and the button value is parsed against the one
 * schema of the desk's buttons (anything else is dropped: the message is its text). Then it
 * settles who is writing (buyer, guest verified by this sender in this conversation, guest,
 * agent) and in which language to answer (the activity's locale, else the message's language,
 * else the conversation's, else the buyer's profile, else the default). Outgoing messages get the
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
    if (typeof activity.text === 'string' && activity.text.length > MAX_MESSAGE_CHARS) {
      const length = charLength(activity.text);
      if (length > MAX_MESSAGE_CHARS) {
        cutFrom = length;
        activity.text = cutText(activity.text, MAX_MESSAGE_CHARS);
      }
    }
    if (typeof activity.from?.name === 'string') activity.from.name = cutText(activity.from.name, MAX_NAME_CHARS);
    const button = activity.type === ActivityTypes.Message ? parseButtonValue(activity.value) : undefined;
    activity.value = button; // nothing after this point sees what the client sent, only what the desk understood
    const data = await this.state.conversationData.get(context, {});
    const sender = activity.from?.id ? await this.state.senderData.get(context, {}) : {};
    const party = this.identify(context, sender.verifiedBuyerId);
    const spoken = supportedLocale(activity.locale) ?? (activity.text ? detectLanguage(activity.text) : undefined);
    if (spoken) data.locale = spoken;
    const profile = party.kind === 'buyer' ? party.buyer.locale : undefined;
    const locale = spoken ?? data.locale ?? profile ?? this.defaultLocale;
    setTurnInfo(context, { locale, party, cutFrom, ...(button ? { button } : {}) });
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
