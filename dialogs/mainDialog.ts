import type { TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog, type Dialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { currentBuyer, turnInfo, type TurnInfo } from '../bot/turnInfo.js';
import { MAX_MESSAGE_CHARS } from '../bot/inputLimits.js';
import { kindOf, type IntentId } from '../data/intents.js';
import type { RecognitionResult } from '../recognizers/intentRecognizer.js';
import { ordersTypedIn, unknownOrderIds } from '../recognizers/orderReference.js';
import { ADDRESS_DIALOG, AddressDialog, NEW_ADDRESS_PROMPT } from './addressDialog.js';
import { answerHumanAgent, answerKbFeedback, answerQuestion, answerSmallTalk } from './answers.js';
import { CANCEL_DIALOG, CancelDialog } from './cancelDialog.js';
import type { DialogServices } from './dialogServices.js';
import { didYouMeanActivity } from './didYouMean.js';
import { recordHandover } from './handover.js';
import { answerAboutOwnOrder, ASKS_REFUND_TIME } from './orderQuestions.js';
import { InterruptibleDialog, type RouteOptions } from './interruptibleDialog.js';
import { isHelp } from './interruptions.js';
import { INVOICE_DIALOG, InvoiceDialog } from './invoiceDialog.js';
import { MERCHANT_DIALOG, MerchantDialog } from './merchantDialog.js';
import { isNextTask } from './nextTask.js';
import { ordersNamedIn } from './orderChoicePrompt.js';
import { reply, sendOrder } from '../bot/orderReplies.js';
import { RETURN_DIALOG, ReturnDialog } from './returnDialog.js';
import { S, say, type Phrase } from '../bot/strings.js';
import { DID_YOU_MEAN } from './intentLabels.js';
import type { TaskOptions } from './taskDialog.js';
import { TRACK_DIALOG, TrackDialog } from './trackDialog.js';
import { recognizeTurn } from './turnRecognition.js';
import { requestsIn, type Request } from './requests.js';
import { T, TASK_NAME } from './phrases/taskPhrases.js';
import { goodsLine } from '../bot/orderCards.js';
import { VERIFY_PHONE_DIALOG, VerifyPhoneDialog, type VerifyPhoneOptions } from './verifyPhoneDialog.js';

export const MAIN_DIALOG = 'mainDialog';
/** The order the one request of a message names (turn state): a story around it names others. */
const REQUEST_ORDER = Symbol('RequestOrder');
const ROUTE = 'mainDialog.route';

/** Messages in a row the bot may fail to understand before a person takes over (issue: three). */
const NOT_UNDERSTOOD_BEFORE_PERSON = 3;

/** A greeting, maybe with "I have a question", and nothing else yet. */
const GREETING_ONLY = /^(亲|亲亲|您好|你好|hi|hello|hey|哈喽|嗨)?[\s,，!！~～]*(在吗|在不在|在么|在嘛|有人吗|有人在吗|客服在吗|你好|您好|hi|hello|hey|anyone there|are you there)?[\s,，!！?？~～。.]*(我想问(一)?下|想问(一)?下|请问(一)?下?|问(一)?下|有个问题|咨询(一)?下|麻烦问下|i have a question|quick question|can you help( me)?|i need (some )?help)?[\s.!?？。~～]*$/iu;

/** Letters, digits or CJK: a message without any is emoji or punctuation only. */
const HAS_WORDS = /[\p{L}\p{N}]/u;

/** Which dialog handles which order task (after-sales-policy.md groups them the same way). */
const TASK_DIALOGS: Readonly<Record<string, readonly IntentId[]>> = {
  [CANCEL_DIALOG]: ['task.cancel_order'],
  [RETURN_DIALOG]: ['task.return_refund', 'task.exchange', 'task.report_problem'],
  [TRACK_DIALOG]: ['task.track_logistics', 'task.urge_shipping'],
  [ADDRESS_DIALOG]: ['task.change_address'],
  [INVOICE_DIALOG]: ['task.request_invoice'],
  [MERCHANT_DIALOG]: ['task.contact_merchant', 'task.complain'],
};

/**
 * Policy questions that, asked about one of the buyer's own orders, are the task itself:
 * "can I return the dress?" is a return, "invoice for order X?" an invoice request.
 */
const QUESTION_ABOUT_AN_ORDER: Partial<Record<IntentId, IntentId>> = {
  'question.return_policy': 'task.return_refund',
  'question.invoice_policy': 'task.request_invoice',
  'question.shipping': 'task.track_logistics',
};

/** The order id the buyer typed: a long digit run, or (for a known buyer) one of their order ids written as it is. */
function typedOrderId(services: DialogServices, info: TurnInfo, text: string, recognition: RecognitionResult): string | undefined {
  const number = recognition.entities.find((e) => e.type === 'orderNumber')?.value;
  if (number) return number;
  const buyer = currentBuyer(info);
  return buyer ? ordersTypedIn(text, services.repos.orders.listForBuyer(buyer.id))[0]?.id : undefined;
}

/** What the bot calls each task dialog ("back to the return", "dropped the return"). */
const TASK_NAMES: Readonly<Record<string, keyof typeof TASK_NAME>> = {
  [CANCEL_DIALOG]: 'cancel',
  [RETURN_DIALOG]: 'return',
  [TRACK_DIALOG]: 'track',
  [ADDRESS_DIALOG]: 'address',
  [INVOICE_DIALOG]: 'invoice',
  [MERCHANT_DIALOG]: 'merchant',
};

/** Which task a request is, in the words the bot uses for it. */
function taskNameOf(intent: IntentId): keyof typeof TASK_NAME {
  if (intent === 'task.exchange') return 'exchange';
  const dialog = dialogForIntent(intent);
  return (dialog && TASK_NAMES[dialog]) || 'track';
}

function dialogForIntent(intent: IntentId): string | undefined {
  return Object.entries(TASK_DIALOGS).find(([, intents]) => intents.includes(intent))?.[0];
}

/**
 * The desk's root dialog: looks at each buyer message (a button, an order number, a phone number
 * from a guest, or what the recognizer makes of it) and routes it to an answer or a task dialog.
 * Interruptions in the middle of a task are the base class's.
 */
export class MainDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(MAIN_DIALOG, services, ROUTE, TASK_DIALOGS, new Set([NEW_ADDRESS_PROMPT]), TASK_NAMES);
    const dialogs: Dialog[] = [
      new VerifyPhoneDialog(services),
      new CancelDialog(services),
      new ReturnDialog(services),
      new TrackDialog(services),
      new AddressDialog(services),
      new InvoiceDialog(services),
      new MerchantDialog(services),
      new WaterfallDialog<Partial<RouteOptions>>(ROUTE, [(s) => this.routeStep(s), (s) => this.nextTaskStep(s), (s) => this.finishStep(s)]),
    ];
    for (const d of dialogs) this.addDialog(d);
    this.initialDialogId = ROUTE;
  }

  /** Runs the dialog for one turn, continuing whatever the buyer was in the middle of. */
  async run(context: TurnContext): Promise<void> {
    const dialogSet = new DialogSet(this.services.state.dialogState);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async routeStep(step: WaterfallStepContext<Partial<RouteOptions>>): Promise<DialogTurnResult> {
    const { context } = step;
    const info = turnInfo(context);
    const { activity } = context;
    if (step.options.request) return this.startRequest(step, info, step.options.request, step.options.corrected ? T.orderCorrected : step.options.changed ? T.taskChanged : T.nextRequest);
    if (step.options.recognition) {
      const several = await this.several(step, info, step.options.text ?? '');
      return several ?? this.answer(step, info, step.options.recognition.intent, step.options.text ?? '', step.options.recognition);
    }
    const text = (activity.text ?? '').trim();
    if (info.cutFrom) await context.sendActivity(say(S.messageCut, info.locale, { limit: MAX_MESSAGE_CHARS }));
    const button = info.button;
    if (button?.action === 'pickOrder') return this.showOrder(step, info, button.orderId);
    if (button?.action === 'pickIntent') return this.answer(step, info, button.intent, button.text);
    if (button?.action === 'kbFeedback') {
      await answerKbFeedback(context, this.services, info, button);
      return step.endDialog();
    }
    if (!text) {
      const count = activity.attachments?.length ?? 0;
      if (count > 0) await context.sendActivity(say(S.attachmentOnly, info.locale, { count }));
      return step.endDialog(); // an empty message is a glitch of the client: saying nothing is kindest
    }
    if (!HAS_WORDS.test(text)) {
      await reply(context, info, S.emojiOnly);
      return step.endDialog();
    }
    if (isHelp(text)) {
      await reply(context, info, S.help);
      return step.endDialog();
    }
    const recognition = await recognizeTurn(context, this.services, text);
    // "在吗 我想问下" / "hi, quick question": a greeting, whatever the classifier makes of the rest.
    if (GREETING_ONLY.test(text)) return this.answer(step, info, 'chitchat.greeting', text);
    const several = await this.several(step, info, text);
    if (several) return several;
    const yesNo = recognition.entities.find((e) => e.type === 'yesNo');
    if (yesNo && !['chitchat.thanks', 'chitchat.greeting', 'chitchat.abuse'].includes(recognition.intent)) {
      // A bare "是的" / "no" with no question pending answers nothing: never a task on the order in focus.
      await reply(context, info, yesNo.value === 'yes' ? S.yesNothingPending : S.noNothingPending);
      return step.endDialog();
    }
    const orderId = typedOrderId(this.services, info, text, recognition);
    const buyer = currentBuyer(info);
    // Only asked when it matters: matching goods words against every order of the buyer is not free.
    const aboutAnOrder = (): boolean => !!buyer && (!!orderId || ordersNamedIn(this.services, buyer, text, info.locale).length > 0);
    const asTask = QUESTION_ABOUT_AN_ORDER[recognition.intent];
    if (asTask && recognition.confidence === 'confident' && aboutAnOrder()) {
      return this.answer(step, info, asTask, text, recognition); // "连衣裙那单能退吗" is the return itself, not the policy
    }
    // Unsure between meanings, but clearly a task about one of their orders: an agent would look at
    // that order for the likeliest task and say what they'd do; nothing moves before a yes anyway.
    if (recognition.confidence === 'unsure' && recognition.kind === 'task' && recognition.intent !== 'task.human_agent' && aboutAnOrder()) {
      return this.answer(step, info, recognition.intent, text, recognition);
    }
    // A typed order number is the buyer pointing at an order: show it, unless they clearly asked for a task on it.
    // An id in the shop's format that is none of theirs gets "not found", exactly like a wrong number.
    const pointed = orderId ?? (buyer ? unknownOrderIds(text, this.services.repos.orders.listForBuyer(buyer.id))[0] : undefined);
    if (pointed && !(recognition.kind === 'task' && recognition.confidence === 'confident')) return this.showOrder(step, info, pointed);
    if (info.party.kind === 'guest' && recognition.entities.some((e) => e.type === 'phoneNumber')) {
      return step.beginDialog(VERIFY_PHONE_DIALOG, { text } satisfies VerifyPhoneOptions);
    }
    if (recognition.confidence !== 'confident' && (await this.notUnderstoodAgain(context, info))) return step.endDialog();
    if (recognition.confidence === 'unsure') {
      await context.sendActivity(didYouMeanActivity(recognition, text, info.locale));
      return step.endDialog();
    }
    if (recognition.confidence === 'confident') (await this.services.state.conversationData.get(context, {})).notUnderstoodInARow = 0;
    return this.answer(step, info, recognition.intent, text, recognition);
  }

  /**
   * Several requests in one message: says so, keeps the rest on the sender's agenda and starts the
   * first; each next one starts when the one before it ends. Undefined when the message holds one.
   */
  private async several(step: WaterfallStepContext, info: TurnInfo, text: string): Promise<DialogTurnResult | undefined> {
    if (Array.from(text).length < 6) return undefined;
    const requests = await requestsIn(step.context, this.services, text);
    const only = requests.length === 1 ? requests[0]! : undefined;
    // One request inside a story ("the kettle is fine but I need to return the lipstick"): its order is the one its own
    // words name, for whatever task the whole message asks (the route reads the intent from the whole).
    if (only?.orderId) step.context.turnState.set(REQUEST_ORDER, only.orderId);
    if (requests.length < 2) return undefined;
    const sender = await this.services.state.senderData.get(step.context, {});
    sender.agenda = requests.slice(1);
    const list = requests.map((r, k) => `${k + 1}. ${this.requestLabel(info, r)}`).join(info.locale === 'zh-CN' ? '；' : '; ');
    await step.context.sendActivity(say(T.severalRequests, info.locale, { n: requests.length, list }));
    return this.answer(step, info, requests[0]!.intent, requests[0]!.text, undefined, requests[0]!.orderId);
  }

  /** "取消订单（羊毛混纺针织开衫 燕麦色 M）": what a request is, in the buyer's words and goods. */
  private requestLabel(info: TurnInfo, request: Request): string {
    if (kindOf(request.intent) !== 'task') {
      const label = (DID_YOU_MEAN as Partial<Record<IntentId, Phrase>>)[request.intent];
      return label ? say(label, info.locale).replace(/[?？]$/u, '') : request.text;
    }
    const task = request.intent === 'task.return_refund' && ASKS_REFUND_TIME.test(request.text) ? say(TASK_NAME.refundStatus, info.locale) : say(TASK_NAME[taskNameOf(request.intent)], info.locale);
    const buyer = currentBuyer(info);
    const order = buyer && request.orderId ? this.services.repos.orders.getForBuyer(buyer.id, request.orderId) : undefined;
    return order ? (info.locale === 'zh-CN' ? `${task}（${goodsLine(order, info.locale)}）` : `${task} (${goodsLine(order, info.locale)})`) : task;
  }

  /** The next request of the agenda, announced. */
  private async startRequest(step: WaterfallStepContext, info: TurnInfo, request: Request, announce: typeof T.nextRequest): Promise<DialogTurnResult> {
    await step.context.sendActivity(say(announce, info.locale, { item: this.requestLabel(info, request) }));
    return this.answer(step, info, request.intent, request.text, undefined, request.orderId);
  }

  private async answer(step: WaterfallStepContext, info: TurnInfo, intent: IntentId, text: string, recognition?: RecognitionResult, knownOrderId?: string): Promise<DialogTurnResult> {
    const { context } = step;
    const task = dialogForIntent(intent);
    // "我的退款什么时候到账" read as a refund request: with a refund of theirs under way, it is the question about it.
    if (intent === 'task.return_refund' && ASKS_REFUND_TIME.test(text) && (await answerAboutOwnOrder(context, this.services, info, 'question.refund_time', text))) {
      return step.endDialog();
    }
    if (task) {
      const hinted = context.turnState.get(REQUEST_ORDER) as string | undefined;
      const orderId = knownOrderId ?? (recognition ? typedOrderId(this.services, info, text, recognition) : undefined) ?? hinted;
      return step.beginDialog(task, { intent, text, ...(orderId ? { orderId } : {}) } satisfies TaskOptions);
    }
    if (intent === 'chitchat.greeting') {
      // Greeted already (this turn or earlier): "在吗" / "hello?" gets a short "I'm here", not the welcome and its orders again.
      if (!info.greetedThisTurn) await reply(context, info, S.stillHere);
    } else if (intent === 'task.human_agent') {
      await answerHumanAgent(context, this.services, info);
    } else if (kindOf(intent) === 'question') {
      // "退款什么时候到账" with a refund of theirs under way: that refund, not the article.
      if (!(await answerAboutOwnOrder(context, this.services, info, intent, text))) await answerQuestion(context, this.services, info, intent);
    } else if (!(await answerSmallTalk(context, this.services, info, intent))) {
      // Never the same words twice in a row: the second "sorry?" asks differently, with examples of other kinds.
      const { notUnderstoodInARow = 0 } = await this.services.state.conversationData.get(context, {});
      await reply(context, info, notUnderstoodInARow >= 2 ? S.notUnderstoodAgain : S.notUnderstood);
    }
    return step.endDialog();
  }

  /**
   * Counts messages the bot could not understand in a row; at `NOT_UNDERSTOOD_BEFORE_PERSON` a
   * person takes over instead of another "sorry?". True when it handed over.
   */
  private async notUnderstoodAgain(context: TurnContext, info: TurnInfo): Promise<boolean> {
    const data = await this.services.state.conversationData.get(context, {});
    data.notUnderstoodInARow = (data.notUnderstoodInARow ?? 0) + 1;
    if (data.notUnderstoodInARow < NOT_UNDERSTOOD_BEFORE_PERSON) return false;
    data.notUnderstoodInARow = 0;
    await reply(context, info, S.notUnderstoodPerson);
    const { focusOrderId } = await this.services.state.senderData.get(context, {});
    await recordHandover(context, this.services, { reason: 'not_understood_3_in_a_row', ...(focusOrderId ? { orderId: focusOrderId } : {}) });
    return true;
  }

  /** An order picked or typed: a guest proves a phone first; a buyer sees it only if it is theirs, and it becomes the focus. */
  private async showOrder(step: WaterfallStepContext, info: TurnInfo, orderId: string): Promise<DialogTurnResult> {
    const buyer = currentBuyer(info);
    if (!buyer) return step.beginDialog(VERIFY_PHONE_DIALOG, { orderId } satisfies VerifyPhoneOptions);
    if (await sendOrder(step.context, this.services.repos, info, buyer, orderId)) {
      const sender = await this.services.state.senderData.get(step.context, {});
      sender.focusOrderId = orderId.trim();
    }
    return step.endDialog();
  }

  /** A task that ended by asking for another (a cancel that became a return) goes on with it. */
  private async nextTaskStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isNextTask(step.result)) {
      const next = step.result.startTask;
      const dialog = dialogForIntent(next.intent);
      if (dialog) return step.beginDialog(dialog, next);
    }
    return step.next();
  }

  /** A task is over: the next request on the agenda, if the buyer asked for several. */
  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const sender = await this.services.state.senderData.get(step.context, {});
    const next = sender.agenda?.shift();
    if (sender.agenda?.length === 0) delete sender.agenda;
    if (next) return step.replaceDialog(ROUTE, { request: next } satisfies Partial<RouteOptions>);
    return step.endDialog();
  }
}
