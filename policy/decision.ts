/** The decision every policy function returns, and the rule ids of after-sales-policy.md. */

/** The rule ids of after-sales-policy.md, verbatim: a contract with the bot, analytics and tests. */
export const RULE_IDS = [
  'cancel.unpaid',
  'cancel.paid_unshipped',
  'cancel.in_transit',
  'cancel.shipped_after_request',
  'cancel.delivered',
  'cancel.virtual_delivered',
  'return.no_reason',
  'return.not_returnable',
  'return.quality',
  'return.expired',
  'return.review_amount',
  'return.risky_buyer',
  'return.merchant_flagged',
  'track.before_ship_by',
  'track.late_shipment',
  'track.in_transit',
  'track.stalled',
  'address.unshipped',
  'address.shipped',
  'invoice.request',
  'merchant.unresponsive',
] as const;

/** One rule id of after-sales-policy.md. */
export type RuleId = (typeof RULE_IDS)[number];

/** What the desk decides for one order and one request. */
export interface Decision {
  /** The rule of after-sales-policy.md that decided. */
  readonly rule: RuleId;
  /** A short machine id of what the desk offers, such as `cancel` or `start_return`. */
  readonly action: string;
  /** True where a person takes over. */
  readonly handover: boolean;
  /** A short machine-readable explanation (not buyer text), such as `delivered_3.0d_within_7d`. */
  readonly reason: string;
  /** `merchant.unresponsive`: the merchant's contact handle, ready for the agent. */
  readonly merchantContact?: string;
}

/** A decision; a helper so every policy file builds them the same way. */
export function decide(rule: RuleId, action: string, reason: string, handover = false): Decision {
  return { rule, action, handover, reason };
}
