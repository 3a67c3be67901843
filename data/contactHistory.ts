import type { ContactLog } from './contactLog.js';
import type { DeskStore } from './deskStore.js';
import { demoHistoryOf } from './demoShop.js';

const DAY_MS = 24 * 60 * 60_000;
/** The demo shop's day is Shanghai's. */
const SHANGHAI_MS = 8 * 60 * 60_000;
const shanghaiDay = (ms: number) => Math.floor((ms + SHANGHAI_MS) / DAY_MS);

/**
 * Moves a shop's `history` out of the shop document into the contact log (an import, the demo's
 * seed, or a store written by an earlier desk): the shop document is rewritten whole on every
 * change, and a history of 10^5 contacts does not belong in it. Safe to run again after a crash
 * between the two steps (the log's history is replaced, not added to).
 */
export async function moveHistoryToContacts(store: DeskStore, contacts: ContactLog): Promise<number> {
  const history = store.doc.shop.history ?? [];
  if (!history.length) return 0;
  await contacts.replaceHistory(history);
  await store.reviseShop((doc) => (doc.shop.history?.length ? { shop: { ...doc.shop, history: [] }, meta: doc.meta } : undefined));
  return history.length;
}

/**
 * Keeps the demo shop's four weeks of history ending yesterday: a demo store started days after
 * it was seeded gets its history made again for the present (the same contacts, moved by whole
 * days). An imported shop's history is real and never touched.
 */
export async function keepDemoHistoryCurrent(store: DeskStore, contacts: ContactLog, now: Date): Promise<boolean> {
  if (store.doc.meta.source !== 'demo') return false;
  const end = await contacts.historyEnd();
  if (end !== undefined && shanghaiDay(end) >= shanghaiDay(now.getTime()) - 1) return false;
  await contacts.replaceHistory(demoHistoryOf(store.doc.shop, now));
  return true;
}
