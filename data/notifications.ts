/**
 * What the core announces for whoever holds the receiver (a buyer queued, a message for an agent,
 * a claim, an end): the door that has the agent's or buyer's socket delivers it. Each has a `seq`
 * that grows, so a receiver that reconnects asks for what it missed (`since`).
 */
export interface Notification {
  seq: number;
  at: string;
  /** What happened, e.g. `handoff.queued`, `handoff.claimed`, `handoff.ended`, `message.to_agent`. */
  kind: string;
  /** Whom it is for: `agent:<id>`, `line:<id>`, `party:<key>`, or `*`. */
  target: string;
  payload: Record<string, unknown>;
}

/** A notification to publish (its `seq` and time are given by the bus). */
export type NewNotification = Pick<Notification, 'kind' | 'target' | 'payload'>;

/**
 * The desk's notification bus: in-process on the embedded store (one process is the whole desk),
 * a table with LISTEN/NOTIFY on PostgreSQL (every desk on the database hears every notification,
 * and one that restarts reads what it missed from the table).
 */
export interface NotificationBus {
  publish(notification: NewNotification): Promise<Notification>;
  /** Calls `handler` with every notification published from now on (on any desk); returns the unsubscribe. */
  subscribe(handler: (n: Notification) => void): () => void;
  /** Resolves once subscribers hear everything published from then on (on PostgreSQL: once this desk listens). */
  ready(): Promise<void>;
  /** The notifications after `seq` (oldest first, at most `limit`): what a receiver missed while away. */
  since(seq: number, limit?: number): Promise<Notification[]>;
  close(): Promise<void>;
}

/** Hands `n` to every handler; one receiver's failure is its own: the others still get it. */
export function deliver(handlers: Iterable<(n: Notification) => void>, n: Notification): void {
  for (const handler of handlers) {
    try {
      handler(n);
    } catch {
      // the receiver's own trouble (a closed socket): not the publisher's, not the other receivers'
    }
  }
}

/** Notifications a process keeps for `since` on the embedded store: a reconnect is seconds, not thousands of events. */
export const IN_PROCESS_KEPT = 1_000;

/** The bus of a single desk process. */
export class InProcessNotifications implements NotificationBus {
  private readonly handlers = new Set<(n: Notification) => void>();
  private readonly recent: Notification[] = [];
  private seq = 0;

  constructor(private readonly now: () => Date = () => new Date()) {}

  async publish(n: NewNotification): Promise<Notification> {
    const full: Notification = { ...n, seq: ++this.seq, at: this.now().toISOString() };
    this.recent.push(full);
    if (this.recent.length > IN_PROCESS_KEPT) this.recent.shift();
    deliver(this.handlers, full);
    return full;
  }

  subscribe(handler: (n: Notification) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async ready(): Promise<void> {
    // in process: a subscriber hears the next publish
  }

  async since(seq: number, limit = IN_PROCESS_KEPT): Promise<Notification[]> {
    return this.recent.filter((n) => n.seq > seq).slice(0, limit);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
