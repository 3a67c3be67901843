import { ORDER_STATUSES, type Locale, type OrderStatus } from '../../data/shopSchema.js';
import { CARD, STATUS_LABEL, say } from '../../bot/strings.js';
import type { DecisionTrace } from '../support/ruleTranscripts.js';
import type { Reply } from './soakChannel.js';

export type { DecisionTrace };

/** A button under a message. */
export interface Button {
  text?: string;
  value?: unknown;
}

/** The decision traces among the replies. */
export function decisions(replies: readonly Reply[]): DecisionTrace[] {
  return replies.filter((r) => r.type === 'trace' && r.name === 'AfterSalesDecision').map((r) => r.value as DecisionTrace);
}

/** The message texts of the replies. */
export function texts(replies: readonly Reply[]): string[] {
  return replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
}

/** The yes or the no button of a yes-or-no question (value `{action:'yesNo', yes}`, dialogs/yesNoPrompt.ts). */
export function yesNoButton(replies: readonly Reply[], yes: boolean): Button | undefined {
  return replies
    .flatMap((r) => r.suggestedActions?.actions ?? [])
    .find((a) => {
      const v = a.value as { action?: string; yes?: boolean } | undefined;
      return v?.action === 'yesNo' && v.yes === yes;
    });
}

/** True when the replies end in a yes-or-no question. */
export function asksYesNo(replies: readonly Reply[]): boolean {
  return yesNoButton(replies, true) !== undefined && yesNoButton(replies, false) !== undefined;
}

/** The order cards' facts (title → value), one map per adaptive card of one reply. */
function cardFacts(reply: Reply): Record<string, string>[] {
  return (reply.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => {
      const body = (a.content as { body?: { type: string; facts?: { title: string; value: string }[] }[] } | undefined)?.body ?? [];
      const facts = body.find((b) => b.type === 'FactSet')?.facts ?? [];
      return Object.fromEntries(facts.map((f) => [f.title, f.value]));
    });
}

/** What an acknowledgement of an order action shows: the order's card in its new status (and, for an address, the new line). */
export interface AckExpectation {
  orderId: string;
  status: OrderStatus;
  locale: Locale;
  /** The new address line the confirmation repeats (address changes only). */
  line?: string;
}

/**
 * True when `reply` acknowledges the action: a message (not a question: no yes/no buttons) with
 * the order's card showing the expected status, as `TaskDialog.sayOutcome` sends it after the
 * change is on disk. "The order moved meanwhile" has no card, so it is never taken for one.
 */
export function isAcknowledgement(reply: Reply, expected: AckExpectation): boolean {
  if (reply.type !== 'message' || asksYesNo([reply])) return false;
  if (expected.line !== undefined && !(reply.text ?? '').includes(expected.line)) return false;
  const orderNo = say(CARD.orderNo, expected.locale);
  const status = say(CARD.status, expected.locale);
  const label = say(STATUS_LABEL[expected.status], expected.locale);
  return cardFacts(reply).some((facts) => facts[orderNo] === expected.orderId && facts[status] === label);
}

/** The status an order's card among the replies shows (the last such card), read back from its label. */
export function shownStatus(replies: readonly Reply[], orderId: string, locale: Locale): OrderStatus | undefined {
  const orderNo = say(CARD.orderNo, locale);
  const status = say(CARD.status, locale);
  const facts = replies.flatMap(cardFacts).filter((f) => f[orderNo] === orderId).at(-1);
  return ORDER_STATUSES.find((s) => facts && say(STATUS_LABEL[s], locale) === facts[status]);
}
