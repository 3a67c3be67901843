import type { Locale, OrderStatus } from '../../data/shopSchema.js';
import { SendPacer, SoakConversation, type Exchange, type SendHooks, type TurnStats } from './conversation.js';
import type { DeskProcess } from './deskProcess.js';
import type { AttemptLog, Ledger } from './ledger.js';
import { ACTING_RULES, OUTCOME, type BuyerPlan, type PlannedTask, type TaskKind } from './plan.js';
import { between, pick, type Random } from '../support/prng.js';
import { asksYesNo, decisions, isAcknowledgement, shownStatus, texts, yesNoButton, type AckExpectation } from './replies.js';
import type { Reply, SoakChannel } from './soakChannel.js';

/** A question is started over in a new conversation at most this many times before the task is given up. */
const MAX_ROUNDS = 6;
/** Share of the moments a buyer gives no yes that it spends on a question answered "no" (the rest is a pause): load that must move nothing. */
const DECLINE_SHARE = 0.6;
/** A pause of a buyer who is not due for a yes, in ms: keeps some buyers quiet while others talk. */
const IDLE_MS = { min: 300, max: 1_200 };
/** Chance a buyer due for a yes gives it now rather than another "no" round first: spreads the yeses over each kill's gap. */
const YES_WHEN_DUE = 0.5;
/** Between two tasks of one buyer, in ms. */
const THINK_MS = { min: 50, max: 400 };
/** Messages a buyer sends per minute at most: under the desk's default per-sender limit (60), so the soak measures the store, not the 429s. */
const MESSAGES_PER_MINUTE = 45;
/** How many unexpected replies the figures quote. */
const QUOTED = 8;

/** Press the button instead of typing. */
const PRESS = Symbol('press the button');
type Answer = string | typeof PRESS;

/** What buyers say to start each task, naming the order by number. */
const ASK: Readonly<Record<TaskKind, Record<Locale, (orderId: string) => string>>> = {
  cancel: { 'zh-CN': (id) => `取消订单 ${id}`, 'en-US': (id) => `cancel order ${id}` },
  return: { 'zh-CN': (id) => `订单 ${id} 我想退货`, 'en-US': (id) => `I want to return order ${id}` },
  address: { 'zh-CN': (id) => `订单 ${id} 的收货地址写错了，想改一下`, 'en-US': (id) => `I need to change the delivery address on order ${id}` },
};

/** Ways to say yes and no (the desk's own words, as in test/e2e/afterSalesRules.*), or the button. */
const YES: Readonly<Record<Locale, readonly Answer[]>> = { 'zh-CN': ['好的', '确认', '可以', PRESS], 'en-US': ['yes', 'sure', 'yes please', PRESS] };
const NO: Readonly<Record<Locale, readonly Answer[]>> = { 'zh-CN': ['不用了', '不要了', PRESS], 'en-US': ['no', 'no thanks', 'nope', PRESS] };

/** A new address line, different each time, so the store shows which change it kept. */
function newAddress(locale: Locale, random: Random, n: number): string {
  const house = between(random, 1, 999);
  const room = between(random, 101, 2899);
  return locale === 'zh-CN' ? `浙江省杭州市滨江区网商路${house}号 ${n}号楼${room}室` : `${house} N Lake Shore Dr, Apt ${room}-${n}, Chicago, IL 60610`;
}

/** What the buyers did, for the figures. */
export interface BuyerStats {
  acknowledged: number;
  declined: number;
  /** Tasks whose order had already moved when asked again: an unacknowledged yes went through before a kill. */
  gone: number;
  /** Tasks given up after `MAX_ROUNDS` rounds. */
  abandoned: number;
  /** Questions started over in a new conversation (after a kill cut them, or an unexpected reply). */
  restartedQuestions: number;
  /** Messages sent again after a restart whose conversation went on where it was. */
  resumed: number;
  /** Replies that made no sense for the step while the desk stayed up: count and the first few. */
  unexpected: number;
  unexpectedQuoted: string[];
  /** Buyers that stopped early, with why. */
  stoppedEarly: string[];
}

/** A new, empty set of buyer counts. */
export function newBuyerStats(): BuyerStats {
  return { acknowledged: 0, declined: 0, gone: 0, abandoned: 0, restartedQuestions: 0, resumed: 0, unexpected: 0, unexpectedQuoted: [], stoppedEarly: [] };
}

/** What the buyers share: the desk, the channel, the books, and the schedule they pace themselves by. */
export interface BuyerContext {
  channel: SoakChannel;
  desk: DeskProcess;
  ledger: Ledger;
  attempts: AttemptLog;
  turns: TurnStats;
  stats: BuyerStats;
  /** How far the kill schedule is, in (0, 1]: a buyer says yes to its next task once its share of tasks done is below it. */
  pace: () => number;
  /** True once the buyers must stop (the run's deadline). */
  stopped: () => boolean;
  /** Yeses whose POST is open, across buyers: the kill schedule aims some kills at them. */
  yesInFlight: { count: number };
}

/** How one round (one conversation) of a task ended. */
type Round = { kind: 'acked' | 'declined' | 'gone' } | { kind: 'retry'; why: string };

const retry = (why: string): Round => ({ kind: 'retry', why });

/** One demo buyer working through their plan: yeses paced over the kill schedule, "no" rounds and pauses in between. */
class Buyer {
  private addresses = 0;
  private readonly pacer = new SendPacer(MESSAGES_PER_MINUTE);

  constructor(
    private readonly ctx: BuyerContext,
    private readonly plan: BuyerPlan,
    private readonly random: Random,
  ) {}

  async run(): Promise<void> {
    const queue = [...this.plan.tasks];
    let done = 0;
    while (queue.length > 0 && !this.ctx.stopped()) {
      const task = queue[0]!;
      const due = done / this.plan.tasks.length < this.ctx.pace();
      if (!due || (this.ctx.pace() < 1 && this.random() >= YES_WHEN_DUE)) {
        if (this.random() < DECLINE_SHARE) {
          const outcome = await this.task(task, false);
          if (outcome === 'gone' || outcome === 'abandoned') {
            queue.shift();
            done++;
          }
        } else {
          await sleep(between(this.random, IDLE_MS.min, IDLE_MS.max));
        }
        continue;
      }
      await this.task(task, true);
      queue.shift();
      done++;
      await sleep(between(this.random, THINK_MS.min, THINK_MS.max));
    }
  }

  /** A task until it is acknowledged, declined, found gone or given up; a cut question starts over in a new conversation. */
  private async task(task: PlannedTask, yes: boolean): Promise<'acked' | 'declined' | 'gone' | 'abandoned'> {
    const { stats } = this.ctx;
    for (let r = 0; r < MAX_ROUNDS && !this.ctx.stopped(); r++) {
      if (r > 0) stats.restartedQuestions++;
      const generation = this.ctx.desk.generation;
      const round = await this.round(task, yes);
      if (round.kind !== 'retry') {
        if (round.kind === 'acked') stats.acknowledged++;
        else if (round.kind === 'declined') stats.declined++;
        else stats.gone++;
        return round.kind;
      }
      if (this.ctx.desk.generation === generation) {
        stats.unexpected++;
        if (stats.unexpectedQuoted.length < QUOTED) stats.unexpectedQuoted.push(`${this.plan.buyerId} ${task.kind} ${task.orderId}: ${round.why}`);
      }
    }
    stats.abandoned++;
    return 'abandoned';
  }

  /** One conversation: ask, (give the new address), get the yes-or-no question, answer it. */
  private async round(task: PlannedTask, yes: boolean): Promise<Round> {
    const { locale, buyerId } = this.plan;
    const conv = new SoakConversation(this.ctx.channel, this.ctx.desk, this.ctx.turns, this.pacer, buyerId, locale);
    await conv.open();
    const asked = this.note(await conv.say(ASK[task.kind][locale](task.orderId)));
    const decision = decisions(asked).find((d) => d.orderId === task.orderId);
    if (!decision) return retry(`no decision on the order: ${brief(asked)}`);
    if (!ACTING_RULES[task.kind].includes(decision.rule) || decision.action === 'explain' || decision.handover) return { kind: 'gone' };
    const statusBefore = shownStatus(asked, task.orderId, locale);
    let question = asked;
    let line: string | undefined;
    if (task.kind === 'address') {
      if (asksYesNo(asked)) return retry(`a yes/no before the new address: ${brief(asked)}`);
      line = newAddress(locale, this.random, ++this.addresses);
      question = this.note(await conv.say(line));
    }
    if (!asksYesNo(question)) return retry(`no yes/no question: ${brief(question)}`);

    if (!yes) {
      const replies = this.note(await this.answer(conv, question, pick(this.random, NO[locale]), false));
      return texts(replies).some((t) => t.includes(task.orderId)) ? { kind: 'declined' } : retry(`"no" got: ${brief(replies)}`);
    }
    const outcome = OUTCOME[decision.rule]!;
    const status: OrderStatus | undefined = outcome.status ?? statusBefore;
    if (!status) return retry(`no order card with a status before the question: ${brief(asked)}`);
    const attempt = this.ctx.attempts.begin({ buyerId, orderId: task.orderId, rule: decision.rule, action: outcome.action, status, ...(line ? { line } : {}), conversationId: conv.id });
    const expected: AckExpectation = { orderId: task.orderId, status, locale, ...(line ? { line } : {}) };
    const watcher = (reply: Reply): void => {
      if (isAcknowledgement(reply, expected)) this.ctx.ledger.record(attempt, this.ctx.desk.starts);
    };
    const replies = this.note(await this.answer(conv, question, pick(this.random, YES[locale]), true, { watcher, inFlight: this.ctx.yesInFlight }));
    return this.ctx.ledger.has(attempt) ? { kind: 'acked' } : retry(`yes not acknowledged: ${brief(replies)}`);
  }

  private answer(conv: SoakConversation, question: Reply[], how: Answer, yes: boolean, hooks: SendHooks = {}): Promise<Exchange> {
    return how === PRESS ? conv.press(yesNoButton(question, yes)!, hooks) : conv.say(how, hooks);
  }

  /** The replies of an exchange, counting a message that went on where it was after a restart. */
  private note(exchange: Exchange): Reply[] {
    if (exchange.resent) this.ctx.stats.resumed++;
    return exchange.replies;
  }
}

/** The message texts of replies, shortened, for a report line. */
function brief(replies: readonly Reply[]): string {
  const said = texts(replies).join(' | ').replace(/\s+/g, ' ');
  return said === '' ? '(no message)' : said.slice(0, 160);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs every buyer's plan concurrently, each in its own conversations, until done or stopped.
 * A buyer that cannot go on (the desk was given up) stops and says why in `stats.stoppedEarly`.
 */
export async function runBuyers(ctx: BuyerContext, plans: readonly BuyerPlan[], randomOf: (buyerId: string) => Random): Promise<void> {
  await Promise.all(
    plans.map(async (plan) => {
      try {
        await new Buyer(ctx, plan, randomOf(plan.buyerId)).run();
      } catch (err) {
        ctx.stats.stoppedEarly.push(`${plan.buyerId}: ${(err as Error).message}`);
      }
    }),
  );
}
