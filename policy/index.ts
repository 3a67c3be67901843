/**
 * The after-sales policy of `after-sales-policy.md` as pure functions over plain data
 * (order, buyer, merchant, now, settings → decision with its rule id), free of Bot Framework.
 * Search a rule id (e.g. `return.risky_buyer`) to find its code here and its tests in test/policy/.
 */
export { RULE_IDS, decide, type Decision, type RuleId } from './decision.js';
export { DEFAULT_SETTINGS, settingsFor, type MerchantOverrides, type PolicySettings } from './settings.js';
export * as facts from './facts.js';
export { decideCancel } from './cancel.js';
export { decideReturn, type ReturnKind } from './returns.js';
export { decideTracking, type TrackingAsk } from './tracking.js';
export { decideAddress } from './address.js';
export { decideInvoice } from './invoice.js';
export { decideMerchantUnresponsive } from './merchant.js';
