/**
 * The numbers of after-sales-policy.md, each a default a merchant can change. Every setting says
 * in one line why it exists, so a merchant knows what they are tuning.
 */

/** The tunable numbers behind the after-sales rules. */
export interface PolicySettings {
  /** `return.no_reason`: days after delivery (inclusive) a buyer may return without giving a reason. */
  readonly noReasonReturnDays: number;
  /** `return.quality`: days after delivery (inclusive) a faulty, wrong or incomplete item can be returned or exchanged. */
  readonly qualityReturnDays: number;
  /** `return.review_amount`: a refund strictly above this, in the order currency, is reviewed by a person first. */
  readonly reviewAmount: number;
  /** `return.risky_buyer`: this many refunds in the last 30 days (or more) stops automatic refunds. */
  readonly riskyRefundCount: number;
  /** `track.stalled`: hours (inclusive) without a tracking update after which a parcel counts as stalled. */
  readonly stallHours: number;
  /** `return.merchant_flagged`: a merchant rated below this is flagged and disputes go the buyer's way. */
  readonly merchantMinRating: number;
  /** `invoice.request`: business days the merchant has to issue an invoice, told to the buyer. */
  readonly invoiceBusinessDays: number;
}

/** The platform defaults of after-sales-policy.md. */
export const DEFAULT_SETTINGS: PolicySettings = Object.freeze({
  noReasonReturnDays: 7,
  qualityReturnDays: 15,
  reviewAmount: 2000,
  riskyRefundCount: 3,
  stallHours: 72,
  merchantMinRating: 4.0,
  invoiceBusinessDays: 3,
});

/** Per-merchant changes to the defaults, keyed by merchant id. */
export type MerchantOverrides = Readonly<Record<string, Partial<PolicySettings>>>;

/**
 * The settings that apply to `merchantId`: the defaults with that merchant's overrides on top.
 * An override that is not a finite number is ignored, so a bad config cannot switch a rule off.
 */
export function settingsFor(merchantId: string, overrides: MerchantOverrides = {}): PolicySettings {
  const own = overrides[merchantId] ?? {};
  const merged: Record<string, number> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(own)) {
    if (key in DEFAULT_SETTINGS && typeof value === 'number' && Number.isFinite(value)) merged[key] = value;
  }
  return Object.freeze(merged as unknown as PolicySettings);
}
