/**
 * The words of a handoff, read the same by every door: a buyer leaving the queue or done with the
 * agent, a rating said in words, and the agents' commands (interfaces.md).
 */

/** Whole messages by which a waiting buyer leaves the queue. */
export const LEAVE_QUEUE = /^(退出排队|不排了|不等了|取消排队|不用人工了?|leave the queue|leave queue|stop waiting|cancel (the )?(agent|queue)|never ?mind the agent)$/i;
/** Whole messages by which a buyer talking to an agent ends the conversation (besides a confident goodbye). */
export const DONE = /^(结束|结束对话|结束人工|没事了|好了没事了|我没问题了|done|that'?s all|end chat|end the chat|we'?re done|all sorted)$/i;

/** How long after a handover ends a typed answer may still be its rating. */
export const RATING_IN_WORDS_MS = 30 * 60_000;

export type RatingWhy = 'slow' | 'unsolved' | 'attitude';
/** Why a buyer was not satisfied: what they said, or `other`. */
export const RATING_REASONS = ['slow', 'unsolved', 'attitude', 'other'] as const;
export type RatingReason = (typeof RATING_REASONS)[number];

const UNSATISFIED = /不满意|不太满意|差评|太慢|很慢|好慢|慢死|等太久|等了好久|没解决|没有解决|不解决|态度差|态度不好|态度很差|不行|垃圾|没用|不好|unsatisfied|not satisfied|dissatisfied|not happy|unhappy|\bbad\b|\bslow\b|took (too|so) long|terrible|awful|useless|did ?n[o']?t help|not (solved|resolved|helpful)|unresolved|rude/iu;
const SATISFIED = /满意|好评|不错|挺好|很好|非常好|挺快|很快|真快|效率高|专业|耐心|给力|👍|satisfied|great (help|service)|very helpful|really helpful|\bhelpful\b|(was|were|so) (fast|quick)|quick (help|service|reply)|perfect|excellent|awesome service|happy with/iu;
const WHY: [RegExp, RatingWhy][] = [
  [/慢|等太久|等了好久|slow|took (too|so) long|wait/iu, 'slow'],
  [/没解决|没有解决|不解决|没用|not (solved|resolved)|unresolved|did ?n[o']?t help|useless|still/iu, 'unsolved'],
  [/态度|不耐烦|rude|attitude|impolite/iu, 'attitude'],
];

/** A rating said in words ("不满意，太慢了", "处理挺快的", "very helpful, thanks"), with its why; undefined when the text is none. */
export function readRating(text: string): { satisfied: boolean; why?: RatingWhy } | undefined {
  const t = text.trim();
  if (!t || Array.from(t).length > 60) return undefined;
  if (UNSATISFIED.test(t)) {
    const why = WHY.find(([p]) => p.test(t))?.[1];
    return { satisfied: false, ...(why ? { why } : {}) };
  }
  return SATISFIED.test(t) ? { satisfied: true } : undefined;
}

/** An agent's command, read. */
export type AgentCommand =
  | { name: '+1' | '/queue' | '/list' | '/end' | '/online' | '/offline' }
  | { name: '/to'; n: number }
  | { name: '/merchant'; message?: string };

/** The agent commands of interfaces.md, plus presence and the merchant. */
const COMMAND = /^(\+1|\/queue|\/list|\/to\s*(\d+)|\/end|\/online|\/offline|\/merchant(?:\s+([\s\S]+))?)$/i;

/** The command a message is written as ("/to2", "/TO 2", "/merchant 请尽快发货"), or undefined for text. */
export function parseAgentCommand(text: string): AgentCommand | undefined {
  const m = COMMAND.exec(text.trim());
  if (!m) return undefined;
  if (m[2] !== undefined) return { name: '/to', n: Number(m[2]) };
  if (m[1]!.toLowerCase().startsWith('/merchant')) {
    const message = m[3]?.trim();
    return { name: '/merchant', ...(message ? { message } : {}) };
  }
  return { name: m[1]!.toLowerCase() as '+1' | '/queue' | '/list' | '/end' | '/online' | '/offline' };
}

/** True when a message is written as an agent command: from a buyer it is plain text, never read for meaning. */
export function isAgentCommand(text: string): boolean {
  return COMMAND.test(text.trim());
}
