import type { KnowledgeBaseEntry } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/** The shop's policy answers, one or more per `question.*` intent, in both languages. */
export class KnowledgeBaseRepository extends IndexedCollection<'knowledgeBase'> {
  /** The answers for an intent, in the order the shop listed them. */
  forIntent(intent: string): KnowledgeBaseEntry[] {
    return this.list().filter((e) => e.intent === intent);
  }
}
