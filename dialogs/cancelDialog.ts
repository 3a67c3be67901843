import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decideCancel } from '../policy/index.js';
import type { DialogServices } from './dialogServices.js';
import { CANCEL } from './phrases/cancelPhrases.js';
import { T } from './phrases/taskPhrases.js';
import { STATUS_LABEL, say } from '../bot/strings.js';
import { TaskDialog, type OrderContext, type TaskOptions } from './taskDialog.js';
import type { NextTask } from './nextTask.js';

export const CANCEL_DIALOG = 'cancelDialog';
const STEPS = 'cancelDialog.steps';

/**
 * `task.cancel_order`: settles the order, gives the `cancel.*` decision in a sentence, and after
 * a yes cancels (refunding a paid order), stops the parcel, asks the seller, or moves on to a return.
 */
export class CancelDialog extends TaskDialog {
  constructor(services: DialogServices) {
    super(CANCEL_DIALOG, services, 'cancel');
    this.addDialog(new WaterfallDialog<TaskOptions>(STEPS, [...this.sharedSteps(), (s) => this.decideStep(s), (s) => this.cancelStep(s)]));
    this.initialDialogId = STEPS;
  }

  protected relevant(order: OrderContext['order']): boolean {
    return ['unpaid', 'paid', 'shipped'].includes(order.status);
  }

  private async decideStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const oc = await this.settledOrder(step);
    if (!oc) return step.endDialog();
    const decision = decideCancel(oc.order);
    await this.reportDecision(step, oc, decision);
    const { locale } = oc.info;
    const f = oc.facts;
    if (decision.action === 'explain') {
      await this.sayWithCard(step.context, oc, say(CANCEL.ended, locale, { ...f, status: say(STATUS_LABEL[oc.order.status], locale) }));
      return step.endDialog();
    }
    switch (decision.rule) {
      case 'cancel.unpaid':
        return this.ask(step, say(CANCEL.unpaid, locale, f), { yes: 'cancelYes', no: 'keep' }, oc, { confirms: 'cancel' });
      case 'cancel.paid_unshipped':
        return this.ask(step, say(CANCEL.paidUnshipped, locale, f), { yes: 'cancelYes', no: 'keep' }, oc, { confirms: 'cancel_and_refund' });
      case 'cancel.in_transit':
        return this.ask(step, say(CANCEL.inTransit, locale, f), { yes: 'yes', no: 'no' }, oc, {
          confirms: 'intercept_parcel',
          other: { key: 'refuseAtDoor', params: { id: oc.order.id, amount: f.amount } },
        });
      case 'cancel.shipped_after_request':
        return this.ask(step, say(CANCEL.shippedAfterRequest, locale, f), { yes: 'yes', no: 'no' }, oc, { confirms: 'refuse_parcel_merchant_pays' });
      case 'cancel.delivered':
        return this.ask(step, say(CANCEL.delivered, locale, f), { yes: 'yes', no: 'no' }, oc);
      default:
        return this.ask(step, say(CANCEL.virtualDelivered, locale, f), { yes: 'yes', no: 'no' }, oc);
    }
  }

  /** After the yes: the action of the rule, compare-and-set on the status the decision saw. */
  private async cancelStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    if (step.result !== true) return this.leftAsIs(step);
    const oc = this.orderContext(step);
    const { decision, expect } = this.draft(step);
    if (!oc || !decision || !expect) return step.endDialog();
    const by = this.actionBy(step, oc, decision.rule);
    const { actions } = this.services;
    const { locale } = oc.info;
    const id = oc.order.id;
    switch (decision.rule) {
      case 'cancel.unpaid':
        await this.sayOutcome(step.context, oc, await actions.cancel(id, expect, by), say(CANCEL.unpaidDone, locale, oc.facts));
        break;
      case 'cancel.paid_unshipped':
        await this.sayOutcome(step.context, oc, await actions.cancelAndRefund(id, expect, by), say(CANCEL.paidUnshippedDone, locale, oc.facts));
        break;
      case 'cancel.in_transit':
        await this.sayOutcome(step.context, oc, await actions.stopParcel(id, expect, by, false), say(CANCEL.inTransitDone, locale, oc.facts));
        break;
      case 'cancel.shipped_after_request':
        await this.sayOutcome(step.context, oc, await actions.stopParcel(id, expect, by, true), say(CANCEL.shippedAfterRequestDone, locale, oc.facts));
        break;
      case 'cancel.delivered':
        return step.endDialog({ startTask: { intent: 'task.return_refund', text: '', orderId: id } } satisfies NextTask);
      default:
        await this.sayOutcome(step.context, oc, await actions.messageMerchant(id, expect, by, 'cancel_unused_virtual_goods'), say(T.merchantAsked, locale, oc.facts));
    }
    return step.endDialog();
  }
}
