import type { Agent } from '../shopSchema.js';
import { IndexedCollection } from './indexedCollection.js';

/** The shop's agents: who they are, their lines, languages, capacity and chat accounts. */
export class AgentRepository extends IndexedCollection<'agents'> {
  /** The agent who owns this channel account; such an account is never treated as a buyer. */
  findByChannelAccount(channelId: string, userId: string): Agent | undefined {
    return this.list().find((a) => a.channelAccounts.some((c) => c.channelId === channelId && c.userId === userId));
  }
}
