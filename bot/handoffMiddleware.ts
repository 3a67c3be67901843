import { ActivityTypes, MessageFactory, TurnContext, type Middleware } from 'botbuilder';
import type { Agent } from '../data/shopSchema.js';
import type { BuyerBack } from '../desk/handoff/handoffService.js';
import { say } from './strings.js';
import type { AgentDesk } from './agentDesk.js';
import { agentLocale, partyKey, type HandoffDesk } from './handoffDesk.js';
import { A, H } from './handoffPhrases.js';
import { takeHandoverRequest } from './handoverRequest.js';
import { suggestionButtons } from './suggestionButtons.js';
import { sendTrace } from './traces.js';
import { maybeTurnInfo, type TurnInfo } from './turnInfo.js';

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
      await this.desk.service.seen(agent, TurnContext.getConversationReference(activity), true);
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
        if (await this.desk.service.awaitMessage(partyKey(info, activity))) await context.sendActivity(say(H.writeMessage, info.locale));
        return true;
    }
    // "商城的" / "the travel one" to "which line is it about?": the line, as its button would.
    const namedLine = activity.text ? await this.desk.lineNamedIn(context, info, activity.text) : undefined;
    if (namedLine) {
      await this.desk.pickLine(context, info, namedLine);
      return true;
    }
    const attachments = activity.attachments ?? [];
    const outcome = await this.desk.service.buyerMessage({
      party: partyKey(info, activity),
      address: TurnContext.getConversationReference(activity),
      locale: info.locale,
      text: activity.text ?? '',
      photos: attachments.filter((a) => /^image\//.test(a.contentType ?? '')).length,
    });
    if ('back' in outcome && outcome.back) await this.tellBack(context, info, outcome.back);
    if ('recognition' in outcome && outcome.recognition) await sendTrace(context, 'IntentRecognition', outcome.recognition);
    switch (outcome.kind) {
      case 'bot':
      case 'waiting': // waiting buyers still have the bot
        return false;
      case 'rate':
        await this.desk.rate(context, info, { action: 'rate', handoffId: outcome.handoffId, satisfied: outcome.satisfied, ...(outcome.why ? { why: outcome.why } : {}) });
        return true;
      case 'agentGone':
        await this.desk.requeue(context, outcome);
        return false; // the bot answers while they wait again
      case 'leftQueue':
      case 'ended':
        if (outcome.ended) await this.desk.tellEnded(outcome.ended, outcome.kind === 'leftQueue' ? 'buyer_left' : 'buyer');
        return true;
      case 'messageLeft':
        await context.sendActivity(say(H.messageLeft, info.locale));
        return true;
      case 'relay': {
        // "[2] 王芳: …" to the agent, with up to three suggested replies as buttons.
        const { agent, handoff: h, n, suggestions } = outcome;
        const text = (activity.text ?? '').trim();
        const line = say(A.fromBuyer, agentLocale(agent), { n, name: h.buyerName, text: text || `(${attachments.length} 📎)` });
        await this.desk.toAgent(agent, async (ctx) => {
          const message = suggestions.length ? MessageFactory.suggestedActions(suggestionButtons(suggestions, h.id), line) : MessageFactory.text(line);
          if (attachments.length) message.attachments = attachments;
          await ctx.sendActivity(message);
        });
        return true;
      }
    }
  }

  /**
   * A buyer an agent is serving opens a new conversation: they hear they are still with that agent
   * (who hears they are back) instead of the bot's greeting. True when handled here.
   */
  private async buyerReturns(context: TurnContext, info: TurnInfo): Promise<boolean> {
    const { activity } = context;
    if (!activity.membersAdded?.some((m) => m.id !== activity.recipient?.id)) return false;
    const back = await this.desk.service.buyerReturns(partyKey(info, activity), TurnContext.getConversationReference(activity), info.locale);
    if (back) await this.tellBack(context, info, back);
    return !!back;
  }

  /** The buyer wrote from a new conversation and their agent serves them still: both are told. */
  private async tellBack(context: TurnContext, info: TurnInfo, back: BuyerBack): Promise<void> {
    const { agent, n, handoff } = back;
    await context.sendActivity(say(H.backWithAgent, info.locale, { agent: agent.name }));
    await this.desk.toAgent(agent, async (ctx) => {
      await ctx.sendActivity(say(A.buyerBack, agentLocale(agent), { n, name: handoff.buyerName }));
    });
  }
}
