/**
 * Runs the turns of one conversation one at a time, in arrival order. botbuilder would otherwise
 * run two turns of a conversation in parallel, and its last-writer-wins state save would lose one.
 * Different conversations still run concurrently. A turn that never ends (a reply POST that hangs)
 * holds its conversation for at most `releaseAfterMs`; then the next turn goes ahead.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly depth = new Map<string, number>();

  constructor(
    /** How long one turn may hold its conversation before the next one goes ahead anyway. */
    private readonly releaseAfterMs: number = Number.POSITIVE_INFINITY,
    /** Called when a turn held its conversation that long (it goes on in the background). */
    private readonly onRelease: (key: string) => void = () => undefined,
    /** Runs one turn holding its conversation beyond this process too (PostgreSQL's turn locks); by default it just runs it. */
    private readonly hold: <T>(key: string, task: () => Promise<T>, releaseAfterMs: number) => Promise<T> = (_key, task) => task(),
  ) {}

  /** Turns of `key` queued or running now. */
  waiting(key: string): number {
    return this.depth.get(key) ?? 0;
  }

  /** Runs `task` after every task queued before it under `key`; resolves or rejects with it. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    this.depth.set(key, this.waiting(key) + 1);
    const started = previous.then(
      () => undefined,
      () => undefined,
    );
    const result = started.then(() => this.hold(key, task, this.releaseAfterMs));
    const tail = started.then(() => this.released(key, result.catch(() => undefined))); // the deadline counts from the turn's start
    this.tails.set(key, tail);
    void tail.then(() => {
      const left = this.waiting(key) - 1;
      if (left > 0) this.depth.set(key, left);
      else this.depth.delete(key);
      if (this.tails.get(key) === tail) this.tails.delete(key); // idle: forget the key
    });
    return result;
  }

  /** `done`, or the release deadline of a turn that runs too long, whichever comes first. */
  private released(key: string, done: Promise<unknown>): Promise<unknown> {
    if (!Number.isFinite(this.releaseAfterMs)) return done;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.onRelease(key);
        resolve();
      }, this.releaseAfterMs);
      timer.unref();
    });
    return Promise.race([done.finally(() => clearTimeout(timer)), deadline]);
  }
}

/** The queue key of one conversation: the server's turns and the desk's proactive messages share it, so they never interleave. */
export function conversationKey(channelId: string, conversationId: string): string {
  return `${channelId}\u0000${conversationId}`;
}
