import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { HandoffBook, type HandoffRequest } from '../../desk/handoff/handoffBook.js';
import { openStorage, type DeskStorage } from '../../data/openStorage.js';
import { OrderActions } from '../../desk/orders/orderActions.js';
import { shopData } from '../../data/shopSchema.js';
import { ETagConflictError } from '../../data/storeErrors.js';
import { PgTurnLocks } from '../../data/postgres/pgTurnLocks.js';
import { freshDatabase, postgresAdminUrl } from '../support/freshDatabase.js';
import { buildSmallShop } from '../support/smallShop.js';

/**
 * Several desks on one PostgreSQL database are one desk: what one changes the others see, and
 * where two race (a claim, an order action, a state write, a turn) the database decides, once.
 */

const ORDER = '70000000000001';
const now = (): Date => new Date('2026-05-01T08:00:00Z');
const opened: { close(): Promise<void> }[] = [];
const drops: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((s) => s.close()));
  for (const d of drops.splice(0)) await d();
});

/** `n` desks' storage on one fresh database. */
async function desks(n: number): Promise<{ url: string; desks: DeskStorage[] }> {
  const db = await freshDatabase();
  drops.push(() => db.drop());
  const list: DeskStorage[] = [];
  for (let i = 0; i < n; i++) {
    const s = await openStorage({ databaseUrl: db.url, dataFile: '', transcriptFile: '', eventsFile: '', seed: buildSmallShop, now });
    opened.push(s);
    list.push(s);
  }
  return { url: db.url, desks: list };
}

const request = (party: string): HandoffRequest => ({
  party,
  buyerId: null,
  buyerName: party,
  locale: 'en-US',
  line: 'books',
  reason: 'buyer_asked',
  buyerRef: { channelId: 'test', conversation: { id: `c-${party}` } as never },
});

describe.skipIf(!postgresAdminUrl())('desks sharing one PostgreSQL database', () => {
  it('seed the demo shop once, however many start together', async () => {
    const db = await freshDatabase();
    drops.push(() => db.drop());
    const started = await Promise.all(Array.from({ length: 4 }, () => openStorage({ databaseUrl: db.url, dataFile: '', transcriptFile: '', eventsFile: '', seed: buildSmallShop, now })));
    opened.push(...started);
    const seededAt = new Set(started.map((s) => s.store.doc.meta.seededAt));
    expect(seededAt.size).toBe(1);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM orders');
      expect(rows[0]!.n).toBe(shopData.parse(buildSmallShop()).orders.length);
    } finally {
      await client.end();
    }
  });

  it('see an order one of them cancelled, and never cancel it twice', async () => {
    const { desks: [a, b] } = await desks(2);
    const by = (id: string) => ({ by: 'buyer:b-wang' as const, conversationId: `c-${id}`, activityId: id, confirmed: { questionId: 'q', orderId: ORDER, action: 'cancel_and_refund' } });
    const results = await Promise.all([
      new OrderActions(a!.store, a!.events, now).cancelAndRefund(ORDER, 'paid', by('a')),
      new OrderActions(b!.store, b!.events, now).cancelAndRefund(ORDER, 'paid', by('b')),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ reason: 'state_changed' })]);
    await a!.store.refresh();
    await b!.store.refresh();
    for (const s of [a!, b!]) expect(s.store.doc.shop.orders.find((o) => o.id === ORDER)!.status).toBe('refunded');
    expect((await a!.events.orderHistory(ORDER)).map((e) => e.action)).toEqual(['cancel_and_refund']);
  });

  it('give one waiting buyer to exactly one of many agents typing +1 at once on two desks', async () => {
    const { desks: [a, b] } = await desks(2);
    const bookA = new HandoffBook(a!.store, now);
    const bookB = new HandoffBook(b!.store, now);
    const { handoff } = await bookA.enqueue(request('guest:test:u1'));
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? bookA : bookB).claimNext(`agent-${i}`, ['books'], 3)));
    const won = claims.filter((c) => c.ok);
    expect(won).toHaveLength(1);
    await a!.store.refresh();
    await b!.store.refresh();
    const winner = won[0]!.ok ? won[0]!.handoff.agentId : '';
    for (const book of [bookA, bookB]) {
      expect(book.get(handoff.id)).toMatchObject({ state: 'claimed', agentId: winner });
      expect(book.serving(winner!).map((h) => h.id)).toEqual([handoff.id]);
      expect(book.queued(['books'])).toEqual([]);
    }
  });

  it('queue a buyer who asks on two desks at once only once', async () => {
    const { desks: [a, b] } = await desks(2);
    const results = await Promise.all([new HandoffBook(a!.store, now).enqueue(request('guest:test:u2')), new HandoffBook(b!.store, now).enqueue(request('guest:test:u2'))]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(results[0]!.handoff.id).toBe(results[1]!.handoff.id);
  });

  it("refuse a bot state write made on another desk's stale eTag", async () => {
    const { desks: [a, b] } = await desks(2);
    await a!.store.writeBotState([{ key: 'conv/x', value: { n: 0 } }], now());
    const [readA, readB] = await Promise.all([a!.store.readBotState(['conv/x']), b!.store.readBotState(['conv/x'])]);
    const writes = await Promise.allSettled([
      a!.store.writeBotState([{ key: 'conv/x', value: { n: 1 }, eTag: readA['conv/x']!.eTag }], now()),
      b!.store.writeBotState([{ key: 'conv/x', value: { n: 2 }, eTag: readB['conv/x']!.eTag }], now()),
    ]);
    expect(writes.filter((w) => w.status === 'fulfilled')).toHaveLength(1);
    expect(writes.find((w) => w.status === 'rejected')).toMatchObject({ reason: expect.any(ETagConflictError) });
  });

  it('reload the whole shop when another desk imported one', async () => {
    const { desks: [a, b] } = await desks(2);
    const shop = shopData.parse(buildSmallShop());
    shop.buyers[0]!.name = '王芳芳';
    shop.orders = shop.orders.slice(1);
    const revision = b!.store.revision;
    await a!.store.replaceShop(shop, { source: 'import', importedAt: now().toISOString(), importFile: 'x.json' });
    await b!.store.refresh();
    expect(b!.store.revision).toBeGreaterThan(revision);
    expect(b!.store.doc.shop.buyers[0]!.name).toBe('王芳芳');
    expect(b!.store.doc.shop.orders.map((o) => o.id)).not.toContain(ORDER);
    expect(b!.store.doc.meta.source).toBe('import');
  });

  it("run one conversation's turns one at a time across desks, in the order they asked", async () => {
    const { url } = await desks(1);
    const locks = [new PgTurnLocks(url), new PgTurnLocks(url)];
    opened.push(...locks);
    const log: string[] = [];
    let inside = 0;
    let most = 0;
    const turn = (i: number) => async () => {
      inside++;
      most = Math.max(most, inside);
      log.push(`start ${i}`);
      await new Promise((r) => setTimeout(r, 20));
      log.push(`end ${i}`);
      inside--;
    };
    // Connected desks (a first connection takes longer than a turn's arrival gap).
    await Promise.all(locks.map((l) => l.warm()));
    const runs: Promise<void>[] = [];
    for (let i = 0; i < 6; i++) {
      runs.push(locks[i % 2]!.hold('emulator\u0000conv-1', turn(i)));
      await new Promise((r) => setTimeout(r, 10)); // asked in this order, a round trip or more apart
    }
    await Promise.all(runs);
    expect(most).toBe(1);
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start 0', 'start 1', 'start 2', 'start 3', 'start 4', 'start 5']);
  });

  it('free a conversation the moment the desk holding it loses its connection (a kill)', async () => {
    const { url } = await desks(1);
    const [held, waiting] = [new PgTurnLocks(url), new PgTurnLocks(url)];
    opened.push(held, waiting);
    let release!: () => void;
    const stuck = held.hold('emulator\u0000conv-2', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 100));
    // What a kill -9 leaves: the holder's connection ends; the database frees its locks with it.
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      const killedAt = Date.now();
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = $1", [0x7475726e]);
      await waiting.hold('emulator\u0000conv-2', async () => undefined);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
    } finally {
      await admin.end();
      release();
      await stuck.catch(() => undefined);
    }
  });
});

describe.skipIf(!postgresAdminUrl())('notifications across desks on one database', () => {
  it("reach the other desk's subscribers, and a desk back from a restart reads what it missed", async () => {
    const { url, desks: [a, b] } = await desks(2);
    const heardOnB: string[] = [];
    b!.notifications.subscribe((n) => heardOnB.push(n.kind));
    await b!.notifications.ready();
    const first = await a!.notifications.publish({ kind: 'handoff.queued', target: 'line:books', payload: { handoffId: 'h1' } });
    await expect.poll(() => heardOnB).toEqual(['handoff.queued']);
    // Desk B goes away; A goes on publishing; B's receiver, back, asks for everything after the last it had.
    await b!.close();
    opened.splice(opened.indexOf(b!), 1);
    await a!.notifications.publish({ kind: 'handoff.claimed', target: 'line:books', payload: { handoffId: 'h1', agentId: 'a-lin' } });
    await a!.notifications.publish({ kind: 'handoff.ended', target: 'line:books', payload: { handoffId: 'h1' } });
    const back = await openStorage({ databaseUrl: url, dataFile: '', transcriptFile: '', eventsFile: '', seed: buildSmallShop, now });
    opened.push(back);
    expect((await back.notifications.since(first.seq)).map((n) => n.kind)).toEqual(['handoff.claimed', 'handoff.ended']);
  });
});

describe.skipIf(!postgresAdminUrl())('desks starting together on one database', () => {
  it('recover a lost order event once between them', async () => {
    const { url, desks: [a] } = await desks(1);
    const lost = { type: 'order', id: 'ev-lost-1', at: now().toISOString(), orderId: ORDER, buyerId: 'b-wang', by: 'bot', action: 'remind_unpaid', from: 'paid', to: 'paid' };
    await a!.store.changeOrder(ORDER, (doc) => {
      doc.shop.orders.find((o) => o.id === ORDER)!.lastEvent = lost as never;
    });
    const others = await Promise.all(Array.from({ length: 3 }, () => openStorage({ databaseUrl: url, dataFile: '', transcriptFile: '', eventsFile: '', seed: buildSmallShop, now })));
    opened.push(...others);
    const recovered = await Promise.all([a!, ...others].map((s) => s.events.recover(s.store.doc.shop.orders)));
    expect(recovered.reduce((x, y) => x + y, 0)).toBe(1);
    expect((await a!.events.orderHistory(ORDER)).map((e) => e.id)).toEqual(['ev-lost-1']);
  });
});
