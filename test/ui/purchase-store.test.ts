/** The buy sheet, wallet and orders stores against a fake transport. */
import type { PaymentRequest } from '../../src/contracts/orders';
import type { CardProduct } from '../../src/domain/catalog';
import { ERROR_CODES, ErrorCode } from '../../src/domain/errors';
import { fen } from '../../src/domain/money';
import { OrdersService } from '../../src/services/orders-service';
import type { GatewayHttp } from '../../src/services/gateway-http';
import { PaymentService } from '../../src/services/payment-service';
import { WalletService } from '../../src/services/wallet-service';
import { OrdersStore } from '../../src/stores/orders-store';
import { PurchaseStore } from '../../src/stores/purchase-store';
import { WalletStore } from '../../src/stores/wallet-store';
import { errorMessage, strings } from '../../src/strings/zh-CN';
import { laterErrors } from '../../src/strings/zh-CN.errors-later';
import { fakeTransport } from './support/fake-transport';

const product = {
  _id: 'prod-x',
  kind: 'bearer',
  denominations: [10_000, 20_000],
  customAmount: { min: 5_000, max: 200_000 },
  faces: [
    { id: 'f1', name: '生日', theme: 'birthday', image: 'data:,', blessing: '生日快乐' },
    { id: 'f2', name: '感谢', theme: 'thanks', image: 'data:,', blessing: '谢谢你' },
  ],
  bonus: null,
} as unknown as CardProduct;

const order = { _id: 'o1', status: 'pending' };
const PREPAY_ID = 'wx20261202123000a1b2c3d4e5f6a7b8c9d0e1';
/** What cloudPay.unifiedOrder's `payment` gives the app, everywhere. */
const wechatPayment: PaymentRequest = {
  timeStamp: '1795000000',
  nonceStr: 'abc',
  package: `prepay_id=${PREPAY_ID}`,
  signType: 'MD5',
  paySign: 'SIGN',
};
const created = {
  ok: true as const,
  data: { order, payment: wechatPayment },
};

function purchase(replies: Parameters<typeof fakeTransport>[0]) {
  const { transport, calls } = fakeTransport(replies);
  let n = 0;
  const store = new PurchaseStore(new OrdersService(transport), () => `req-${++n}-abcdefgh`);
  store.open(product);
  return { store, calls };
}

test('should start from the first denomination and face, with the face blessing', () => {
  const { store } = purchase([]);
  expect(store.amount).toBe(10_000);
  expect(store.blessing).toBe('生日快乐');
  store.selectFace('f2');
  expect(store.blessing).toBe('谢谢你');
  store.setBlessing('我自己的祝福');
  store.selectFace('f1');
  expect(store.blessing).toBe('我自己的祝福');
});

test('should accept whole-yuan custom amounts in range and under the bearer cap only', () => {
  const { store } = purchase([]);
  store.setCustomYuan('88');
  expect(store.amount).toBe(8_800);
  store.setCustomYuan('49');
  expect(store.amount).toBeUndefined();
  expect(store.customProblem).toBe('range');
  expect(store.canSubmit).toBe(false);
  // Inside the product's range but over the ¥1,000 bearer cap.
  store.setCustomYuan('1500');
  expect(store.amount).toBeUndefined();
  store.setCustomYuan('85');
  store.setQuantity(99);
  expect(store.quantity).toBe(10);
  expect(store.total).toBe(85_000);
});

test('should keep a blessing on one line, as the card shows it', () => {
  const { store } = purchase([]);
  store.setBlessing('新年\n快乐\r\n万事如意');
  expect(store.blessing).toBe('新年 快乐 万事如意');
});

test('should read a typed decimal point as yuan and fen, never drop it', () => {
  const { store } = purchase([]);
  // ¥8.50 and ¥50.50 are amounts, but not whole-yuan ones this product sells: refused, not ¥85 / ¥505.
  for (const typed of ['8.5', '50.5', '88.50']) {
    store.setCustomYuan(typed);
    expect(store.customYuan).toBe(typed);
    expect(store.amount).toBeUndefined();
    expect(store.customProblem).toBe('range');
  }
  store.setCustomYuan('88.00');
  expect(store.amount).toBe(8_800);
  expect(store.customProblem).toBeUndefined();
  // A third decimal or a second point is not an amount at all.
  for (const typed of ['88.001', '8.8.8', '.']) {
    store.setCustomYuan(typed);
    expect(store.amount).toBeUndefined();
    expect(store.customProblem).toBe('format');
  }
});

test('should reuse the request id when the same choices are retried, and take a new one after success', async () => {
  const { store, calls } = purchase([
    new Error('offline'),
    { ok: false, error: { code: 'CONFLICT', message: '' } },
    created,
    created,
  ]);
  store.chooseDenomination(fen(20_000));
  expect(await store.submit()).toBeUndefined();
  expect(await store.submit()).toBeUndefined();
  expect(store.errorCode).toBe('CONFLICT');
  expect(await store.submit()).toEqual(created.data);
  const ids = calls.map((c) => c.data.requestId);
  expect(ids[0]).toBe(ids[1]);
  expect(ids[1]).toBe(ids[2]);
  await store.submit();
  expect(calls[3]!.data.requestId).not.toBe(ids[0]);
  expect(calls[0]!.data).toMatchObject({
    action: 'create',
    productId: 'prod-x',
    faceId: 'f1',
    amount: 20_000,
    quantity: 1,
    purpose: 'self',
  });
});

test('should ask for real-name details when the cloud requires them and send them on resubmit', async () => {
  const { store, calls } = purchase([{ ok: false, error: { code: 'REAL_NAME_REQUIRED', message: '' } }, created]);
  await store.submit();
  expect(store.needsRealName).toBe(true);
  expect(store.canSubmit).toBe(false);
  store.setRealName('name', '王小明');
  store.setRealName('idNumber', '11010519491231002x');
  expect(store.canSubmit).toBe(true);
  await store.submit();
  expect(calls[1]!.data.realName).toEqual({ name: '王小明', idNumber: '11010519491231002X' });
  expect(calls[1]!.data.requestId).toBe(calls[0]!.data.requestId);
});

test('should group wallet cards and show only the chosen group', async () => {
  const card = (id: string, group: string) => ({ _id: id, group });
  const { transport } = fakeTransport([
    {
      ok: true,
      data: { cards: [card('a', 'usable'), card('b', 'refunded'), card('c', 'usable')], totalBalance: 5, counts: {} },
    },
  ]);
  const wallet = new WalletStore(new WalletService(transport));
  await wallet.load();
  expect(wallet.cardsInGroup.map((c) => c._id)).toEqual(['a', 'c']);
  wallet.setGroup('refunded');
  expect(wallet.cardsInGroup.map((c) => c._id)).toEqual(['b']);
});

test('should poll the order until the payment notification has settled it', async () => {
  const detail = (status: string) => ({ ok: true as const, data: { order: { ...order, status }, cards: [] } });
  const { transport, calls } = fakeTransport([detail('pending'), detail('pending'), detail('paid')]);
  const orders = new OrdersStore(new OrdersService(transport), {} as PaymentService, async () => undefined);
  await orders.awaitPaid('o1');
  expect(calls).toHaveLength(3);
  expect(orders.detail.data?.order.status).toBe('paid');
  expect(orders.stillConfirming).toBe(false);
});

test('should say the payment is still being confirmed when the notification is late', async () => {
  const pending = { ok: true as const, data: { order, cards: [] } };
  const { transport } = fakeTransport(Array.from({ length: 30 }, () => pending));
  const orders = new OrdersStore(new OrdersService(transport), {} as PaymentService, async () => undefined);
  await orders.awaitPaid('o1');
  expect(orders.stillConfirming).toBe(true);
});

describe('paying', () => {
  const synced = { ok: true as const, data: { order: { ...order, status: 'paid' } } };
  /** The gateway's pay sheet routes, recorded. */
  function sheetHttp() {
    const asked: string[] = [];
    const http = (async (method: string, path: string) => {
      asked.push(`${method} ${path}`);
      return { prepayId: PREPAY_ID, outTradeNo: 'o1', description: '', amount: 100, status: 'SUCCESS' };
    }) as GatewayHttp;
    return { http, asked };
  }

  test('should open the local pay sheet by the payment’s prepay id where WeChat’s sheet is not there', async () => {
    const { transport, calls } = fakeTransport([]);
    const orders = new OrdersStore(new OrdersService(transport), new PaymentService(sheetHttp().http, false));
    expect(await orders.pay('o1', wechatPayment)).toEqual({ kind: 'sheet', prepayId: PREPAY_ID });
    expect(calls).toEqual([]);
  });

  test('should confirm the local pay sheet, then ask the orders function once to sync the order', async () => {
    const { transport, calls } = fakeTransport([synced]);
    const { http, asked } = sheetHttp();
    const orders = new OrdersStore(new OrdersService(transport), new PaymentService(http, false));
    expect(await orders.confirmSheet(PREPAY_ID, 'o1')).toBe(true);
    expect(asked).toEqual([`POST /api/pay/local/${PREPAY_ID}/confirm`]);
    expect(calls).toEqual([{ name: 'orders', data: { action: 'sync', orderId: 'o1' } }]);
  });

  test('should pay in WeChat’s own sheet with the payment as given, then sync the order once', async () => {
    const { transport, calls } = fakeTransport([synced]);
    const given: PaymentRequest[] = [];
    const payments = new PaymentService(sheetHttp().http, true, async (p) => given.push(p));
    const orders = new OrdersStore(new OrdersService(transport), payments);
    expect(await orders.pay('o1', wechatPayment)).toEqual({ kind: 'paid' });
    expect(given).toEqual([wechatPayment]);
    expect(calls).toEqual([{ name: 'orders', data: { action: 'sync', orderId: 'o1' } }]);
  });

  test('should not sync when the payer closes WeChat’s sheet, and not fail when the sync does', async () => {
    const { transport, calls } = fakeTransport([new Error('offline')]);
    const cancelled = new PaymentService(sheetHttp().http, true, async () => Promise.reject(new Error('cancel')));
    expect(await new OrdersStore(new OrdersService(transport), cancelled).pay('o1', wechatPayment)).toEqual({
      kind: 'not-paid',
    });
    expect(calls).toEqual([]);
    const paid = new PaymentService(sheetHttp().http, true, async () => undefined);
    expect(await new OrdersStore(new OrdersService(transport), paid).pay('o1', wechatPayment)).toEqual({
      kind: 'paid',
    });
    expect(calls).toHaveLength(1);
  });

  test('should show the order as it is when a cancel is refused because it was paid meanwhile', async () => {
    const refused = { ok: false as const, error: { code: ErrorCode.ORDER_NOT_PENDING, message: 'paid' } };
    const detail = { ok: true as const, data: { order: { ...order, status: 'paid' }, cards: [] } };
    const { transport, calls } = fakeTransport([refused, detail]);
    const orders = new OrdersStore(new OrdersService(transport), new PaymentService(sheetHttp().http, false));
    await orders.cancel('o1');
    expect(calls.map((c) => c.data.action)).toEqual(['cancel', 'detail']);
    expect(orders.action.errorCode).toBe('ORDER_NOT_PENDING');
    expect(orders.detail.data?.order.status).toBe('paid');
  });
});

test('should have a Chinese message for every error code, those of later pages once they load', () => {
  const table: Record<string, string> = { ...strings.errors, ...laterErrors };
  for (const code of ERROR_CODES) expect(table[code]).toMatch(/\p{Script=Han}/u);
  // The later pages' messages reach errorMessage once their strings are loaded (imported above).
  for (const code of Object.keys(laterErrors)) expect(errorMessage(code)).not.toBe(strings.errors.INTERNAL);
});

test('should send the gift plan only with 送朋友, and a group plan with its shares and how they are cut', async () => {
  const { store, calls } = purchase([created, created, created]);
  store.setGiftMode('group');
  await store.submit();
  expect(calls[0]!.data.giftPlan).toBeUndefined();
  store.setPurpose('gift');
  await store.submit();
  expect(calls[1]!.data.giftPlan).toEqual({ mode: 'group', shares: 3, shareMode: 'random' });
  store.setShares(500);
  store.setShareMode('equal');
  store.setPurpose('self');
  store.setPurpose('gift');
  await store.submit();
  expect(calls[2]!.data.giftPlan).toEqual({ mode: 'group', shares: 100, shareMode: 'equal' });
});
