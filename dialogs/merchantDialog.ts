import { merchantName } from '../bot/englishNames.js';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decideMerchantUnresponsive } from '../policy/index.js';
import type { DialogServices } from './dialogServices.js';
import { MERCHANT } from './phrases/addressPhrases.js';
import { T } from './phrases/taskPhrases.js';
import { say } from '../bot/strings.js';
import { TaskDialog, type OrderContext, type TaskOptions } from './taskDialog.js';

/** The buyer saying the seller does not answer. */
const NO_REPLY = /不回|没回|不理|没理|联系不上|找不到商家|没人回|没有回复|不回复|已读不回|没反应|no (reply|response|answer)|not (replying|responding|answering)|ignor|has ?n[o']?t (replied|answered|responded|gotten back)|never (replied|answered|responded|got back)|won'?t (reply|respond|answer)|can'?t (reach|get hold of)|unresponsive/iu;

export const MERCHANT_DIALOG = 'merchantDialog';
const STEPS = 'merchantDialog.steps';

/**
 * `task.contact_merchant`, `task.complain`: settles the order and gives `merchant.unresponsive`:
 * a person takes over, with the seller's contact handle for that order ready for them.
 */
export class MerchantDialog extends TaskDialog {
  constructor(services: DialogServices) {
    super(MERCHANT_DIALOG, services, 'merchant');
    this.addDialog(new WaterfallDialog<TaskOptions>(STEPS, [...this.sharedSteps(), (s) => this.handoverStep(s)]));
    this.initialDialogId = STEPS;
  }

  protected relevant(order: OrderContext['order']): boolean {
    return !['unpaid', 'cancelled', 'closed'].includes(order.status);
  }

  private async handoverStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const oc = await this.settledOrder(step);
    if (!oc) return step.endDialog();
    const decided = decideMerchantUnresponsive(oc.order, oc.merchant);
    // Recorded for what the buyer said: a complaint is a complaint, "the seller won't answer" only when they said so.
    const why = step.options.intent === 'task.complain' ? 'buyer_complaint' : NO_REPLY.test(step.options.text) ? 'seller_unresponsive' : 'buyer_wants_seller';
    const decision = { ...decided, reason: decided.reason.replace(/^seller_unresponsive/, why) };
    await this.reportDecision(step, oc, decision);
    const { locale } = oc.info;
    // "The seller hasn't answered" only when the buyer said so: the bot states no fact it was not given.
    const phrase = step.options.intent === 'task.complain' ? MERCHANT.complaint : NO_REPLY.test(step.options.text) ? MERCHANT.unresponsive : MERCHANT.contact;
    await this.sayWithCard(step.context, oc, `${say(phrase, locale, { ...oc.facts, merchant: merchantName(oc.merchant, locale) })}\n\n${say(T.handoverNext, locale)}`);
    return step.endDialog();
  }
}
