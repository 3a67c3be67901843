/**
 * PostgreSQL advisory lock keys of the desk: (LOCK_CLASS, n). One class keeps the desk's locks
 * apart from any other application's on the same database.
 */
export const LOCK_CLASS = 0x6465736b; // "desk"
/** Held while migrating, so desks starting together migrate once. */
export const LOCK_MIGRATIONS = 0;
/** Held (per transaction) by every change of the shop: orders, an import, the first seed. */
export const LOCK_SHOP = 1;
/** Held (per transaction) by every change of handoffs and agents' seats: the queue and claims. */
export const LOCK_HANDOFFS = 2;
/** Held (per transaction) by every change of buyers' last conversations. */
export const LOCK_BUYER_CONVERSATIONS = 3;
/** Held (per transaction) while publishing a notification: seq order is commit order, so a reader after `seq` misses none. */
export const LOCK_NOTIFICATIONS = 4;
/** The class of per-conversation turn locks: (LOCK_CLASS_TURNS, hashtext(key)). */
export const LOCK_CLASS_TURNS = 0x7475726e; // "turn"
