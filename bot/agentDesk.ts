import { TurnContext } from 'botbuilder';
import { buttonOf } from './turnInfo.js';
import type { Handoff } from '../desk/handoff/handoffBook.js';
import { parseAgentCommand } from '../desk/handoff/handoffWords.js';
import type { OrderActions } from '../desk/orders/orderActions.js';
import type { Agent } from '../data/shopSchema.js';
import type { Transcript } from '../data/deskStore.js';
import { say } from './strings.js';
import { briefing } from './agentBriefing.js';
import { agentLocale, type HandoffDesk } from './handoffDesk.js';
import { A, reasonText } from './handoffPhrases.js';

/**
 * What an agent's message does on a chat channel: a command (`+1`, `/queue`, `/list`, `/to N`,
 * `/end`, `/online`, `/offline`, `/merchant [message]`), a suggestion button, or text for the
 * buyer they serve. Any message also marks the agent online (except `/offline`), and an agent
 * coming online hears who is waiting and gets the messages buyers left while nobody was there.
 * What each does is the `HandoffService`'s; this door says what came of it.
 */
export class AgentDesk {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly transcript: Transcript,
    private readonly actions: OrderActions,
  ) {}

  async onMessage(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const service = this.desk.service;
    const text = (context.activity.text ?? '').trim();
    const command = parseAgentCommand(text);
    const cameOnline = await service.seen(agent, TurnContext.getConversationReference(context.activity), command?.name !== '/offline');
    if (command?.name === '/offline') {
      await context.sendActivity(say(A.offline, locale));
      return;
    }
    if (cameOnline) await this.welcome(context, agent);
    const value = buttonOf(context);
    if (value?.action === 'sendReply') return this.relay(context, agent, value.text, value.handoffId);
    if (value?.action === 'merchantContact') return this.merchant(context, agent, undefined, value.handoffId);
    switch (command?.name) {
      case '+1':
        return this.claim(context, agent);
      case '/queue':
        return this.queue(context, agent);
      case '/list':
        return this.list(context, agent);
      case '/to': {
        const h = await service.writeTo(agent, command.n);
        await context.sendActivity(h ? say(A.toWho, locale, { n: command.n, name: h.buyerName }) : say(A.noSuchNumber, locale));
        return;
      }
      case '/end': {
        const ended = await service.endCurrent(agent);
        if (!ended) {
          await context.sendActivity(say(A.nobodyToWrite, locale));
          return;
        }
        await this.desk.tellEnded(ended, `agent:${agent.id}`);
        await context.sendActivity(say(A.endedBy, locale, { n: ended.n, name: ended.handoff.buyerName }));
        return;
      }
      case '/merchant':
        return this.merchant(context, agent, command.message);
      case '/online':
        if (!cameOnline) await context.sendActivity(say(A.online, locale, { waiting: service.queueOf(agent).length }));
        return;
      default:
        if (text || context.activity.attachments?.length) return this.relay(context, agent, text);
    }
  }

  /** An agent's first message (or after being away): their lines, the queue, and messages left for them. */
  async welcome(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const service = this.desk.service;
    const lines = agent.businessLines.map((l) => service.lineName(l, locale)).join(locale === 'zh-CN' ? '、' : ', ');
    await context.sendActivity(say(A.greet, locale, { name: agent.name, lines, waiting: service.queueOf(agent).length }));
    // Messages left while nobody was online go to the first agent who comes (all of them stay in the +1 briefing).
    for (const h of service.unreadLeftMessages(agent)) {
      await context.sendActivity(`${say(A.leftMessages, locale)} ${h.buyerName}\n\n${h.leftMessages.map((x) => x.text).join('\n\n')}`);
      await service.leftMessagesRead(h, agent);
    }
  }

  private async claim(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const result = await this.desk.service.claimNext(agent);
    if (!result.ok) {
      const why = result.why === 'full' ? say(A.full, locale, { capacity: agent.capacity }) : result.why === 'others_language' ? say(A.othersLanguage, locale) : say(A.noneWaiting, locale);
      await context.sendActivity(why);
      return;
    }
    await this.claimed(context, agent, result.handoff);
  }

  /** A claim went through: the agent is briefed, the buyer told, the queue moves. */
  private async claimed(context: TurnContext, agent: Agent, h: Handoff): Promise<void> {
    const n = this.desk.service.numberOf(agent.id, h.id);
    for (const m of await briefing(this.desk.parts.repos, this.transcript, h, n, agentLocale(agent))) await context.sendActivity(m);
    await this.desk.tellClaimed(agent, h);
  }

  private async queue(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const waiting = this.desk.service.queueOf(agent);
    if (waiting.length === 0) {
      await context.sendActivity(say(A.queueEmpty, locale));
      return;
    }
    const lines = waiting.map(({ position, handoff: h, waitedMinutes }) =>
      say(A.queueLine, locale, { i: position, name: h.buyerName, line: this.desk.service.lineName(h.line, locale), minutes: waitedMinutes, reason: reasonText(h, locale) }),
    );
    await context.sendActivity(lines.join('\n\n'));
  }

  private async list(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const serving = this.desk.service.servingList(agent);
    if (serving.length === 0) {
      await context.sendActivity(say(A.listEmpty, locale));
      return;
    }
    await context.sendActivity(serving.map(({ n, handoff: h, current }) => say(A.listLine, locale, { n, name: h.buyerName, current })).join('\n\n'));
  }

  /** The merchant of the handoff's order: the contact handle, or (with text) a message left for them, recorded on the order. */
  private async merchant(context: TurnContext, agent: Agent, message: string | undefined, handoffId?: string): Promise<void> {
    const locale = agentLocale(agent);
    const of = this.desk.service.merchantOf(agent, handoffId);
    if (!of.ok) {
      await context.sendActivity(say(of.why === 'no_order' ? A.noOrder : A.nobodyToWrite, locale));
      return;
    }
    const { order, merchant } = of;
    if (!message) {
      await context.sendActivity(say(A.merchantContact, locale, { merchant: merchant.name, handle: merchant.contactHandle, orderId: order.id }));
      return;
    }
    const result = await this.actions.messageMerchant(order.id, order.status, { by: `agent:${agent.id}`, conversationId: context.activity.conversation.id }, message);
    await context.sendActivity(result.ok ? say(A.merchantMessaged, locale, { orderId: order.id }) : say(A.noOrder, locale));
  }

  /** Text from the agent to the buyer they serve (or the one the button was for). */
  private async relay(context: TurnContext, agent: Agent, text: string, handoffId?: string): Promise<void> {
    const h = this.desk.service.recipient(agent, handoffId);
    if (!h) {
      await context.sendActivity(say(A.nobodyToWrite, agentLocale(agent)));
      return;
    }
    await this.desk.agentSays(agent, h, text, context.activity.attachments ?? []);
  }
}
