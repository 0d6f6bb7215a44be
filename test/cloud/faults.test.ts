/**
 * Faults injected by the local cloud's test mode, and what must hold through each: a slow database
 * under concurrent money movements, transaction conflicts forced on every commit, a function killed
 * at its timeout in the middle of its work, and the whole local cloud killed with SIGKILL under load
 * and started again — after which no acknowledged operation is lost and the ledger still proves
 * every balance.
 */
import type { Envelope } from '../../src/contracts/envelope';
import type { MerchantActions } from '../../src/contracts/merchant';
import type { ReportActions } from '../../src/contracts/reports';
import type { WalletActions } from '../../src/contracts/wallet';
import { FunctionError } from '../../cloudfunctions/local/runtime/runtime';
import { cloudProcess } from '../bench/support';
import { calls, requestId, waitFor } from './support/calls';
import { startTestCloud, type TestCloud } from './support/local-cloud';
import { allDocs, checkMoneyInvariants } from './support/money-invariants';
import { fen } from '../../src/domain/money';

jest.setTimeout(180_000);

const CAROL = 'o-demo-carol';
const STORE = 'store-lanshan-coffee-1';

type WalletOut<A extends keyof WalletActions> = WalletActions[A]['output'];
type MerchantOut<A extends keyof MerchantActions> = MerchantActions[A]['output'];

let cloud: TestCloud;
const { as, ok, buy, testApi } = calls(() => cloud);

beforeAll(async () => {
  cloud = await startTestCloud({ functionSettings: { REDEEM_MINT_LIMIT: '1000' } });
});

afterEach(async () => {
  cloud.faults.clear();
  cloud.db.forceConflicts(0);
  await checkMoneyInvariants(cloud);
});

afterAll(async () => {
  await cloud.close();
});

const payCode = async (openId: string, cardId: string): Promise<string> =>
  (await ok<WalletOut<'payCode'>>(openId, 'wallet', { action: 'payCode', cardId })).payCode.qr;

const redeemBody = (qr: string, amount: number, id = requestId()) => ({
  action: 'redeem',
  payCode: qr,
  storeId: STORE,
  amount,
  requestId: id,
});

const balanceOf = async (openId: string, cardId: string): Promise<number> =>
  (await ok<WalletOut<'detail'>>(openId, 'wallet', { action: 'detail', cardId })).card.balance;

test('should refuse through the test endpoint faults it cannot honour, and report the ones set', async () => {
  const post = (body: object) =>
    fetch(`${cloud.url}/api/test/faults`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.status);
  expect(await post({ dbDelayMs: -1 })).toBe(400);
  expect(await post({ timeoutMs: { merchant: 0 } })).toBe(400);
  expect(await post({ dbDelayMs: 5, timeoutMs: { merchant: 9_000 } })).toBe(200);
  expect(cloud.faults.current).toEqual({ dbDelayMs: 5, timeoutMs: { merchant: 9_000 } });
});

test('should spend a card exactly down to zero when 20 redemptions race on a slow database', async () => {
  const cardId = (await buy('f-slow', { amount: fen(10_000) })).cards[0]!._id;
  const codes = await Promise.all(Array.from({ length: 20 }, () => payCode('f-slow', cardId)));
  cloud.faults.set({ dbDelayMs: 20 });
  const answers = await Promise.all(codes.map((qr) => as(CAROL, 'merchant', redeemBody(qr, 1_000))));
  const outcomes = answers.map((a) => (a.ok ? 'OK' : a.error.code));
  expect(outcomes.filter((o) => o === 'OK')).toHaveLength(10);
  // Losers are told why: not enough left, the card already used up, or (after all retries) busy.
  const why = new Set(['INSUFFICIENT_BALANCE', 'CARD_NOT_ACTIVE', 'CONFLICT']);
  expect(outcomes.filter((o) => o !== 'OK' && !why.has(o))).toEqual([]);
  cloud.faults.clear();
  expect(await balanceOf('f-slow', cardId)).toBe(0);
});

test('should ride out conflicts forced on the first commits and give up cleanly when they never stop', async () => {
  const cardId = (await buy('f-conflict', { amount: fen(10_000) })).cards[0]!._id;
  // Two conflicts: the SDK's own retries absorb them and the redemption goes through once.
  cloud.db.forceConflicts(2, 'cards');
  const first = await ok<MerchantOut<'redeem'>>(
    CAROL,
    'merchant',
    redeemBody(await payCode('f-conflict', cardId), 700),
  );
  expect(first.redemption).toMatchObject({ status: 'completed', amount: 700, balanceAfter: 9_300 });
  // Conflicts on every commit: the answer is CONFLICT and nothing is written.
  cloud.db.forceConflicts(1_000, 'cards');
  const qr = await payCode('f-conflict', cardId);
  const refused = await as(CAROL, 'merchant', redeemBody(qr, 500));
  expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  cloud.db.forceConflicts(0);
  expect(await balanceOf('f-conflict', cardId)).toBe(9_300);
  // The code is still unused, so the clerk's retry works.
  await ok(CAROL, 'merchant', redeemBody(qr, 500));
  expect(await balanceOf('f-conflict', cardId)).toBe(8_800);
});

test('should leave no half-written redemption when the function is killed at its timeout, and count a retry once', async () => {
  const cardId = (await buy('f-timeout', { amount: fen(10_000) })).cards[0]!._id;
  const qr = await payCode('f-timeout', cardId);
  const id = requestId();
  // Each database call takes up to 80 ms and the function may run 120 ms: it dies mid-transaction.
  cloud.faults.set({ dbDelayMs: 80, timeoutMs: { merchant: 120 } });
  await expect(as(CAROL, 'merchant', redeemBody(qr, 2_500, id))).rejects.toThrow(FunctionError);
  cloud.faults.clear();
  // Whatever the killed instance got to, the database holds all of the redemption or none of it…
  await new Promise((r) => setTimeout(r, 300));
  await checkMoneyInvariants(cloud);
  const balance = await balanceOf('f-timeout', cardId);
  expect([10_000, 7_500]).toContain(balance);
  // A transaction the killed instance left open keeps its write locks (a retry meanwhile answers
  // CONFLICT) until the cloud's 30-s transaction limit ends it.
  cloud.clock.advance(31_000);
  // …and the clerk's retry with the same request id takes the amount exactly once.
  const retried = await ok<MerchantOut<'redeem'>>(CAROL, 'merchant', redeemBody(qr, 2_500, id));
  expect(retried.redemption).toMatchObject({ status: 'completed', amount: 2_500, balanceAfter: 7_500 });
  expect(await balanceOf('f-timeout', cardId)).toBe(7_500);
});

test('should issue one set of cards when the payment callback is killed at its timeout and the notification comes again', async () => {
  await testApi('pay/delivery', { deliver: false });
  const created = await ok<{ order: { _id: string } }>('f-callback', 'orders', {
    action: 'create',
    productId: 'prod-lanshan-coffee-card',
    faceId: 'face-lanshan-coffee-card-birthday',
    amount: 5_000,
    quantity: 1,
    purpose: 'self',
    requestId: requestId(),
  });
  await testApi('pay/confirm', { outTradeNo: created.order._id });
  await testApi('pay/delivery', { deliver: true });
  cloud.faults.set({ dbDelayMs: 80, timeoutMs: { payCallback: 100 } });
  const killed = (await testApi('pay/notify', { outTradeNo: created.order._id })) as { answers: unknown[] };
  expect(killed.answers).toHaveLength(1);
  expect(killed.answers[0]).not.toEqual({ errcode: 0, errmsg: '' });
  cloud.faults.clear();
  // A transaction the killed invocation left open keeps its write locks until the cloud's 30-s
  // transaction limit ends it; WeChat's next deliveries (15 s, 15 s, 30 s… later) reach past it.
  cloud.clock.advance(31_000);
  const again = (await testApi('pay/notify', { outTradeNo: created.order._id, times: 3, concurrent: true })) as {
    answers: unknown[];
  };
  expect(again.answers).toEqual(Array(3).fill({ errcode: 0, errmsg: '' }));
  const cards = (await allDocs<{ orderId?: string }>(cloud, 'cards')).filter((c) => c.orderId === created.order._id);
  expect(cards).toHaveLength(1);
});

test('should lose no acknowledged purchase or redemption when the local cloud is killed with SIGKILL under load', async () => {
  const proc = await cloudProcess({ FUNCTION_SETTINGS: JSON.stringify({ REDEEM_MINT_LIMIT: '1000' }) });
  const paidOrders: string[] = [];
  const redemptions: { id: string; cardId: string; amount: number }[] = [];
  let stop = false;
  const clerk = await proc.session(CAROL);
  const buyer = async (n: number): Promise<void> => {
    const token = await proc.session(`f-crash-${n}`);
    while (!stop) {
      try {
        const cardId = await proc.cardOf(token, 10_000);
        paidOrders.push(cardId.replace(/-1$/, ''));
        const code = (await proc.call('wallet', { action: 'payCode', cardId }, token)) as { payCode: { qr: string } };
        const done = (await proc.call('merchant', redeemBody(code.payCode.qr, 1_234), clerk)) as {
          redemption: { id: string };
        };
        redemptions.push({ id: done.redemption.id, cardId, amount: 1_234 });
      } catch {
        return; // the process died under us
      }
    }
  };
  const buyers = [0, 1, 2, 3].map(buyer);
  // The buyers' first calls start every function's instances cold in the new process: seconds on a
  // busy machine, so this waits longer than the usual 5 s for the work to be under way.
  await waitFor(
    'enough acknowledged work before the crash',
    async () => (redemptions.length >= 12 ? true : undefined),
    30_000,
  );
  await proc.crash();
  stop = true;
  await Promise.all(buyers);

  const restarted = await startTestCloud({ dataDir: proc.dataDir });
  try {
    const orders = await allDocs<{ _id: string; status: string }>(restarted, 'orders');
    for (const id of paidOrders) expect(orders.find((o) => o._id === id)?.status).toBe('paid');
    const stored = await allDocs<{ _id: string; state: string; cardId: string }>(restarted, 'redemptions');
    const ledger = await allDocs<{ ref?: string; type: string; amount: number; cardId: string }>(restarted, 'ledger');
    for (const r of redemptions) {
      expect(stored.find((x) => x.cardId === r.cardId && x.state === 'completed')).toBeDefined();
      expect(ledger.filter((e) => e.type === 'REDEEM' && e.cardId === r.cardId).map((e) => e.amount)).toEqual([
        -r.amount,
      ]);
    }
    // The ledger proves every balance and value is conserved, after the crash as before it: by the
    // test's own replay, and by the operator's reconciliation.
    await checkMoneyInvariants(restarted);
    const reconciled = (await restarted.runtime.invoke(
      'merchant',
      { action: 'reconcile', brandId: 'brand-lanshan-coffee' },
      { openId: 'o-demo-dave', appId: 'wx-test', source: 'wx_client' },
    )) as Envelope<ReportActions['reconcile']['output']>;
    expect(reconciled.ok && reconciled.data.report).toMatchObject({
      status: 'done',
      ok: true,
      difference: 0,
      mismatchCount: 0,
    });
    expect(reconciled.ok && reconciled.data.report.cardsChecked).toBeGreaterThanOrEqual(paidOrders.length);
  } finally {
    await restarted.close();
    await proc.close();
  }
});
