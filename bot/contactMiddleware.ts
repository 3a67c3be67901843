import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { ContactLog, ContactMessage } from '../data/contactLog.js';
import type { Logger } from './logger.js';
import type { DeskState } from './deskState.js';
import { maybeTurnInfo } from './turnInfo.js';

/** A buyer silent this long who writes again begins a new contact. */
export const CONTACT_GAP_MS = 30 * 60_000;

/** What the middleware needs: where contacts go, the line a buyer's contact counts for, the clock. */
export interface ContactMiddlewareParts {
  contacts: Pick<ContactLog, 'record'>;
  state: DeskState;
  /** The business line a contact of this buyer (null: a guest) counts for until a handoff names one; `sure` when it is not a guess. */
  lineOf: (buyerId: string | null) => { line: string; sure: boolean };
  now: () => Date;
  logger: Logger;
}

/**
 * Counts the desk's own contacts for managers (web.md "Volume"): a buyer's message after a long
 * silence begins a contact, and the buyer's words and the bot's replies are added to it, so the
 * console counts the contacts the bot resolved alone and mining sees what agents answered. Agents'
 * turns and the desk's own proactive turns are not contacts. A failure to record is logged; the
 * buyer's turn goes on.
 */
export class ContactMiddleware implements Middleware {
  constructor(private readonly parts: ContactMiddlewareParts) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const info = maybeTurnInfo(context);
    if (context.activity.type !== ActivityTypes.Message || !info || info.party.kind === 'agent') return next();
    const now = this.parts.now();
    const data = await this.parts.state.conversationData.get(context, {});
    const buyerId = info.party.kind === 'buyer' ? info.party.buyer.id : null;
    const messages: ContactMessage[] = [];
    let contact = data.contact;
    let began = false;
    try {
      if (!contact || now.getTime() - Date.parse(contact.lastAt) >= CONTACT_GAP_MS) {
        contact = { id: `${context.activity.channelId}:${context.activity.conversation.id}:${now.getTime()}`, startedAt: now.toISOString(), lastAt: now.toISOString() };
        began = true;
        const { line, sure } = this.parts.lineOf(buyerId);
        if (sure) info.contactLine = line;
        await this.parts.contacts.record([{ id: contact.id, set: { source: 'desk', line, buyerId, locale: info.locale, startedAt: now.getTime() } }]);
      }
    } catch (err) {
      this.parts.logger.error({ err }, 'could not record the start of a contact');
      return next();
    }
    contact.lastAt = now.toISOString();
    data.contact = contact;
    info.contactId = contact.id;
    if (began) info.contactBegan = true;
    const text = context.activity.text?.trim();
    if (text) messages.push({ at: now.toISOString(), from: 'buyer', text });
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      for (const a of activities as Partial<Activity>[]) {
        if (a.type === ActivityTypes.Message && a.text?.trim()) messages.push({ at: this.parts.now().toISOString(), from: 'bot', text: a.text.trim() });
      }
      return nextSend();
    });
    try {
      await next();
      // A turn the bot did not run (a message relayed to an agent) saves nothing itself: the contact's last message time must still stick.
      await this.parts.state.conversation.saveChanges(context);
    } finally {
      if (messages.length) {
        await this.parts.contacts.record([{ id: contact.id, messages }]).catch((err: unknown) => this.parts.logger.error({ err }, 'could not record a contact\'s messages'));
      }
    }
  }
}
