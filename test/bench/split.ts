/**
 * Split payment at the till under the latency model (issue 22): 64 tills each bill a holder more
 * than the card holds, and the holder pays the rest with WeChat Pay — the clerk's redeem (the card
 * emptied, the remainder asked for), the holder's payRemainder (WeChat Pay's order), the pay sheet's
 * confirm and the holder's confirmPay (the cloud checks with WeChat Pay and completes the payment),
 * timed from the bill to the completed receipt. Each bill empties a fresh card bought beforehand
 * (untimed), so every timed payment is a split one. Afterwards, in the database the run left: every
 * card emptied exactly once, every payment completed, and the money invariants.
 */
import { prepayIdOf, type PaymentRequest } from '../../src/contracts/orders';
import { allDocs, checkMoneyInvariants } from '../cloud/support/money-invariants';
import { afterwards, callsForOne } from './load';
import {
  cloudProcess,
  cpuSince,
  percentile,
  percentileMs,
  recordLoad,
  report,
  reportCpu,
  reportInstanceCeiling,
} from './support';

const CLIENTS = 64;
/** Bills per till: each needs a card of its own, bought before the timed part. */
const BILLS_PER_CLIENT = 6;
const CARD_FEN = 5_000;
const BILL_FEN = 6_000;
const LATENCY_MS = 8;
const STORE = 'store-lanshan-coffee-1';

export async function splitRedemptions(): Promise<void> {
  const cloud = await cloudProcess({
    FUNCTION_SETTINGS: JSON.stringify({ REDEEM_MINT_LIMIT: '100000' }),
    // One clerk's session stands for every till here: let all the clients' calls in at once.
    MAX_CALLS_PER_CALLER: '1000',
    LOCAL_CLOUD_CALL_LATENCY_MS: String(LATENCY_MS),
  });
  report('local cloud call latency (LOCAL_CLOUD_CALL_LATENCY_MS, ±25 %)', `${LATENCY_MS} ms`);
  const { post, session, call } = cloud;
  const holders = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => session(`bench-split-${i}`)));
  const clerk = await session('o-demo-carol');
  const cards: string[][] = holders.map(() => []);
  for (let round = 0; round < BILLS_PER_CLIENT + 2; round++)
    await Promise.all(holders.map(async (t, c) => cards[c]!.push(await cloud.cardOf(t, CARD_FEN))));

  let req = 0;
  /** One split payment from the bill to the completed receipt; its code, or throws with what went wrong. */
  const splitPay = async (c: number, cardId: string): Promise<string> => {
    const token = holders[c]!;
    const { payCode } = (await call('wallet', { action: 'payCode', cardId, payWith: [] }, token)) as {
      payCode: { code: string; qr: string };
    };
    const t0 = performance.now();
    const bill = await post(
      '/api/functions/merchant',
      { action: 'redeem', payCode: payCode.qr, storeId: STORE, amount: BILL_FEN, requestId: `bench-split-${++req}` },
      clerk,
    );
    if (!bill.result?.ok) throw new Error(`bill: ${JSON.stringify(bill)}`);
    const { payment } = (await call('wallet', { action: 'payRemainder', code: payCode.code }, token)) as {
      payment: PaymentRequest;
    };
    const paid = await post(`/api/pay/local/${prepayIdOf(payment)}/confirm`, {}, token);
    if (paid.status !== 'SUCCESS') throw new Error(`pay sheet: ${JSON.stringify(paid)}`);
    const { status } = (await call('wallet', { action: 'confirmPay', code: payCode.code }, token)) as {
      status: { status: string };
    };
    if (status.status !== 'completed') throw new Error(`confirmPay: ${status.status}`);
    latencies.push(performance.now() - t0);
    return payCode.code;
  };

  // Warm instances, then one split payment alone, counted by the local cloud.
  const latencies: number[] = [];
  await Promise.all(holders.slice(0, 16).map((_, c) => splitPay(c, cards[c]!.pop()!)));
  const dbCalls = await callsForOne(cloud, 'database calls per split payment (bill, remainder, pay, confirm)', () =>
    splitPay(16, cards[16]!.pop()!),
  );
  latencies.length = 0;

  const failures = new Map<string, number>();
  const spent = cpuSince(cloud);
  const t0 = performance.now();
  await Promise.all(
    holders.map(async (_, c) => {
      for (let i = 0; i < BILLS_PER_CLIENT; i++) {
        await splitPay(c, cards[c]!.pop()!).catch((e: Error) => {
          const why = e.message.slice(0, 60);
          failures.set(why, (failures.get(why) ?? 0) + 1);
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = spent();
  latencies.sort((a, b) => a - b);
  const done = latencies.length;

  const { overspent, notEmptied } = await afterwards(cloud, async (local) => {
    await checkMoneyInvariants(local);
    const all = await allDocs<{ _id: string; balance: number; redeemed: number }>(local, 'cards');
    // A completed split payment empties its card: anything else taken is half a payment.
    return {
      overspent: all.filter((k) => k.redeemed > CARD_FEN).length,
      notEmptied: all.filter((k) => k.redeemed > 0 && k.balance !== 0).length,
    };
  });
  report(`split payments/s (${CLIENTS} tills, ${seconds.toFixed(0)} s)`, (done / seconds).toFixed(1));
  report(
    'split payment latency p50 / p99 (ms, bill → completed)',
    `${percentileMs(latencies, 50)} / ${percentileMs(latencies, 99)}`,
  );
  report('cards spent beyond their value / partly taken (must be 0 / 0)', `${overspent} / ${notEmptied}`);
  report('failed split payments', failures.size === 0 ? '0' : JSON.stringify(Object.fromEntries(failures)));
  reportInstanceCeiling(dbCalls, LATENCY_MS);
  reportCpu(cpu, done, CLIENTS);
  recordLoad({
    op: 'prodSplitPay',
    clients: CLIENTS,
    seconds: Math.round(seconds),
    perSecond: done / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    doubleSpends: overspent,
    lostUpdates: notEmptied,
    dbCallsPerOp: dbCalls,
    rawSqlitePerSecond: 0,
  });
}
