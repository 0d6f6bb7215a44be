/**
 * Buying cards end to end through the real SDK against the local cloud: orders, the simulated
 * WeChat Pay and its notifications, card issue, the wallet, refunds, binding by card number + PIN,
 * the payment poller — with the money invariants checked after every step.
 */
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import { ORDERS_FUNCTION, prepayIdOf, type OrdersActions } from '../../../src/contracts/orders';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import type { Order } from '../../../src/domain/order';
import { CONFLICT_ROUNDS } from '../../../cloudfunctions/core/tx';
import {
  calls,
  CAKE,
  COFFEE,
  createInput,
  face,
  MARKET,
  requestId,
  TIMER_INVOKER,
  timerEvent,
  waitFor,
} from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';
import { allDocs } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';

jest.setTimeout(120_000);

let cloud: TestCloud;

type OrdersOut<A extends keyof OrdersActions> = OrdersActions[A]['output'];
type WalletOut<A extends keyof WalletActions> = WalletActions[A]['output'];

const { as, ok, code, testApi, buy, client } = calls(() => cloud);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const ordersAs = (openId: string) => client<OrdersActions>(openId, ORDERS_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);
const TIMER_EVENT = timerEvent('paymentPoller');

async function orderDoc(id: string): Promise<Order> {
  return (await allDocs<Order>(cloud, 'orders')).find((o) => o._id === id)!;
}

cloudPerFile((c) => (cloud = c));

describe('buying', () => {
  test('should issue the cards of a paid order into the wallet with an ACTIVATE entry', async () => {
    const d = await buy('u-buyer', { amount: fen(12_300), quantity: 2, blessing: '生日快乐，天天开心' });
    expect(d.cards).toHaveLength(2);
    for (const c of d.cards) {
      expect(c).toMatchObject({
        state: 'active',
        group: 'usable',
        balance: 12_300,
        initialValue: 12_300,
        blessing: '生日快乐，天天开心',
      });
      expect(c.last4).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
      expect(c).not.toHaveProperty('codeHash');
    }
    const wallet = await walletAs('u-buyer')('list', {});
    expect(wallet.totalBalance).toBe(24_600);
    expect(wallet.counts.usable).toBe(2);
    const detail = await walletAs('u-buyer')('detail', { cardId: d.cards[0]!._id });
    expect(detail.history).toEqual([
      expect.objectContaining({ type: 'ACTIVATE', amount: 12_300, balanceAfter: 12_300 }),
    ]);
    // Stored: only the keyed hash of the code.
    const stored = (await allDocs<Card>(cloud, 'cards')).find((c) => c._id === d.cards[0]!._id)!;
    expect(stored.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('should add the bonus on top of the paid value and never refund it', async () => {
    const d = await buy('u-bonus', { productId: MARKET, faceId: face(MARKET, 'festival'), amount: fen(100_000) });
    expect(d.cards[0]).toMatchObject({ balance: 110_000, paidValue: 100_000, bonusValue: 10_000 });
    const { refund } = await walletAs('u-bonus')('refund', {
      cardId: d.cards[0]!._id,
    });
    expect(refund.amount).toBe(100_000);
  });

  test('should return the same order for a retried request id and refuse it for other choices', async () => {
    const input = createInput();
    const a = await ok<OrdersOut<'create'>>('u-retry', 'orders', input);
    const b = await ok<OrdersOut<'create'>>('u-retry', 'orders', input);
    expect(b.order._id).toBe(a.order._id);
    expect(await code('u-retry', 'orders', { ...input, amount: 20_000 })).toBe('IDEMPOTENCY_MISMATCH');
    // The same request id from another buyer is another order.
    const other = await ok<OrdersOut<'create'>>('u-retry-2', 'orders', input);
    expect(other.order._id).not.toBe(a.order._id);
    const mine = (await allDocs<Order>(cloud, 'orders')).filter((o) => o.owner === 'u-retry');
    expect(mine).toHaveLength(1);
  });

  test('should refuse amounts the product does not sell and products off sale', async () => {
    expect(await code('u-x', 'orders', createInput({ amount: 4_900 }))).toBe('AMOUNT_NOT_ALLOWED');
    expect(await code('u-x', 'orders', createInput({ amount: 10_050 }))).toBe('AMOUNT_NOT_ALLOWED');
    // Bearer cards stop at ¥1,000 even inside a wider custom range.
    expect(await code('u-x', 'orders', createInput({ amount: 100_100 }))).toBe('AMOUNT_NOT_ALLOWED');
    expect(await code('u-x', 'orders', createInput({ productId: 'prod-none' }))).toBe('NOT_FOUND');
  });

  test('should ask for real-name details from ¥10,000 a day and record ¥50,000 a day for review', async () => {
    const big = { productId: MARKET, faceId: face(MARKET, 'festival'), amount: 500_000 };
    await ok('u-rich', 'orders', createInput({ ...big, quantity: 1 }));
    expect(await code('u-rich', 'orders', createInput({ ...big, quantity: 1 }))).toBe('REAL_NAME_REQUIRED');
    const realName = { name: '王小明', idNumber: '11010519491231002X' };
    const second = await ok<OrdersOut<'create'>>('u-rich', 'orders', createInput({ ...big, quantity: 1, realName }));
    const stored = await orderDoc(second.order._id);
    expect(stored.realName).toEqual({ name: '王小明', idNumberMasked: '110***********002X' });
    await ok('u-rich', 'orders', createInput({ ...big, quantity: 8, realName }));
    const reviews = await allDocs<{ owner: string; kind: string }>(cloud, 'reviews');
    expect(reviews.filter((r) => r.owner === 'u-rich' && r.kind === 'largeAmount')).toHaveLength(1);
  });

  test('should sell exactly the last 10 in stock to 50 concurrent buyers', async () => {
    await cloud.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'products',
      queryType: 'DOC',
      query: JSON.stringify({ _id: CAKE }),
      data: JSON.stringify({ $set: { stock: 10 } }),
      multi: false,
      merge: true,
    });
    const attempt = async (i: number): Promise<string> => {
      const input = createInput({ productId: CAKE, faceId: face(CAKE), amount: 20_000 });
      for (;;) {
        const env = await as<OrdersOut<'create'>>(`u-rush-${i}`, 'orders', input);
        if (env.ok) {
          await testApi('pay/confirm', { outTradeNo: env.data.order._id });
          return 'bought';
        }
        if (env.error.code !== 'CONFLICT') return env.error.code;
      }
    };
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(i)));
    expect(results.filter((r) => r === 'bought')).toHaveLength(10);
    expect(results.filter((r) => r === 'SOLD_OUT')).toHaveLength(40);
    await waitFor('10 paid orders', async () => {
      const paid = (await allDocs<Order>(cloud, 'orders')).filter((o) => o.productId === CAKE && o.status === 'paid');
      return paid.length === 10 ? paid : undefined;
    });
    const product = (await allDocs<{ _id: string; stock: number }>(cloud, 'products')).find((p) => p._id === CAKE)!;
    expect(product.stock).toBe(0);
  });
});

test('should answer a retry with its order even after that order took the last card', async () => {
  const KTV = 'prod-gechang-party-card';
  await cloud.db.handle({
    action: 'database.modifyDocument',
    collectionName: 'products',
    queryType: 'DOC',
    query: JSON.stringify({ _id: KTV }),
    data: JSON.stringify({ $set: { stock: 1 } }),
    multi: false,
    merge: true,
  });
  const input = createInput({ productId: KTV, faceId: face(KTV, 'thanks'), amount: 20_000 });
  const first = await ok<OrdersOut<'create'>>('u-last', 'orders', input);
  const retry = await ok<OrdersOut<'create'>>('u-last', 'orders', input);
  expect(retry.order._id).toBe(first.order._id);
  expect(await code('u-late-comer', 'orders', { ...input, requestId: requestId() })).toBe('SOLD_OUT');
});

describe('payment notifications', () => {
  async function paidWithoutNotification(openId: string, quantity = 1): Promise<string> {
    const created = await ok<OrdersOut<'create'>>(openId, 'orders', createInput({ quantity }));
    await testApi('pay/delivery', { deliver: false });
    try {
      await testApi('pay/confirm', { outTradeNo: created.order._id });
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
    return created.order._id;
  }

  const cardsOf = async (orderId: string): Promise<Card[]> =>
    (await allDocs<Card>(cloud, 'cards')).filter((c) => c.orderId === orderId);

  test.each([1, 2, 5, 16])(
    'should issue one set of cards for a notification delivered %i times, some at once',
    async (times) => {
      const orderId = await paidWithoutNotification(`u-notify-${times}`, 2);
      const half = Math.ceil(times / 2);
      const a = (await testApi('pay/notify', { outTradeNo: orderId, times: half, concurrent: true })) as {
        answers: unknown[];
      };
      const b = (await testApi('pay/notify', { outTradeNo: orderId, times: times - half })) as { answers: unknown[] };
      // Every delivery, first or repeated, is acknowledged the same way so WeChat stops retrying.
      for (const answer of [...a.answers, ...b.answers]) expect(answer).toEqual({ errcode: 0, errmsg: '' });
      expect(await cardsOf(orderId)).toHaveLength(2);
      expect((await orderDoc(orderId)).status).toBe('paid');
    },
  );

  test('should acknowledge a late repeat of the notification after the card was refunded, issuing nothing', async () => {
    const d = await buy('u-late-repeat');
    const cardId = d.cards[0]!._id;
    await walletAs('u-late-repeat')('refund', { cardId });
    await waitFor('the refund to complete', async () => {
      const x = await walletAs('u-late-repeat')('detail', { cardId });
      return x.refund?.status === 'succeeded' ? x : undefined;
    });
    // The payment system now says REFUND for this payment: still ours, settled, so WeChat may stop.
    const late = (await testApi('pay/notify', { outTradeNo: d.order._id, times: 2 })) as { answers: unknown[] };
    expect(late.answers).toEqual([
      { errcode: 0, errmsg: '' },
      { errcode: 0, errmsg: '' },
    ]);
    expect(await cardsOf(d.order._id)).toHaveLength(1);
    expect((await cardsOf(d.order._id))[0]).toMatchObject({ state: 'refunded', balance: 0 });
  });

  test('should show a refunded card on its order, in the list and the detail, processing and then done', async () => {
    const d = await buy('u-order-refund', { quantity: 2 });
    const [first] = d.cards;
    const before = await ok<OrdersOut<'detail'>>('u-order-refund', 'orders', {
      action: 'detail',
      orderId: d.order._id,
    });
    expect(before.order.refund).toBeUndefined();
    const { refund } = await ok<WalletOut<'refund'>>('u-order-refund', 'wallet', {
      action: 'refund',
      cardId: first!._id,
    });
    const listed = await ok<OrdersOut<'list'>>('u-order-refund', 'orders', { action: 'list' });
    expect(listed.orders.find((o) => o._id === d.order._id)?.refund).toEqual({
      cards: 1,
      amount: refund.amount,
      processing: refund.status === 'requested',
    });
    const done = await waitFor('the refund to complete', async () => {
      const x = await ok<OrdersOut<'detail'>>('u-order-refund', 'orders', { action: 'detail', orderId: d.order._id });
      return x.order.refund?.processing === false ? x : undefined;
    });
    expect(done.order).toMatchObject({
      status: 'paid',
      refund: { cards: 1, amount: refund.amount, processing: false },
    });
    // Someone else's refunds never show on my orders.
    const other = await buy('u-order-other');
    const theirs = await ok<OrdersOut<'detail'>>('u-order-other', 'orders', {
      action: 'detail',
      orderId: other.order._id,
    });
    expect(theirs.order.refund).toBeUndefined();
  });

  test('should issue nothing for a notification the payment system does not confirm', async () => {
    const created = await ok<OrdersOut<'create'>>('u-forge', 'orders', createInput());
    const orderId = created.order._id;
    // Not paid at all.
    const unpaid = (await testApi('pay/notify', { outTradeNo: orderId })) as { answers: { errcode: number }[] };
    expect(unpaid.answers[0]!.errcode).not.toBe(0);
    await testApi('pay/delivery', { deliver: false });
    await testApi('pay/confirm', { outTradeNo: orderId });
    await testApi('pay/delivery', { deliver: true });
    // Paid, but the notification claims another amount.
    const wrong = (await testApi('pay/notify', { outTradeNo: orderId, forge: { totalFee: 1 } })) as {
      answers: { errcode: number }[];
    };
    expect(wrong.answers[0]!.errcode).not.toBe(0);
    // The right notification, but not from the payment system.
    const foreign = (await testApi('pay/notify', { outTradeNo: orderId, source: 'wx_client' })) as {
      answers: { errcode: number }[];
    };
    expect(foreign.answers[0]!.errcode).toBe(403);
    // A user calling the callback through the gateway is a client, not the payment system.
    const token = await cloud.login('alice');
    const viaGateway = await cloud.call<{ errcode: number }>(
      'payCallback',
      { outTradeNo: orderId, totalFee: 10_000, returnCode: 'SUCCESS', resultCode: 'SUCCESS' },
      token,
    );
    expect(viaGateway.errcode).toBe(403);
    expect(await cardsOf(orderId)).toHaveLength(0);
    expect((await orderDoc(orderId)).status).toBe('pending');
  });

  test('should settle a paid order whose notification never came, on the poller', async () => {
    const orderId = await paidWithoutNotification('u-poll');
    cloud.clock.advance(2 * 60_000);
    const report = await cloud.runtime.invoke(
      'orders',
      { Type: 'Timer', TriggerName: 'paymentPoller', Time: '', Message: '' },
      { openId: '', appId: 'wx-test', source: 'wx_trigger' },
      cloud.clock.offsetMs,
    );
    expect(report).toMatchObject({ ok: true, data: expect.objectContaining({ settled: expect.any(Number) }) });
    expect(await cardsOf(orderId)).toHaveLength(1);
  });

  test('should close an unpaid order after 15 minutes, release its stock and refuse paying it', async () => {
    const before = (await allDocs<{ _id: string; stock: number | null }>(cloud, 'products')).find(
      (p) => p._id === 'prod-xingguang-movie-card',
    )!;
    const product = 'prod-xingguang-movie-card';
    const created = await ok<OrdersOut<'create'>>(
      'u-late',
      'orders',
      createInput({ productId: product, faceId: face(product), amount: before.stock === null ? 10_000 : 10_000 }),
    );
    cloud.clock.advance(16 * 60_000);
    await cloud.runtime.invoke(
      'orders',
      { Type: 'Timer', TriggerName: 'paymentPoller', Time: '', Message: '' },
      { openId: '', appId: 'wx-test', source: 'wx_trigger' },
      cloud.clock.offsetMs,
    );
    const order = await orderDoc(created.order._id);
    expect(order).toMatchObject({ status: 'closed', closeReason: 'timeout' });
    expect(await code('u-late', 'orders', { action: 'pay', orderId: order._id })).toBe('ORDER_NOT_PENDING');
    expect(cloud.pay.order(order._id)?.state).toBe('CLOSED');
  });

  test('should keep sweeping past an order it cannot close this time, and close it on the next run', async () => {
    const a = await ok<OrdersOut<'create'>>('u-sweep', 'orders', createInput());
    const b = await ok<OrdersOut<'create'>>('u-sweep', 'orders', createInput());
    cloud.clock.advance(16 * 60_000);
    // The first close conflicts on every try (the SDK makes 4 per round); the sweep goes on to the next order.
    cloud.db.forceConflicts(4 * CONFLICT_ROUNDS, 'orders');
    const first = (await cloud.runtime.invoke('orders', TIMER_EVENT, TIMER_INVOKER, cloud.clock.offsetMs)) as {
      data: { closed: number; failed: number };
    };
    expect(first.data.failed).toBe(1);
    const states = async () => [(await orderDoc(a.order._id)).status, (await orderDoc(b.order._id)).status].sort();
    expect(await states()).toEqual(['closed', 'pending']);
    await cloud.runtime.invoke('orders', TIMER_EVENT, TIMER_INVOKER, cloud.clock.offsetMs);
    expect(await states()).toEqual(['closed', 'closed']);
  });

  test('should settle on sync, once, a paid order whose notification has not come', async () => {
    const orderId = await paidWithoutNotification('u-sync', 2);
    expect((await orderDoc(orderId)).status).toBe('pending');
    const answers = await Promise.all([0, 1, 2].map(() => ordersAs('u-sync')('sync', { orderId })));
    // Two of the three lose the race to write the order: they answer from the order the winner paid.
    for (const a of answers) expect(a.order).toMatchObject({ _id: orderId, status: 'paid' });
    for (const a of answers) expect(a.order.cardIds).toHaveLength(2);
    const again = await ordersAs('u-sync')('sync', { orderId });
    expect(again.order.cardIds).toHaveLength(2);
    expect(await cardsOf(orderId)).toHaveLength(2);
  });

  test('should leave an unpaid order pending on sync, and not sync another user’s order', async () => {
    const created = await ok<OrdersOut<'create'>>('u-sync-unpaid', 'orders', createInput());
    const orderId = created.order._id;
    expect((await ordersAs('u-sync-unpaid')('sync', { orderId })).order.status).toBe('pending');
    await testApi('pay/delivery', { deliver: false });
    try {
      await testApi('pay/confirm', { outTradeNo: orderId });
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
    expect(await code('u-mallory', 'orders', { action: 'sync', orderId })).toBe('NOT_FOUND');
    expect((await orderDoc(orderId)).status).toBe('pending');
    expect(await cardsOf(orderId)).toHaveLength(0);
    await ordersAs('u-sync-unpaid')('sync', { orderId });
  });

  test('should not acknowledge a notification it cannot classify, so WeChat Pay retries it', async () => {
    const notify = (event: unknown) =>
      cloud.runtime.invoke('payCallback', event, { openId: '', appId: 'wx-test', source: 'wx_paycallback' });
    for (const event of [
      { returnCode: 'SUCCESS', reqInfo: 'b64-encrypted-refund' },
      { returnCode: 'SUCCESS', outRefundNo: 42 },
      { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'o1', totalFee: 'many' },
      [],
    ]) {
      expect(await notify(event)).toMatchObject({ errcode: expect.not.stringMatching(/^0$/) });
      expect(((await notify(event)) as { errcode: number }).errcode).not.toBe(0);
    }
  });

  test('should open the pay sheet by the payment’s prepay id for its payer only, and sync the paid order', async () => {
    // The H5 app's path through the gateway: create → the sheet named by the prepay id → confirm → sync.
    const alice = await cloud.login('alice');
    const bob = await cloud.login('bob');
    await testApi('pay/delivery', { deliver: false });
    try {
      const created = await cloud.call<{ ok: true; data: OrdersOut<'create'> }>('orders', createInput(), alice);
      const prepayId = prepayIdOf(created.data.payment!);
      expect(prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
      const sheet = (path: string, token: string, method = 'GET') =>
        fetch(`${cloud.url}/api/pay/local/${path}`, { method, headers: { authorization: `Bearer ${token}` } });
      expect((await sheet(prepayId, bob)).status).toBe(404);
      expect((await sheet(`${prepayId}/confirm`, bob, 'POST')).status).toBe(404);
      expect(await (await sheet(prepayId, alice)).json()).toMatchObject({
        prepayId,
        outTradeNo: created.data.order._id,
        amount: 10_000,
        status: 'NOTPAY',
      });
      expect(await (await sheet(`${prepayId}/confirm`, alice, 'POST')).json()).toMatchObject({ status: 'SUCCESS' });
      const synced = await cloud.call<{ ok: true; data: OrdersOut<'sync'> }>(
        'orders',
        { action: 'sync', orderId: created.data.order._id },
        alice,
      );
      expect(synced.data.order.status).toBe('paid');
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
  });

  test('should refuse a timer job run by anyone but the timer', async () => {
    expect(await code('u-x', 'orders', { Type: 'Timer', TriggerName: 'paymentPoller' })).toBe('FORBIDDEN');
  });
});

describe('cancel and refund', () => {
  const MOVIE = 'prod-xingguang-movie-card';
  const stockOf = async (id: string): Promise<number | null> =>
    (await allDocs<{ _id: string; stock: number | null }>(cloud, 'products')).find((p) => p._id === id)!.stock;
  const poll = (): Promise<unknown> => cloud.runtime.invoke('orders', TIMER_EVENT, TIMER_INVOKER, cloud.clock.offsetMs);
  const movieOrder = (openId: string): Promise<OrdersOut<'create'>> =>
    ok<OrdersOut<'create'>>(openId, 'orders', createInput({ productId: MOVIE, faceId: face(MOVIE), amount: 10_000 }));

  test('should hold a cancel made in WeChat Pay’s first 5 minutes and close the order with its stock afterwards', async () => {
    await cloud.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'products',
      queryType: 'DOC',
      query: JSON.stringify({ _id: MOVIE }),
      data: JSON.stringify({ $set: { stock: 100 } }),
      multi: false,
      merge: true,
    });
    const created = await movieOrder('u-cancel');
    expect(await stockOf(MOVIE)).toBe(99);
    // WeChat Pay refuses closeOrder within 5 minutes of the order: the order stays payable there, so
    // ours stays pending — marked, never handed out for paying again — rather than closed.
    const { order } = await ordersAs('u-cancel')('cancel', {
      orderId: created.order._id,
    });
    expect(order).toMatchObject({ status: 'pending', cancelRequestedAt: expect.any(Number) });
    expect(cloud.pay.order(order._id)?.state).toBe('NOTPAY');
    expect(await code('u-cancel', 'orders', { action: 'pay', orderId: order._id })).toBe('ORDER_NOT_PENDING');
    cloud.clock.advance(2 * 60_000);
    await poll();
    expect((await orderDoc(order._id)).status).toBe('pending');
    cloud.clock.advance(4 * 60_000);
    await poll();
    expect(await orderDoc(order._id)).toMatchObject({ status: 'closed', closeReason: 'cancelled' });
    expect(cloud.pay.order(order._id)?.state).toBe('CLOSED');
    expect(await stockOf(MOVIE)).toBe(100);
    expect(await code('u-cancel', 'orders', { action: 'cancel', orderId: order._id })).toBe('ORDER_NOT_PENDING');
  });

  test('should close at once an order cancelled after its first 5 minutes', async () => {
    const created = await movieOrder('u-cancel-later');
    cloud.clock.advance(5 * 60_000 + 1_000);
    const { order } = await ordersAs('u-cancel-later')('cancel', {
      orderId: created.order._id,
    });
    expect(order).toMatchObject({ status: 'closed', closeReason: 'cancelled' });
    expect(cloud.pay.order(order._id)?.state).toBe('CLOSED');
  });

  test('should refuse a cancel of an order paid meanwhile and show it paid with its cards', async () => {
    const created = await movieOrder('u-cancel-paid');
    await testApi('pay/delivery', { deliver: false });
    try {
      await testApi('pay/confirm', { outTradeNo: created.order._id });
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
    expect(await code('u-cancel-paid', 'orders', { action: 'cancel', orderId: created.order._id })).toBe(
      'ORDER_NOT_PENDING',
    );
    const d = await ordersAs('u-cancel-paid')('detail', {
      orderId: created.order._id,
    });
    expect(d.order.status).toBe('paid');
    expect(d.cards).toHaveLength(1);
  });

  test('should settle, not lose, a payment made on a sheet still open after the cancel', async () => {
    const created = await movieOrder('u-cancel-race');
    await ordersAs('u-cancel-race')('cancel', { orderId: created.order._id });
    await testApi('pay/delivery', { deliver: false });
    try {
      await testApi('pay/confirm', { outTradeNo: created.order._id });
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
    cloud.clock.advance(6 * 60_000);
    await poll();
    const order = await orderDoc(created.order._id);
    expect(order.status).toBe('paid');
    expect(order.cardIds).toHaveLength(1);
    expect(cloud.pay.order(order._id)?.state).toBe('SUCCESS');
  });

  test('should complete a refund whose notification never came through queryRefund on the poller', async () => {
    const d = await buy('u-refund-poll');
    const cardId = d.cards[0]!._id;
    await testApi('pay/delivery', { deliver: false });
    try {
      await walletAs('u-refund-poll')('refund', { cardId });
      // WeChat Pay completes the refund a little later; no notification comes.
      await waitFor('the payment refund', async () =>
        cloud.pay.refundsOf(d.order._id)[0]?.state === 'SUCCESS' ? true : undefined,
      );
      const waiting = await walletAs('u-refund-poll')('detail', { cardId });
      expect(waiting.refund?.status).toBe('requested');
      cloud.clock.advance(2 * 60_000);
      const report = (await poll()) as { data: { refundsCompleted: number } };
      expect(report.data.refundsCompleted).toBeGreaterThanOrEqual(1);
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
    const done = await walletAs('u-refund-poll')('detail', { cardId });
    expect(done.refund?.status).toBe('succeeded');
    expect(done.card.state).toBe('refunded');
  });

  test('should refund once when asked twice at once, and complete it from the refund notification', async () => {
    const d = await buy('u-refund');
    const cardId = d.cards[0]!._id;
    const both = await Promise.all([
      as<WalletOut<'refund'>>('u-refund', 'wallet', { action: 'refund', cardId }),
      as<WalletOut<'refund'>>('u-refund', 'wallet', { action: 'refund', cardId }),
    ]);
    const numbers = both.map((e) => (e.ok ? e.data.refund.refundNo : e.error.code));
    expect(numbers[0]).toBe(numbers[1]);
    const detail = await waitFor('the refund to complete', async () => {
      const x = await walletAs('u-refund')('detail', { cardId });
      return x.refund?.status === 'succeeded' ? x : undefined;
    });
    expect(detail.card).toMatchObject({ state: 'refunded', balance: 0, refundable: false });
    expect(detail.history.map((h) => h.type)).toEqual(['VOID', 'ACTIVATE']);
    expect(cloud.pay.order(d.order._id)?.state).toBe('REFUND');
    // Asking again returns the same refund.
    const again = await walletAs('u-refund')('refund', { cardId });
    expect(again.refund.refundNo).toBe(numbers[0]);
  });

  test('should refuse refunds after a redemption, after 7 days and of a card that is not mine', async () => {
    const used = await buy('u-norefund');
    const fresh = await buy('u-norefund');
    // Paid ¥10 in store with it.
    const card = used.cards[0]!;
    const pay = await walletAs('u-norefund')('payCode', { cardId: card._id });
    await merchantAs('o-demo-carol')('redeem', {
      payCode: pay.payCode.qr,
      storeId: 'store-lanshan-coffee-1',
      amount: fen(1_000),
      requestId: requestId(),
    });
    expect(await code('u-norefund', 'wallet', { action: 'refund', cardId: card._id })).toBe('CARD_USED');
    expect(await code('u-other', 'wallet', { action: 'refund', cardId: fresh.cards[0]!._id })).toBe('NOT_FOUND');
    cloud.clock.advance(8 * 86_400_000);
    expect(await code('u-norefund', 'wallet', { action: 'refund', cardId: fresh.cards[0]!._id })).toBe(
      'REFUND_WINDOW_PASSED',
    );
    const list = await walletAs('u-norefund')('list', {});
    expect(list.cards.every((c) => !c.refundable)).toBe(true);
  });
});

describe('card number + PIN', () => {
  const DAVE = 'o-demo-dave';

  test('should let only an operator of the brand issue a batch', async () => {
    expect(
      await code('o-demo-carol', 'merchant', {
        action: 'issueBatch',
        productId: COFFEE,
        amount: 10_000,
        count: 1,
        requestId: 'carol-batch-0123456789',
      }),
    ).toBe('FORBIDDEN');
    expect(
      await code(DAVE, 'merchant', {
        action: 'issueBatch',
        productId: CAKE,
        amount: 20_000,
        count: 1,
        requestId: 'dave-cake-batch-012345',
      }),
    ).toBe('FORBIDDEN');
  });

  test('should bind once, with one generic error for every failure, and throttle guessing', async () => {
    const { cards } = await merchantAs(DAVE)('issueBatch', {
      productId: COFFEE,
      amount: fen(10_000),
      count: 3,
      requestId: 'dave-coffee-batch-0123',
    });
    expect(cards).toHaveLength(3);
    const [a, b, c] = cards as [(typeof cards)[0], (typeof cards)[0], (typeof cards)[0]];
    expect(a.cardNumber.replace(/ /g, '')).toHaveLength(16);
    const bound = await walletAs('u-binder')('bind', {
      cardNumber: a.cardNumber.toLowerCase(),
      pin: a.pin,
    });
    expect(bound.card).toMatchObject({ state: 'active', balance: 10_000, last4: a.last4 });
    const detail = await walletAs('u-binder')('detail', { cardId: bound.card._id });
    expect(detail.history.map((h) => h.type).sort()).toEqual(['ACTIVATE', 'BIND']);
    // Bound already, wrong PIN, unknown number, malformed number: the same answer.
    expect(await code('u-binder-2', 'wallet', { action: 'bind', cardNumber: a.cardNumber, pin: a.pin })).toBe(
      'BIND_FAILED',
    );
    expect(await code('u-binder-2', 'wallet', { action: 'bind', cardNumber: b.cardNumber, pin: '00000000' })).toBe(
      'BIND_FAILED',
    );
    expect(await code('u-binder-2', 'wallet', { action: 'bind', cardNumber: 'ABCD EFGH JKMN PQRS', pin: b.pin })).toBe(
      'BIND_FAILED',
    );
    expect(await code('u-binder-2', 'wallet', { action: 'bind', cardNumber: '0000', pin: b.pin })).toBe('BIND_FAILED');
    expect(await code('u-binder-2', 'wallet', { action: 'bind', cardNumber: c.cardNumber, pin: '11111111' })).toBe(
      'BIND_FAILED',
    );
    // Five tries per ten minutes per user: the sixth, even right, waits.
    expect(await code('u-binder-2', 'wallet', { action: 'bind', cardNumber: b.cardNumber, pin: b.pin })).toBe(
      'RATE_LIMITED',
    );
    // Per card number too: other users guessing one number (one wrong try above) are stopped after five.
    for (let i = 0; i < 4; i++) {
      expect(
        await code(`u-guess-${i}`, 'wallet', { action: 'bind', cardNumber: c.cardNumber, pin: `2222222${i}` }),
      ).toBe('BIND_FAILED');
    }
    expect(await code('u-guess-9', 'wallet', { action: 'bind', cardNumber: c.cardNumber, pin: c.pin })).toBe(
      'RATE_LIMITED',
    );
    cloud.clock.advance(11 * 60_000);
    const later = await walletAs('u-binder-2')('bind', {
      cardNumber: b.cardNumber,
      pin: b.pin,
    });
    expect(later.card.balance).toBe(10_000);
  });

  test('should count only failed binds: someone binding a stack of cards is never told to wait', async () => {
    const { cards } = await ok<{ cards: { cardNumber: string; pin: string }[] }>(DAVE, 'merchant', {
      action: 'issueBatch',
      productId: COFFEE,
      amount: 5_000,
      count: 7,
      requestId: 'dave-coffee-batch-stack',
    });
    for (const c of cards) {
      const bound = await ok<WalletOut<'bind'>>('u-stack', 'wallet', {
        action: 'bind',
        cardNumber: c.cardNumber,
        pin: c.pin,
      });
      expect(bound.card.state).toBe('active');
    }
  });
});

describe('bad input', () => {
  const counts = async (): Promise<number[]> =>
    Promise.all(
      ['orders', 'cards', 'ledger', 'refunds', 'purchaseDays', 'throttles'].map(
        async (c) => (await allDocs(cloud, c)).length,
      ),
    );

  test.each([
    ['orders', createInput({ amount: 100.5 })],
    ['orders', createInput({ amount: '100' })],
    ['orders', createInput({ amount: -100 })],
    ['orders', createInput({ quantity: 0 })],
    ['orders', createInput({ quantity: 11 })],
    ['orders', createInput({ productId: { $gt: '' } })],
    ['orders', createInput({ blessing: '福'.repeat(61) })],
    ['orders', createInput({ blessing: '新年\u0000快乐' })],
    ['orders', createInput({ blessing: '新年\n快乐' })],
    ['orders', createInput({ blessing: '\u200b\u202e' })],
    ['orders', createInput({ purpose: 'resale' })],
    ['orders', createInput({ requestId: 'short' })],
    ['orders', createInput({ owner: 'u-someone-else' })],
    ['orders', createInput({ realName: { name: '王', idNumber: '123' } })],
    ['orders', { action: 'detail', orderId: { $ne: null } }],
    ['orders', { action: 'list', status: 'everything' }],
    ['wallet', { action: 'detail', cardId: '../x' }],
    ['wallet', { action: 'refund', cardId: { $regex: '.*' } }],
    ['wallet', { action: 'bind', cardNumber: 'x'.repeat(100), pin: '1' }],
    ['wallet', { action: 'bind', cardNumber: 'ABCD', pin: 12345678 }],
    ['wallet', { action: 'list', extra: 1 }],
    [
      'merchant',
      { action: 'issueBatch', productId: COFFEE, amount: 10_000, count: 101, requestId: 'too-many-0123456789' },
    ],
    ['merchant', { action: 'issueBatch', productId: COFFEE, amount: 10_000, count: 1, requestId: 'short-id' }],
    ['merchant', { action: 'issueBatch', productId: COFFEE, amount: 10_000, count: 1 }],
  ])('should answer INVALID_ARGUMENT for %s %j and write nothing', async (fn, body) => {
    const before = await counts();
    expect(await code('u-bad', fn, body)).toBe('INVALID_ARGUMENT');
    expect(await counts()).toEqual(before);
  });

  test('should refuse every action without an identity', async () => {
    for (const [fn, action] of [
      ['orders', 'list'],
      ['wallet', 'list'],
      ['merchant', 'issueBatch'],
    ] as const) {
      expect(await code('', fn, { action })).toBe('UNAUTHENTICATED');
    }
  });
});
