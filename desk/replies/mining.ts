import { createHash } from 'node:crypto';

/**
 * Standard replies mined from past conversations (web.md "Mined replies"), as pure steps:
 * attribute each agent reply to the intent of the buyer message it answered, normalize away what
 * differs between uses of one reply (order numbers, amounts, names, punctuation), drop uncivil
 * replies, and rank the rest per intent by how often agents used them.
 */

/** One message of a past conversation. */
export interface PastMessage {
  from: 'buyer' | 'bot' | 'agent';
  text: string;
  agentId?: string;
}

/** An agent's reply, with the buyer message it answered. */
export interface AttributedReply {
  intent: string;
  text: string;
}

/** A mined reply: one normalized form, its most used wording, and how many times agents sent it. */
export interface MinedReply {
  /** Stable across runs: the intent and the normalized form, hashed. */
  id: string;
  intent: string;
  text: string;
  uses: number;
}

/** Replies proposed per intent: what a manager reviews at a glance. */
export const TOP_PER_INTENT = 3;
/** A reply sent fewer times than this is one agent's sentence, not a standard. */
export const MIN_USES = 2;

/**
 * Each agent message with the intent of the latest buyer message before it in its conversation
 * (`intentOf` classifies one buyer message). Agent messages before any buyer message answer nothing.
 */
export function attributeReplies(conversations: readonly (readonly PastMessage[])[], intentOf: (buyerText: string) => string): AttributedReply[] {
  const out: AttributedReply[] = [];
  for (const messages of conversations) {
    let intent: string | undefined;
    for (const m of messages) {
      if (m.from === 'buyer' && m.text.trim()) intent = intentOf(m.text);
      else if (m.from === 'agent' && intent && m.text.trim()) out.push({ intent, text: m.text.trim() });
    }
  }
  return out;
}

/** Insults and profanity in either language: such a reply is never proposed, whatever else it says. */
const UNCIVIL_ZH = /傻[逼比bB]|煞笔|[sS][bB](?![a-z])|妈的|他妈|你妈|^滚[吧!！。]*$|滚(开|蛋|出去)|给我滚|去死|脑残|白痴|智障|蠢货|蠢猪|废物|神经病|有病吧|找死|闭嘴|爱买不买|活该|烦死了|你瞎|瞎了吗|没长眼|贱/u;
const UNCIVIL_EN = /\b(fuck\w*|shit\w*|bitch\w*|bastard|idiot\w*|stupid|moron\w*|dumb\w*|asshole\w*|crap|damn\w*|shut up|screw you|piss off|get lost|loser|retard\w*|suck it)\b/i;

/** True when a reply insults or swears (either language). */
export function isUncivil(text: string): boolean {
  return UNCIVIL_ZH.test(text) || UNCIVIL_EN.test(text);
}

/**
 * The form two uses of one reply share: order numbers and other long digit runs, amounts, the
 * names given (buyers', agents') replaced by placeholders; punctuation, emoji and spacing
 * dropped; Latin letters lower-cased and full-width forms folded.
 */
export function normalizeReply(text: string, names: readonly string[] = []): string {
  let t = text.normalize('NFKC').toLowerCase();
  for (const name of [...names].filter((n) => n.trim().length >= 2).sort((a, b) => b.length - a.length)) t = t.split(name.toLowerCase()).join('〈name〉');
  t = t
    .replace(/[¥￥$€£]\s*\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s*(?:元|块|rmb|yuan|usd|dollars?)/giu, '〈amount〉')
    .replace(/[a-z]{0,4}\d{6,}[a-z\d-]*/giu, '〈number〉')
    .replace(/\d+(?:\.\d+)?/gu, '〈n〉');
  return t.replace(/[\p{P}\p{S}\s]+/gu, (m) => (m.includes('〈') || m.includes('〉') ? m.replace(/[^〈〉]/gu, '') : '')).trim();
}

/**
 * The top replies per intent: uncivil ones dropped, uses counted per normalized form, each shown
 * in its most used wording (ties: the earliest seen), at most `TOP_PER_INTENT` per intent, only
 * forms used at least `MIN_USES` times; best first within an intent.
 */
export function mineReplies(replies: readonly AttributedReply[], names: readonly string[] = [], options: { top?: number; minUses?: number } = {}): MinedReply[] {
  const top = options.top ?? TOP_PER_INTENT;
  const minUses = options.minUses ?? MIN_USES;
  const groups = new Map<string, { intent: string; key: string; uses: number; wordings: Map<string, number>; first: number }>();
  replies.forEach((r, i) => {
    if (isUncivil(r.text)) return;
    const key = normalizeReply(r.text, names);
    if (!key) return;
    const id = `${r.intent}\u0000${key}`;
    const g = groups.get(id) ?? { intent: r.intent, key, uses: 0, wordings: new Map<string, number>(), first: i };
    g.uses++;
    g.wordings.set(r.text, (g.wordings.get(r.text) ?? 0) + 1);
    groups.set(id, g);
  });
  const byIntent = new Map<string, MinedReply[]>();
  for (const g of [...groups.values()].sort((a, b) => b.uses - a.uses || a.first - b.first)) {
    if (g.uses < minUses) continue;
    const list = byIntent.get(g.intent) ?? [];
    if (list.length >= top) continue;
    const text = [...g.wordings.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    list.push({ id: createHash('sha256').update(`${g.intent}\u0000${g.key}`).digest('base64url').slice(0, 16), intent: g.intent, text, uses: g.uses });
    byIntent.set(g.intent, list);
  }
  return [...byIntent.values()].flat();
}
