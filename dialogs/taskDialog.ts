import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogReason,
  type DialogContext,
  type DialogInstance,
  type DialogTurnResult,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { sendTrace } from '../bot/traces.js';
import { currentBuyer, turnInfo, type TurnInfo } from '../bot/turnInfo.js';
import type { ActionBy, ActionResult, Confirmation } from '../desk/orders/orderActions.js';
import { randomUUID } from 'node:crypto';
import type { OtherAnswer } from './otherAnswers.js';
import type { Buyer, Merchant, Order } from '../data/shopSchema.js';
import { settingsFor, type Decision, type PolicySettings } from '../policy/index.js';
import type { IntentId } from '../data/intents.js';
import { unknownOrderIds } from '../recognizers/orderReference.js';
import { namesGoods } from '../recognizers/goodsLexicon.js';
import type { DialogServices } from './dialogServices.js';
import { timeZoneOf } from '../bot/format.js';
import { recordHandover } from './handover.js';
import { orderDetailCard } from '../bot/orderCards.js';
import { OrderChoicePrompt, ordersNamedIn, type OrderChoiceOptions } from './orderChoicePrompt.js';
import { orderFacts, type OrderFacts } from './orderFacts.js';
import { cardView, RECENT_ORDERS_SHOWN } from '../bot/orderReplies.js';
import { T, TASK_NAME } from './phrases/taskPhrases.js';
import { S, STATUS_LABEL, say, type Phrase } from '../bot/strings.js';
import { VERIFY_PHONE_DIALOG, VerifyPhoneDialog, type VerifyPhoneOptions } from './verifyPhoneDialog.js';
import { YesNoPrompt, type YesMeans, type YesNoButtons, type YesNoPromptOptions } from './yesNoPrompt.js';

/** How a task dialog is started: the intent, the buyer's words, and the order when already known. */
export interface TaskOptions {
  intent: IntentId;
  text: string;
  orderId?: string;
}

/** What a task remembers between its steps (dialog state, so it survives a restart). */
export interface TaskDraft {
  orderId?: string;
  /** The yes-or-no question pending or answered: the order and action it named (what a yes may carry out). */
  question?: Confirmation;
  /** The status the decision saw: the action is compare-and-set on it. */
  expect?: Order['status'];
  decision?: Decision;
}

/** Everything a task step needs about its order, read fresh each turn. */
export interface OrderContext {
  info: TurnInfo;
  buyer: Buyer;
  order: Order;
  merchant: Merchant;
  settings: PolicySettings;
  facts: OrderFacts;
  now: Date;
}

/** The settings for a merchant: the defaults with the merchant's own `policy` overrides from the shop data. */
export function policySettingsFor(merchant: Merchant): PolicySettings {
  const own = (merchant as { policy?: unknown }).policy;
  return settingsFor(merchant.id, own && typeof own === 'object' ? { [merchant.id]: own as Partial<PolicySettings> } : {});
}

/**
 * The base of every order task (cancel, return, track, address, invoice, merchant): the shared
 * steps (identify a guest, settle the order: named, described, in focus, or picked from cards),
 * the decision trace, the yes-or-no question, the action's outcome with the order card, and the
 * "back to …" when an interruption is over. Subclasses add their named steps.
 */
export abstract class TaskDialog extends ComponentDialog {
  protected readonly orderPromptId: string;
  protected readonly confirmId: string;

  protected constructor(
    id: string,
    protected readonly services: DialogServices,
    /** What this task is called when the bot comes back to it. */
    private readonly taskName: keyof typeof TASK_NAME,
  ) {
    super(id);
    this.orderPromptId = `${id}.orderChoice`;
    this.confirmId = `${id}.confirm`;
    this.addDialog(new OrderChoicePrompt(this.orderPromptId, services));
    this.addDialog(new YesNoPrompt(this.confirmId));
    this.addDialog(new VerifyPhoneDialog(services));
  }

  /** Orders this task is usually about (offered first): e.g. unshipped ones for an address change. */
  protected abstract relevant(order: Order): boolean;

  /** The first two steps of every task; subclasses append theirs. */
  protected sharedSteps(): WaterfallStep<TaskOptions>[] {
    return [(s) => this.identifyStep(s), (s) => this.chooseOrderStep(s)];
  }

  /** A guest proves a phone number first; the task goes on once they are a buyer. */
  protected async identifyStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    if (currentBuyer(turnInfo(step.context))) return step.next();
    return step.beginDialog(VERIFY_PHONE_DIALOG, { orderId: step.options.orderId, forTask: true } satisfies VerifyPhoneOptions);
  }

  /** Settles the order: the one given, named or described, the one in focus, the only one, or a pick from cards. */
  protected async chooseOrderStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const info = turnInfo(step.context);
    const buyer = currentBuyer(info);
    if (!buyer) return step.endDialog(); // not verified: the verification said why
    const { orders } = this.services.repos;
    const given = step.options.orderId ? orders.getForBuyer(buyer.id, step.options.orderId) : undefined;
    if (given) return step.next(given.id);
    const named = ordersNamedIn(this.services, buyer, step.options.text, info.locale);
    if (named.length === 1) return step.next(named[0]!.id);
    const all = orders.listForBuyer(buyer.id);
    // An order number that is none of theirs: "not found", like a wrong number, and their orders to pick from (never the one in focus).
    const unknown = step.options.orderId && !given ? step.options.orderId : unknownOrderIds(step.options.text, all)[0];
    if (all.length === 0) {
      await step.context.sendActivity(say(T.noOrders, info.locale));
      return step.endDialog();
    }
    if (named.length === 0 && !unknown) {
      const sender = await this.services.state.senderData.get(step.context, {});
      const focus = sender.focusOrderId ? orders.getForBuyer(buyer.id, sender.focusOrderId) : undefined;
      // The order in focus stands in for "it" / "this order", never for goods the buyer named that it is not
      // ("also cancel the moisturizer" after tracking the duvet): then they pick.
      if (focus && !namesGoods(step.options.text)) return step.next(focus.id);
      if (all.length === 1) return step.next(all[0]!.id);
    }
    const offered = named.length > 1 ? named : [...all.filter((o) => this.relevant(o)), ...all.filter((o) => !this.relevant(o))];
    const options: OrderChoiceOptions = {
      prompt: unknown ? say(S.orderNotFound, info.locale, { orderId: unknown }) : say(T.whichOrder, info.locale),
      retryPrompt: say(T.pickOneShown, info.locale),
      orderIds: offered.slice(0, RECENT_ORDERS_SHOWN).map((o) => o.id),
    };
    return step.prompt(this.orderPromptId, options);
  }

  /** The order the previous step settled (its id is the step result), remembered as the conversation's focus. */
  protected async settledOrder(step: WaterfallStepContext<TaskOptions>): Promise<OrderContext | undefined> {
    const id = typeof step.result === 'string' ? step.result : undefined;
    if (id) {
      this.draft(step).orderId = id;
      const sender = await this.services.state.senderData.get(step.context, {});
      sender.focusOrderId = id;
    }
    return this.orderContext(step);
  }

  /** The draft's order, read fresh from the store (it may have moved since the last turn). */
  protected orderContext(step: WaterfallStepContext<TaskOptions>): OrderContext | undefined {
    const info = turnInfo(step.context);
    const buyer = currentBuyer(info);
    const id = this.draft(step).orderId;
    const order = buyer && id ? this.services.repos.orders.getForBuyer(buyer.id, id) : undefined;
    const merchant = order ? this.services.repos.merchants.get(order.merchantId) : undefined;
    if (!buyer || !order || !merchant) return undefined;
    const now = this.services.now();
    const facts = orderFacts(order, info.locale, timeZoneOf(buyer, info.locale), now);
    return { info, buyer, order, merchant, settings: policySettingsFor(merchant), facts, now };
  }

  /** The task's memory between steps. */
  protected draft(step: WaterfallStepContext<TaskOptions>): TaskDraft {
    return step.values as TaskDraft;
  }

  /** Reports the decision (the `AfterSalesDecision` trace) and remembers it with the status it saw. */
  protected async reportDecision(step: WaterfallStepContext<TaskOptions>, oc: OrderContext, decision: Decision): Promise<void> {
    const draft = this.draft(step);
    draft.decision = decision;
    draft.expect = oc.order.status;
    const { rule, action, handover, reason } = decision;
    await sendTrace(step.context, 'AfterSalesDecision', { intent: step.options.intent, orderId: oc.order.id, rule, action, handover, reason });
    if (handover) {
      await recordHandover(step.context, this.services, {
        reason,
        rule,
        orderId: oc.order.id,
        intent: step.options.intent,
        ...(decision.merchantContact ? { merchantContact: decision.merchantContact } : {}),
      });
    }
  }

  /** Who acts, under which rule, from which conversation: what an order action records in the history. */
  protected actionBy(step: WaterfallStepContext<TaskOptions>, oc: OrderContext, rule: string): ActionBy {
    const { conversation, id } = step.context.activity;
    const { question } = this.draft(step);
    return { by: `buyer:${oc.buyer.id}`, rule, conversationId: conversation.id, ...(id ? { activityId: id } : {}), ...(question ? { confirmed: question } : {}) };
  }

  /** Asks yes or no, with buttons in the words of the action. */
  protected async ask(step: WaterfallStepContext<TaskOptions>, question: string, buttons: YesNoButtons, oc?: OrderContext, extra: AskExtra = {}): Promise<DialogTurnResult> {
    const { locale } = turnInfo(step.context);
    const draft = this.draft(step);
    const about = extra.confirms ? (oc ?? this.orderContext(step)) : undefined;
    // A question whose yes carries out an action names the order (number and goods) and remembers both:
    // the yes confirms that action on that order and nothing else (OrderActions checks it again).
    const asked = about ? { questionId: randomUUID().slice(0, 13), orderId: about.order.id, action: extra.confirms! } : undefined;
    if (asked) draft.question = asked;
    else delete draft.question;
    const text = about ? namingOrder(question, about.order.id, about.facts.goods, locale) : question;
    const retry = `${text}\n\n${say(RETRY_YES_NO, locale)}`;
    const options: YesNoPromptOptions = {
      prompt: text,
      retryPrompt: retry,
      buttons,
      ...(oc ? { attachments: [this.card(oc)] } : {}),
      ...(extra.means ? { means: extra.means } : {}),
      ...(asked ? { questionId: asked.questionId } : {}),
      ...(extra.other ? { other: extra.other } : {}),
    };
    return step.prompt(this.confirmId, options);
  }

  /** Says the outcome of an action: the sentence and the order card as it is now, or why nothing moved. */
  protected async sayOutcome(context: TurnContext, oc: OrderContext, result: ActionResult, done: string): Promise<void> {
    const { info } = oc;
    if (!result.ok && result.reason === 'unconfirmed') {
      await context.sendActivity(say(T.notConfirmed, info.locale, { id: oc.order.id }));
      return;
    }
    if (!result.ok) {
      const status = result.order ? say(STATUS_LABEL[result.order.status], info.locale) : '';
      await context.sendActivity(say(T.stateChanged, info.locale, { id: oc.order.id, status }));
      return;
    }
    await this.sayWithCard(context, { ...oc, order: result.order }, done);
  }

  /** A sentence about the order with its card under it (goods, amount, payment, shipping, tracking). */
  protected async sayWithCard(context: TurnContext, oc: Pick<OrderContext, 'info' | 'buyer' | 'order'>, text: string): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(this.card(oc), text));
  }

  /** The order card in the buyer's language and time zone. */
  protected card(oc: Pick<OrderContext, 'info' | 'buyer' | 'order'>): Attachment {
    return orderDetailCard(oc.order, this.services.repos.merchants.get(oc.order.merchantId), cardView(oc.info, oc.buyer));
  }

  /** "No": nothing moves. */
  protected async leftAsIs(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const id = this.draft(step).orderId ?? '';
    await step.context.sendActivity(say(T.leftAsIs, turnInfo(step.context).locale, { id }));
    return step.endDialog();
  }

  /** Back from an interruption: say where we were, then ask the pending question again. */
  override async resumeDialog(dc: DialogContext, _reason: DialogReason, _result?: unknown): Promise<DialogTurnResult> {
    const { locale } = turnInfo(dc.context);
    const task = say(TASK_NAME[this.taskName], locale);
    const orderId = taskOrderOf(dc.activeDialog);
    await dc.context.sendActivity(orderId ? say(T.backTo, locale, { id: orderId, task }) : say(T.backToChoice, locale, { task }));
    await this.repromptDialog(dc.context, dc.activeDialog!);
    return ComponentDialog.EndOfTurn;
  }
}

/** What else a yes-or-no question may say about itself. */
export interface AskExtra {
  /** What "yes" means (agree, or "yes, something is wrong"). */
  means?: YesMeans;
  /** The order action a yes carries out (`OrderActions`' name for it): the question is bound to it and its order. */
  confirms?: string;
  /** Another way the question offers, that the buyer may choose in words. */
  other?: OtherAnswer;
}

/** The question with the order named by number and goods ("订单 X（连衣裙）"), whatever the phrase said. */
export function namingOrder(question: string, orderId: string, goods: string, locale: TurnInfo['locale']): string {
  const withGoods = locale === 'zh-CN' ? `${orderId}（${goods}）` : `${orderId} (${goods})`;
  if (!question.includes(orderId)) return locale === 'zh-CN' ? `订单 ${withGoods}：${question}` : `Order ${withGoods}: ${question}`;
  if (!goods || question.includes(goods)) return question;
  return locale === 'zh-CN' && question.includes(`${orderId} `) ? question.replace(`${orderId} `, withGoods) : question.replace(orderId, withGoods);
}

/** The dialogs inside a task dialog instance (its waterfall and any prompt), as saved in dialog state. */
function innerStack(task: DialogInstance | undefined): DialogInstance[] {
  return (task?.state as { dialogs?: { dialogStack?: DialogInstance[] } } | undefined)?.dialogs?.dialogStack ?? [];
}

/** The order a task settled on (its waterfall's values), if it got that far. */
export function taskOrderOf(task: DialogInstance | undefined): string | undefined {
  for (const d of innerStack(task)) {
    const orderId = (d.state as { values?: TaskDraft } | undefined)?.values?.orderId;
    if (orderId) return orderId;
  }
  return undefined;
}

/** The options a task dialog was started with (its waterfall's), wherever they sit in its inner stack. */
export function taskOptionsOf(task: DialogInstance | undefined): TaskOptions | undefined {
  for (const d of innerStack(task)) {
    const options = (d.state as { options?: Partial<TaskOptions> } | undefined)?.options;
    if (options?.intent) return options as TaskOptions;
  }
  return undefined;
}

const RETRY_YES_NO: Phrase = {
  zh: () => '请回复“是”或“不”，或者点下面的按钮。',
  en: () => 'Please answer yes or no, or tap a button below.',
};
