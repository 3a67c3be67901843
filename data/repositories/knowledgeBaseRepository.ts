import type { KnowledgeBaseEntry, ShopData } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/** A standard reply an agent may send with one click. */
export type StandardReply = NonNullable<ShopData['standardReplies']>[number];

/** The shop's policy answers, one or more per `question.*` intent, in both languages, and its standard replies. */
export class KnowledgeBaseRepository extends IndexedCollection<'knowledgeBase'> {
  /** The answers for an intent, in the order the shop listed them. */
  forIntent(intent: string): KnowledgeBaseEntry[] {
    return this.list().filter((e) => e.intent === intent);
  }

  /**
   * The shop's approved standard replies for an intent, for agents: an optional
   * `standardReplies: [{intent, text: {zh, en}}]` list in the shop data (kept by the import).
   */
  standardReplies(intent: string): StandardReply[] {
    return this.allStandardReplies().filter((r) => r.intent === intent);
  }

  /** Every standard reply of the shop. */
  allStandardReplies(): StandardReply[] {
    return this.store.doc.shop.standardReplies ?? [];
  }
}
