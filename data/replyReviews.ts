/**
 * Managers' decisions on mined replies (web.md "Mined replies"): approved (optionally edited) or
 * rejected. Only approved replies are offered to agents; the decisions outlive every re-mining,
 * since a reply's id is stable (its intent and normalized form).
 */

/** One decision. */
export interface ReplyReview {
  id: string;
  intent: string;
  status: 'approved' | 'rejected';
  /** The text agents are offered: the mined wording, or the manager's edit. */
  text: string;
  reviewedBy: string;
  reviewedAt: string;
}

/** The decisions: a small JSON file beside the store on lowdb, a table on PostgreSQL. */
export interface ReplyReviews {
  list(): Promise<ReplyReview[]>;
  /** Records a decision (a later one replaces an earlier one of the same reply). */
  put(review: ReplyReview): Promise<void>;
  close(): Promise<void>;
}
