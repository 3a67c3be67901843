import { appendFileSync } from 'node:fs';
import type { OrderStatus } from '../../data/shopSchema.js';

/** The order actions the soak's buyers confirm, by the event action `data/orderActions.ts` records. */
export type ActionName = 'cancel' | 'cancel_and_refund' | 'intercept_parcel' | 'refuse_parcel_merchant_pays' | 'start_return' | 'change_address';

/** An order action a buyer confirmed with a yes (sent, whatever came of it): what may have moved the order. */
export interface Attempt {
  /** Grows with every attempt: a later attempt on the same order may have moved it past an acknowledged one. */
  seq: number;
  at: string;
  buyerId: string;
  orderId: string;
  rule: string;
  action: ActionName;
  /** The status the order has after the action. */
  status: OrderStatus;
  /** The new address line (address changes). */
  line?: string;
  conversationId: string;
}

/** An action the desk acknowledged: the reply confirming it reached the channel. */
export interface LedgerEntry extends Attempt {
  /** When the acknowledgement arrived. */
  ackedAt: string;
  /** Which start of the desk (1 = the first) acknowledged it. */
  deskStart: number;
}

/** Appends one JSON line and keeps the entry in memory: the soak reads the memory, a person the file. */
class JsonLines<T> {
  readonly entries: T[] = [];

  constructor(readonly file: string) {}

  add(entry: T): void {
    this.entries.push(entry);
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }
}

/** `ledger.jsonl`: every acknowledged action, in the order the acknowledgements arrived. */
export class Ledger extends JsonLines<LedgerEntry> {
  private readonly acked = new Set<number>();
  private waiting: (() => void)[] = [];

  /** Records the acknowledgement of `attempt` once (a resent yes may be acknowledged twice). */
  record(attempt: Attempt, deskStart: number): void {
    if (this.acked.has(attempt.seq)) return;
    this.acked.add(attempt.seq);
    this.add({ ...attempt, ackedAt: new Date().toISOString(), deskStart });
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** Resolves at the next acknowledgement, or after `timeoutMs` (then with false). */
  nextAck(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.waiting.push(done);
    });
  }

  /** True once `attempt` was acknowledged. */
  has(attempt: Attempt): boolean {
    return this.acked.has(attempt.seq);
  }
}

/** `attempts.jsonl`: every yes a buyer sent, written before it is sent. */
export class AttemptLog extends JsonLines<Attempt> {
  private seq = 0;

  /** Records a yes about to be sent and returns it with its sequence number. */
  begin(attempt: Omit<Attempt, 'seq' | 'at'>): Attempt {
    const full: Attempt = { seq: ++this.seq, at: new Date().toISOString(), ...attempt };
    this.add(full);
    return full;
  }
}
