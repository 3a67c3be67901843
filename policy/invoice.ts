/** `task.invoice`: the invoice row of after-sales-policy.md (`invoice.request`). */
import type { Order } from '../data/shopSchema.js';
import { decide, type Decision } from './decision.js';
import { isPaid } from './facts.js';
import type { PolicySettings } from './settings.js';

/**
 * What the desk does when the buyer wants an invoice for `order`: for a paid order, request it
 * from the merchant and say when to expect it (`invoiceBusinessDays`); an unpaid order gets the
 * same rule with action `explain` (invoices follow payment).
 */
export function decideInvoice(order: Order, settings: PolicySettings): Decision {
  if (!isPaid(order)) return decide('invoice.request', 'explain', 'not_paid;invoice_after_payment');
  return decide('invoice.request', 'request_invoice', `paid;expect_within_${settings.invoiceBusinessDays}_business_days`);
}
