import { EventFactory, MessageFactory, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { messageBackButton } from './buttons.js';
import { RATING_WHYS, type ButtonOf } from './buttonValues.js';
import type { HandoffBook, Handoff } from '../desk/handoff/handoffBook.js';
import type { Repositories } from '../data/repositories/index.js';
import type { Agent, Locale } from '../data/shopSchema.js';
import type { EventLog } from '../data/deskStore.js';
import { S, say } from './strings.js';
import type { DeskState } from './deskState.js';
import { H, A } from './handoffPhrases.js';
import type { HandoverRequest } from './handoverRequest.js';
import type { Logger } from './logger.js';
import { sendTrace } from './traces.js';
import type { TurnInfo } from './turnInfo.js';
import { type HandoffServiceParts, HandoffService, type Ended } from '../desk/handoff/handoffService.js';
import type { IntentRecognizer } from '../recognizers/intentRecognizer.js';
import type { NotificationBus } from '../data/notifications.js';
import type { ConversationAddress } from '../data/records.js';

/** How long a "which line?" question stays answerable: after a day the buyer asks again. */
const PENDING_LINE_MS = 24 * 60 * 60_000;

/** What the handoff desk needs. */
export interface HandoffDeskParts {
  adapter: CloudAdapter;
  appId: string;
  book: HandoffBook;
  repos: Repositories;
  state: DeskState;
  events: EventLog;
  /** An agent not seen for this long counts as offline. */
  idleMs: number;
  now: () => Date;
  logger: Logger;
  notifications?: NotificationBus;
  /** Reads served buyers' messages (a goodbye ends the handoff; the intent picks the agent's suggestions). */
  recognizer?: Pick<IntentRecognizer, 'recognize'>;
  /** The mined replies managers approved, by intent and language. */
  approvedReplies?: (intent: string, locale: Locale) => readonly string[];
  /** Where each handoff's contact is counted for managers. */
  contacts?: HandoffServiceParts['contacts'];
  onContactError?: (err: unknown) => void;
}

/** The party key of a buyer or guest: buyers by id, guests by their chat account. */
export function partyKey(info: TurnInfo, activity: Partial<Activity>): string {
  if (info.party.kind === 'buyer') return info.party.buyer.id;
  return `guest:${activity.channelId ?? ''}:${activity.from?.id ?? ''}`;
}

/** The language an agent reads: their first language. */
export function agentLocale(agent: Agent): Locale {
  return agent.languages[0] === 'zh' ? 'zh-CN' : 'en-US';
}

/**
 * The people side of the desk: queues a buyer in the right business line with their place and a
 * wait estimate (or, with nobody online, the offer to leave a message), keeps queued buyers told
 * when the queue moves, relays messages between buyer and agent on their own conversations
 * (`continueConversationAsync`, so they may be on different channels), ends a handoff and asks
 * for a rating. State transitions are the `HandoffBook`'s.
 */
export class HandoffDesk {
  /** The logic of handoffs, free of Bot Framework: what this door tells people comes from it. */
  readonly service: HandoffService;

  constructor(readonly parts: HandoffDeskParts) {
    this.service = new HandoffService(parts);
  }

  get book(): HandoffBook {
    return this.parts.book;
  }

  /**
   * The business line a request belongs to: its order's, the order in focus, the only line of the
   * buyer's orders or of the shop; undefined when several could fit (the buyer is asked).
   */
  async lineFor(context: TurnContext, info: TurnInfo, request: HandoverRequest): Promise<{ line?: string; choices: string[] }> {
    const sender = await this.parts.state.senderData.get(context, {});
    return this.service.lineFor(info.party.kind === 'buyer' ? info.party.buyer.id : null, request.orderId ?? sender.focusOrderId);
  }

  /**
   * A person was asked for: settle the line (asking when it is not clear), then queue. A buyer
   * who already has an open handoff stays in its line: asked again, they hear their place, not
   * the line question a second time; one an agent is serving (pressing an old line button) hears
   * whom they are with, not a queue place.
   */
  async request(context: TurnContext, info: TurnInfo, request: HandoverRequest, line?: string): Promise<void> {
    const open = this.book.openFor(partyKey(info, context.activity));
    const serving = open?.state === 'claimed' && open.agentId ? this.parts.repos.agents.get(open.agentId) : undefined;
    if (serving) {
      await context.sendActivity(say(H.withAgent, info.locale, { agent: serving.name }));
      return;
    }
    const settled = line ? { line, choices: [] } : open ? { line: open.line, choices: [] } : await this.lineFor(context, info, request);
    if (!settled.line) {
      // The request stays here, with whom it is for and the lines offered: a button carries only a line.
      const data = await this.parts.state.conversationData.get(context, {});
      data.pendingLine = { party: partyKey(info, context.activity), choices: settled.choices, request, at: this.parts.now().toISOString() };
      await this.parts.state.conversation.saveChanges(context);
      const buttons = settled.choices.map((l) => {
        const title = this.service.lineName(l, info.locale);
        return messageBackButton(title, { action: 'pickLine', line: l } satisfies ButtonOf<'pickLine'>);
      });
      await context.sendActivity(MessageFactory.suggestedActions(buttons, say(H.whichLine, info.locale)));
      return;
    }
    const name = info.party.kind === 'buyer' ? info.party.buyer.name : (context.activity.from?.name ?? 'guest');
    const queued = await this.service.enqueue({
      party: partyKey(info, context.activity),
      buyerId: info.party.kind === 'buyer' ? info.party.buyer.id : null,
      buyerName: name,
      locale: info.locale,
      line: settled.line,
      ...request,
      ...(info.contactId ? { contactId: info.contactId } : {}),
      buyerRef: TurnContext.getConversationReference(context.activity),
    });
    if (!queued.ok) {
      this.parts.logger.warn({ line: settled.line }, 'a queue is full: a buyer was not queued');
      await context.sendActivity(say(H.queueFull, info.locale, { line: this.service.lineName(settled.line, info.locale) }));
      return;
    }
    const { handoff, created } = queued;
    if (created) await context.sendActivity(EventFactory.createHandoffInitiation(context, { handoffId: handoff.id, line: handoff.line, reason: handoff.reason, orderId: handoff.orderId }));
    await this.tellQueued(context, handoff, created);
    if (created) await this.noticeAgents(handoff.line);
  }

  /**
   * A line button: the request the desk kept for this conversation goes to that line, when the
   * line was one offered and the sender is the one it was offered to. A buyer already waiting or
   * served (an old button) hears where they stand; anything else is a stale button.
   */
  async pickLine(context: TurnContext, info: TurnInfo, line: string): Promise<void> {
    const data = await this.parts.state.conversationData.get(context, {});
    const pending = data.pendingLine;
    const party = partyKey(info, context.activity);
    const fresh = pending && this.parts.now().getTime() - Date.parse(pending.at) < PENDING_LINE_MS;
    if (fresh && pending.party === party && pending.choices.includes(line)) {
      delete data.pendingLine;
      await this.parts.state.conversation.saveChanges(context);
      await this.request(context, info, pending.request, line);
      return;
    }
    const open = this.book.openFor(party);
    if (open) {
      await this.request(context, info, { reason: open.reason }, open.line);
      return;
    }
    this.parts.logger.warn({ conversationId: context.activity.conversation.id, line }, 'refused a line button that was not offered to this sender');
    await context.sendActivity(say(S.staleButton, info.locale));
  }

  /**
   * The line a buyer names in words when asked which it is about ("商城的", "the travel one",
   * "第二个"), among the lines offered to this sender; undefined when the words name none or several.
   */
  async lineNamedIn(context: TurnContext, info: TurnInfo, text: string): Promise<string | undefined> {
    const data = await this.parts.state.conversationData.get(context, {});
    const pending = data.pendingLine;
    if (!pending || pending.party !== partyKey(info, context.activity)) return undefined;
    if (this.parts.now().getTime() - Date.parse(pending.at) >= PENDING_LINE_MS) return undefined;
    const t = text.trim().toLowerCase();
    if (!t || Array.from(t).length > 40) return undefined;
    const ordinal = /^(第?\s*(1|一)\s*(个|条)?|the first( one)?|first|1st)$/u.test(t) ? 0 : /^(第?\s*(2|二)\s*(个|条)?|the second( one)?|second|2nd)$/u.test(t) ? 1 : /^(第?\s*(3|三)\s*(个|条)?|the third( one)?|third|3rd)$/u.test(t) ? 2 : undefined;
    if (ordinal !== undefined) return pending.choices[ordinal];
    const named = pending.choices.filter((line) => {
      const l = this.parts.repos.businessLines.get(line);
      const words = [line, l?.name.zh ?? '', l?.name.en ?? ''].map((w) => w.toLowerCase()).filter(Boolean);
      // The whole name, or a telling piece of it: two Chinese characters in a row, or an English word of four letters or more.
      const pieces = words.flatMap((w) => [w, ...(w.match(/\p{Script=Han}{2}/gu) ?? []), ...(w.match(/[a-z]{4,}/g) ?? [])]);
      return pieces.some((p) => t.includes(p));
    });
    return named.length === 1 ? named[0] : undefined;
  }

  /** Tells a buyer in the turn where they stand, with the `Handoff` trace. */
  private async tellQueued(context: TurnContext, handoff: Handoff, created: boolean): Promise<void> {
    const locale = handoff.locale;
    const line = this.service.lineName(handoff.line, locale);
    const { position, minutes } = this.service.placeOf(handoff);
    if (minutes === undefined) {
      const title = say(H.leaveMessageButton, locale);
      const button = messageBackButton(title, { action: 'leaveMessage' } satisfies ButtonOf<'leaveMessage'>);
      await context.sendActivity(MessageFactory.suggestedActions([button], say(H.nobodyOnline, locale, { line })));
    } else if (!created) {
      await context.sendActivity(say(H.alreadyQueued, locale, { line, position, minutes }));
    } else {
      await context.sendActivity(minutes === 0 ? say(H.queuedNow, locale, { line }) : say(H.queued, locale, { line, position, minutes }));
    }
    await sendTrace(context, 'Handoff', { state: 'queued', line: handoff.line, position, handoffId: handoff.id, ...(minutes !== undefined ? { waitMinutes: minutes } : {}) });
  }

  /** After the queue of `line` moved: every buyer still waiting (but `except`, told already) hears their new place. */
  async queueMoved(line: string, except?: string): Promise<void> {
    for (const { handoff: h, place } of this.service.queuePlaces(line)) {
      const { position, minutes } = place;
      if (h.id === except || minutes === undefined) continue;
      await this.toBuyer(h, async (ctx) => {
        await ctx.sendActivity(say(H.moved, h.locale, { line: this.service.lineName(line, h.locale), position, minutes }));
        await sendTrace(ctx, 'Handoff', { state: 'queued', line, position, handoffId: h.id, waitMinutes: minutes });
      });
    }
  }

  /**
   * The buyer's agent has gone (offline or idle) and the buyer went to the front of the line's queue
   * (`HandoffService.requeue`): they are told so in the turn (with the `Handoff` trace), the buyers behind hear their new place,
   * and the line's online agents hear someone is waiting.
   */
  async requeue(context: TurnContext, requeued: { handoff: Handoff; position: number }): Promise<void> {
    const { handoff, position } = requeued;
    await context.sendActivity(say(H.agentGone, handoff.locale));
    await sendTrace(context, 'Handoff', { state: 'queued', line: handoff.line, position, handoffId: handoff.id });
    await this.queueMoved(handoff.line, handoff.id);
    await this.noticeAgents(handoff.line);
  }

  /** Online agents of the line hear that someone is waiting. */
  async noticeAgents(line: string): Promise<void> {
    const waiting = this.book.queued([line]).length;
    for (const agent of this.service.onlineAgents(line)) {
      await this.toAgent(agent, async (ctx) => {
        await ctx.sendActivity(say(A.waitingNotice, agentLocale(agent), { waiting }));
      });
    }
  }

  /** Ends a handoff (agent `/end`, buyer done, buyer leaving the queue) and tells both sides; undefined when it had ended already. */
  async end(handoff: Handoff, by: string): Promise<Ended | undefined> {
    const ended = await this.service.end(handoff, by);
    if (ended) await this.tellEnded(ended, by);
    return ended;
  }

  /** A handoff ended: the buyer is told (and asked to rate it, when an agent served them); their agent hears when the buyer ended it. */
  async tellEnded(ended: Ended, by: string): Promise<void> {
    const { handoff: h, wasServed, agent, n } = ended;
    await this.toBuyer(h, async (ctx) => {
      if (by === 'buyer_left') {
        await ctx.sendActivity(say(H.leftQueue, h.locale));
      } else {
        await ctx.sendActivity(say(H.ended, h.locale));
        if (wasServed) await ctx.sendActivity(this.ratingQuestion(h));
      }
      await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'completed'));
      await sendTrace(ctx, 'Handoff', { state: 'ended', line: h.line, handoffId: h.id, ...(agent ? { agentId: agent.id } : {}) });
    });
    if (agent && by === 'buyer') {
      await this.toAgent(agent, (ctx) => ctx.sendActivity(say(A.buyerEnded, agentLocale(agent), { n, name: h.buyerName })).then(() => undefined));
    }
    if (!wasServed) await this.queueMoved(h.line);
  }

  private ratingQuestion(h: Handoff): Partial<Activity> {
    const button = (satisfied: boolean) => {
      const title = say(satisfied ? H.satisfied : H.unsatisfied, h.locale);
      return messageBackButton(title, { action: 'rate', handoffId: h.id, satisfied } satisfies ButtonOf<'rate'>);
    };
    return MessageFactory.suggestedActions([button(true), button(false)], say(H.rateAsk, h.locale));
  }

  /**
   * A rating button: "satisfied" thanks; "not satisfied" asks why, then thanks. Recorded in the
   * event log once; a button of an already rated handoff is thanked again and not recorded. Only
   * the buyer of that handoff may rate it: anyone else's press is a stale button.
   */
  async rate(context: TurnContext, info: TurnInfo, value: ButtonOf<'rate'>): Promise<void> {
    const outcome = await this.service.rate(partyKey(info, context.activity), value.handoffId, value.satisfied, value.why);
    switch (outcome.kind) {
      case 'stale':
        this.parts.logger.warn({ conversationId: context.activity.conversation.id, handoffId: value.handoffId }, "refused a rating of someone else's handoff");
        await context.sendActivity(say(S.staleButton, info.locale));
        return;
      case 'rated':
        if (outcome.handoff) await context.sendActivity(say(H.thanksRating, outcome.handoff.locale));
        return;
      case 'askWhy': {
        const h = outcome.handoff;
        const reasons = [H.whySlow, H.whyUnsolved, H.whyAttitude, H.whyOther].map((p, i) => {
          const title = say(p, h.locale);
          const why = RATING_WHYS[i]!;
          return messageBackButton(title, { action: 'rate', handoffId: h.id, satisfied: false, why } satisfies ButtonOf<'rate'>);
        });
        await context.sendActivity(MessageFactory.suggestedActions(reasons, say(H.whyAsk, h.locale)));
        return;
      }
      case 'recorded':
        await context.sendActivity(say(H.thanksRating, outcome.handoff.locale));
    }
  }

  /** A claim went through (on any door): the buyer hears who joined, and the buyers behind hear the queue moved. */
  async tellClaimed(agent: Agent, h: Handoff): Promise<void> {
    await this.toBuyer(h, async (ctx) => {
      await ctx.sendActivity(say(H.agentJoined, h.locale, { agent: agent.name }));
      await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'accepted'));
      await sendTrace(ctx, 'Handoff', { state: 'claimed', line: h.line, agentId: agent.id, handoffId: h.id });
    });
    await this.queueMoved(h.line);
  }

  /** An agent's words (and attachments) to the buyer they serve, as from the agent. */
  async agentSays(agent: Agent, h: Handoff, text: string, attachments: Partial<Activity>['attachments'] = []): Promise<void> {
    this.service.agentReplied(h, agent, text);
    await this.toBuyer(h, async (ctx) => {
      const message = MessageFactory.text(say(H.agentSays, h.locale, { agent: agent.name, text }));
      if (attachments?.length) message.attachments = attachments;
      await ctx.sendActivity(message);
    });
  }

  /** Runs `logic` on the buyer's conversation (a proactive turn); a failure is logged, not thrown. */
  async toBuyer(h: Handoff, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.proactive(h.buyerRef, logic, { handoffId: h.id });
  }

  /** Runs `logic` on the agent's conversation; nothing when the desk never saw the agent. */
  async toAgent(agent: Agent, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const ref = this.book.seat(agent.id)?.reference;
    if (ref) await this.proactive(ref, logic, { agentId: agent.id });
  }

  private async proactive(ref: ConversationAddress, logic: (context: TurnContext) => Promise<void>, about: object): Promise<void> {
    try {
      // Stored as the channel gave it (ConversationAddress keeps every field): botbuilder's own type again.
      await this.parts.adapter.continueConversationAsync(this.parts.appId, ref as Partial<ConversationReference>, async (ctx) => {
        try {
          await logic(ctx);
        } catch (err) {
          this.parts.logger.error({ err, ...about, conversationId: ref.conversation?.id }, 'could not relay a handoff message');
        }
      });
    } catch (err) {
      this.parts.logger.error({ err, ...about, conversationId: ref.conversation?.id }, 'could not open a conversation to relay a handoff message');
    }
  }
}
