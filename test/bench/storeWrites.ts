import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Store } from '../../data/lowdb/store.js';
import { LARGE_ORDER_COUNT, shopWithOrders, writeStoreFile } from './largeShop.js';
import { watchWrites } from './writeCounter.js';
import { memoryLine, mib, nowMs, num, out, percentiles, table } from './report.js';

/** Awaited updates one after another: each one is a full rewrite of the file. */
const SEQUENTIAL_UPDATES = 50;
/** Updates fired at once, as many turns finishing together do: the store should coalesce them. */
const BURST_UPDATES = 200;
/** Serializations timed to separate JSON.stringify from the write itself. */
const SERIALIZE_SAMPLES = 5;

/** One row of the table: the figures at one shop size. */
interface StoreFigures {
  label: string;
  orders: number;
  fileBytes: number;
  openMs: number;
  serializeMs: number;
  update: ReturnType<typeof percentiles>;
  sequentialWrites: number;
  burstMs: number;
  burstWrites: number;
}

async function measure(label: string, orderCount: number): Promise<StoreFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-bench-store-'));
  const file = path.join(dir, 'desk.json');
  try {
    const now = new Date();
    await writeStoreFile(file, shopWithOrders(orderCount, now), now);
    const openStart = nowMs();
    const store = await Store.open(file);
    const openMs = nowMs() - openStart;
    try {
      const orders = store.doc.shop.orders;
      const touch = (i: number): Promise<void> =>
        store.update((doc) => {
          const order = doc.shop.orders[i % orders.length]!;
          order.cancelRequestedAt = new Date().toISOString();
        });

      const serialize: number[] = [];
      for (let i = 0; i < SERIALIZE_SAMPLES; i++) {
        const t = nowMs();
        JSON.stringify(store.doc);
        serialize.push(nowMs() - t);
      }

      const sequential: number[] = [];
      const seqWatch = watchWrites(file);
      for (let i = 0; i < SEQUENTIAL_UPDATES; i++) {
        const t = nowMs();
        await touch(i * 7919); // a prime stride: spread over the orders
        sequential.push(nowMs() - t);
      }
      const sequentialWrites = await seqWatch.stop();

      const burstWatch = watchWrites(file);
      const burstStart = nowMs();
      await Promise.all(Array.from({ length: BURST_UPDATES }, (_, i) => touch(i * 104729)));
      const burstMs = nowMs() - burstStart;
      const burstWrites = await burstWatch.stop();

      return {
        label,
        orders: orders.length,
        fileBytes: (await stat(file)).size,
        openMs,
        serializeMs: percentiles(serialize).p50,
        update: percentiles(sequential),
        sequentialWrites,
        burstMs,
        burstWrites,
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The store benchmark: what one change costs when every change rewrites the whole JSON file,
 * at the demo shop's size and at 10,000 orders; awaited one at a time, and in a concurrent burst.
 */
export async function runStoreBench(): Promise<void> {
  out(
    `(a) ${SEQUENTIAL_UPDATES} awaited updates, one at a time (change one order's cancelRequestedAt); ` +
      `(b) a burst of ${BURST_UPDATES} updates at once; writes counted by the store's temp files (fs.watch).`,
  );
  out();
  const figures = [await measure('demo shop', 0), await measure(`${LARGE_ORDER_COUNT.toLocaleString('en-US')} orders`, LARGE_ORDER_COUNT)];
  table(
    ['shop', 'orders', 'file', 'open ms', 'stringify ms', 'update p50', 'p95', 'p99', 'writes', `burst ${BURST_UPDATES} ms`, 'writes', 'ms/update'],
    figures.map((f) => [
      f.label,
      String(f.orders),
      mib(f.fileBytes),
      num(f.openMs, 1),
      num(f.serializeMs, 1),
      num(f.update.p50, 1),
      num(f.update.p95, 1),
      num(f.update.p99, 1),
      String(f.sequentialWrites),
      num(f.burstMs, 1),
      String(f.burstWrites),
      num(f.burstMs / BURST_UPDATES, 2),
    ]),
  );
  out();
  out(memoryLine('memory after the store runs'));
}
