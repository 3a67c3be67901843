import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactFileOf } from '../../data/openStorage.js';
import { ContactFile } from '../../data/lowdb/contactFile.js';
import type { ContactBucket, ContactChange, ContactConversation, ContactFacts, ContactLog } from '../../data/contactLog.js';
import type { HistoryContact } from '../../data/shopSchema.js';
import { storagePlaces } from '../support/storagePlaces.js';
import { between, pick, seededRandom, type Random } from '../support/prng.js';

/**
 * The contact log, one contract on both backends: what is recorded is what the sums count (checked
 * against a count made here with Intl, in zones with half-hour offsets and summer time), facts set
 * once stay, history is replaced as a whole, messages come back in order, and it all survives a
 * close and reopen. On lowdb: a torn last line is skipped, and a file is compacted only when it
 * parsed whole.
 */

const now = (): Date => new Date('2026-05-01T08:00:00Z');
const { place, reopen, cleanup } = storagePlaces(now);

/** Random contacts over May 2026: some handed to a person, some claimed, answered, ended, rated. */
function randomContacts(random: Random, n: number, lines: readonly string[]): { id: string; facts: ContactFacts }[] {
  const start = Date.parse('2026-05-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const startedAt = start + Math.floor(random() * 30 * 86_400_000);
    const facts: ContactFacts = { source: 'desk', line: pick(random, lines), buyerId: random() < 0.8 ? `b-${between(random, 1, 9)}` : null, locale: random() < 0.5 ? 'zh-CN' : 'en-US', startedAt };
    if (random() < 0.4) {
      facts.queuedAt = startedAt + between(random, 5, 300) * 1000;
      if (random() < 0.9) {
        facts.claimedAt = facts.queuedAt + between(random, 1, 900) * 1000;
        facts.agentId = `a-${between(random, 1, 3)}`;
        if (random() < 0.9) facts.firstReplyAt = facts.claimedAt + between(random, 5, 120) * 1000;
        if (random() < 0.95) facts.endedAt = facts.claimedAt + between(random, 60, 1800) * 1000;
      }
      if (random() < 0.6) facts.satisfied = random() < 0.8;
    }
    return { id: `c-${i}`, facts };
  });
}

/** The sums counted here, independently: Intl for the zone, every contact looked at. */
function expectedBuckets(contacts: readonly { facts: ContactFacts }[], line: string, from: string, to: string, timeZone: string, by: 'started' | 'queued'): Map<string, ContactBucket> {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  const out = new Map<string, ContactBucket>();
  for (const { facts: c } of contacts) {
    const t = by === 'started' ? c.startedAt : c.queuedAt;
    if (c.line !== line || t === undefined) continue;
    const [date, hourText] = format.format(new Date(t)).split(' ') as [string, string];
    if (date < from || date > to) continue;
    const key = `${date} ${Number(hourText)}`;
    const b = out.get(key) ?? { date, hour: Number(hourText), contacts: 0, queued: 0, claimed: 0, waitMs: 0, answered: 0, firstReplyMs: 0, handled: 0, handleMs: 0, rated: 0, satisfied: 0 };
    out.set(key, b);
    b.contacts++;
    if (c.queuedAt !== undefined) {
      b.queued++;
      if (c.claimedAt !== undefined) {
        b.claimed++;
        b.waitMs += c.claimedAt - c.queuedAt;
        if (c.endedAt !== undefined) {
          b.handled++;
          b.handleMs += c.endedAt - c.claimedAt;
        }
      }
      if (c.firstReplyAt !== undefined) {
        b.answered++;
        b.firstReplyMs += c.firstReplyAt - c.queuedAt;
      }
    }
    if (c.satisfied !== undefined) {
      b.rated++;
      if (c.satisfied) b.satisfied++;
    }
  }
  return out;
}

async function expectSums(log: ContactLog, contacts: readonly { facts: ContactFacts }[], q: { line: string; from: string; to: string; timeZone: string; by: 'started' | 'queued' }): Promise<void> {
  const got = new Map((await log.buckets(q)).map((b) => [`${b.date} ${b.hour}`, b]));
  const want = expectedBuckets(contacts, q.line, q.from, q.to, q.timeZone, q.by);
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [key, b] of want) {
    const g = got.get(key)!;
    expect({ ...g, waitMs: Math.round(g.waitMs), firstReplyMs: Math.round(g.firstReplyMs), handleMs: Math.round(g.handleMs) }).toEqual(b);
  }
}

async function all(log: ContactLog): Promise<ContactConversation[]> {
  const out: ContactConversation[] = [];
  for await (const batch of log.conversations()) out.push(...batch);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

const history = (id: string, startedAt: string, agentText?: string): HistoryContact => ({
  id,
  buyerId: 'b-wang',
  businessLine: 'books',
  locale: 'zh-CN',
  startedAt,
  messages: [{ at: startedAt, from: 'buyer', text: '快递到哪了' }, ...(agentText ? [{ at: startedAt, from: 'agent' as const, agentId: 'a-lin', text: agentText }] : [])],
  ...(agentText ? { queuedAt: startedAt, claimedAt: startedAt, agentId: 'a-lin', endedAt: startedAt } : {}),
});

describe.each(['lowdb', 'postgres'] as const)('the contact log on %s', (backend) => {
  it('sums by the shop\'s date and hour exactly as counted contact by contact, in zones with half hours and summer time, after a reopen', async () => {
    const p = await place(backend);
    let s = await p.open();
    const contacts = randomContacts(seededRandom(14), 3000, ['books', 'toys']);
    for (let i = 0; i < contacts.length; i += 500) await s.contacts.record(contacts.slice(i, i + 500).map(({ id, facts }) => ({ id, set: facts })));
    s = await reopen(p, s);
    expect(await s.contacts.count()).toBe(3000);
    for (const timeZone of ['Asia/Shanghai', 'Asia/Kolkata', 'America/New_York', 'Australia/Adelaide']) {
      await expectSums(s.contacts, contacts, { line: 'books', from: '2026-05-03', to: '2026-05-24', timeZone, by: 'started' });
      await expectSums(s.contacts, contacts, { line: 'toys', from: '2026-05-01', to: '2026-05-31', timeZone, by: 'queued' });
    }
    expect(await s.contacts.buckets({ line: 'nothing', from: '2026-05-01', to: '2026-05-31', timeZone: 'UTC', by: 'started' })).toEqual([]);
  });

  it('a contact grows by changes: set replaces, setOnce keeps the first, messages add up in order; only contacts an agent answered are mined', async () => {
    const p = await place(backend);
    let s = await p.open();
    const t0 = Date.parse('2026-05-02T10:00:00+08:00');
    const changes: ContactChange[] = [
      { id: 'desk:1', set: { source: 'desk', line: 'books', buyerId: 'b-wang', locale: 'zh-CN', startedAt: t0 }, messages: [{ at: '2026-05-02T02:00:00.000Z', from: 'buyer', text: '在吗' }] },
      { id: 'desk:1', setOnce: { queuedAt: t0 + 60_000 } },
      { id: 'desk:1', setOnce: { queuedAt: t0 + 600_000, claimedAt: t0 + 120_000 }, set: { agentId: 'a-lin' } },
      { id: 'desk:1', setOnce: { firstReplyAt: t0 + 150_000 }, messages: [{ at: '2026-05-02T02:02:30.000Z', from: 'agent', agentId: 'a-lin', text: '您好，在的' }] },
      { id: 'desk:1', setOnce: { firstReplyAt: t0 + 900_000 }, messages: [{ at: '2026-05-02T02:03:00.000Z', from: 'buyer', text: '快递到哪了' }, { at: '2026-05-02T02:04:00.000Z', from: 'agent', agentId: 'a-lin', text: '我帮您查一下' }] },
      { id: 'desk:1', set: { endedAt: t0 + 420_000, satisfied: false } },
      { id: 'desk:1', set: { satisfied: true } },
      { id: 'desk:2', set: { source: 'desk', line: 'books', buyerId: null, locale: 'en-US', startedAt: t0 + 5_000 }, messages: [{ at: '2026-05-02T02:00:05.000Z', from: 'buyer', text: 'hi' }, { at: '2026-05-02T02:00:06.000Z', from: 'bot', text: 'Hello!' }] },
    ];
    for (const c of changes) await s.contacts.record([c]);
    const v1 = await s.contacts.version();
    s = await reopen(p, s);
    const [b] = await s.contacts.buckets({ line: 'books', from: '2026-05-02', to: '2026-05-02', timeZone: 'Asia/Shanghai', by: 'started' });
    expect(b).toEqual({ date: '2026-05-02', hour: 10, contacts: 2, queued: 1, claimed: 1, waitMs: 60_000, answered: 1, firstReplyMs: 90_000, handled: 1, handleMs: 300_000, rated: 1, satisfied: 1 });
    const mined = await all(s.contacts);
    expect(mined.map((c) => c.id)).toEqual(['desk:1']);
    expect(mined[0]!.messages.map((m) => `${m.from}:${m.text}`)).toEqual(['buyer:在吗', 'agent:您好，在的', 'buyer:快递到哪了', 'agent:我帮您查一下']);
    await s.contacts.record([{ id: 'desk:2', messages: [{ at: '2026-05-02T02:01:00.000Z', from: 'agent', agentId: 'a-lin', text: 'How can I help?' }] }]);
    expect(await s.contacts.version()).not.toBe(v1);
    expect((await all(s.contacts)).map((c) => c.id)).toEqual(['desk:1', 'desk:2']);
  });

  it('history is replaced as a whole (a new import), and the desk\'s own contacts stay', async () => {
    const p = await place(backend);
    let s = await p.open();
    await s.contacts.record([{ id: 'desk:1', set: { source: 'desk', line: 'books', buyerId: null, locale: 'en-US', startedAt: Date.parse('2026-05-03T09:00:00Z') } }]);
    await s.contacts.replaceHistory([history('h-1', '2026-04-01T10:00:00+08:00', '第一次的回复'), history('h-2', '2026-04-02T10:00:00+08:00')]);
    expect(await s.contacts.count()).toBe(3);
    expect(await s.contacts.historyEnd()).toBe(Date.parse('2026-04-02T10:00:00+08:00'));
    const v = await s.contacts.version();
    await s.contacts.replaceHistory([history('h-1', '2026-04-05T10:00:00+08:00', '新的回复'), history('h-3', '2026-04-06T10:00:00+08:00', '另一个回复')]);
    expect(await s.contacts.version()).not.toBe(v);
    s = await reopen(p, s);
    expect(await s.contacts.count()).toBe(3);
    expect(await s.contacts.historyEnd()).toBe(Date.parse('2026-04-06T10:00:00+08:00'));
    const mined = await all(s.contacts);
    expect(mined.map((c) => [c.id, c.messages.filter((m) => m.from === 'agent').map((m) => m.text)])).toEqual([
      ['h-1', ['新的回复']],
      ['h-3', ['另一个回复']],
    ]);
    const april = await s.contacts.buckets({ line: 'books', from: '2026-04-01', to: '2026-04-30', timeZone: 'Asia/Shanghai', by: 'started' });
    expect(april.map((b) => b.date).sort()).toEqual(['2026-04-05', '2026-04-06']);
    expect((await s.contacts.buckets({ line: 'books', from: '2026-05-03', to: '2026-05-03', timeZone: 'UTC', by: 'started' }))[0]).toMatchObject({ hour: 9, contacts: 1 });
  });

  it('a store written before the contact log had its history in the shop: it moves to the log at start', async () => {
    const p = await place(backend);
    let s = await p.open();
    const shop = { ...s.store.doc.shop, history: [history('h-old', '2026-04-03T10:00:00+08:00', '老的回复')] };
    await s.store.replaceShop(shop, s.store.doc.meta);
    s = await reopen(p, s);
    expect(s.store.doc.shop.history ?? []).toEqual([]);
    expect((await all(s.contacts)).map((c) => c.id)).toEqual(['h-old']);
  });
});

describe('the contact file (lowdb)', () => {
  it('skips a line torn by a crash, and never rewrites a file with a bad line in the middle', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'desk-contacts-file-'));
    cleanup(() => rm(dir, { recursive: true, force: true }));
    const file = contactFileOf(path.join(dir, 'desk.json'));
    let log = await ContactFile.open(file);
    await log.record([{ id: 'a', set: { source: 'desk', line: 'books', buyerId: null, locale: 'zh-CN', startedAt: 1 } }]);
    await log.close();
    await appendFile(file, '{"id":"b","set":{"source":"de');
    log = await ContactFile.open(file);
    expect(await log.count()).toBe(1);
    await log.record([{ id: 'c', set: { source: 'desk', line: 'books', buyerId: null, locale: 'zh-CN', startedAt: 2 } }]);
    await log.close();
    // Many replaced histories, with a bad line in the middle: not compacted, nothing lost.
    log = await ContactFile.open(file);
    for (let round = 0; round < 4; round++) await log.replaceHistory(Array.from({ length: 400 }, (_, i) => history(`h-${i}`, `2026-04-0${round + 1}T10:00:00+08:00`)));
    await log.close();
    await appendFile(file, 'not json at all\n');
    await appendFile(file, `${JSON.stringify({ id: 'd', set: { source: 'desk', line: 'books', buyerId: null, locale: 'zh-CN', startedAt: 3 } })}\n`);
    const before = await readFile(file, 'utf8');
    log = await ContactFile.open(file);
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await log.count()).toBe(403);
    await log.close();
    // Without the bad line the dead lines go: one line a contact, the same figures and messages.
    await writeFile(file, before.replace('not json at all\n', ''));
    log = await ContactFile.open(file);
    expect(log.lineCount).toBe(403);
    expect(await log.count()).toBe(403);
    expect(await log.historyEnd()).toBe(Date.parse('2026-04-04T10:00:00+08:00'));
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(403);
    await log.close();
  });
});
