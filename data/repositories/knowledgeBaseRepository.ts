import type { KnowledgeBaseEntry } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/** The shop's policy answers, one or more per `question.*` intent, in both languages. */
/** A standard reply an agent may send with one click. */
export interface StandardReply {
  intent: string;
  text: { zh: string; en: string };
}

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
    const list = (this.store.doc.shop as { standardReplies?: unknown }).standardReplies;
    if (!Array.isArray(list)) return [];
    return (list as Partial<StandardReply>[]).filter(
      (r): r is StandardReply => r.intent === intent && typeof r.text?.zh === 'string' && typeof r.text?.en === 'string',
    );
  }
}
