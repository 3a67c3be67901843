import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoHistoryOf, buildDemoShop } from '../../data/demoShop.js';
import { MAX_PROBLEMS, validateShop } from '../../data/importShop.js';
import { shopData } from '../../data/shopSchema.js';
import { stateFileBeside } from '../../data/lowdb/store.js';
import { type StoreDocument } from '../../data/records.js';
import { runProcess, type ProcessResult } from '../support/runProcess.js';
import { buildSmallShop } from '../support/smallShop.js';
import { readJsonFile, useStoreFixture } from '../support/storeFixture.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOW = new Date('2026-04-12T06:30:00.000Z');

const fixture = useStoreFixture();

/** A JSON value reached by walking object keys and array indexes. */
type JsonPath = (string | number)[];

/** The demo shop as a plain JSON document, to be broken one field at a time. */
/** The demo shop as a file would bring it: with its four weeks of history. */
function demoShopJson(): Record<string, unknown> {
  const shop = buildDemoShop(NOW);
  return JSON.parse(JSON.stringify({ ...shop, history: demoHistoryOf(shopData.parse(shop), NOW) })) as Record<string, unknown>;
}

function getAt(doc: unknown, at: JsonPath): unknown {
  return at.reduce<unknown>((node, key) => {
    if (node === null || typeof node !== 'object') throw new Error(`getAt(): nothing at ${at.join('.')}`);
    return (node as Record<string | number, unknown>)[key];
  }, doc);
}

/** Replaces (or, one past the end of an array, appends) the value at `at`; `undefined` deletes it. */
function setAt(doc: unknown, at: JsonPath, value: unknown): void {
  const parent = getAt(doc, at.slice(0, -1)) as Record<string | number, unknown>;
  const key = at.at(-1);
  const appends = Array.isArray(parent) && key === parent.length;
  if (key === undefined || (!(key in parent) && !appends)) throw new Error(`setAt(): nothing at ${at.join('.')} to replace`);
  if (value === undefined) delete parent[key];
  else parent[key] = value;
}

/** `$.orders[3].buyerId: no buyer…` → `$.orders[3].buyerId`. */
function pathOf(problem: string): string {
  return problem.slice(0, problem.indexOf(': '));
}

function problemsOf(input: unknown): string[] {
  const result = validateShop(input);
  return result.ok ? [] : result.problems;
}

const demo = demoShopJson();
/** The first demo order with tracking events, for a time inside a nested array. */
const trackedOrder = (demo['orders'] as { logistics?: unknown }[]).findIndex((o) => o.logistics);
const demoOrderCount = (demo['orders'] as unknown[]).length;
const demoBuyerCount = (demo['buyers'] as unknown[]).length;
/** The demo's past contacts, and the first one an agent served. */
const demoHistory = demo['history'] as { buyerId?: string | null; claimedAt?: string }[];
const servedContact = demoHistory.findIndex((c) => c.claimedAt);
/** A second buyer with the first buyer's id, and no chat account of its own (so only the id clashes). */
const buyerWithTakenId = { ...(getAt(demo, ['buyers', 0]) as object), channelAccounts: [] };

describe('validateShop', () => {
  it('accepts the demo shop with no problems', () => {
    expect(problemsOf(buildDemoShop(NOW))).toEqual([]);
  });

  it('accepts our own small shop with no problems', () => {
    expect(problemsOf(buildSmallShop())).toEqual([]);
  });

  it.each<{ problem: string; at: JsonPath; value: unknown; expected: string; consequences?: string[] }>([
    {
      problem: 'missing buyers',
      at: ['buyers'],
      value: undefined,
      expected: '$.buyers',
      consequences: [
        ...Array.from({ length: demoOrderCount }, (_, i) => `$.orders[${i}].buyerId`),
        ...demoHistory.flatMap((c, i) => (c.buyerId ? [`$.history[${i}].buyerId`] : [])),
      ],
    },
    { problem: 'a business line without a name', at: ['businessLines', 0, 'name'], value: undefined, expected: '$.businessLines[0].name' },
    { problem: 'a business line name without English', at: ['businessLines', 1, 'name', 'en'], value: undefined, expected: '$.businessLines[1].name.en' },
    { problem: 'an order status outside the enum', at: ['orders', 3, 'status'], value: 'lost', expected: '$.orders[3].status' },
    { problem: 'a time without a zone', at: ['orders', 5, 'createdAt'], value: '2026-11-01T09:00:00', expected: '$.orders[5].createdAt' },
    { problem: 'a date without a time', at: ['orders', 5, 'paidAt'], value: '2026-11-01', expected: '$.orders[5].paidAt' },
    {
      problem: 'a tracking event time without a zone',
      at: ['orders', trackedOrder, 'logistics', 'events', 0, 'at'],
      value: '2026-11-02 15:00',
      expected: `$.orders[${trackedOrder}].logistics.events[0].at`,
    },
    { problem: 'a negative total', at: ['orders', 2, 'total'], value: -1, expected: '$.orders[2].total' },
    { problem: 'a quantity of zero', at: ['orders', 1, 'items', 0, 'quantity'], value: 0, expected: '$.orders[1].items[0].quantity' },
    { problem: 'a currency of 4 letters', at: ['orders', 0, 'currency'], value: 'RMBX', expected: '$.orders[0].currency' },
    { problem: 'a lower-case currency', at: ['orders', 0, 'currency'], value: 'cny', expected: '$.orders[0].currency' },
    { problem: 'a buyer locale the desk does not speak', at: ['buyers', 0, 'locale'], value: 'fr-FR', expected: '$.buyers[0].locale' },
    { problem: 'an order of an unknown buyer', at: ['orders', 3, 'buyerId'], value: 'b-nobody', expected: '$.orders[3].buyerId' },
    { problem: 'an order of an unknown merchant', at: ['orders', 4, 'merchantId'], value: 'm-nobody', expected: '$.orders[4].merchantId' },
    { problem: 'an order on an unknown business line', at: ['orders', 6, 'businessLine'], value: 'groceries', expected: '$.orders[6].businessLine' },
    { problem: 'a merchant on an unknown business line', at: ['merchants', 1, 'businessLine'], value: 'groceries', expected: '$.merchants[1].businessLine' },
    { problem: 'a duplicate order id', at: ['orders', 7, 'id'], value: getAt(demo, ['orders', 1, 'id']), expected: '$.orders[7].id' },
    { problem: 'a duplicate buyer id', at: ['buyers', demoBuyerCount], value: buyerWithTakenId, expected: `$.buyers[${demoBuyerCount}].id` },
    { problem: 'an agent on an unknown line', at: ['agents', 1, 'businessLines', 0], value: 'nope', expected: '$.agents[1].businessLines[0]' },
    {
      problem: 'a channel account used by two buyers',
      at: ['buyers', 2, 'channelAccounts', 0],
      value: getAt(demo, ['buyers', 0, 'channelAccounts', 0]),
      expected: '$.buyers[2].channelAccounts[0]',
    },
    {
      problem: "a buyer's channel account also listed for an agent",
      at: ['agents', 0, 'channelAccounts', 0],
      value: getAt(demo, ['buyers', 1, 'channelAccounts', 0]),
      expected: '$.agents[0].channelAccounts[0]',
    },
    { problem: 'a KB entry with a question intent not in intents.md', at: ['knowledgeBase', 2, 'intent'], value: 'question.weather', expected: '$.knowledgeBase[2].intent' },
    { problem: 'a manager with the id of an agent', at: ['managers', 0, 'id'], value: getAt(demo, ['agents', 0, 'id']), expected: '$.managers[0].id' },
    { problem: 'a manager overseeing an unknown line', at: ['managers', 1, 'businessLines', 0], value: 'groceries', expected: '$.managers[1].businessLines[0]' },
    { problem: 'a manager without a name', at: ['managers', 0, 'name'], value: undefined, expected: '$.managers[0].name' },
    { problem: 'a past contact of an unknown buyer', at: ['history', 0, 'buyerId'], value: 'b-nobody', expected: '$.history[0].buyerId' },
    { problem: 'a past contact served by an unknown agent', at: ['history', servedContact, 'agentId'], value: 'a-nobody', expected: `$.history[${servedContact}].agentId` },
    { problem: 'a past contact claimed before it was queued', at: ['history', servedContact, 'claimedAt'], value: '2000-01-01T00:00:00+08:00', expected: `$.history[${servedContact}].claimedAt` },
    { problem: 'a past message from someone else', at: ['history', 0, 'messages', 0, 'from'], value: 'merchant', expected: '$.history[0].messages[0].from' },
    { problem: 'a KB entry with a task intent', at: ['knowledgeBase', 2, 'intent'], value: 'task.cancel_order', expected: '$.knowledgeBase[2].intent' },
  ])('reports $problem at exactly $expected', ({ at, value, expected, consequences = [] }) => {
    const shop = demoShopJson();
    setAt(shop, at, value);

    const problems = problemsOf(shop);

    expect(problems.map(pathOf)).toEqual([expected, ...consequences].slice(0, MAX_PROBLEMS)); // a file wrong in a systematic way is cut short
    expect(problems[0]?.length).toBeGreaterThan(`${expected}: `.length);
  });

  it.each<{ kind: string; breaks: [JsonPath, unknown][]; expected: string[] }>([
    {
      kind: 'schema',
      breaks: [[['orders', 2, 'total'], -5], [['orders', 3, 'status'], 'lost'], [['agents', 0, 'capacity'], 0]],
      expected: ['$.orders[2].total', '$.orders[3].status', '$.agents[0].capacity'],
    },
    {
      kind: 'reference',
      breaks: [[['orders', 3, 'buyerId'], 'b-nobody'], [['orders', 9, 'merchantId'], 'm-nobody'], [['knowledgeBase', 0, 'intent'], 'question.weather']],
      expected: ['$.orders[3].buyerId', '$.orders[9].merchantId', '$.knowledgeBase[0].intent'],
    },
    {
      kind: 'schema and reference',
      breaks: [[['orders', 2, 'currency'], 'yuan'], [['orders', 3, 'buyerId'], 'b-nobody']],
      expected: ['$.orders[2].currency', '$.orders[3].buyerId'],
    },
  ])('reports every $kind problem of a file, not just the first', ({ breaks, expected }) => {
    const shop = demoShopJson();
    for (const [at, value] of breaks) setAt(shop, at, value);

    expect(problemsOf(shop).map(pathOf).sort()).toEqual([...expected].sort());
  });

  it('keeps unknown extra fields, at the top level and nested in an order item', () => {
    const input = { ...buildSmallShop(), exportedBy: { system: 'legacy-erp', version: 7 } };
    const item = getAt(input, ['orders', 0, 'items', 0]) as Record<string, unknown>;
    item['giftWrap'] = { paper: 'red', message: '生日快乐' };

    const result = validateShop(input);

    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.shop['exportedBy']).toEqual({ system: 'legacy-erp', version: 7 });
    expect(result.shop.orders[0]?.items[0]?.['giftWrap']).toEqual({ paper: 'red', message: '生日快乐' });
  });
});

describe('npm run import', () => {
  interface Setup {
    dir: string;
    dataFile: string;
  }

  async function setup(withStore: boolean): Promise<Setup> {
    const dir = await fixture.tempDir();
    const dataFile = path.join(dir, 'var', 'desk.json');
    if (withStore) {
      const store = await fixture.openStore(dataFile, { seed: buildDemoShop, now: () => NOW });
      await store.updateState((doc) => {
        doc.botState['emulator/conversations/c1/'] = { eTag: 'e1', value: { turns: 4 } };
      });
      await store.close();
    }
    return { dir, dataFile };
  }

  function runImport(dataFile: string, ...args: string[]): Promise<ProcessResult> {
    return runProcess('npm', ['run', 'import', '--', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, DATA_FILE: dataFile } });
  }

  /** Every file under the store's directory with its bytes, to prove an import left it untouched. */
  async function snapshot(dataFile: string): Promise<Record<string, string>> {
    const dir = path.dirname(dataFile);
    if (!existsSync(dir)) return {};
    const names = await readdir(dir);
    return Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await readFile(path.join(dir, n))).toString('base64')] as const)));
  }

  async function writeShopFile(dir: string, content: string): Promise<string> {
    const file = path.join(dir, 'shop.json');
    await writeFile(file, content);
    return file;
  }

  const brokenShop = (): string => {
    const shop = demoShopJson();
    setAt(shop, ['orders', 3, 'buyerId'], 'b-nobody');
    setAt(shop, ['agents', 1, 'businessLines', 0], 'nope');
    return JSON.stringify(shop, null, 2);
  };

  it.each([
    { file: 'with two reference problems', content: brokenShop, stderr: ['2 problem(s)', '$.orders[3].buyerId: no buyer with id "b-nobody"', '$.agents[1].businessLines[0]: no business line'] },
    { file: 'that is not JSON', content: () => '{"businessLines": [', stderr: ['is not valid JSON'] },
    { file: 'that is JSON but not a shop', content: () => '[1, 2, 3]', stderr: ['$: '] },
  ])('exits 1 on a shop file $file, names each problem on stderr, and leaves the store untouched', async ({ content, stderr }) => {
    for (const withStore of [true, false]) {
      const { dir, dataFile } = await setup(withStore);
      const file = await writeShopFile(dir, content());
      const before = await snapshot(dataFile);

      const result = await runImport(dataFile, file);

      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(file);
      for (const text of stderr) expect(result.stderr).toContain(text);
      expect(result.stdout).not.toContain('Imported');
      expect(await snapshot(dataFile)).toEqual(before);
      expect(existsSync(dataFile)).toBe(withStore);
    }
  });

  it('exits 1 on a shop file that does not exist, saying it cannot be read', async () => {
    const { dir, dataFile } = await setup(true);
    const file = path.join(dir, 'no-such-shop.json');
    const before = await snapshot(dataFile);

    const result = await runImport(dataFile, file);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: cannot be read (ENOENT)`);
    expect(await snapshot(dataFile)).toEqual(before);
  });

  it('exits 1 without a file argument, printing the usage', async () => {
    const { dataFile } = await setup(false);

    const result = await runImport(dataFile);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('usage: npm run import -- FILE.json');
  });

  it('exits 1 when another desk holds the store, naming it, and leaves it untouched', async () => {
    const { dir, dataFile } = await setup(true);
    const file = await writeShopFile(dir, JSON.stringify(buildSmallShop()));
    const holder = await fixture.openStore(dataFile, { seed: buildDemoShop });
    const before = await readFile(dataFile);
    const stateBefore = await readFile(stateFileBeside(dataFile));

    const result = await runImport(dataFile, file);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The store ${dataFile} is in use by process ${process.pid}`);
    expect((await readFile(dataFile)).equals(before)).toBe(true);
    expect((await readFile(stateFileBeside(dataFile))).equals(stateBefore)).toBe(true);
    expect(holder.doc.meta.source).toBe('demo');
  });

  it.each([
    { store: 'an existing store', withStore: true, botState: { 'emulator/conversations/c1/': { eTag: 'e1', value: { turns: 4 } } } },
    { store: 'a store that does not exist yet', withStore: false, botState: {} },
  ])('imports a valid shop into $store: exit 0, a summary of the counts, exactly that shop, bot state kept', async ({ withStore, botState }) => {
    const { dir, dataFile } = await setup(withStore);
    const stateFile = stateFileBeside(dataFile);
    const stateBefore = withStore ? await readFile(stateFile) : undefined;
    const shop = { ...buildSmallShop(), exportedBy: 'legacy-erp' };
    const file = await writeShopFile(dir, JSON.stringify(shop, null, 2));
    const startedAt = Date.now();

    const result = await runImport(dataFile, file);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Imported ${file} into ${dataFile}: 1 businessLines, 1 merchants, 2 buyers, 3 orders, 1 agents, 3 knowledgeBase.`);
    const doc = (await readJsonFile(dataFile)) as StoreDocument;
    expect(doc.shop).toEqual(JSON.parse(JSON.stringify(shopData.parse(shop))));
    expect(doc.shop['exportedBy']).toBe('legacy-erp');
    expect(doc.meta).toEqual({ source: 'import', importedAt: expect.any(String), importFile: file });
    expect(Date.parse(doc.meta.importedAt ?? '')).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(doc).not.toHaveProperty('botState');
    expect(await readJsonFile(stateFile)).toEqual({ version: 1, botState });
    if (stateBefore) expect((await readFile(stateFile)).equals(stateBefore), 'the import left the state file byte for byte').toBe(true);
    expect(existsSync(`${dataFile}.lock`)).toBe(false);
  });
});
