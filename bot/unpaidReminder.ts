import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { OrderActions } from '../desk/orders/orderActions.js';
import type { Repositories } from '../data/repositories/index.js';
import type { Buyer, Order } from '../data/shopSchema.js';
import type { BuyerConversation } from '../data/records.js';
import { timeZoneFor } from '../data/timeZone.js';
import { formatMoney } from './format.js';
import { say } from './strings.js';
import type { BuyerConversations } from './buyerConversations.js';
import type { DeskConfig } from './config.js';
import type { Logger } from './logger.js';
import { isKnownTimeZone } from '../desk/reminders/quietHours.js';
import { dueUnpaidReminders, type DueReminder } from '../desk/reminders/unpaidReminders.js';
import { UNPAID_REMINDER } from './reminderPhrases.js';
import { refuseServiceUrl } from './serviceUrlGuard.js';
import { maybeTurnInfo } from './turnInfo.js';
import { conversationKey, type TurnQueue } from './turnQueue.js';

const MS_PER_SECOND = 1_000;

/** What the reminders need from the desk. */
export interface UnpaidReminderParts {
  config: Pick<DeskConfig, 'UNPAID_REMINDER_MINUTES' | 'REMINDER_CHECK_SECONDS' | 'MicrosoftAppId' | 'openMode' | 'SERVICE_URL_ALLOW_LIST'>;
  repos: Repositories;
  actions: OrderActions;
  conversations: BuyerConversations;
  adapter: CloudAdapter;
  /** The server's per-conversation queue, so a reminder never lands in the middle of a turn's replies. */
  queue: TurnQueue;
  now: () => Date;
  logger: Logger;
  /** Brings the desk's copy of orders and conversations up to date with other desks on the same database. */
  refresh?: () => Promise<void>;
}

/**
 * The one gentle reminder about an unpaid order (journey.md, step 4: the bot reaches out first
 * where that helps): sent `UNPAID_REMINDER_MINUTES` after the order was placed, as a proactive
 * message on the buyer's last conversation, never at night in the buyer's time zone, never for an
 * order that is no longer unpaid, and never twice: the order is marked before the message goes.
 */
export class UnpaidReminders {
  private timer: NodeJS.Timeout | undefined;
  /** The check under way (or the last one); checks run one after another, never side by side. */
  private last: Promise<unknown> = Promise.resolve();
  /** Time zones on file that Intl does not know, warned about once each. */
  private readonly badZones = new Set<string>();

  constructor(private readonly parts: UnpaidReminderParts) {}

  /** Checks every `REMINDER_CHECK_SECONDS` (0 = never) until `stop()`; the timer does not keep the process alive. */
  start(): void {
    const seconds = this.parts.config.REMINDER_CHECK_SECONDS;
    if (this.timer || seconds === 0) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.parts.logger.error({ err }, 'the unpaid-order reminder check failed'));
    }, seconds * MS_PER_SECOND);
    this.timer.unref();
  }

  /** Stops the timer and resolves once a check under way has finished (before the store closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.last;
  }

  /** Sends every reminder that is due now; resolves with how many went out. */
  runOnce(): Promise<number> {
    const run = this.last.then(() => this.check());
    this.last = run.catch(() => undefined);
    return run;
  }

  private async check(): Promise<number> {
    await this.parts.refresh?.();
    const now = this.parts.now();
    const { repos, conversations, config } = this.parts;
    const due = dueUnpaidReminders({
      orders: repos.orders.list(),
      now,
      delayMinutes: config.UNPAID_REMINDER_MINUTES,
      buyer: (id) => repos.buyers.get(id),
      conversation: (buyerId) => conversations.get(buyerId),
      mayWriteTo: (c) => this.mayWriteTo(c),
      timeZoneOf: (buyer) => this.timeZoneOf(buyer),
    });
    let sent = 0;
    for (const reminder of due) {
      if (await this.remind(reminder)) sent++;
    }
    return sent;
  }

  /**
   * In open mode, the serviceUrl must still pass the guard the server applies to every request:
   * the allow list may have shrunk since the buyer wrote. A refused one waits for the buyer's next
   * conversation.
   */
  private mayWriteTo(conversation: BuyerConversation): boolean {
    const { openMode, SERVICE_URL_ALLOW_LIST } = this.parts.config;
    return !openMode || refuseServiceUrl(conversation.reference.serviceUrl ?? '', SERVICE_URL_ALLOW_LIST) === undefined;
  }

  /** The buyer's zone; one Intl does not know (a typo in an import) falls back to their language's usual zone. */
  private timeZoneOf(buyer: Buyer): string {
    const zone = timeZoneFor(buyer.locale, buyer.timeZone);
    if (isKnownTimeZone(zone)) return zone;
    if (!this.badZones.has(zone)) {
      this.badZones.add(zone);
      this.parts.logger.warn({ buyerId: buyer.id, timeZone: zone }, 'unknown time zone on file; using the usual one for the language');
    }
    return timeZoneFor(buyer.locale);
  }

  /** Marks the order, then sends; a failed send is logged and not retried (never twice beats maybe twice). */
  private async remind({ order, buyer, conversation }: DueReminder): Promise<boolean> {
    const { reference } = conversation;
    const conversationId = reference.conversation?.id ?? '';
    const marked = await this.parts.actions.markUnpaidReminded(order.id, { by: 'bot', conversationId });
    if (!marked.ok) return false; // paid, cancelled or reminded meanwhile
    const log = { orderId: order.id, buyerId: buyer.id, conversationId };
    try {
      await this.parts.queue.run(conversationKey(reference.channelId ?? '', conversationId), () => this.send(order, buyer, conversation));
      this.parts.logger.info(log, 'sent an unpaid-order reminder');
      return true;
    } catch (err) {
      this.parts.logger.error({ ...log, err }, 'could not send an unpaid-order reminder; it will not be retried');
      return false;
    }
  }

  /**
   * One proactive turn on the buyer's conversation. The app id is empty in open mode (botbuilder
   * then sends without credentials, to the reference's serviceUrl). The message is in the language
   * the desk settles for that conversation, as every other reply; send errors are caught inside the
   * turn, so the adapter's turn error handler (which apologises to the buyer) stays out of it.
   */
  private async send(order: Order, buyer: Buyer, conversation: BuyerConversation): Promise<void> {
    let failure: unknown;
    const appId = this.parts.config.MicrosoftAppId ?? '';
    // Stored as the channel gave it (ConversationAddress keeps every field): botbuilder's own type again.
    await this.parts.adapter.continueConversationAsync(appId, conversation.reference as Partial<ConversationReference>, async (context: TurnContext) => {
      const locale = maybeTurnInfo(context)?.locale ?? buyer.locale;
      const [first] = order.items;
      const text = say(UNPAID_REMINDER, locale, {
        orderId: order.id,
        title: first?.title ?? '',
        more: Math.max(order.items.length - 1, 0),
        amount: formatMoney(order.total, order.currency, locale),
      });
      try {
        await context.sendActivity(text);
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure;
  }
}
