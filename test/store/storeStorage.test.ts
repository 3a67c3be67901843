import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConversationState, TestAdapter, type StoreItems, type TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { BOT_STATE_KEEP_DAYS, type StateDocument } from '../../data/records.js';
import { BOT_STATE_MAX_ENTRIES, stateFileBeside, type Store } from '../../data/lowdb/store.js';
import { ETagConflictError } from '../../data/storeErrors.js';
import { StoreStorage } from '../../bot/storeStorage.js';
import { readJsonFile, useStoreFixture } from '../support/storeFixture.js';

const fixture = useStoreFixture();
const seedOptions = { seed: buildDemoShop, now: () => new Date('2026-04-12T06:30:00.000Z') };

async function openStorage(): Promise<{ store: Store; storage: StoreStorage; file: string }> {
  const file = path.join(await fixture.tempDir(), 'desk.json');
  const store = await fixture.openStore(file, seedOptions);
  return { store, storage: new StoreStorage(store), file };
}

/** The eTag of `key` as the storage reports it; fails the test when the item is missing. */
async function eTagOf(storage: StoreStorage, key: string): Promise<string> {
  const item = (await storage.read([key]))[key] as { eTag?: string } | undefined;
  if (!item?.eTag) throw new Error(`no item or eTag for ${key}`);
  return item.eTag;
}

describe('StoreStorage read / write / delete', () => {
  it('reads back what was written, with a fresh eTag, skips missing keys, and deletes', async () => {
    const { storage } = await openStorage();

    await storage.write({ 'emulator/conversations/c1/': { dialogStack: [{ id: 'main' }], count: 1 }, 'emulator/users/u1/': { locale: 'zh-CN' } });
    const read = await storage.read(['emulator/conversations/c1/', 'emulator/users/u1/', 'emulator/users/nobody/']);

    expect(Object.keys(read).sort()).toEqual(['emulator/conversations/c1/', 'emulator/users/u1/']);
    expect(read['emulator/conversations/c1/']).toEqual({ dialogStack: [{ id: 'main' }], count: 1, eTag: expect.any(String) });
    expect(read['emulator/users/u1/']).toEqual({ locale: 'zh-CN', eTag: expect.any(String) });

    await storage.delete(['emulator/conversations/c1/', 'emulator/users/nobody/']);

    expect(await storage.read(['emulator/conversations/c1/', 'emulator/users/u1/'])).toEqual({ 'emulator/users/u1/': { locale: 'zh-CN', eTag: expect.any(String) } });
  });

  it('gives each write a new eTag', async () => {
    const { storage } = await openStorage();
    await storage.write({ k: { v: 1 } });
    const first = await eTagOf(storage, 'k');

    await storage.write({ k: { v: 2, eTag: first } });

    expect(await eTagOf(storage, 'k')).not.toBe(first);
  });

  it('refuses a write with a stale eTag, and changes nothing, in memory or on disk', async () => {
    const { storage, file } = await openStorage();
    await storage.write({ a: { v: 'first' }, b: { v: 'untouched' } });
    const stale = await eTagOf(storage, 'a');
    await storage.write({ a: { v: 'second', eTag: stale } });
    const current = await eTagOf(storage, 'a');
    const bytesBefore = await readFile(file);

    // b is a new key and would be accepted alone: a refused write must not apply half of itself.
    await expect(storage.write({ b: { v: 'changed' }, a: { v: 'lost update', eTag: stale } })).rejects.toThrow(ETagConflictError);

    expect(await storage.read(['a', 'b'])).toEqual({ a: { v: 'second', eTag: current }, b: { v: 'untouched', eTag: expect.any(String) } });
    expect((await readFile(file)).equals(bytesBefore)).toBe(true);
  });

  it('lets exactly one of two concurrent writes with the same eTag win', async () => {
    const { storage } = await openStorage();
    await storage.write({ k: { v: 0 } });
    const eTag = await eTagOf(storage, 'k');

    const outcomes = await Promise.allSettled([storage.write({ k: { v: 'turn A', eTag } }), storage.write({ k: { v: 'turn B', eTag } })]);

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
    expect((await storage.read(['k']))['k']).toMatchObject({ v: 'turn A' });
  });

  it.each([
    { how: 'eTag "*"', eTag: '*' as string | undefined },
    { how: 'no eTag', eTag: undefined },
  ])('overwrites whatever is stored when written with $how', async ({ eTag }) => {
    const { storage } = await openStorage();
    await storage.write({ k: { v: 'old' } });
    await storage.write({ k: { v: 'newer' } }); // the eTag the caller might know is now stale anyway

    const change: StoreItems = { k: eTag === undefined ? { v: 'forced' } : { v: 'forced', eTag } };
    await storage.write(change);

    expect((await storage.read(['k']))['k']).toEqual({ v: 'forced', eTag: expect.any(String) });
  });

  it('accepts any eTag for a key that is not stored yet, as MemoryStorage does', async () => {
    const { storage } = await openStorage();

    await storage.write({ fresh: { v: 1, eTag: 'from-another-store' } });

    expect((await storage.read(['fresh']))['fresh']).toEqual({ v: 1, eTag: expect.any(String) });
  });

  it(`drops state not written for ${BOT_STATE_KEEP_DAYS} days when the store opens, and keeps the rest`, async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const t0 = new Date('2026-04-12T06:30:00.000Z');
    const day = 86_400_000;
    const first = await fixture.openStore(file, seedOptions);
    await new StoreStorage(first, () => t0).write({ 'emulator/conversations/old/': { n: 1 } });
    await new StoreStorage(first, () => new Date(t0.getTime() + 10 * day)).write({ 'emulator/conversations/recent/': { n: 2 } });
    await first.close();

    const later = { ...seedOptions, now: () => new Date(t0.getTime() + (BOT_STATE_KEEP_DAYS + 1) * day) };
    const reopened = new StoreStorage(await fixture.openStore(file, later));
    const items = await reopened.read(['emulator/conversations/old/', 'emulator/conversations/recent/']);
    expect(Object.keys(items)).toEqual(['emulator/conversations/recent/']);
  });

  it('keeps values and eTags through closing and reopening the store', async () => {
    const { store, storage, file } = await openStorage();
    await storage.write({ 'emulator/conversations/c9/': { step: 'confirmCancel', orderId: '20261101000123' } });
    const eTag = await eTagOf(storage, 'emulator/conversations/c9/');
    await store.close();

    const reopened = new StoreStorage(await fixture.openStore(file, seedOptions));

    expect(await reopened.read(['emulator/conversations/c9/'])).toEqual({
      'emulator/conversations/c9/': { step: 'confirmCancel', orderId: '20261101000123', eTag },
    });
  });

  it('hands out copies: mutating what was read or what was written does not reach the store', async () => {
    const { storage } = await openStorage();
    const written = { nested: { list: [1, 2] }, label: 'kept' };
    await storage.write({ k: written });

    written.nested.list.push(99);
    written.label = 'changed after write';
    const read = (await storage.read(['k']))['k'] as { nested: { list: number[] }; label: string };
    read.nested.list.push(3);
    read.label = 'changed after read';

    expect((await storage.read(['k']))['k']).toEqual({ nested: { list: [1, 2] }, label: 'kept', eTag: expect.any(String) });
  });

  it.each([
    { call: 'read', run: (s: StoreStorage) => s.read('k' as unknown as string[]) },
    { call: 'delete', run: (s: StoreStorage) => s.delete('k' as unknown as string[]) },
    { call: 'write', run: (s: StoreStorage) => s.write(null as unknown as StoreItems) },
  ])('refuses a $call with the wrong argument type, naming the method', async ({ call, run }) => {
    const { storage } = await openStorage();

    await expect(run(storage)).rejects.toThrow(`StoreStorage.${call}()`);
  });
});

describe(`StoreStorage keeping at most ${BOT_STATE_MAX_ENTRIES} entries`, () => {
  /** When the filler entries were written: a day before the store's now, one second apart (well within BOT_STATE_KEEP_DAYS). */
  const t0 = new Date('2026-04-11T06:30:00.000Z').getTime();
  const filler = (i: number): string => `flood/conversations/c${i}/`;

  /** A store whose state file held `count` entries written one second apart from t0, the first `withoutAt` of them from before `at` existed. */
  async function openWithFillers(count: number, withoutAt = 0): Promise<{ store: Store; file: string }> {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const botState: StateDocument['botState'] = {};
    for (let i = 0; i < count; i++) {
      botState[filler(i)] = i < withoutAt ? { eTag: `e${i}`, value: { i } } : { eTag: `e${i}`, value: { i }, at: new Date(t0 + i * 1000).toISOString() };
    }
    await writeFile(stateFileBeside(file), JSON.stringify({ version: 1, botState }));
    return { store: await fixture.openStore(file, seedOptions), file };
  }

  /** Storage whose writes happen `seconds` after t0. */
  const storageAt = (store: Store, seconds: number): StoreStorage => new StoreStorage(store, () => new Date(t0 + seconds * 1000));

  /** The keys of the state file on disk, parsed by hand. */
  async function keysOnDisk(file: string): Promise<string[]> {
    return Object.keys(((await readJsonFile(stateFileBeside(file))) as StateDocument).botState);
  }

  it('drops the least recently written entries (those without a time first) when a write goes past the cap, and keeps what was written', async () => {
    const { store, file } = await openWithFillers(BOT_STATE_MAX_ENTRIES, 1);
    const written = ['new/conversations/a/', 'new/users/a/', 'new/conversations/b/'];

    await storageAt(store, BOT_STATE_MAX_ENTRIES).write(Object.fromEntries(written.map((key) => [key, { turns: 1 }])));

    const dropped = [filler(0), filler(1), filler(2)]; // c0 has no time (an older file), then the two oldest times
    const onDisk = await keysOnDisk(file);
    expect(onDisk).toHaveLength(BOT_STATE_MAX_ENTRIES);
    expect(onDisk).toEqual(expect.arrayContaining([...written, filler(3), filler(BOT_STATE_MAX_ENTRIES - 1)]));
    expect(onDisk.filter((key) => dropped.includes(key))).toEqual([]);
    expect(Object.keys(await new StoreStorage(store).read(written))).toEqual(written);
  });

  it('drops nothing for a write at the cap that only rewrites an entry, and counts the rewrite as its latest write', async () => {
    const { store, file } = await openWithFillers(BOT_STATE_MAX_ENTRIES);

    await storageAt(store, BOT_STATE_MAX_ENTRIES).write({ [filler(0)]: { i: 'again' } });

    expect(await keysOnDisk(file)).toHaveLength(BOT_STATE_MAX_ENTRIES);
    await storageAt(store, BOT_STATE_MAX_ENTRIES + 1).write({ 'new/conversations/a/': { turns: 1 } });
    const kept = new Set(await keysOnDisk(file));
    expect(kept.size).toBe(BOT_STATE_MAX_ENTRIES);
    expect([filler(0), filler(1)].filter((key) => kept.has(key)), 'c1 is now the least recently written').toEqual([filler(0)]);
  });

  it('stays at the cap through a flood of new conversations, one write each, dropping the oldest each time', async () => {
    const { store, file } = await openWithFillers(BOT_STATE_MAX_ENTRIES);
    const flood = 20;

    for (let n = 0; n < flood; n++) {
      await storageAt(store, BOT_STATE_MAX_ENTRIES + n).write({ [`attacker/conversations/${n}/`]: { n } });
    }

    const onDisk = await keysOnDisk(file);
    expect(onDisk).toHaveLength(BOT_STATE_MAX_ENTRIES);
    expect(onDisk.filter((key) => key.startsWith('attacker/'))).toHaveLength(flood);
    const kept = new Set(onDisk);
    expect(Array.from({ length: flood }, (_, i) => filler(i)).filter((key) => kept.has(key))).toEqual([]);
    expect(kept.has(filler(flood))).toBe(true);
  });

  it('trims a state file past the cap when the store opens, keeping the newest, on disk too', async () => {
    const extra = 5;

    const { store, file } = await openWithFillers(BOT_STATE_MAX_ENTRIES + extra);

    const keys = Object.keys(store.state.botState);
    expect(keys).toHaveLength(BOT_STATE_MAX_ENTRIES);
    expect(keys.filter((key) => Number(/c(\d+)\/$/.exec(key)?.[1]) < extra)).toEqual([]);
    expect(await keysOnDisk(file)).toHaveLength(BOT_STATE_MAX_ENTRIES);
  });

  it('forgets deleted entries: a deleted key does not count against the cap', async () => {
    const { store, file } = await openWithFillers(BOT_STATE_MAX_ENTRIES);
    await new StoreStorage(store).delete([filler(BOT_STATE_MAX_ENTRIES - 1)]);

    await storageAt(store, BOT_STATE_MAX_ENTRIES).write({ 'new/conversations/a/': { turns: 1 } });

    const kept = new Set(await keysOnDisk(file));
    expect(kept.size).toBe(BOT_STATE_MAX_ENTRIES);
    expect(kept.has(filler(0)), 'nothing dropped: the delete made room').toBe(true);
  });
});

describe('StoreStorage as the storage of botbuilder ConversationState', () => {
  /** A bot that counts the turns of a conversation in conversation state, saved on our store. */
  function countingBot(store: Store): (context: TurnContext) => Promise<void> {
    const state = new ConversationState(new StoreStorage(store));
    const turns = state.createProperty<number>('turns');
    return async (context) => {
      const n = (await turns.get(context, 0)) + 1;
      await turns.set(context, n);
      await context.sendActivity(`turn ${n}`);
      await state.saveChanges(context);
    };
  }

  it('keeps conversation state across turns and across a restart of the store', async () => {
    const file = path.join(await fixture.tempDir(), 'desk.json');
    const store = await fixture.openStore(file, seedOptions);

    await new TestAdapter(countingBot(store)).send('hello').assertReply('turn 1').send('again').assertReply('turn 2');
    await store.close();
    const reopened = await fixture.openStore(file, seedOptions);

    await new TestAdapter(countingBot(reopened)).send('back').assertReply('turn 3');
    const keys = Object.keys(reopened.state.botState);
    expect(keys).toEqual(['test/conversations/Convo1/']);
    expect(reopened.state.botState['test/conversations/Convo1/']?.value).toMatchObject({ turns: 3 });
  });
});
