import { readFile } from 'node:fs/promises';
import { isIntentId } from '../recognizers/intents.js';
import { shopData, type ShopData } from './shopSchema.js';
import { describeIssues, formatPath, type Store } from './store/store.js';

/** The outcome of validating a shop file: the parsed shop, or every problem with its JSON path. */
export type ShopValidation = { ok: true; shop: ShopData } | { ok: false; problems: string[] };

/** How many problems an import prints at most: past this, the file is wrong in a systematic way. */
const MAX_PROBLEMS = 200;

/** Validates a whole shop document: the schema of `shop-data.md`, then unique ids and references. */
export function validateShop(input: unknown): ShopValidation {
  const parsed = shopData.safeParse(input);
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error, [], MAX_PROBLEMS) };
  const problems = checkReferences(parsed.data);
  return problems.length ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS) } : { ok: true, shop: parsed.data };
}

function checkUnique(items: { id: string }[], collection: string, problems: string[]): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) problems.push(`${formatPath([collection, i, 'id'])}: duplicate id "${item.id}"`);
    seen.add(item.id);
  });
  return seen;
}

function checkReferences(shop: ShopData): string[] {
  const problems: string[] = [];
  const lines = checkUnique(shop.businessLines, 'businessLines', problems);
  const merchants = checkUnique(shop.merchants, 'merchants', problems);
  const buyers = checkUnique(shop.buyers, 'buyers', problems);
  checkUnique(shop.orders, 'orders', problems);
  checkUnique(shop.agents, 'agents', problems);
  checkUnique(shop.knowledgeBase, 'knowledgeBase', problems);
  const missing = (path: (string | number)[], what: string, value: string): void => {
    problems.push(`${formatPath(path)}: no ${what} with id "${value}"`);
  };
  shop.merchants.forEach((m, i) => lines.has(m.businessLine) || missing(['merchants', i, 'businessLine'], 'business line', m.businessLine));
  shop.orders.forEach((o, i) => {
    if (!buyers.has(o.buyerId)) missing(['orders', i, 'buyerId'], 'buyer', o.buyerId);
    if (!merchants.has(o.merchantId)) missing(['orders', i, 'merchantId'], 'merchant', o.merchantId);
    if (!lines.has(o.businessLine)) missing(['orders', i, 'businessLine'], 'business line', o.businessLine);
  });
  shop.agents.forEach((a, i) =>
    a.businessLines.forEach((l, j) => lines.has(l) || missing(['agents', i, 'businessLines', j], 'business line', l)),
  );
  shop.knowledgeBase.forEach((k, i) => {
    if (!isIntentId(k.intent)) problems.push(`${formatPath(['knowledgeBase', i, 'intent'])}: "${k.intent}" is not an intent of intents.md`);
  });
  const owners = new Map<string, string>();
  const claim = (path: (string | number)[], channelId: string, userId: string): void => {
    const key = `${channelId}\u0000${userId}`;
    const first = owners.get(key);
    if (first) problems.push(`${formatPath(path)}: channel account ${channelId}/${userId} is already used at ${first}`);
    else owners.set(key, formatPath(path));
  };
  shop.buyers.forEach((b, i) => b.channelAccounts.forEach((a, j) => claim(['buyers', i, 'channelAccounts', j], a.channelId, a.userId)));
  shop.agents.forEach((a, i) => a.channelAccounts.forEach((c, j) => claim(['agents', i, 'channelAccounts', j], c.channelId, c.userId)));
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
    knowledgeBase: shop.knowledgeBase.length,
  };
}

/** Replaces the store's shop with a validated one in one atomic write. */
export async function importShop(store: Store, shop: ShopData, file: string, now = new Date()): Promise<void> {
  await store.replaceShop(shop, { source: 'import', importedAt: now.toISOString(), importFile: file });
}
