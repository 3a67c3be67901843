import { readFileSync } from 'node:fs';
import type { Buyer, Locale, Merchant, Order, OrderStatus } from '../../data/shopSchema.js';
import { decideAddress, decideCancel, decideReturn, settingsFor, type PolicySettings } from '../../policy/index.js';
import type { ActionName } from './ledger.js';
import { shuffled, type Random } from '../support/prng.js';

/** The part of the store file (`DATA_FILE`) the soak reads. */
export interface StoreFile {
  shop: { orders: Order[]; buyers: Buyer[]; merchants: Merchant[] };
}

/** Reads and parses the store file; throws with the file name when it does not parse. */
export function readStoreFile(file: string): StoreFile {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as StoreFile;
  } catch (err) {
    throw new Error(`${file} does not parse: ${(err as Error).message}`);
  }
}

/** What a buyer asks the desk to do with one order. */
export type TaskKind = 'cancel' | 'return' | 'address';

/** One task of a buyer's plan: an order, and what to ask for. */
export interface PlannedTask {
  kind: TaskKind;
  orderId: string;
}

/** A demo buyer of the soak, with the tasks they go through in order. */
export interface BuyerPlan {
  buyerId: string;
  locale: Locale;
  tasks: PlannedTask[];
}

/** What a yes does under each rule the soak drives: the event's action and the order's status after it (none: unchanged). */
export const OUTCOME: Readonly<Record<string, { action: ActionName; status?: OrderStatus }>> = {
  'cancel.unpaid': { action: 'cancel', status: 'cancelled' },
  'cancel.paid_unshipped': { action: 'cancel_and_refund', status: 'refunded' },
  'cancel.in_transit': { action: 'intercept_parcel', status: 'refund_requested' },
  'cancel.shipped_after_request': { action: 'refuse_parcel_merchant_pays', status: 'refund_requested' },
  'return.no_reason': { action: 'start_return', status: 'return_requested' },
  'return.merchant_flagged': { action: 'start_return', status: 'return_requested' },
  'address.unshipped': { action: 'change_address' },
};

/** The rules under which a task of each kind moves an order after a yes (the others explain, hand over or ask the seller). */
export const ACTING_RULES: Readonly<Record<TaskKind, readonly string[]>> = {
  cancel: ['cancel.unpaid', 'cancel.paid_unshipped', 'cancel.in_transit', 'cancel.shipped_after_request'],
  return: ['return.no_reason', 'return.merchant_flagged'],
  address: ['address.unshipped'],
};

/** New addresses per unshipped order before its cancel: each one a yes that must be on disk, the last one kept. */
const ADDRESS_CHANGES_PER_ORDER = 2;

/** The merchant's policy settings, as the dialogs read them (the defaults and the merchant's own `policy`). */
function settingsOf(merchant: Merchant): PolicySettings {
  const own = (merchant as { policy?: unknown }).policy;
  return settingsFor(merchant.id, own && typeof own === 'object' ? { [merchant.id]: own as Partial<PolicySettings> } : {});
}

/**
 * The tasks one order allows today, in the order they can follow each other: new addresses
 * before a cancel (an unshipped order), a cancel (unpaid, paid, shipped), a return (delivered,
 * within the no-reason window, and no person needed).
 */
function tasksFor(order: Order, buyer: Buyer, merchant: Merchant | undefined, now: Date): PlannedTask[] {
  const tasks: PlannedTask[] = [];
  const acts = (kind: TaskKind, d: { rule: string; action: string; handover: boolean }): boolean => ACTING_RULES[kind].includes(d.rule) && d.action !== 'explain' && !d.handover;
  if (acts('address', decideAddress(order))) for (let i = 0; i < ADDRESS_CHANGES_PER_ORDER; i++) tasks.push({ kind: 'address', orderId: order.id });
  if (acts('cancel', decideCancel(order))) tasks.push({ kind: 'cancel', orderId: order.id });
  if (merchant && acts('return', decideReturn(order, buyer, merchant, now, settingsOf(merchant), 'no_reason'))) tasks.push({ kind: 'return', orderId: order.id });
  return tasks;
}

/** Merges per-order task chains in a random order, each chain's own order kept. */
function interleave(random: Random, chains: PlannedTask[][]): PlannedTask[] {
  const left = chains.map((c) => [...c]).filter((c) => c.length > 0);
  const out: PlannedTask[] = [];
  while (left.length > 0) {
    const i = Math.floor(random() * left.length);
    out.push(left[i]!.shift()!);
    if (left[i]!.length === 0) left.splice(i, 1);
  }
  return out;
}

/**
 * Picks `count` demo buyers who have orders a cancel, return or address change applies to (in
 * the store as it is now), and plans each one's tasks. `eligible` says how many could have been picked.
 */
export function planBuyers(store: StoreFile, count: number, random: Random, now = new Date()): { plans: BuyerPlan[]; eligible: number } {
  const { orders, buyers, merchants } = store.shop;
  const candidates = buyers
    .map((buyer) => {
      const chains = orders
        .filter((o) => o.buyerId === buyer.id)
        .map((o) => tasksFor(o, buyer, merchants.find((m) => m.id === o.merchantId), now));
      return { buyer, chains };
    })
    .filter((c) => c.chains.some((chain) => chain.length > 0));
  const chosen = shuffled(random, candidates)
    .slice(0, count)
    .sort((a, b) => a.buyer.id.localeCompare(b.buyer.id));
  const plans = chosen.map(({ buyer, chains }) => ({ buyerId: buyer.id, locale: buyer.locale, tasks: interleave(random, chains) }));
  return { plans, eligible: candidates.length };
}
