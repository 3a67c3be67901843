import type { Phrase } from '../bot/strings.js';

/**
 * Other ways a yes-or-no question offers besides its action, chosen in words: "I can intercept the
 * parcel, or you can refuse it at the door" answered "那就拒收吧". The prompt's options carry the
 * key and the sentence's parameters (JSON, as dialog state is saved).
 */
export interface OtherAnswer {
  key: keyof typeof OTHER_ANSWERS;
  params: { id: string; amount: string };
}

export const OTHER_ANSWERS = {
  refuseAtDoor: {
    pattern: /拒收|不签收|refuse (it|the parcel|the package|delivery)|reject (it|the parcel|the package|delivery)|refuse at the door/iu,
    reply: {
      zh: (p: OtherAnswer['params']) => `好的，那就不申请拦截了：快递派送时直接拒收就行，包裹退回商家后，订单 ${p.id} 的 ${p.amount} 会退给您。订单我这边先不做改动。`,
      en: (p: OtherAnswer['params']) => `OK, no intercept then: just refuse the parcel when it's delivered, and once it's back with the seller, the ${p.amount} of order ${p.id} is refunded. I've left the order as it is for now.`,
    } satisfies Phrase<OtherAnswer['params']>,
  },
} as const;

/** True when the buyer's words choose the other way the question offered. */
export function otherAnswerMatches(other: OtherAnswer, text: string): boolean {
  const entry = OTHER_ANSWERS[other.key];
  return !!entry && entry.pattern.test(text) && Array.from(text.trim()).length <= 40;
}
