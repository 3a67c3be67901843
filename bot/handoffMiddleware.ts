import { ActivityTypes, MessageFactory, TurnContext, type Middleware } from 'botbuilder';
import type { Handoff } from '../desk/handoff/handoffBook.js';
import type { Agent } from '../data/shopSchema.js';
import { say } from './strings.js';
import { bareAnswer } from '../recognizers/entities.js';
import type { IntentRecognizer } from '../recognizers/intentRecognizer.js';
import { isAgentCommand, type AgentDesk } from './agentDesk.js';
import { agentLocale, partyKey, type HandoffDesk } from './handoffDesk.js';
import { A, H } from './handoffPhrases.js';
import { takeHandoverRequest } from './handoverRequest.js';
import { suggestionButtons, suggestReplies } from './suggestedReplies.js';
import { sendTrace } from './traces.js';
import { maybeTurnInfo, type TurnInfo } from './turnInfo.js';

/** Whole messages by which a waiting buyer leaves the queue. */
const LEAVE_QUEUE = /^(退出排队|不排了|不等了|取消排队|不用人工了?|leave the queue|leave queue|stop waiting|cancel (the )?(agent|queue)|never ?mind the agent)$/i;
/** Whole messages by which a buyer talking to an agent ends the conversation (besides a confident goodbye). */
const DONE = /^(结束|结束对话|结束人工|没事了|好了没事了|我没问题了|done|that'?s all|end chat|end the chat|we'?re done|all sorted)$/i;

/**
 * Decides, per activity, whom it belongs to: an agent's message is a command or text for their
 * buyer (the bot never answers agents); a buyer an agent serves is relayed to that agent and the
 * bot stays quiet; a waiting buyer still has the bot (and may leave the queue or leave a message);
 * everyone else has the bot. After the bot's turn, a person the dialogs asked for is queued.
 */
export class HandoffMiddleware implements Middleware {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly agents: AgentDesk,
    private readonly recognizer: IntentRecognizer,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const info = maybeTurnInfo(context);
    const { activity } = context;
    if (!info) return next();
    const fromSomeone = activity.type === ActivityTypes.Message || activity.type === ActivityTypes.ConversationUpdate;
    if (!fromSomeone) return next(); // the desk's own proactive turns (relays, reminders) and other activities
    if (info.party.kind === 'agent') return this.agentTurn(context, info.party.agent);
    if (activity.type === ActivityTypes.ConversationUpdate && (await this.buyerReturns(context, info))) return;
    if (activity.type === ActivityTypes.Message && (await this.buyerTurn(context, info))) {
      await this.desk.parts.state.conversation.saveChanges(context); // the bot did not run: keep what the middleware learned (language)
      return;
    }
    await next();
    const asked = takeHandoverRequest(context);
    if (asked && activity.type === ActivityTypes.Message) await this.desk.request(context, info, asked);
  }

  /** Agents: greeted when they open a conversation; every message is theirs, never the bot's. */
  private async agentTurn(context: TurnContext, agent: Agent): Promise<void> {
    const { activity } = context;
    if (activity.type === ActivityTypes.Message) return this.agents.onMessage(context, agent);
    if (activity.type === ActivityTypes.ConversationUpdate && activity.membersAdded?.some((m) => m.id !== activity.recipient?.id)) {
      await this.desk.book.seen(agent.id, TurnContext.getConversationReference(activity), true, this.desk.parts.idleMs);
      await this.agents.welcome(context, agent);
    }
  }

  /** A buyer's message about a handoff; true when it was handled here (the bot stays out of it). */
  private async buyerTurn(context: TurnContext, info: TurnInfo): Promise<boolean> {
    const { activity } = context;
    const value = info.button;
    switch (value?.action) {
      case 'pickLine':
        await this.desk.pickLine(context, info, value.line);
        return true;
      case 'rate':
        await this.desk.rate(context, info, value);
        return true;
      case 'leaveMessage':
        await this.leaveMessage(context, info);
        return true;
    }
    // "商城的" / "the travel one" to "which line is it about?": the line, as its button would.
    const namedLine = activity.text ? await this.desk.lineNamedIn(context, info, activity.text) : undefined;
    if (namedLine) {
      await this.desk.pickLine(context, info, namedLine);
      return true;
    }
    const open = this.desk.book.openFor(partyKey(info, activity));
    if (!open) {
      // "不满意，太慢了" / "处理挺快的" right after a person helped: the rating in words, never a new case.
      const ended = this.desk.book.awaitingRating(partyKey(info, activity), RATING_IN_WORDS_MS);
      const rating = ended ? readRating(activity.text ?? '') : undefined;
      if (!ended || !rating) return false;
      const askedWhy = !!ended.rating && !ended.rating.satisfied; // "not satisfied" pressed: this is the why
      const satisfied = !askedWhy && rating.satisfied;
      const why = satisfied ? undefined : (rating.why ?? (askedWhy ? 'other' : undefined));
      await this.desk.rate(context, info, { action: 'rate', handoffId: ended.id, satisfied, ...(why ? { why } : {}) });
      return true;
    }
    const text = (activity.text ?? '').trim();
    const handoff = await this.followBuyer(context, info, open);
    if (handoff.state === 'queued') {
      if (LEAVE_QUEUE.test(bareAnswer(text))) {
        await this.desk.end(handoff, 'buyer_left');
        return true;
      }
      if (handoff.awaitingMessage && text) {
        await this.desk.book.leaveMessage(handoff.id, text);
        await context.sendActivity(say(H.messageLeft, info.locale));
        return true;
      }
      return false; // waiting buyers still have the bot
    }
    const agent = handoff.agentId ? this.desk.parts.repos.agents.get(handoff.agentId) : undefined;
    if (!agent || !this.desk.book.isOnline(agent.id, this.desk.parts.idleMs)) {
      await this.desk.requeue(context, handoff);
      return false;
    }
    // A buyer typing "/end" or "+1" is a buyer, not an agent: relayed as written, not read (the classifier takes "/end" for a goodbye).
    const recognition = text && !isAgentCommand(text) ? await this.recognizer.recognize(text, info.locale, this.desk.parts.now()) : undefined;
    if (recognition) await sendTrace(context, 'IntentRecognition', recognition);
    if (DONE.test(bareAnswer(text)) || (recognition?.intent === 'chitchat.goodbye' && recognition.confidence === 'confident')) {
      await this.desk.end(handoff, 'buyer');
      return true;
    }
    await this.relayToAgent(context, handoff, agent, text, recognition);
    return true;
  }

  /**
   * A buyer an agent is serving opens a new conversation: they hear they are still with that agent
   * (who hears they are back) instead of the bot's greeting. True when handled here.
   */
  private async buyerReturns(context: TurnContext, info: TurnInfo): Promise<boolean> {
    const { activity } = context;
    if (!activity.membersAdded?.some((m) => m.id !== activity.recipient?.id)) return false;
    const open = this.desk.book.openFor(partyKey(info, activity));
    const agent = open?.state === 'claimed' && open.agentId ? this.desk.parts.repos.agents.get(open.agentId) : undefined;
    if (!open || !agent || !this.desk.book.isOnline(agent.id, this.desk.parts.idleMs)) return false;
    await this.followBuyer(context, info, open);
    return true;
  }

  /** The buyer wrote from a new conversation: the handoff follows them, and their agent hears they are back. */
  private async followBuyer(context: TurnContext, info: TurnInfo, open: Handoff): Promise<Handoff> {
    const conversationId = context.activity.conversation.id;
    if (open.conversationIds.includes(conversationId) && open.buyerRef.conversation?.id === conversationId) return open;
    const { handoff } = await this.desk.book.enqueue({
      party: open.party,
      buyerId: open.buyerId,
      buyerName: open.buyerName,
      locale: info.locale,
      line: open.line,
      reason: open.reason,
      buyerRef: TurnContext.getConversationReference(context.activity),
    });
    const agent = handoff.agentId ? this.desk.parts.repos.agents.get(handoff.agentId) : undefined;
    if (handoff.state === 'claimed' && agent && this.desk.book.isOnline(agent.id, this.desk.parts.idleMs)) {
      await context.sendActivity(say(H.backWithAgent, info.locale, { agent: agent.name }));
      const n = this.desk.service.numberOf(agent.id, handoff.id);
      await this.desk.toAgent(agent, async (ctx) => {
        await ctx.sendActivity(say(A.buyerBack, agentLocale(agent), { n, name: handoff.buyerName }));
      });
    }
    return handoff;
  }

  /** "[2] 王芳: …" to the agent, with up to three suggested replies as buttons. */
  private async relayToAgent(context: TurnContext, h: Handoff, agent: Agent, text: string, recognition: Awaited<ReturnType<IntentRecognizer['recognize']>> | undefined): Promise<void> {
    const n = this.desk.service.numberOf(agent.id, h.id);
    const locale = agentLocale(agent);
    const attachments = context.activity.attachments ?? [];
    const line = say(A.fromBuyer, locale, { n, name: h.buyerName, text: text || `(${attachments.length} 📎)` });
    const photos = (context.activity.attachments ?? []).filter((a) => /^image\//.test(a.contentType ?? '')).length;
    const suggestions = recognition ? suggestReplies(this.desk.parts.repos, recognition, h.locale, { photos }) : [];
    await this.desk.toAgent(agent, async (ctx) => {
      const message = suggestions.length ? MessageFactory.suggestedActions(suggestionButtons(suggestions, h.id), line) : MessageFactory.text(line);
      if (attachments.length) message.attachments = attachments;
      await ctx.sendActivity(message);
    });
  }

  private async leaveMessage(context: TurnContext, info: TurnInfo): Promise<void> {
    const open = this.desk.book.openFor(partyKey(info, context.activity));
    if (!open || open.state !== 'queued') return;
    await this.desk.book.awaitMessage(open.id, true);
    await context.sendActivity(say(H.writeMessage, info.locale));
  }
}

/** How long after a handover ends a typed answer may still be its rating. */
const RATING_IN_WORDS_MS = 30 * 60_000;

const UNSATISFIED = /不满意|不太满意|差评|太慢|很慢|好慢|慢死|等太久|等了好久|没解决|没有解决|不解决|态度差|态度不好|态度很差|不行|垃圾|没用|不好|unsatisfied|not satisfied|dissatisfied|not happy|unhappy|\bbad\b|\bslow\b|took (too|so) long|terrible|awful|useless|did ?n[o']?t help|not (solved|resolved|helpful)|unresolved|rude/iu;
const SATISFIED = /满意|好评|不错|挺好|很好|非常好|挺快|很快|真快|效率高|专业|耐心|给力|👍|satisfied|great (help|service)|very helpful|really helpful|\bhelpful\b|(was|were|so) (fast|quick)|quick (help|service|reply)|perfect|excellent|awesome service|happy with/iu;
const WHY: [RegExp, 'slow' | 'unsolved' | 'attitude'][] = [
  [/慢|等太久|等了好久|slow|took (too|so) long|wait/iu, 'slow'],
  [/没解决|没有解决|不解决|没用|not (solved|resolved)|unresolved|did ?n[o']?t help|useless|still/iu, 'unsolved'],
  [/态度|不耐烦|rude|attitude|impolite/iu, 'attitude'],
];

/** A rating said in words ("不满意，太慢了", "处理挺快的", "very helpful, thanks"), with its why; undefined when the text is none. */
export function readRating(text: string): { satisfied: boolean; why?: 'slow' | 'unsolved' | 'attitude' } | undefined {
  const t = text.trim();
  if (!t || Array.from(t).length > 60) return undefined;
  if (UNSATISFIED.test(t)) {
    const why = WHY.find(([p]) => p.test(t))?.[1];
    return { satisfied: false, ...(why ? { why } : {}) };
  }
  return SATISFIED.test(t) ? { satisfied: true } : undefined;
}
