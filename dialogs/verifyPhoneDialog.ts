import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { setTurnInfo, turnInfo } from '../bot/turnInfo.js';
import { findPhoneNumbers } from '../recognizers/entities.js';
import type { DialogServices } from './dialogServices.js';
import { sendOrder, sendRecentOrders } from './orderReplies.js';
import { S, say } from './strings.js';
import { T } from './phrases/taskPhrases.js';

export const VERIFY_PHONE_DIALOG = 'verifyPhoneDialog';
const PHONE_PROMPT = 'verifyPhoneDialog.phonePrompt';
const STEPS = 'verifyPhoneDialog.steps';

/** Phone numbers a guest may try in one conversation: enough for typos, too few to guess someone's. */
export const MAX_PHONE_CHECKS = 5;
/** Times the prompt asks again for something that is not a phone number before letting go. */
const MAX_PROMPT_ATTEMPTS = 3;

/** What the dialog is started with: the guest's message (it may already hold the phone) and an order they named. */
export interface VerifyPhoneOptions {
  text?: string;
  orderId?: string;
  /** Started by a task that goes on once the guest is verified: say "that's you" and end with the buyer id. */
  forTask?: boolean;
}

/**
 * Asks a guest for the phone number on an order before any order is shown; a match makes them
 * that buyer for this conversation only, and shows their orders (or the order they named).
 */
export class VerifyPhoneDialog extends ComponentDialog {
  constructor(private readonly services: DialogServices) {
    super(VERIFY_PHONE_DIALOG);
    this.addDialog(new TextPrompt(PHONE_PROMPT, (pc) => this.validatePhone(pc)));
    this.addDialog(new WaterfallDialog<VerifyPhoneOptions>(STEPS, [(s) => this.askPhoneStep(s), (s) => this.checkPhoneStep(s)]));
    this.initialDialogId = STEPS;
  }

  private async askPhoneStep(step: WaterfallStepContext<VerifyPhoneOptions>): Promise<DialogTurnResult> {
    const { locale } = turnInfo(step.context);
    const text = step.options.text ?? '';
    if (findPhoneNumbers(text, locale).length > 0) return step.next(text);
    return step.prompt(PHONE_PROMPT, { prompt: say(S.askPhone, locale), retryPrompt: say(S.phoneNotRecognized, locale) });
  }

  private async validatePhone(pc: PromptValidatorContext<string>): Promise<boolean> {
    const { locale } = turnInfo(pc.context);
    return findPhoneNumbers(pc.recognized.value ?? '', locale).length > 0 || pc.attemptCount >= MAX_PROMPT_ATTEMPTS;
  }

  private async checkPhoneStep(step: WaterfallStepContext<VerifyPhoneOptions>): Promise<DialogTurnResult> {
    const { context } = step;
    const info = turnInfo(context);
    const phone = findPhoneNumbers(String(step.result ?? ''), info.locale)[0];
    if (!phone) {
      await context.sendActivity(say(S.notUnderstood, info.locale));
      return step.endDialog();
    }
    const data = await this.services.state.conversationData.get(context, {});
    data.phoneChecks = (data.phoneChecks ?? 0) + 1;
    if (data.phoneChecks > MAX_PHONE_CHECKS) {
      await context.sendActivity(say(S.phoneAttemptsUsedUp, info.locale));
      return step.endDialog();
    }
    const buyer = this.services.repos.buyers.findByPhone(phone.value);
    if (!buyer) {
      await context.sendActivity(say(S.phoneNoMatch, info.locale));
      return data.phoneChecks < MAX_PHONE_CHECKS ? step.replaceDialog(STEPS, { orderId: step.options.orderId, forTask: step.options.forTask }) : step.endDialog();
    }
    data.verifiedBuyerId = buyer.id;
    const verified = { ...info, party: { kind: 'buyer' as const, buyer, verifiedByPhone: true } };
    setTurnInfo(context, verified);
    if (step.options.forTask) {
      await context.sendActivity(say(T.verifiedForTask, info.locale, { name: buyer.name }));
      return step.endDialog(buyer.id);
    }
    if (step.options.orderId) {
      await sendOrder(context, this.services.repos, verified, buyer, step.options.orderId);
    } else {
      const name = { name: buyer.name };
      await sendRecentOrders(context, this.services.repos, verified, buyer, say(S.phoneVerified, info.locale, name), say(S.phoneVerifiedNoOrders, info.locale, name));
    }
    return step.endDialog();
  }
}
