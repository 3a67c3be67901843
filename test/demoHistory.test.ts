import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from '../data/openStorage.js';
import { keepDemoHistoryCurrent } from '../data/contactHistory.js';
import { buildDemoShop, demoHistoryOf } from '../data/demoShop.js';
import { DEMO_HISTORY_DAYS } from '../data/demoHistory.js';
import { shopData } from '../data/shopSchema.js';
import { attributeReplies, isUncivil, mineReplies } from '../desk/replies/mining.js';

/** The demo shop's four weeks of history: the day's shape a manager should see, and replies worth mining. */
describe('the demo history', () => {
  const now = new Date('2026-12-06T09:00:00Z');
  const demo = shopData.parse(buildDemoShop(now));
  const shop = { ...demo, history: demoHistoryOf(demo, now) };
  const hourOf = (iso: string) => Number(iso.slice(11, 13)); // Shanghai local hour, as written

  it('covers the 28 days before today, in both languages, the same every time', () => {
    expect(shop.history.length).toBeGreaterThan(DEMO_HISTORY_DAYS * 25);
    const days = new Set(shop.history.map((c) => c.startedAt.slice(0, 10)));
    expect(days.size).toBe(DEMO_HISTORY_DAYS);
    expect(new Set(shop.history.map((c) => c.locale))).toEqual(new Set(['zh-CN', 'en-US']));
    expect(demoHistoryOf(shopData.parse(buildDemoShop(now)), now)).toEqual(shop.history);
    expect(shopData.parse({ ...demo, history: shop.history }).history).toHaveLength(shop.history.length); // valid as shop data
  });

  it('peaks late in the morning (10–13) and in the evening (17–21), quiet at night', () => {
    const byHour = Array.from({ length: 24 }, (_, h) => shop.history.filter((c) => hourOf(c.startedAt) === h).length);
    const mean = (hours: number[]) => hours.reduce((a, h) => a + byHour[h]!, 0) / hours.length;
    expect(mean([10, 11, 12])).toBeGreaterThan(mean([14, 15, 16]));
    expect(mean([17, 18, 19, 20])).toBeGreaterThan(mean([14, 15, 16]));
    expect(mean([2, 3, 4])).toBeLessThan(mean([10, 11, 12]) / 5);
  });

  it('has agents answering with their habits, a few uncivil replies among them, and at least three minable replies for a question', () => {
    const served = shop.history.filter((c) => c.claimedAt);
    expect(served.length / shop.history.length).toBeGreaterThan(0.25);
    const agentLines = served.flatMap((c) => c.messages.filter((m) => m.from === 'agent').map((m) => m.text));
    expect(agentLines.some(isUncivil)).toBe(true);
    const asks = new Map([['快递到哪了', 'task.track_logistics']]);
    const replies = attributeReplies(served.map((c) => c.messages), (t) => asks.get(t) ?? 'other');
    const mined = mineReplies(replies).filter((m) => m.intent === 'task.track_logistics');
    expect(mined).toHaveLength(3);
    expect(mined.some((m) => isUncivil(m.text))).toBe(false);
  });
});

describe('the demo history in a demo store', () => {
  it('lives in the contact log, not the shop, and follows the present by whole days when the store is started days later', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-demo-history-'));
    const seeded = new Date('2026-12-06T09:00:00Z');
    let clock = seeded;
    const storage = await openStorage({ dataFile: path.join(dir, 'desk.json'), transcriptFile: path.join(dir, 't.jsonl'), eventsFile: path.join(dir, 'e.jsonl'), seed: buildDemoShop, now: () => clock });
    try {
      expect(storage.store.doc.shop.history ?? []).toEqual([]);
      // A store opened without a desk has no history yet; the desk's start makes it.
      expect(await storage.contacts.count()).toBe(0);
      expect(await keepDemoHistoryCurrent(storage.store, storage.contacts, seeded)).toBe(true);
      const count = await storage.contacts.count();
      expect(count).toBe(demoHistoryOf(shopData.parse(buildDemoShop(seeded)), seeded).length);
      expect(new Date((await storage.contacts.historyEnd())!).toISOString().slice(0, 10)).toBe('2026-12-05'); // yesterday, in Shanghai (UTC+8 ends at 15:59Z)
      expect(await keepDemoHistoryCurrent(storage.store, storage.contacts, seeded)).toBe(false);
      clock = new Date(seeded.getTime() + 3 * 86_400_000 + 5 * 3_600_000);
      expect(await keepDemoHistoryCurrent(storage.store, storage.contacts, clock)).toBe(true);
      expect(Math.abs((await storage.contacts.count()) - count)).toBeLessThan(count * 0.1); // weekends fall on other days
      expect(new Date((await storage.contacts.historyEnd())!).toISOString().slice(0, 10)).toBe('2026-12-08');
      const peak = await storage.contacts.buckets({ line: 'mall', from: '2026-12-08', to: '2026-12-08', timeZone: 'Asia/Shanghai', by: 'started' });
      const at = (h: number) => peak.find((b) => b.hour === h)?.contacts ?? 0;
      expect(at(11) + at(19)).toBeGreaterThan(at(3) + at(4));
    } finally {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
