import { readFile } from 'node:fs/promises';
import { JsonLinesLog } from './jsonLinesLog.js';
import type { EventLog } from '../deskStore.js';
import type { ShopData } from '../shopSchema.js';
import type { DeskEvent, OrderEvent } from '../records.js';


/**
 * The desk's events (order history, handovers, answer feedback) as an append-only JSON Lines file
 * beside the store: they only grow, so they never make the store rewrite. Order events are also
 * indexed in memory by order id, so an order's history is at hand without reading the file.
 */
export class DeskEventLog extends JsonLinesLog<DeskEvent> implements EventLog {
  private readonly byOrder = new Map<string, OrderEvent[]>();

  static async open(file: string): Promise<DeskEventLog> {
    const log = new DeskEventLog(file, await JsonLinesLog.openStream(file));
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) {
      if (!line.includes('"type":"order"')) continue;
      try {
        log.index(JSON.parse(line) as DeskEvent);
      } catch {
        // a line cut by a crash: the rest of the history stands
      }
    }
    return log;
  }

  override append(event: DeskEvent): void {
    super.append(event);
    this.index(event);
  }

  /** The order's history, oldest first. */
  historyOf(orderId: string): readonly OrderEvent[] {
    return this.byOrder.get(orderId) ?? [];
  }

  async orderHistory(orderId: string): Promise<readonly OrderEvent[]> {
    return this.historyOf(orderId);
  }

  async recover(orders: ShopData['orders']): Promise<number> {
    let recovered = 0;
    for (const order of orders) {
      const last = order.lastEvent as unknown as OrderEvent | undefined;
      if (!last?.id || this.historyOf(order.id).some((e) => e.id === last.id)) continue;
      this.append({ ...last, orderId: order.id });
      recovered++;
    }
    if (recovered > 0) await this.flush();
    return recovered;
  }

  private index(event: DeskEvent): void {
    if (event.type !== 'order') return;
    const list = this.byOrder.get(event.orderId) ?? [];
    list.push(event);
    this.byOrder.set(event.orderId, list);
  }
}
