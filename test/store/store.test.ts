import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoShop } from '../../data/demoShop.js';
import { shopData } from '../../data/shopSchema.js';
import { stateFileBeside, Store } from '../../data/lowdb/store.js';
import { type StateDocument, type StoreDocument } from '../../data/records.js';
import { StoreFormatError, StoreLockedError, StoreParseError } from '../../data/storeErrors.js';
import { StoreStorage } from '../../bot/storeStorage.js';
import { deadPid } from '../support/runProcess.js';
import { readJsonFile, useStoreFixture } from '../support/storeFixture.js';

/** The seeding moment: the demo shop's times are computed from it, so it pins the seeded file. */
const NOW = new Date('2026-04-12T06:30:00.000Z');
const LATER = new Date('2026-05-01T00:00:00.000Z');
/** Enough concurrent updates that a store writing once per update would visibly lag or lose some. */
const BURST = 200;

const fixture = useStoreFixture();
const seedOptions = { seed: buildDemoShop, now: () => NOW };

/** The demo shop as the store keeps it: validated (defaults applied), then through JSON. */
function demoShopAsStored(at: Date): unknown {
  return JSON.parse(JSON.stringify(shopData.parse(buildDemoShop(at)))) as unknown;
}

/** A complete, valid store document, for tests that corrupt one part of it. */
function validDocument(): StoreDocument {
  return { version: 1, meta: { source: 'demo' }, shop: shopData.parse(buildDemoShop(NOW)) };
}

/** A valid state document with one conversation in it, for tests that corrupt one part of it. */
function validState(): StateDocument {
  return { version: 1, botState: { 'conv/0': { eTag: 'e0', value: { turns: 1 } } } };
}

/** What tells a file rewritten by rename (a new inode) or in place (a new mtime) from one left alone. */
async function identity(file: string): Promise<{ ino: bigint; mtimeNs: bigint; size: bigint }> {
  const { ino, mtimeNs, size } = await stat(file, { bigint: true });
  return { ino, mtimeNs, size };
}

async function storeFile(): Promise<string> {
  return path.join(await fixture.tempDir(), 'desk.json');
}

/** Runs `open` and returns what it threw, failing the test when it did not throw. */
async function refusal(open: () => Promise<unknown>): Promise<Error> {
  try {
    await open();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected Store.open to refuse the file, but it opened');
}

describe('Store.open seeding', () => {
  it.each([
    { state: 'missing', content: undefined },
    { state: 'empty', content: '' },
    { state: 'whitespace-only', content: ' \n\t\n' },
  ])('seeds a $state store file with the demo shop and writes it to disk', async ({ content }) => {
    const file = await storeFile();
    if (content !== undefined) await writeFile(file, content);

    const store = await fixture.openStore(file, seedOptions);

    const expected = { version: 1, meta: { source: 'demo', seededAt: NOW.toISOString() }, shop: demoShopAsStored(NOW) };
    const expectedState = { version: 1, botState: {} };
    expect(await readJsonFile(file)).toEqual(expected);
    expect(await readJsonFile(stateFileBeside(file))).toEqual(expectedState);
    expect(JSON.parse(JSON.stringify(store.doc))).toEqual(expected);
    expect(store.state).toEqual(expectedState);
    expect(store.stateFile).toBe(path.join(path.dirname(file), 'desk.state.json'));
    expect((await readdir(path.dirname(file))).sort()).toEqual(['desk.json', 'desk.json.lock', 'desk.state.json']);
  });

  it('refuses a missing file when no seed is given, and creates nothing', async () => {
    const file = await storeFile();

    const err = await refusal(() => Store.open(file));

    expect(err).toBeInstanceOf(StoreFormatError);
    expect(err.message).toContain(file);
    expect(await readdir(path.dirname(file))).toEqual([]);
  });

  it('keeps the data of an existing store on reopening, instead of seeding again', async () => {
    const file = await storeFile();
    const first = await fixture.openStore(file, seedOptions);
    await first.updateState((doc) => {
      doc.botState['conv/1'] = { eTag: 'e1', value: { step: 'askOrder' } };
    });
    await first.close();

    const again = await fixture.openStore(file, { seed: buildDemoShop, now: () => LATER });

    expect(again.doc.meta).toEqual({ source: 'demo', seededAt: NOW.toISOString() });
    expect(again.state.botState).toEqual({ 'conv/1': { eTag: 'e1', value: { step: 'askOrder' } } });
    expect(JSON.parse(JSON.stringify(again.doc.shop))).toEqual(demoShopAsStored(NOW));
  });

  it.each([
    { state: 'missing', content: undefined },
    { state: 'empty', content: '' },
    { state: 'whitespace-only', content: '\n \n' },
  ])('opens an existing store whose state file is $state with empty bot state, writes that file, and leaves the main file alone', async ({ content }) => {
    const file = await storeFile();
    const stateFile = stateFileBeside(file);
    const mainBytes = Buffer.from(JSON.stringify(validDocument()), 'utf8');
    await writeFile(file, mainBytes);
    if (content !== undefined) await writeFile(stateFile, content);
    const mainBefore = await identity(file);

    const store = await fixture.openStore(file, { seed: buildDemoShop, now: () => LATER });

    expect(store.state).toEqual({ version: 1, botState: {} });
    expect(await readJsonFile(stateFile)).toEqual({ version: 1, botState: {} });
    expect(store.doc.meta).toEqual({ source: 'demo' }); // not seeded again
    expect((await readFile(file)).equals(mainBytes)).toBe(true);
    expect(await identity(file)).toEqual(mainBefore);
  });
});

describe('stateFileBeside', () => {
  it.each([
    { file: '/srv/var/desk.json', expected: '/srv/var/desk.state.json' },
    { file: 'var/shop.2026.json', expected: 'var/shop.2026.state.json' },
    { file: 'desk.json', expected: 'desk.state.json' },
    { file: '/srv/var/desk', expected: '/srv/var/desk.state.json' },
  ])('puts the state of $file in $expected', ({ file, expected }) => {
    expect(stateFileBeside(file)).toBe(expected);
  });
});

describe('Store.update and Store.updateState', () => {
  it('updateState has the change in the state file once its promise resolves, and returns what the mutation returned', async () => {
    const file = await storeFile();
    const store = await fixture.openStore(file, seedOptions);

    const result = await store.updateState((doc) => {
      doc.botState['conv/2'] = { eTag: 'e2', value: { turns: 3 } };
      return 'mutated';
    });

    expect(result).toBe('mutated');
    const onDisk = (await readJsonFile(stateFileBeside(file))) as StateDocument;
    expect(onDisk.botState['conv/2']).toEqual({ eTag: 'e2', value: { turns: 3 } });
    expect(await readJsonFile(file)).not.toHaveProperty('botState');
  });

  it('update has the change in the main file once its promise resolves, and returns what the mutation returned', async () => {
    const file = await storeFile();
    const store = await fixture.openStore(file, seedOptions);

    const result = await store.update((doc) => {
      doc.meta.importFile = 'by-hand.json';
      return 'mutated';
    });

    expect(result).toBe('mutated');
    const onDisk = (await readJsonFile(file)) as StoreDocument;
    expect(onDisk.meta).toEqual({ source: 'demo', seededAt: NOW.toISOString(), importFile: 'by-hand.json' });
  });

  it(`coalesces ${BURST} concurrent updates, each on disk when its promise resolves`, async () => {
    const file = await storeFile();
    const store = await fixture.openStore(file, seedOptions);
    const missingAtResolve: number[] = [];

    const updates = Array.from({ length: BURST }, (_, n) =>
      store
        .updateState((doc) => {
          doc.botState[`k${n}`] = { eTag: String(n), value: { n } };
        })
        .then(async () => {
          const onDisk = (await readJsonFile(stateFileBeside(file))) as StateDocument;
          if (!onDisk.botState[`k${n}`]) missingAtResolve.push(n);
        }),
    );
    await Promise.all(updates);

    expect(missingAtResolve).toEqual([]);
    const onDisk = (await readJsonFile(stateFileBeside(file))) as StateDocument;
    const expected = Object.fromEntries(Array.from({ length: BURST }, (_, n) => [`k${n}`, { eTag: String(n), value: { n } }]));
    expect(onDisk.botState).toEqual(expected);
    expect(await readJsonFile(file)).not.toHaveProperty('botState');
  });

  it.each<{ change: string; written: 'main' | 'state'; apply: (store: Store) => Promise<unknown> }>([
    {
      change: 'updateState',
      written: 'state',
      apply: (store) =>
        store.updateState((state) => {
          state.botState['conv/3'] = { eTag: 'e3', value: { turns: 1 } };
        }),
    },
    {
      change: "StoreStorage.write (a turn's state save)",
      written: 'state',
      apply: (store) => new StoreStorage(store).write({ 'test/conversations/c3/': { turns: 1 } }),
    },
    {
      change: 'update of the shop',
      written: 'main',
      apply: (store) =>
        store.update((doc) => {
          doc.shop.orders[0]!.items[0]!.title = 'Renamed by the test';
        }),
    },
    {
      change: 'replaceShop',
      written: 'main',
      apply: (store) => store.replaceShop(shopData.parse(buildDemoShop(LATER)), { source: 'import', importedAt: LATER.toISOString() }),
    },
  ])('$change rewrites only the $written file: the other keeps its bytes, inode and mtime', async ({ written, apply }) => {
    const file = await storeFile();
    const store = await fixture.openStore(file, seedOptions);
    await store.updateState((state) => {
      state.botState['conv/0'] = { eTag: 'e0', value: { turns: 0 } };
    });
    const files = { main: file, state: stateFileBeside(file) };
    const untouched = written === 'main' ? files.state : files.main;
    const [writtenBefore, untouchedBefore, untouchedBytes] = [await identity(files[written]), await identity(untouched), await readFile(untouched)];

    await apply(store);

    expect((await identity(files[written])).ino, 'the written file was replaced by rename').not.toBe(writtenBefore.ino);
    expect(await identity(untouched)).toEqual(untouchedBefore);
    expect((await readFile(untouched)).equals(untouchedBytes)).toBe(true);
  });
});

describe('Store lock', () => {
  it('refuses a second open of the same file while the first is open, naming the file', async () => {
    const file = await storeFile();
    const first = await fixture.openStore(file, seedOptions);

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err).toBeInstanceOf(StoreLockedError);
    expect(err.message).toContain(file);
    expect(err.message).toContain(`process ${process.pid}`);
    // The refused attempt must not have released the first store's lock on its way out.
    expect(await refusal(() => fixture.openStore(file, seedOptions))).toBeInstanceOf(StoreLockedError);
    await first.updateState((doc) => {
      doc.botState['still'] = { eTag: 'x', value: {} };
    });
    expect(((await readJsonFile(stateFileBeside(file))) as StateDocument).botState['still']).toBeDefined();
    expect(await readJsonFile(file)).not.toHaveProperty('botState');
  });

  it.each([
    { leftBy: 'a process that has exited', lockText: async () => JSON.stringify({ pid: await deadPid(), host: os.hostname(), since: NOW.toISOString() }) },
    { leftBy: 'a writer that died mid-write (half a lock file)', lockText: async () => '{"pid": 12' },
    { leftBy: 'a writer that died before writing (empty lock file)', lockText: async () => '' },
  ])('takes over a stale lock left by $leftBy', async ({ lockText }) => {
    const file = await storeFile();
    await writeFile(`${file}.lock`, await lockText());

    const store = await fixture.openStore(file, seedOptions);

    expect(store.doc.meta.source).toBe('demo');
    const owner = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as { pid: number; host: string };
    expect(owner).toMatchObject({ pid: process.pid, host: os.hostname() });
  });

  it('respects a lock held by another live process, and leaves its lock file alone', async () => {
    const file = await storeFile();
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => sleeper.once('exit', resolve));
    try {
      const lockText = JSON.stringify({ pid: sleeper.pid, host: os.hostname(), since: NOW.toISOString() });
      await writeFile(`${file}.lock`, lockText);

      const err = await refusal(() => fixture.openStore(file, seedOptions));

      expect(err).toBeInstanceOf(StoreLockedError);
      expect(err.message).toContain(file);
      expect(err.message).toContain(`process ${sleeper.pid}`);
      expect(await readFile(`${file}.lock`, 'utf8')).toBe(lockText);
      expect(existsSync(file)).toBe(false);
      expect(existsSync(stateFileBeside(file))).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
      await exited;
    }
  });

  it('does not take over a lock of another host, where it cannot tell whether the owner lives', async () => {
    const file = await storeFile();
    const lockText = JSON.stringify({ pid: await deadPid(), host: 'other-host.example', since: NOW.toISOString() });
    await writeFile(`${file}.lock`, lockText);

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err).toBeInstanceOf(StoreLockedError);
    expect(err.message).toContain('other-host.example');
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(lockText);
  });

  it('is released by close: the lock file is gone, a new open succeeds, and the closed store refuses updates', async () => {
    const file = await storeFile();
    const first = await fixture.openStore(file, seedOptions);
    const pending = first.updateState((doc) => {
      doc.botState['last'] = { eTag: 'z', value: { written: true } };
    });

    await first.close();
    await pending;

    expect(existsSync(`${file}.lock`)).toBe(false);
    const second = await fixture.openStore(file, seedOptions);
    expect(second.state.botState['last']).toEqual({ eTag: 'z', value: { written: true } });
    await expect(first.update(() => undefined)).rejects.toThrow(/closed/);
  });
});

describe('Store.open refusing a file it cannot use', () => {
  it.each([
    { kind: 'a truncated file', text: '{"version": 1,\n "shop": ', line: 2 },
    { kind: 'a stray comma in an object', text: '{"version": 1,\n "meta": {"source": "demo"},\n}', line: 3 },
    { kind: 'a stray comma in an array', text: '{"version": 1,\n "meta": {"source": "demo"},\n "shop": {"businessLines": [1, 2,]}}', line: 3 },
    { kind: 'a bare word', text: '{\n  "version": one\n}', line: 2 },
  ])('throws StoreParseError with file, line and column for $kind, and leaves it byte for byte', async ({ text, line }) => {
    const file = await storeFile();
    const bytes = Buffer.from(text, 'utf8');
    await writeFile(file, bytes);

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err).toBeInstanceOf(StoreParseError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(new RegExp(`line ${line}, column \\d+`));
    expect((await readFile(file)).equals(bytes)).toBe(true);
    expect(existsSync(stateFileBeside(file))).toBe(false);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(await refusal(() => fixture.openStore(file, seedOptions))).toBeInstanceOf(StoreParseError);
  });

  it.each([
    { kind: 'an empty object', text: '{}', path: '$.version' },
    { kind: 'an array', text: '[]', path: '$' },
    { kind: 'a JSON null', text: 'null', path: '$' },
    { kind: 'a later version', text: JSON.stringify({ ...validDocument(), version: 2 }), path: '$.version' },
    {
      kind: 'an order with an unknown status',
      text: JSON.stringify(validDocument(), (key, value: unknown) => (key === 'status' ? 'lost' : value)),
      path: '$.shop.orders[0].status',
    },
    { kind: 'meta with an unknown source', text: JSON.stringify({ ...validDocument(), meta: { source: 'backup' } }), path: '$.meta.source' },
  ])('throws StoreFormatError naming $path for $kind, and leaves the file byte for byte', async ({ text, path: issuePath }) => {
    const file = await storeFile();
    const bytes = Buffer.from(text, 'utf8');
    await writeFile(file, bytes);

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err).toBeInstanceOf(StoreFormatError);
    expect(err.message).toContain(file);
    expect(err.message).toContain(`${issuePath}:`);
    expect((await readFile(file)).equals(bytes)).toBe(true);
    expect(existsSync(stateFileBeside(file))).toBe(false);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});

describe('Store.open refusing a state file it cannot use', () => {
  /** The main file beside the broken state file: a store already there, or none (the open would seed one). */
  const besideMain = [
    { main: 'an existing store', mainText: (): string | undefined => JSON.stringify(validDocument()) },
    { main: 'a store to be seeded', mainText: (): string | undefined => undefined },
  ];

  /** Writes the main file (if any) and the state file, opens, and checks what must hold for every refusal. */
  async function refusedOpen(stateText: string, mainText: string | undefined): Promise<Error> {
    const file = await storeFile();
    const stateFile = stateFileBeside(file);
    const stateBytes = Buffer.from(stateText, 'utf8');
    const mainBytes = mainText === undefined ? undefined : Buffer.from(mainText, 'utf8');
    if (mainBytes) await writeFile(file, mainBytes);
    await writeFile(stateFile, stateBytes);
    const mainBefore = mainBytes && (await identity(file));

    const err = await refusal(() => fixture.openStore(file, seedOptions));

    expect(err.message).toContain(stateFile);
    expect(err.message, 'names the state file, not the main one').not.toContain(file);
    expect((await readFile(stateFile)).equals(stateBytes)).toBe(true);
    if (mainBytes) {
      expect((await readFile(file)).equals(mainBytes)).toBe(true);
      expect(await identity(file)).toEqual(mainBefore);
    } else {
      expect(existsSync(file), 'no shop seeded beside a state file it refused').toBe(false);
    }
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect((await refusal(() => fixture.openStore(file, seedOptions))).name).toBe(err.name);
    return err;
  }

  it.each(
    [
      { kind: 'a truncated file', text: '{"version": 1,\n "botState": {"c": ', line: 2 },
      { kind: 'a stray comma', text: '{"version": 1,\n "botState": {},\n}', line: 3 },
      { kind: 'a bare word', text: '{\n  "version": 1,\n  "botState": none\n}', line: 3 },
    ].flatMap((row) => besideMain.map((m) => ({ ...row, ...m }))),
  )('throws StoreParseError with the state file, line and column for $kind beside $main, and leaves both files as they were', async ({ text, line, mainText }) => {
    const err = await refusedOpen(text, mainText());

    expect(err).toBeInstanceOf(StoreParseError);
    expect(err.message).toMatch(new RegExp(`line ${line}, column \\d+`));
  });

  it.each(
    [
      { kind: 'an empty object', text: '{}', path: '$.version' },
      { kind: 'an array', text: '[]', path: '$' },
      { kind: 'a JSON null', text: 'null', path: '$' },
      { kind: 'a later version', text: JSON.stringify({ ...validState(), version: 2 }), path: '$.version' },
      { kind: 'no botState', text: JSON.stringify({ version: 1 }), path: '$.botState' },
      { kind: 'bot state without an eTag', text: JSON.stringify({ ...validState(), botState: { c: { value: {} } } }), path: '$.botState.c.eTag' },
      { kind: 'bot state whose value is not an object', text: JSON.stringify({ ...validState(), botState: { c: { eTag: 'e', value: 3 } } }), path: '$.botState.c.value' },
    ].flatMap((row) => besideMain.map((m) => ({ ...row, ...m }))),
  )('throws StoreFormatError naming $path for $kind beside $main, and leaves both files as they were', async ({ text, path: issuePath, mainText }) => {
    const err = await refusedOpen(text, mainText());

    expect(err).toBeInstanceOf(StoreFormatError);
    expect(err.message).toContain(`${issuePath}:`);
  });
});

describe('Store.open cleaning up after a crashed writer', () => {
  it.each([
    { store: 'an existing store', existing: true },
    { store: 'a store being seeded', existing: false },
  ])('removes leftover .desk.json.*.tmp and .desk.state.json.*.tmp files of $store and nothing else', async ({ existing }) => {
    const file = await storeFile();
    const dir = path.dirname(file);
    if (existing) {
      await writeFile(file, JSON.stringify(validDocument()));
      await writeFile(stateFileBeside(file), JSON.stringify(validState()));
    }
    const leftovers = ['.desk.json.4242.1.tmp', '.desk.json.4242.2.tmp', '.desk.json.99999.17.tmp', '.desk.state.json.4242.3.tmp', '.desk.state.json.99999.18.tmp'];
    const unrelated = ['.other.json.4242.1.tmp', 'desk.json.bak', '.desk.json.notes', 'desk.json.4242.1.tmp', '.desk.state.json.notes', 'desk.state.json.4242.1.tmp'];
    for (const name of [...leftovers, ...unrelated]) await writeFile(path.join(dir, name), '{"torn": ');

    const store = await fixture.openStore(file, seedOptions);

    expect((await readdir(dir)).sort()).toEqual(['desk.json', 'desk.json.lock', 'desk.state.json', ...unrelated].sort());
    expect(store.state.botState).toEqual(existing ? validState().botState : {});
  });
});
