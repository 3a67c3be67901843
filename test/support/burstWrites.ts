import type { StoreMeta } from '../../data/records.js';

/**
 * The crash test's writer and its parent agree here on what a write is called and where it lands,
 * so the parent can check each acknowledged write in the file it went to.
 */

/** Which store file a write goes to: `state` is `updateState` (desk.state.json), `shop` is `update` (desk.json). */
export type BurstKind = 'state' | 'shop';

/** The meta field where shop writes are recorded; meta keeps fields it does not know, so they survive a reopen. */
const SHOP_WRITES_FIELD = 'burstWrites';

type BurstMeta = StoreMeta & { [SHOP_WRITES_FIELD]?: Record<string, number> };

/** Even writes go to the state file, odd ones to the main file, so a burst writes both at once. */
export function burstKindOf(n: number): BurstKind {
  return n % 2 === 0 ? 'state' : 'shop';
}

/** `r3`, `state`, 17 → `r3-state-17`. */
export function burstKey(prefix: string, kind: BurstKind, n: number): string {
  return `${prefix}-${kind}-${n}`;
}

/** `r3-state-17` → `{ kind: 'state', n: 17 }`; throws on anything else, so a garbled ack fails the test. */
export function parseBurstKey(key: string): { kind: BurstKind; n: number } {
  const match = /^[^-\s]+-(state|shop)-(\d+)$/.exec(key);
  if (!match?.[1] || !match[2]) throw new Error(`parseBurstKey(): not a burst key: ${key}`);
  return { kind: match[1] as BurstKind, n: Number(match[2]) };
}

/** Records shop write `key` (number `n`) in the main document's meta. */
export function recordShopWrite(meta: StoreMeta, key: string, n: number): void {
  const burst = meta as BurstMeta;
  burst[SHOP_WRITES_FIELD] = { ...burst[SHOP_WRITES_FIELD], [key]: n };
}

/** The shop writes recorded in `meta`, by key. */
export function shopWritesIn(meta: StoreMeta): Record<string, number> {
  return (meta as BurstMeta)[SHOP_WRITES_FIELD] ?? {};
}
