import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { decideInvoice, facts } from '../policy/index.js';
import type { DialogServices } from './dialogServices.js';
import { formatTime, timeZoneOf } from '../bot/format.js';
import { INVOICE } from './phrases/addressPhrases.js';
import { say } from '../bot/strings.js';
import { TaskDialog, type OrderContext, type TaskOptions } from './taskDialog.js';

export const INVOICE_DIALOG = 'invoiceDialog';
const STEPS = 'invoiceDialog.steps';

/**
 * `task.request_invoice`: settles the order and gives `invoice.request`: a paid order's invoice is
 * requested from the seller at once (nothing moves money, so no yes is needed) with when to expect it.
 */
export class InvoiceDialog extends TaskDialog {
  constructor(services: DialogServices) {
    super(INVOICE_DIALOG, services, 'invoice');
    this.addDialog(new WaterfallDialog<TaskOptions>(STEPS, [...this.sharedSteps(), (s) => this.requestStep(s)]));
    this.initialDialogId = STEPS;
  }

  protected relevant(order: OrderContext['order']): boolean {
    return facts.isPaid(order) && !facts.isEnded(order);
  }

  private async requestStep(step: WaterfallStepContext<TaskOptions>): Promise<DialogTurnResult> {
    const oc = await this.settledOrder(step);
    if (!oc) return step.endDialog();
    const decision = decideInvoice(oc.order, oc.settings);
    await this.reportDecision(step, oc, decision);
    const { locale } = oc.info;
    const days = oc.settings.invoiceBusinessDays;
    if (decision.action === 'explain') {
      await this.sayWithCard(step.context, oc, say(INVOICE.unpaid, locale, oc.facts));
    } else if (oc.order.invoiceRequestedAt) {
      const at = formatTime(oc.order.invoiceRequestedAt, locale, timeZoneOf(oc.buyer, locale));
      await this.sayWithCard(step.context, oc, say(INVOICE.already, locale, { ...oc.facts, days, at }));
    } else {
      const by = this.actionBy(step, oc, decision.rule);
      const result = await this.services.actions.requestInvoice(oc.order.id, oc.order.status, by);
      await this.sayOutcome(step.context, oc, result, say(INVOICE.requested, locale, { ...oc.facts, days }));
    }
    return step.endDialog();
  }
}
