/**
 * Batch issue in bounded transactions, through the real SDK against the local cloud: a batch is
 * written at most 20 cards per transaction, a batch that fails or is killed part-way is finished by
 * a retry of the same request (same request id) with exactly the cards asked for, and the operator
 * gets the whole batch's numbers and PINs — which bind — once it is complete. Money invariants hold.
 */
import { randomBytes } from 'node:crypto';
import type { Card } from '../../../src/domain/card';
import type { Envelope } from '../../../src/contracts/envelope';
import type { MerchantActions } from '../../../src/contracts/merchant';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import { BATCH_CHUNK, type BatchRecord } from '../../../cloudfunctions/core/merchant/issue-batch';
import { PURCHASE_RULES } from '../../../src/domain/rules';
import { FunctionError } from '../../../cloudfunctions/local/runtime/runtime';
import { calls, COFFEE, MARKET, waitFor } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';

jest.setTimeout(180_000);

const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡 and 惠鲜超市
type Issued = MerchantActions['issueBatch']['output'];

let cloud: TestCloud;
const { as, ok, code, client } = calls(() => cloud);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

const newRequestId = (): string => `b-${randomBytes(12).toString('hex')}`;
const body = (requestId: string, count = 45, productId = COFFEE, amount = 10_000) => ({
  action: 'issueBatch',
  productId,
  amount,
  count,
  requestId,
});

/** The batch cards of a product, as the database holds them. */
const batchCards = async (productId: string): Promise<Card[]> =>
  allDocs<Card>(cloud, 'cards', { origin: 'batch', productId });

const batchRecords = async (productId: string): Promise<BatchRecord[]> =>
  allDocs<BatchRecord>(cloud, 'batches', { productId });

/** The listed cards are exactly the stored ones: same count, same last four characters. */
async function expectListedAreStored(productId: string, listed: Issued['cards']): Promise<void> {
  const stored = await batchCards(productId);
  expect(stored).toHaveLength(listed.length);
  expect(stored.map((c) => c.last4).sort()).toEqual(listed.map((c) => c.last4).sort());
  expect(new Set(listed.map((c) => c.cardNumber)).size).toBe(listed.length);
}

beforeAll(async () => {
  cloud = await startTestCloud({ triggers: false });
});

afterAll(async () => {
  await cloud.close();
});

afterEach(() => {
  cloud.faults.clear();
  cloud.db.forceConflicts(0);
});

test('should issue a batch of 45 in three transactions of at most 20 cards, and list cards that bind', async () => {
  cloud.db.resetStats();
  const { cards } = await ok<Issued>(DAVE, 'merchant', body(newRequestId(), 45, MARKET, 50_000));
  const stats = cloud.db.stats().byAction;
  expect(cards).toHaveLength(45);
  await expectListedAreStored(MARKET, cards);
  expect(stats['database.commitTransaction']).toBe(Math.ceil(45 / BATCH_CHUNK));
  // Each transaction's calls are bounded by its 20 cards (3 a card + batch record, audit, commit),
  // not by the batch: 3 transactions' worth, and the reads before them.
  const inTransactions = 3 * (3 * BATCH_CHUNK + 4);
  expect(cloud.db.stats().calls).toBeLessThanOrEqual(inTransactions + 10);
  const [record] = await batchRecords(MARKET);
  expect(record).toMatchObject({ count: 45, issued: 45, amount: 50_000 });
  expect(record!.completedAt).not.toBeNull();
  // Nothing of a code is kept: only hashes on the cards, progress on the record.
  expect(JSON.stringify(record)).not.toContain(cards[0]!.cardNumber.replace(/\s/g, '').slice(0, 8));
  // The listed number and PIN really open a card.
  const bound = await walletAs('o-batch-binder')('bind', {
    cardNumber: cards[44]!.cardNumber,
    pin: cards[44]!.pin,
  });
  expect(bound.card).toMatchObject({ last4: cards[44]!.last4, balance: 50_000 });
  await checkMoneyInvariants(cloud);
});

test('should answer a retry of a completed batch with the same cards and issue none, and refuse its id for another batch', async () => {
  const id = newRequestId();
  const first = await ok<Issued>(DAVE, 'merchant', body(id, 3));
  const before = (await batchCards(COFFEE)).length;
  const again = await ok<Issued>(DAVE, 'merchant', body(id, 3));
  expect(again.cards).toEqual(first.cards);
  expect((await batchCards(COFFEE)).length).toBe(before);
  expect(await code(DAVE, 'merchant', body(id, 4))).toBe('INVALID_ARGUMENT');
  expect((await batchCards(COFFEE)).length).toBe(before);
});

test('should finish a batch that failed after its first transaction with exactly the cards asked for', async () => {
  const product = MARKET;
  const start = (await batchCards(product)).length;
  const id = newRequestId();
  // Slow enough that the test sees the first chunk land before the second commits.
  cloud.faults.set({ dbDelayMs: 20 });
  const failing = as<Issued>(DAVE, 'merchant', body(id, 45, product, 50_000));
  await waitFor('the first chunk', async () =>
    (await batchRecords(product)).some((r) => r.count === 45 && r.issued >= BATCH_CHUNK && r.issued < 45)
      ? true
      : undefined,
  );
  // From here every commit writing cards conflicts, beyond every retry: the call gives up.
  cloud.db.forceConflicts(100_000, 'cards');
  cloud.faults.clear();
  const answer: Envelope<Issued> = await failing;
  expect(answer).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  cloud.db.forceConflicts(0);
  const partial = (await batchCards(product)).length - start;
  expect(partial % BATCH_CHUNK).toBe(0);
  expect(partial).toBeGreaterThanOrEqual(BATCH_CHUNK);
  expect(partial).toBeLessThan(45);
  await checkMoneyInvariants(cloud);

  const { cards } = await ok<Issued>(DAVE, 'merchant', body(id, 45, product, 50_000));
  expect(cards).toHaveLength(45);
  expect((await batchCards(product)).length - start).toBe(45);
  const record = (await batchRecords(product)).find((r) => r.count === 45 && r.issued === 45 && r.completedAt);
  expect(record).toBeDefined();
  await checkMoneyInvariants(cloud);
});

test('should finish a batch whose function was killed at its timeout mid-transaction, issuing no card twice', async () => {
  const product = COFFEE;
  const start = await batchCards(product);
  const id = newRequestId();
  // Each call waits up to 20 ms: a chunk takes ~0.6 s, and the function is cut off at 1.5 s.
  cloud.faults.set({ dbDelayMs: 20, timeoutMs: { merchant: 1_500 } });
  await expect(as(DAVE, 'merchant', body(id, 45))).rejects.toThrow(FunctionError);
  cloud.faults.clear();
  const partial = (await batchCards(product)).length - start.length;
  expect(partial % BATCH_CHUNK).toBe(0);
  expect(partial).toBeLessThan(45);
  await checkMoneyInvariants(cloud);

  // A transaction the killed invocation left open keeps its write locks (a retry meanwhile is
  // answered CONFLICT) until the cloud's 30-s transaction limit ends it.
  cloud.clock.advance(31_000);
  const { cards } = await ok<Issued>(DAVE, 'merchant', body(id, 45));
  const known = new Set(start.map((c) => c._id));
  const fresh = (await batchCards(product)).filter((c) => !known.has(c._id));
  expect(fresh).toHaveLength(45);
  expect(fresh.map((c) => c.last4).sort()).toEqual(cards.map((c) => c.last4).sort());
  await checkMoneyInvariants(cloud);
});

test('should keep the other transaction that grows with its input, settling an order, within one chunk', () => {
  // settle.ts writes an order's cards in one transaction: bounded only by the quantity cap.
  expect(PURCHASE_RULES.maxQuantity).toBeLessThanOrEqual(BATCH_CHUNK);
});
