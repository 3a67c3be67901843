import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, type Repositories } from '../../data/repositories/index.js';
import { shopData } from '../../data/shopSchema.js';
import type { Store } from '../../data/lowdb/store.js';
import { buildSmallShop } from '../support/smallShop.js';
import { useStoreFixture } from '../support/storeFixture.js';

const fixture = useStoreFixture();

/** Wang's orders: 01 reads as the later date, 03 is the later moment (see smallShop.ts). */
const WANG_FIRST = '70000000000001';
const SMITH_ONLY = '70000000000002';
const WANG_LATEST = '70000000000003';

let store: Store;
let repos: Repositories;

beforeEach(async () => {
  const file = path.join(await fixture.tempDir(), 'desk.json');
  store = await fixture.openStore(file, { seed: buildSmallShop });
  repos = createRepositories(store);
});

describe('OrderRepository', () => {
  it.each([
    { who: "the buyer's own order", buyerId: 'b-wang', orderId: WANG_FIRST, found: true },
    { who: 'an order id with spaces around it', buyerId: 'b-wang', orderId: ` ${WANG_LATEST}\n`, found: true },
    { who: "another buyer's order", buyerId: 'b-wang', orderId: SMITH_ONLY, found: false },
    { who: "another buyer's order, the other way round", buyerId: 'b-smith', orderId: WANG_FIRST, found: false },
    { who: 'an order that does not exist', buyerId: 'b-wang', orderId: '79999999999999', found: false },
    { who: 'an empty order id', buyerId: 'b-wang', orderId: '', found: false },
    { who: 'an unknown buyer', buyerId: 'b-nobody', orderId: WANG_FIRST, found: false },
  ])('getForBuyer finds $who only when it is theirs', ({ buyerId, orderId, found }) => {
    const order = repos.orders.getForBuyer(buyerId, orderId);

    expect(order?.id).toBe(found ? orderId.trim() : undefined);
  });

  it.each([
    { buyerId: 'b-wang', limit: undefined, expected: [WANG_LATEST, WANG_FIRST] },
    { buyerId: 'b-wang', limit: 1, expected: [WANG_LATEST] },
    { buyerId: 'b-wang', limit: 0, expected: [] },
    { buyerId: 'b-smith', limit: 5, expected: [SMITH_ONLY] },
    { buyerId: 'b-nobody', limit: undefined, expected: [] },
  ])('listForBuyer($buyerId, $limit) is newest first by the moment, not the text, and limited', ({ buyerId, limit, expected }) => {
    expect(repos.orders.listForBuyer(buyerId, limit).map((o) => o.id)).toEqual(expected);
  });
});

describe('finding people by channel account', () => {
  it.each([
    { account: 'emulator/u-wang', channelId: 'emulator', userId: 'u-wang', buyer: 'b-wang', agent: undefined },
    { account: 'webchat/wc-wang', channelId: 'webchat', userId: 'wc-wang', buyer: 'b-wang', agent: undefined },
    { account: 'emulator/u-smith', channelId: 'emulator', userId: 'u-smith', buyer: 'b-smith', agent: undefined },
    { account: 'emulator/agent-lin', channelId: 'emulator', userId: 'agent-lin', buyer: undefined, agent: 'a-lin' },
    { account: 'webchat/u-wang (right user, wrong channel)', channelId: 'webchat', userId: 'u-wang', buyer: undefined, agent: undefined },
    { account: 'emulator/b-wang (a buyer id, not an account)', channelId: 'emulator', userId: 'b-wang', buyer: undefined, agent: undefined },
  ])('$account is buyer $buyer, agent $agent', ({ channelId, userId, buyer, agent }) => {
    expect(repos.buyers.findByChannelAccount(channelId, userId)?.id).toBe(buyer);
    expect(repos.agents.findByChannelAccount(channelId, userId)?.id).toBe(agent);
  });
});

describe('BuyerRepository.findByPhone', () => {
  it.each([
    { written: '13912345678', how: 'the profile phone as stored', buyer: 'b-wang' },
    { written: '+86 139 1234 5678', how: 'with +86 and spaces', buyer: 'b-wang' },
    { written: '+86-139-1234-5678', how: 'with +86 and dashes', buyer: 'b-wang' },
    { written: '0086 13912345678', how: 'with 0086', buyer: 'b-wang' },
    { written: '139 1234 5678', how: 'with spaces only', buyer: 'b-wang' },
    { written: '13700001111', how: "an order address phone, not the profile's", buyer: 'b-wang' },
    { written: '+86 137-0000-1111', how: 'an order address phone with +86', buyer: 'b-wang' },
    { written: '4155550134', how: 'a US profile phone without the leading 1', buyer: 'b-smith' },
    { written: '1-415-555-0134', how: 'a US profile phone with the leading 1', buyer: 'b-smith' },
    { written: '+1 415 555 0134', how: 'a US profile phone with +1', buyer: 'b-smith' },
    { written: '+1 (415) 555-0199', how: 'a US order address phone with +1 (stored without)', buyer: 'b-smith' },
    { written: '4155550199', how: 'a US order address phone as digits', buyer: 'b-smith' },
    { written: '13912345679', how: 'one digit off', buyer: undefined },
    { written: '2415550134', how: 'a US number with a leading digit other than 1', buyer: undefined },
    { written: '555-0134', how: 'too short to tell', buyer: undefined },
    { written: '', how: 'empty', buyer: undefined },
  ])('$written ($how) finds $buyer', ({ written, buyer }) => {
    expect(repos.buyers.findByPhone(written)?.id).toBe(buyer);
  });
});

describe('indexes after an import', () => {
  it('are rebuilt when replaceShop brings new data', async () => {
    expect(repos.orders.get(WANG_FIRST)?.buyerId).toBe('b-wang'); // builds the index on the old shop
    const next = buildSmallShop();
    next.orders = next.orders.map((o) => ({ ...o, id: `8${o.id.slice(1)}`, buyerId: 'b-smith' }));
    next.businessLines.push({ id: 'games', name: { zh: '游戏', en: 'Games' } });

    await store.replaceShop(shopData.parse(next), { source: 'import' });

    expect(repos.orders.get(WANG_FIRST)).toBeUndefined();
    expect(repos.orders.getForBuyer('b-smith', '80000000000001')?.id).toBe('80000000000001');
    expect(repos.orders.listForBuyer('b-wang')).toEqual([]);
    expect(repos.businessLines.displayName('games', 'zh-CN')).toBe('游戏');
  });
});

describe('KnowledgeBaseRepository.forIntent', () => {
  it.each([
    { intent: 'question.shipping', expected: ['kb-ship-1', 'kb-ship-2'] },
    { intent: 'question.return_policy', expected: ['kb-return'] },
    { intent: 'question.coupon', expected: [] },
    { intent: 'task.cancel_order', expected: [] },
  ])('$intent gives $expected, in the order of the shop file', ({ intent, expected }) => {
    expect(repos.knowledgeBase.forIntent(intent).map((e) => e.id)).toEqual(expected);
  });
});

describe('small lookups', () => {
  it.each([
    { id: 'books', locale: 'zh-CN' as const, expected: '图书' },
    { id: 'books', locale: 'en-US' as const, expected: 'Books' },
    { id: 'travel', locale: 'en-US' as const, expected: 'travel' },
  ])('businessLines.displayName($id, $locale) is $expected', ({ id, locale, expected }) => {
    expect(repos.businessLines.displayName(id, locale)).toBe(expected);
  });

  it.each([
    { repo: 'merchants', id: 'm-paper-moon', get: (r: Repositories, id: string) => r.merchants.get(id)?.id },
    { repo: 'agents', id: 'a-lin', get: (r: Repositories, id: string) => r.agents.get(id)?.id },
    { repo: 'buyers', id: 'b-smith', get: (r: Repositories, id: string) => r.buyers.get(id)?.id },
  ])('$repo.get finds $id and nothing for an unknown id', ({ id, get }) => {
    expect(get(repos, id)).toBe(id);
    expect(get(repos, `${id}-x`)).toBeUndefined();
  });
});
