import type { BusinessLine, Locale } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/** The shop's business lines (marketplace, mall, travel…): queues and agents are organised by them. */
export class BusinessLineRepository extends IndexedCollection<'businessLines'> {
  /** The line's name in the buyer's language, or its id when the line is unknown. */
  displayName(id: string, locale: Locale): string {
    const line: BusinessLine | undefined = this.get(id);
    if (!line) return id;
    return locale === 'zh-CN' ? line.name.zh : line.name.en;
  }
}
