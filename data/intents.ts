/**
 * The intent ids of `intents.md`, verbatim: a contract shared by classifier, dialogs, analytics
 * and evaluation. Kinds are derived from the prefix, so the two can never disagree.
 */
export const INTENTS = [
  'chitchat.greeting',
  'chitchat.thanks',
  'chitchat.goodbye',
  'chitchat.bot_identity',
  'chitchat.fun',
  'chitchat.mood',
  'chitchat.abuse',
  'chitchat.off_topic',
  'question.return_policy',
  'question.refund_time',
  'question.shipping',
  'question.coupon',
  'question.invoice_policy',
  'question.payment',
  'question.account',
  'question.price_protection',
  'question.warranty',
  'question.membership',
  'task.cancel_order',
  'task.return_refund',
  'task.exchange',
  'task.track_logistics',
  'task.urge_shipping',
  'task.change_address',
  'task.request_invoice',
  'task.report_problem',
  'task.contact_merchant',
  'task.complain',
  'task.human_agent',
  'none',
] as const;

export type IntentId = (typeof INTENTS)[number];
export type IntentKind = 'chitchat' | 'question' | 'task' | 'none';

/** The kind of an intent: `task.cancel_order` → `task`; `none` → `none`. */
export function kindOf(intent: IntentId): IntentKind {
  return intent === 'none' ? 'none' : (intent.split('.')[0] as IntentKind);
}

/** True for a string that is an intent id of `intents.md`. */
export function isIntentId(value: string): value is IntentId {
  return (INTENTS as readonly string[]).includes(value);
}

/** The `question.*` intents: each needs a knowledge-base answer in both languages. */
export const QUESTION_INTENTS = INTENTS.filter((i) => i.startsWith('question.'));
