import type { TurnContext } from 'botbuilder';
import type { Locale } from '../data/shopSchema.js';
import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext } from 'botbuilder-dialogs';
import { MAX_FAILED_PHONE_CHECKS_PER_SENDER } from '../bot/phoneGuesses.js';
import { senderKey, setTurnInfo, turnInfo } from '../bot/turnInfo.js';
import { findPhoneNumbers } from '../recognizers/entities.js';
import type { DialogServices } from './dialogServices.js';
import { sendOrder, sendRecentOrders } from '../bot/orderReplies.js';
import { S, say } from '../bot/strings.js';
import { T } from './phrases/taskPhrases.js';

export const VERIFY_PHONE_DIALOG = 'verifyPhoneDialog';
export const PHONE_PROMPT = 'verifyPhoneDialog.phonePrompt';
const STEPS = 'verifyPhoneDialog.steps';

/** Phone numbers without a match a guest may try (per sender and day, see bot/phoneGuesses.ts). */
export const MAX_PHONE_CHECKS = MAX_FAILED_PHONE_CHECKS_PER_SENDER;
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
 * Asks a guest for the phone number on an order before any order is shown; a match makes this
 * sender that buyer in this conversation only (another member of a group conversation stays a
 * guest), and shows their orders (or the order they named). Failed checks are limited per sender
 * and overall (`PhoneGuessLimiter`), whatever conversation they come from.
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
    if (await this.refused(step.context, locale)) return step.endDialog();
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
    if (await this.refused(context, info.locale)) return step.endDialog();
    const buyer = this.services.repos.buyers.findByPhone(phone.value);
    if (!buyer) {
      const left = this.services.guesses.failed(senderKey(context.activity));
      await context.sendActivity(say(S.phoneNoMatch, info.locale));
      return left > 0 ? step.replaceDialog(STEPS, { orderId: step.options.orderId, forTask: step.options.forTask }) : step.endDialog();
    }
    const sender = await this.services.state.senderData.get(context, {});
    sender.verifiedBuyerId = buyer.id;
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

  /** True (and the guest told why) when no number may be checked now: this sender's guesses or the desk's are used up. */
  private async refused(context: TurnContext, locale: Locale): Promise<boolean> {
    const refusal = this.services.guesses.refusal(senderKey(context.activity));
    if (!refusal) return false;
    await context.sendActivity(say(refusal === 'sender' ? S.phoneAttemptsUsedUp : S.phoneChecksPaused, locale));
    return true;
  }
}
