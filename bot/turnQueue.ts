/**
 * Runs the turns of one conversation one at a time, in arrival order. botbuilder would otherwise
 * run two turns of a conversation in parallel, and its last-writer-wins state save would lose one.
 * Different conversations still run concurrently.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it under `key`; resolves or rejects with it. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key); // idle: forget the key
    });
    return result;
  }
}

/** The queue key of one conversation: the server's turns and the desk's proactive messages share it, so they never interleave. */
export function conversationKey(channelId: string, conversationId: string): string {
  return `${channelId}\u0000${conversationId}`;
}
