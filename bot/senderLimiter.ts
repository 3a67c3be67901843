import { TurnContext, type Activity, type CloudAdapter } from 'botbuilder';
import { S, say } from './strings.js';
import type { AuthenticateRequestResult } from './adapter.js';
import type { Logger } from './logger.js';
import { SlidingWindowCounter } from './slidingWindow.js';
import { maybeTurnInfo, senderKey } from './turnInfo.js';

/** The window of the per-sender rate: a minute, long enough that a burst of button presses fits. */
const WINDOW_MS = 60_000;
/** Senders remembered at most (a caller can invent ids without end); the least recent are forgotten. */
const MAX_SENDERS = 50_000;

/** A refusal: when to try again, and whether it is the first of this burst (the sender is told once). */
export interface RateRefusal {
  retryAfterSeconds: number;
  firstInWindow: boolean;
}

/**
 * Messages per sender (channel and account) per minute. A person types a message every few
 * seconds; past `perMinute` it is a script, and each of its turns costs every other buyer. The
 * first refused message of a burst gets a kind word in the conversation; the rest only a 429.
 */
export class SenderLimiter {
  private readonly counter = new SlidingWindowCounter(WINDOW_MS, MAX_SENDERS);

  constructor(
    /** Messages a sender may send per minute; 0 switches the limit off. */
    private readonly perMinute: number,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Counts the activity against its sender; a refusal when the sender is over their rate. */
  check(activity: Activity): RateRefusal | undefined {
    if (this.perMinute <= 0) return undefined;
    const key = activity.from?.id ? senderKey(activity) : `conversation\u0000${activity.conversation.id}`;
    const at = this.now().getTime();
    const count = this.counter.hit(key, at);
    if (count <= this.perMinute) return undefined;
    const retryAfterSeconds = Math.max(1, Math.ceil((this.counter.retryAt(key, at) - at) / 1000));
    return { retryAfterSeconds, firstInWindow: count === this.perMinute + 1 };
  }

  /** Tells the sender, in the conversation's language, to slow down: a proactive turn, so no dialog or relay sees the refused message. */
  async tellSlowDown(auth: AuthenticateRequestResult, activity: Activity, adapter: CloudAdapter): Promise<void> {
    try {
      const reference = TurnContext.getConversationReference(activity);
      await adapter.continueConversationAsync(auth.claimsIdentity, reference, async (context: TurnContext) => {
        const locale = maybeTurnInfo(context)?.locale ?? 'zh-CN';
        await context.sendActivity(say(S.slowDown, locale));
      });
    } catch (err) {
      this.logger.warn({ err, conversationId: activity.conversation.id }, 'could not tell a sender to slow down');
    }
  }
}
