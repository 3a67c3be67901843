import { EventFactory, MessageFactory, TurnContext } from 'botbuilder';
import { buttonOf } from './turnInfo.js';
import type { Handoff } from '../desk/handoff/handoffBook.js';
import type { OrderActions } from '../desk/orders/orderActions.js';
import type { Agent } from '../data/shopSchema.js';
import type { Transcript } from '../data/deskStore.js';
import { say } from './strings.js';
import { briefing, handoffOrder } from './agentBriefing.js';
import { agentLocale, type HandoffDesk } from './handoffDesk.js';
import { A, H, reasonText } from './handoffPhrases.js';
import { sendTrace } from './traces.js';

/** The agent commands of interfaces.md, plus presence and the merchant. */
const COMMAND = /^(\+1|\/queue|\/list|\/to\s*(\d+)|\/end|\/online|\/offline|\/merchant(?:\s+([\s\S]+))?)$/i;

/** True when a message is written as an agent command: from a buyer it is plain text, never read for meaning. */
export function isAgentCommand(text: string): boolean {
  return COMMAND.test(text.trim());
}

/**
 * What an agent's message does: a command (`+1`, `/queue`, `/list`, `/to N`, `/end`, `/online`,
 * `/offline`, `/merchant [message]`), a suggestion button, or text for the buyer they serve. Any
 * message also marks the agent online (except `/offline`), and an agent coming online hears who
 * is waiting and gets the messages buyers left while nobody was there.
 */
export class AgentDesk {
  constructor(
    private readonly desk: HandoffDesk,
    private readonly transcript: Transcript,
    private readonly actions: OrderActions,
  ) {}

  async onMessage(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const text = (context.activity.text ?? '').trim();
    const m = COMMAND.exec(text);
    // "/to2" and "/merchant text" carry their argument in the match: the command is the word before it.
    const command = m ? (m[2] !== undefined ? '/to' : m[3] !== undefined ? '/merchant' : m[1]!.toLowerCase()) : undefined;
    const cameOnline = await this.desk.book.seen(agent.id, TurnContext.getConversationReference(context.activity), command !== '/offline', this.desk.parts.idleMs);
    if (command === '/offline') {
      await context.sendActivity(say(A.offline, locale));
      return;
    }
    if (cameOnline) await this.welcome(context, agent);
    const value = buttonOf(context);
    if (value?.action === 'sendReply') return this.relay(context, agent, value.text, value.handoffId);
    if (value?.action === 'merchantContact') return this.merchant(context, agent, undefined, value.handoffId);
    switch (command) {
      case '+1':
        return this.claim(context, agent);
      case '/queue':
        return this.queue(context, agent);
      case '/list':
        return this.list(context, agent);
      case '/to':
        return this.to(context, agent, Number(m![2]));
      case '/end':
        return this.end(context, agent);
      case '/merchant':
        return this.merchant(context, agent, m![3]?.trim());
      case '/online':
        if (!cameOnline) await context.sendActivity(say(A.online, locale, { waiting: this.desk.book.queued(agent.businessLines).length }));
        return;
      default:
        if (text || context.activity.attachments?.length) return this.relay(context, agent, text);
    }
  }

  /** An agent's first message (or after being away): their lines, the queue, and messages left for them. */
  async welcome(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const waiting = this.desk.book.queued(agent.businessLines);
    const lines = agent.businessLines.map((l) => this.desk.service.lineName(l, locale)).join(locale === 'zh-CN' ? '、' : ', ');
    await context.sendActivity(say(A.greet, locale, { name: agent.name, lines, waiting: waiting.length }));
    // Messages left while nobody was online go to the first agent who comes (all of them stay in the +1 briefing).
    const left = waiting.filter((h) => h.leftMessages.length > 0 && !h.leftMessagesDeliveredTo);
    for (const h of left) {
      await context.sendActivity(`${say(A.leftMessages, locale)} ${h.buyerName}\n\n${h.leftMessages.map((x) => x.text).join('\n\n')}`);
      await this.desk.book.leftMessagesDelivered(h.id, agent.id);
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
  async claimed(context: TurnContext | undefined, agent: Agent, h: Handoff): Promise<void> {
    const locale = agentLocale(agent);
    const n = this.desk.service.numberOf(agent.id, h.id);
    const messages = await briefing(this.desk.parts.repos, this.transcript, h, n, locale);
    if (context) {
      for (const m of messages) await context.sendActivity(m);
    } else {
      await this.desk.toAgent(agent, async (ctx) => {
        for (const m of messages) await ctx.sendActivity(m);
      });
    }
    this.desk.service.recordHandoff(h, 'claimed', { agentId: agent.id });
    await this.desk.toBuyer(h, async (ctx) => {
      await ctx.sendActivity(say(H.agentJoined, h.locale, { agent: agent.name }));
      await ctx.sendActivity(EventFactory.createHandoffStatus(ctx.activity.conversation, 'accepted'));
      await sendTrace(ctx, 'Handoff', { state: 'claimed', line: h.line, agentId: agent.id, handoffId: h.id });
    });
    await this.desk.queueMoved(h.line);
  }

  private async queue(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const now = this.desk.parts.now().getTime();
    const waiting = this.desk.book.queued(agent.businessLines);
    if (waiting.length === 0) {
      await context.sendActivity(say(A.queueEmpty, locale));
      return;
    }
    const lines = waiting.map((h, i) =>
      say(A.queueLine, locale, { i: i + 1, name: h.buyerName, line: this.desk.service.lineName(h.line, locale), minutes: Math.floor((now - Date.parse(h.queuedAt)) / 60_000), reason: reasonText(h, locale) }),
    );
    await context.sendActivity(lines.join('\n\n'));
  }

  private async list(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const serving = this.desk.book.serving(agent.id);
    const current = this.desk.book.current(agent.id);
    if (serving.length === 0) {
      await context.sendActivity(say(A.listEmpty, locale));
      return;
    }
    await context.sendActivity(serving.map((h, i) => say(A.listLine, locale, { n: i + 1, name: h.buyerName, current: h.id === current?.id })).join('\n\n'));
  }

  private async to(context: TurnContext, agent: Agent, n: number): Promise<void> {
    const locale = agentLocale(agent);
    const h = this.desk.book.serving(agent.id)[n - 1];
    if (!h) {
      await context.sendActivity(say(A.noSuchNumber, locale));
      return;
    }
    await this.desk.book.pick(agent.id, h.id);
    await context.sendActivity(say(A.toWho, locale, { n, name: h.buyerName }));
  }

  private async end(context: TurnContext, agent: Agent): Promise<void> {
    const locale = agentLocale(agent);
    const h = this.desk.book.current(agent.id);
    if (!h) {
      await context.sendActivity(say(A.nobodyToWrite, locale));
      return;
    }
    const n = this.desk.service.numberOf(agent.id, h.id);
    await this.desk.end(h, `agent:${agent.id}`);
    await context.sendActivity(say(A.endedBy, locale, { n, name: h.buyerName }));
  }

  /** The merchant of the handoff's order: the contact handle, or (with text) a message left for them, recorded on the order. */
  private async merchant(context: TurnContext, agent: Agent, message: string | undefined, handoffId?: string): Promise<void> {
    const locale = agentLocale(agent);
    const h = handoffId ? this.servedBy(agent, handoffId) : this.desk.book.current(agent.id);
    const order = h ? handoffOrder(this.desk.parts.repos, h) : undefined;
    const merchant = order ? this.desk.parts.repos.merchants.get(order.merchantId) : undefined;
    if (!h || !order || !merchant) {
      await context.sendActivity(say(h ? A.noOrder : A.nobodyToWrite, locale));
      return;
    }
    if (!message) {
      await context.sendActivity(say(A.merchantContact, locale, { merchant: merchant.name, handle: merchant.contactHandle, orderId: order.id }));
      return;
    }
    const result = await this.actions.messageMerchant(order.id, order.status, { by: `agent:${agent.id}`, conversationId: context.activity.conversation.id }, message);
    await context.sendActivity(result.ok ? say(A.merchantMessaged, locale, { orderId: order.id }) : say(A.noOrder, locale));
  }

  /** The handoff a button names, when this agent serves it now; a button for anyone else's buyer names nothing. */
  private servedBy(agent: Agent, handoffId: string): Handoff | undefined {
    const h = this.desk.book.get(handoffId);
    return h?.state === 'claimed' && h.agentId === agent.id ? h : undefined;
  }

  /** Text from the agent to the buyer they serve (or the one the button was for). */
  private async relay(context: TurnContext, agent: Agent, text: string, handoffId?: string): Promise<void> {
    const h = handoffId ? this.servedBy(agent, handoffId) : this.desk.book.current(agent.id);
    if (!h || h.state !== 'claimed' || h.agentId !== agent.id) {
      await context.sendActivity(say(A.nobodyToWrite, agentLocale(agent)));
      return;
    }
    const attachments = context.activity.attachments ?? [];
    await this.desk.toBuyer(h, async (ctx) => {
      const message = MessageFactory.text(say(H.agentSays, h.locale, { agent: agent.name, text }));
      if (attachments.length) message.attachments = attachments;
      await ctx.sendActivity(message);
    });
  }
}
