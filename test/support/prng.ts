import { seededRandom, type Random } from '../../data/prng.js';

export { seededRandom, type Random };

/** A generator of its own for `name` (a buyer, the kill schedule), so one stream's draws do not shift another's. */
export function derivedRandom(seed: number, name: string): Random {
  let h = seed >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return seededRandom(h);
}

/** A whole number in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** One element of a non-empty list. */
export function pick<T>(random: Random, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick(): empty list');
  return list[Math.floor(random() * list.length)]!;
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: Random, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** True with probability `p`. */
export function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** One key of `weights`, with probability proportional to its weight. */
export function weighted<K extends string>(random: Random, weights: Readonly<Record<K, number>>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

/** A string of `length` characters drawn from `alphabet` (code points, so emoji stay whole). */
export function stringOf(random: Random, alphabet: readonly string[], length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += pick(random, alphabet);
  return out;
}

/** Lowercase letters and digits: ids a channel might use. */
export const ID_CHARS = Array.from('abcdefghijklmnopqrstuvwxyz0123456789');

/** A random id of lowercase letters and digits. */
export function randomId(random: Random, length = 10): string {
  return stringOf(random, ID_CHARS, length);
}
