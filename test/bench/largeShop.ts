import { writeFile } from 'node:fs/promises';
import { buildDemoShop } from '../../data/demoShop.js';
import type { ShopDataInput } from '../../data/shopSchema.js';

/** A large shop for one desk: ten thousand orders in the one JSON file. */
export const LARGE_ORDER_COUNT = 10_000;

/** The demo shop with its orders cloned (new ids, same buyers and merchants) up to `orderCount`. */
export function shopWithOrders(orderCount: number, now: Date): ShopDataInput {
  const shop = buildDemoShop(now);
  const originals = shop.orders;
  if (orderCount <= originals.length) return shop;
  const orders = [...originals];
  for (let i = originals.length; i < orderCount; i++) {
    const source = originals[i % originals.length]!;
    orders.push({ ...structuredClone(source), id: `${source.id}-C${i}` });
  }
  return { ...shop, orders };
}

/** Writes `shop` as a store file of version 1, as a seeded desk would have it, for `Store.open` to validate. */
export async function writeStoreFile(file: string, shop: ShopDataInput, now: Date): Promise<void> {
  await writeFile(file, JSON.stringify({ version: 1, meta: { source: 'demo', seededAt: now.toISOString() }, shop }));
}
