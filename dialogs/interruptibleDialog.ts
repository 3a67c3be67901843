import { ComponentDialog, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { buttonOf, turnInfo, currentBuyer } from '../bot/turnInfo.js';
import { findPhoneNumbers, findYesNo } from '../recognizers/entities.js';
import { kindOf, type IntentId } from '../data/intents.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import type { DialogServices } from './dialogServices.js';
import { isHelp, isStop, isTaskStop, isWhy } from './interruptions.js';
import { OTHER_ANSWERS, otherAnswerMatches } from './otherAnswers.js';
import { requestsIn, saysMoreThanTheOrder } from './requests.js';
import { ordersNamedIn } from './orderChoicePrompt.js';
import { T, TASK_NAME } from './phrases/taskPhrases.js';
import { S, say } from '../bot/strings.js';
import { isNoPhoto } from './photoPrompt.js';
import { recognizeTurn } from './turnRecognition.js';
import type { Request } from './requests.js';
import { taskOptionsOf, taskOrderOf } from './taskDialog.js';
import { PHONE_PROMPT } from './verifyPhoneDialog.js';
import { readYesNo, type YesNoPromptOptions } from './yesNoPrompt.js';

/** How the route is started for a new topic in the middle of a task. */
export interface RouteOptions {
  text: string;
  recognition: RecognitionResult;
  /** The next request of the buyer's agenda (they asked for several in one message), or a task started again on the order the buyer corrected to. */
  request: Request;
  /** True when `request` is the same task on the order the buyer corrected to. */
  corrected: boolean;
  /** True when `request` is the same order, the other way ("an exchange, not a refund"). */
  changed: boolean;
}

/** Small talk that, in the middle of a task, is answered and then the task resumes ("thanks" may be a "no thanks": left to the prompt). */
const INTERRUPTING_CHITCHAT: readonly IntentId[] = ['chitchat.greeting', 'chitchat.bot_identity', 'chitchat.fun', 'chitchat.mood', 'chitchat.abuse', 'chitchat.off_topic'];

/** Words that add a request to the one in progress ("也", "还有", "另外", "too", "as well", "also"). */
const ALSO = /也|还有|另外|顺便|\b(too|as well|also|and the)\b/iu;

/** The addition words themselves, and the little words around them, removed to see whether anything else is asked. */
const ALSO_WORDS = /也要|也|还有|另外|顺便|一起|\b(too|as well|also|and|plus)\b/giu;

/** Words that correct what the bot took ("不对", "不是这个", "我说的是", "no wait", "I meant", "the other one"). */
const CORRECTION = /不对|不是(这|那)|错了|我说的是|我是说|是.{1,12}那(一)?(单|个|件)|换成|\b(no wait|wait|wrong (one|order)|not (that|this) one|i meant|i mean|the other one|actually)\b|^(no|nope),/iu;

/** How many tasks may wait under an interruption: one ("back to your return"); deeper, the oldest is dropped. */
const MAX_WAITING_TASKS = 1;

/**
 * The one place interruptions live. In the middle of a task, "help" explains and asks the pending
 * question again; "cancel that" / "算了" stops and changes nothing; asking for a person, or a
 * confident new topic (another parcel, a policy question, small talk), is answered by a fresh
 * route on top, after which the waiting task says "back to …" and asks again. Answers to the
 * pending question (a button, yes/no, an order named) are never taken for a new topic.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  protected constructor(
    id: string,
    protected readonly services: DialogServices,
    /** The dialog that routes a new topic. */
    private readonly routeId: string,
    /** Task dialog id → the intents it handles (a repeat of the same intent is not a new topic). */
    private readonly taskIntents: Readonly<Record<string, readonly IntentId[]>>,
    /** Prompts whose answer is free text (a new address): only help and stop interrupt them. */
    private readonly freeTextPrompts: ReadonlySet<string>,
    /** Task dialog id → what the bot calls that task ("the return"). */
    private readonly taskNames: Readonly<Record<string, keyof typeof TASK_NAME>>,
  ) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interruption(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interruption(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const { activity } = context;
    if (activity.type !== 'message') return undefined;
    const tasks = innerDc.stack.filter((d) => d.id in this.taskIntents);
    if (tasks.length === 0) return undefined;
    const innermost = innermostDialogId(innerDc);
    const value = buttonOf(context);
    if (value?.action === 'yesNo') return undefined;
    if (value?.action === 'pickOrder' && innermost?.endsWith('.orderChoice')) return undefined;
    // A button of an earlier message (an order card, "did you mean", "did that help?") is a new topic: the route answers it.
    if (value?.action === 'pickOrder' || value?.action === 'pickIntent' || value?.action === 'kbFeedback') return innerDc.beginDialog(this.routeId);
    const text = (activity.text ?? '').trim();
    // An empty message is a glitch of the client: the question stands, and asking it again would be noise.
    if (!text && !value && !activity.attachments?.length) return ComponentDialog.EndOfTurn;
    if (!text) return undefined;
    const info = turnInfo(context);
    if (isHelp(text)) {
      await context.sendActivity(say(S.help, info.locale));
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    if (isWhy(text) && innermost?.endsWith('.confirm')) {
      // "为什么？" / "why not?": the question gives the rule and the order's facts; it is asked again, not answered as small talk.
      await innerDc.repromptDialog();
      return ComponentDialog.EndOfTurn;
    }
    const saysNo = findYesNo(text, info.locale)[0]?.value === 'no';
    if ((isStop(text) && !(saysNo && innermost?.endsWith('.confirm'))) || isTaskStop(text)) { // at a yes/no question, "算了" is the "no" itself
      // The task in progress stops, nothing changed; any other request of the buyer's message comes next.
      const task = tasks.at(-1)!;
      await innerDc.cancelAllDialogs();
      const sender = await this.services.state.senderData.get(context, {});
      const next = sender.agenda?.shift();
      if (!sender.agenda?.length) delete sender.agenda;
      const name = this.taskNames[task.id];
      await context.sendActivity(name ? say(T.taskStopped, info.locale, { task: say(TASK_NAME[name], info.locale) }) : say(T.stopped, info.locale));
      if (next) return innerDc.beginDialog(this.routeId, { request: next } satisfies Partial<RouteOptions>);
      return innerDc.endDialog();
    }
    const other = innermost?.endsWith('.confirm') ? (innermostInstance(innerDc)?.state as { options?: YesNoPromptOptions } | undefined)?.options?.other : undefined;
    if (other && otherAnswerMatches(other, text)) {
      // The other way the question offered, chosen in words ("那就拒收吧"): said how, and nothing moves.
      await innerDc.cancelAllDialogs();
      await context.sendActivity(say(OTHER_ANSWERS[other.key].reply, info.locale, other.params));
      return innerDc.endDialog();
    }
    if (innermost && this.freeTextPrompts.has(innermost)) return undefined;
    // "+1 (617) 555-0142" when asked for the phone on the order: the answer, whatever the classifier reads in a number.
    if (innermost === PHONE_PROMPT && findPhoneNumbers(text, info.locale).length > 0) return undefined;
    if (innermost?.endsWith('.photo') && isNoPhoto(text)) return undefined; // "没有照片" answers the photo question
    // At a yes/no question, an answer in the question's own terms ("没有", "it's fine") is the answer.
    const pending = innermostInstance(innerDc);
    if (innermost?.endsWith('.confirm') && readYesNo(text, info.locale, (pending?.state as { options?: YesNoPromptOptions } | undefined)?.options?.means) !== undefined) return undefined;
    const buyer = currentBuyer(info);
    const orders = buyer ? this.services.repos.orders.listForBuyer(buyer.id) : [];
    // "and the book too" / "书也要" at a question: the same task for another order, after this one (whatever the classifier reads).
    if (innermost?.endsWith('.confirm') && ALSO.test(text) && buyer && !saysMoreThanTheOrder(text.replace(ALSO_WORDS, ' '), orders)) {
      const intentOf = taskOptionsOf(tasks.at(-1)!)?.intent;
      const also = intentOf ? await this.alsoLater(innerDc, tasks.at(-1)!, text, intentOf, innermost) : undefined;
      if (also) return also;
    }
    // "the mouse one" at a question about the jacket: only an order named, so it is the order meant, never a new topic.
    if (innermost?.endsWith('.confirm') && buyer && ordersNamedIn(this.services, buyer, text, info.locale).length > 0 && !saysMoreThanTheOrder(text, orders)) {
      return (await this.orderCorrected(innerDc, tasks.at(-1)!, text, innermost)) ?? undefined;
    }
    // "不对，是防晒乳那单" / "no wait, the mouse": the order corrected, whatever the classifier makes of the words.
    if (CORRECTION.test(text)) {
      const corrected = await this.orderCorrected(innerDc, tasks.at(-1)!, text, innermost);
      if (corrected) return corrected;
    }
    const recognition = await recognizeTurn(context, this.services, text);
    if (recognition.entities.some((e) => e.type === 'yesNo')) return undefined;
    const options: Partial<RouteOptions> = { text, recognition };
    // Several requests in one message are never an answer: the route puts them on the agenda.
    if (Array.from(text).length >= 6 && (await requestsIn(context, this.services, text)).length >= 2) return innerDc.beginDialog(this.routeId, options);
    const namesAnOrder = (): boolean => !!buyer && ordersNamedIn(this.services, buyer, text, info.locale).length > 0;
    if (recognition.confidence !== 'confident') return (await this.orderCorrected(innerDc, tasks.at(-1)!, text, innermost)) ?? undefined;
    const { intent } = recognition;
    if (intent === 'task.human_agent' || intent === 'chitchat.goodbye') {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(this.routeId, options);
    }
    const current = tasks.at(-1)!;
    if (this.taskIntents[current.id]?.includes(intent)) {
      const also = await this.alsoLater(innerDc, current, text, intent, innermost);
      if (also) return also;
      const changed = await this.swapChanged(innerDc, current, text, intent, innermost);
      if (changed) return changed;
      return (await this.orderCorrected(innerDc, current, text, innermost)) ?? undefined;
    }
    // An order named while the bot asks which order is the answer, unless it comes with a request of another kind
    // ("另外键盘那单地址改一下" while choosing an order to cancel is a new request, on the keyboard).
    if (innermost?.endsWith('.orderChoice') && namesAnOrder() && (kindOf(intent) !== 'task' || !saysMoreThanTheOrder(text, orders))) return undefined;
    if (kindOf(intent) === 'chitchat' && !INTERRUPTING_CHITCHAT.includes(intent)) return undefined;
    if (kindOf(intent) === 'none') return undefined;
    if (tasks.length > MAX_WAITING_TASKS && kindOf(intent) === 'task') await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(this.routeId, options);
  }

  /**
   * "Actually I want an exchange, not a refund" (or the reverse) while a return waits for an answer:
   * the same order, the other way, with what the buyer said before (a fault stays a fault).
   */
  private async swapChanged(innerDc: DialogContext, task: DialogInstance, text: string, intent: IntentId, innermost: string | undefined): Promise<DialogTurnResult | undefined> {
    if (!innermost || !(innermost.endsWith('.confirm') || innermost.endsWith('.photo'))) return undefined;
    const options = taskOptionsOf(task);
    const asked = taskOrderOf(task);
    const ways: IntentId[] = ['task.exchange', 'task.return_refund'];
    if (!options || !asked || !ways.includes(intent)) return undefined;
    const before: IntentId = options.intent === 'task.exchange' ? 'task.exchange' : 'task.return_refund';
    if (before === intent) return undefined;
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(this.routeId, { request: { intent, text: `${options.text} ${text}`.trim(), orderId: asked }, changed: true } satisfies Partial<RouteOptions>);
  }

  /**
   * At a yes-or-no question, the same kind of request for another order said as an addition ("另外书也退了",
   * "the book too"): it goes on the agenda, and the pending question is asked again first.
   */
  private async alsoLater(innerDc: DialogContext, task: DialogInstance, text: string, intent: IntentId, innermost: string | undefined): Promise<DialogTurnResult | undefined> {
    if (!innermost?.endsWith('.confirm') || !ALSO.test(text)) return undefined;
    const info = turnInfo(innerDc.context);
    const buyer = currentBuyer(info);
    const asked = taskOrderOf(task);
    if (!buyer || !asked) return undefined;
    const named = ordersNamedIn(this.services, buyer, text, info.locale).filter((o) => o.id !== asked);
    if (named.length === 0) return undefined;
    // Several fit ("the book" of two books): the buyer picks among those when its turn comes.
    const one = named.length === 1 ? named[0]!.id : undefined;
    const sender = await this.services.state.senderData.get(innerDc.context, {});
    sender.agenda = [...(sender.agenda ?? []), { intent, text, ...(one ? { orderId: one } : {}) }];
    await innerDc.context.sendActivity(one ? say(T.addedLater, info.locale, { id: one }) : say(T.addedLaterPick, info.locale));
    await innerDc.repromptDialog();
    return ComponentDialog.EndOfTurn;
  }

  /**
   * At a yes-or-no question about one order, the buyer naming another ("不对，是键盘那单", "no, the
   * other one: the mouse") corrects the order: the same task starts again on the order named, and
   * the question about the first is gone (its yes can no longer be given).
   */
  private async orderCorrected(innerDc: DialogContext, task: DialogInstance, text: string, innermost: string | undefined): Promise<DialogTurnResult | undefined> {
    if (!innermost?.endsWith('.confirm')) return undefined;
    const info = turnInfo(innerDc.context);
    const buyer = currentBuyer(info);
    const asked = taskOrderOf(task);
    const options = taskOptionsOf(task);
    if (!buyer || !asked || !options) return undefined;
    const named = ordersNamedIn(this.services, buyer, text, info.locale);
    if (named.length !== 1 || named[0]!.id === asked) return undefined;
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(this.routeId, { request: { intent: options.intent, text, orderId: named[0]!.id }, corrected: true } satisfies Partial<RouteOptions>);
  }
}

/** The dialog actually waiting for the buyer (a prompt inside a task inside this one). */
function innermostInstance(dc: DialogContext): DialogInstance | undefined {
  let current: DialogContext = dc;
  while (current.child) current = current.child;
  return current.activeDialog;
}

function innermostDialogId(dc: DialogContext): string | undefined {
  return innermostInstance(dc)?.id;
}
