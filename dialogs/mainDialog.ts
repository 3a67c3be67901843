import type { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { sendTrace } from '../bot/traces.js';
import { currentBuyer, turnInfo, type TurnInfo } from '../bot/turnInfo.js';
import { MAX_MESSAGE_CHARS } from '../bot/turnInfoMiddleware.js';
import { findEntities, type Entity } from '../recognizers/entities.js';
import { kindOf, type IntentId } from '../recognizers/intents.js';
import { resolveOrderReference } from '../recognizers/orderReference.js';
import { timeZoneOf } from './format.js';
import type { DialogServices } from './dialogServices.js';
import { didYouMeanActivity, isPickIntentValue, type PickIntentValue } from './didYouMean.js';
import { isPickOrderValue } from './orderCards.js';
import { SMALL_TALK } from './smallTalk.js';
import { reply, sendGreeting, sendOrder, sendRecentOrders } from './orderReplies.js';
import { S, say } from './strings.js';
import { VERIFY_PHONE_DIALOG, VerifyPhoneDialog, type VerifyPhoneOptions } from './verifyPhoneDialog.js';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE = 'mainDialog.route';

/** Letters, digits or CJK: a message without any is emoji or punctuation only. */
const HAS_WORDS = /[\p{L}\p{N}]/u;

/**
 * The desk's root dialog: looks at each buyer message (an order picked, an order number, a phone
 * number from a guest, or what the recognizer makes of it) and routes it. Task dialogs join here.
 */
export class MainDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(MAIN_DIALOG);
    this.addDialog(new VerifyPhoneDialog(services));
    this.addDialog(new WaterfallDialog(ROUTE, [(s) => this.routeStep(s), (s) => this.finishStep(s)]));
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

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const info = turnInfo(context);
    const { activity } = context;
    const text = (activity.text ?? '').trim();
    if (info.cutFrom) await context.sendActivity(say(S.messageCut, info.locale, { limit: MAX_MESSAGE_CHARS }));
    if (isPickOrderValue(activity.value)) return this.showOrder(step, info, activity.value.orderId);
    if (isPickIntentValue(activity.value)) return this.answerPicked(step, info, activity.value);
    if (!text) {
      const count = activity.attachments?.length ?? 0;
      if (count > 0) await context.sendActivity(say(S.attachmentOnly, info.locale, { count }));
      return step.endDialog(); // an empty message is a glitch of the client: saying nothing is kindest
    }
    if (!HAS_WORDS.test(text)) {
      await reply(context, info, S.emojiOnly);
      return step.endDialog();
    }
    const recognition = await this.services.recognizer.recognize(text, info.locale, this.services.now());
    await sendTrace(context, 'IntentRecognition', recognition);
    const orderNumber = recognition.entities.find((e) => e.type === 'orderNumber');
    // A typed order number is the buyer pointing at an order: show it, unless they clearly asked for a task on it.
    if (orderNumber && !(recognition.kind === 'task' && recognition.confidence === 'confident')) return this.showOrder(step, info, orderNumber.value);
    if (info.party.kind === 'guest' && recognition.entities.some((e) => e.type === 'phoneNumber')) {
      return step.beginDialog(VERIFY_PHONE_DIALOG, { text } satisfies VerifyPhoneOptions);
    }
    if (recognition.confidence === 'unsure') {
      await context.sendActivity(didYouMeanActivity(recognition, text, info.locale));
      return step.endDialog();
    }
    return this.answer(step, info, recognition.intent, text, recognition.entities);
  }

  /** A "did you mean" button: go on as if the buyer had written that intent. */
  private async answerPicked(step: WaterfallStepContext, info: TurnInfo, picked: PickIntentValue): Promise<DialogTurnResult> {
    const entities = findEntities(picked.text, info.locale, this.services.now()); // the intent is the buyer's pick: only the entities are needed
    return this.answer(step, info, picked.intent, picked.text, entities);
  }

  private async answer(step: WaterfallStepContext, info: TurnInfo, intent: IntentId, text: string, entities: Entity[]): Promise<DialogTurnResult> {
    const { context } = step;
    const buyer = currentBuyer(info);
    const smallTalk = SMALL_TALK[intent];
    if (intent === 'chitchat.greeting') {
      if (!info.greetedThisTurn) await sendGreeting(context, this.services.repos, info);
    } else if (smallTalk) {
      await reply(context, info, smallTalk);
    } else if (intent === 'task.human_agent') {
      await reply(context, info, S.humanNotYet);
    } else if (kindOf(intent) === 'task') {
      const orderNumber = entities.find((e) => e.type === 'orderNumber');
      if (!buyer) return step.beginDialog(VERIFY_PHONE_DIALOG, { orderId: orderNumber?.value } satisfies VerifyPhoneOptions);
      if (orderNumber) return this.showOrder(step, info, orderNumber.value);
      const orders = this.services.repos.orders.listForBuyer(buyer.id);
      const named = resolveOrderReference(text, entities, orders, timeZoneOf(buyer, info.locale));
      if (named.length === 1) return this.showOrder(step, info, named[0]!.order.id);
      const choices = named.length > 1 ? named.map((m) => m.order) : undefined;
      await sendRecentOrders(context, this.services.repos, info, buyer, say(S.acknowledged, info.locale), say(S.noOrders, info.locale), choices);
    } else if (kindOf(intent) === 'question') {
      const entry = this.services.repos.knowledgeBase.forIntent(intent)[0];
      await context.sendActivity(entry ? (info.locale === 'zh-CN' ? entry.answer.zh : entry.answer.en) : say(S.noKnowledge, info.locale));
    } else {
      await reply(context, info, S.notUnderstood);
    }
    return step.endDialog();
  }

  /** An order picked or typed: a guest proves a phone first; a buyer sees it only if it is theirs. */
  private async showOrder(step: WaterfallStepContext, info: TurnInfo, orderId: string): Promise<DialogTurnResult> {
    const buyer = currentBuyer(info);
    if (!buyer) return step.beginDialog(VERIFY_PHONE_DIALOG, { orderId } satisfies VerifyPhoneOptions);
    await sendOrder(step.context, this.services.repos, info, buyer, orderId);
    return step.endDialog();
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog();
  }
}
