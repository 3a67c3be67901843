import { readFile } from 'node:fs/promises';
import { isIntentId } from './intents.js';
import { shopData, type ShopData } from './shopSchema.js';
import type { DeskStore } from './deskStore.js';
import type { ContactLog } from './contactLog.js';
import { describeIssues, formatPath } from './validationIssues.js';

/** The outcome of validating a shop file: the parsed shop, or every problem with its JSON path. */
export type ShopValidation = { ok: true; shop: ShopData } | { ok: false; problems: string[] };

/** How many problems an import prints at most: past this, the file is wrong in a systematic way. */
export const MAX_PROBLEMS = 200;

/**
 * Validates a whole shop document: the schema of `shop-data.md`, then unique ids and references.
 * Both run on every file, so one pass reports every problem, not the first kind only.
 */
export function validateShop(input: unknown): ShopValidation {
  const parsed = shopData.safeParse(input);
  const problems = [...(parsed.success ? [] : describeIssues(parsed.error, [], MAX_PROBLEMS)), ...checkReferences(input)];
  if (!parsed.success || problems.length) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return { ok: true, shop: parsed.data };
}

type Loose = Record<string, unknown>;

/** The objects of a collection as written, whatever their shape (the schema reports shape problems). */
function items(shop: Loose, collection: string): Loose[] {
  const list = shop[collection];
  return Array.isArray(list) ? list.map((x) => (x && typeof x === 'object' ? (x as Loose) : {})) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function checkUnique(shop: Loose, collection: string, problems: string[]): Set<string> {
  const seen = new Set<string>();
  items(shop, collection).forEach((item, i) => {
    const id = text(item.id);
    if (id === undefined) return;
    if (seen.has(id)) problems.push(`${formatPath([collection, i, 'id'])}: duplicate id "${id}"`);
    seen.add(id);
  });
  return seen;
}

function checkReferences(input: unknown): string[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return [];
  const shop = input as Loose;
  const problems: string[] = [];
  const lines = checkUnique(shop, 'businessLines', problems);
  const merchants = checkUnique(shop, 'merchants', problems);
  const buyers = checkUnique(shop, 'buyers', problems);
  checkUnique(shop, 'orders', problems);
  const agents = checkUnique(shop, 'agents', problems);
  checkUnique(shop, 'managers', problems);
  checkUnique(shop, 'knowledgeBase', problems);

  const refer = (path: (string | number)[], what: string, known: Set<string>, value: unknown): void => {
    const id = text(value);
    if (id !== undefined && !known.has(id)) problems.push(`${formatPath(path)}: no ${what} with id "${id}"`);
  };
  items(shop, 'merchants').forEach((m, i) => refer(['merchants', i, 'businessLine'], 'business line', lines, m.businessLine));
  items(shop, 'orders').forEach((o, i) => {
    refer(['orders', i, 'buyerId'], 'buyer', buyers, o.buyerId);
    refer(['orders', i, 'merchantId'], 'merchant', merchants, o.merchantId);
    refer(['orders', i, 'businessLine'], 'business line', lines, o.businessLine);
  });
  items(shop, 'agents').forEach((a, i) => {
    const agentLines: unknown[] = Array.isArray(a.businessLines) ? a.businessLines : [];
    agentLines.forEach((l, j) => refer(['agents', i, 'businessLines', j], 'business line', lines, l));
  });
  // One sign-in id names one person: an agent and a manager may not share it.
  items(shop, 'managers').forEach((m, i) => {
    const id = text(m.id);
    if (id !== undefined && agents.has(id)) problems.push(`${formatPath(['managers', i, 'id'])}: "${id}" is already an agent's id (sign-in ids are shared by agents and managers)`);
    const managerLines: unknown[] = Array.isArray(m.businessLines) ? m.businessLines : [];
    managerLines.forEach((l, j) => refer(['managers', i, 'businessLines', j], 'business line', lines, l));
  });
  items(shop, 'history').forEach((c, i) => {
    if (c.buyerId !== null) refer(['history', i, 'buyerId'], 'buyer', buyers, c.buyerId);
    refer(['history', i, 'businessLine'], 'business line', lines, c.businessLine);
    if (c.agentId !== null) refer(['history', i, 'agentId'], 'agent', agents, c.agentId);
    items(c, 'messages').forEach((m, j) => refer(['history', i, 'messages', j, 'agentId'], 'agent', agents, m.agentId));
  });
  items(shop, 'knowledgeBase').forEach((k, i) => {
    const intent = text(k.intent);
    if (intent !== undefined && !isIntentId(intent)) problems.push(`${formatPath(['knowledgeBase', i, 'intent'])}: "${intent}" is not an intent of intents.md`);
  });
  const owners = new Map<string, string>();
  for (const collection of ['buyers', 'agents']) {
    items(shop, collection).forEach((owner, i) => {
      const accounts = items(owner, 'channelAccounts');
      accounts.forEach((account, j) => {
        const key = `${text(account.channelId)}\u0000${text(account.userId)}`;
        const path = formatPath([collection, i, 'channelAccounts', j]);
        const first = owners.get(key);
        if (first) problems.push(`${path}: channel account ${text(account.channelId)}/${text(account.userId)} is already used at ${first}`);
        else owners.set(key, path);
      });
    });
  }
  return problems;
}

/** Reads a shop file; a file that is not JSON is reported like any other problem. */
export async function readShopFile(file: string): Promise<ShopValidation> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, problems: [`${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`] };
  }
  try {
    return validateShop(JSON.parse(text));
  } catch (err) {
    return { ok: false, problems: [`$: ${file} is not valid JSON: ${(err as Error).message}`] };
  }
}

/** Counts for the import summary. */
export function summarize(shop: ShopData): Record<string, number> {
  return {
    businessLines: shop.businessLines.length,
    merchants: shop.merchants.length,
    buyers: shop.buyers.length,
    orders: shop.orders.length,
    agents: shop.agents.length,
    ...(shop.managers.length ? { managers: shop.managers.length } : {}),
    ...(shop.history.length ? { history: shop.history.length } : {}),
    knowledgeBase: shop.knowledgeBase.length,
  };
}

/**
 * Replaces the store's shop with a validated one in one atomic step (one write, or one
 * transaction), and the history in the contact log with the file's (none: no history). The desk's
 * own contacts stay.
 */
export async function importShop(store: DeskStore, contacts: ContactLog, shop: ShopData, file: string, now = new Date()): Promise<void> {
  await contacts.replaceHistory(shop.history);
  await store.replaceShop({ ...shop, history: [] }, { source: 'import', importedAt: now.toISOString(), importFile: file });
}
