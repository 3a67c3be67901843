import type { SeenActivityIds } from '../data/deskStore.js';
import { setRecent } from './recentMap.js';

/** Activity ids remembered per conversation: a channel resends a message within seconds, not after dozens of others. */
const IDS_PER_CONVERSATION = 32;
/** Conversations remembered at most (ids are whatever a client sends); the least recent are forgotten. */
const MAX_CONVERSATIONS = 20_000;

/**
 * The activity ids each conversation has recently brought, so that one sent again (a channel
 * retrying a POST whose answer it did not get) is acknowledged without running its turn twice:
 * no second relay to an agent, no second answer. Kept in memory; across a restart the order
 * actions themselves are idempotent by activity id (data/orderActions.ts).
 */
export class SeenActivities implements SeenActivityIds {
  private readonly byConversation = new Map<string, string[]>();

  /** Records `activityId` for `conversation`; true when it was already there (a resend). */
  async seen(conversation: string, activityId: string | undefined): Promise<boolean> {
    if (!activityId) return false;
    const ids = this.byConversation.get(conversation) ?? [];
    if (ids.includes(activityId)) return true;
    setRecent(this.byConversation, conversation, [...ids.slice(-(IDS_PER_CONVERSATION - 1)), activityId], MAX_CONVERSATIONS);
    return false;
  }
}
