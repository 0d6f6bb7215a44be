/**
 * The holder's side of a split payment against a fake transport and a fake local pay sheet: the
 * default choice of cards and the codes that carry it, and a remainder paid on the local sheet.
 */
import type { CardView, PayCodeView, PayStatusView } from '../../src/contracts/wallet';
import { fen } from '../../src/domain/money';
import type { PayCodeStatus } from '../../src/domain/redemption';
import type { GatewayHttp } from '../../src/services/gateway-http';
import { PaymentService } from '../../src/services/payment-service';
import type { ScreenService } from '../../src/services/screen-types';
import { WalletService } from '../../src/services/wallet-service';
import { PayCodeStore } from '../../src/stores/pay-code-store';
import { SplitPayStore } from '../../src/stores/split-pay-store';
import { fakeTicker, settle } from './support/fake-ticker';
import { fakeTransport, type Reply } from './support/fake-transport';

const T0 = 1_800_000_000_000;

const card = (id: string, balance: number, over: Partial<CardView> = {}): CardView =>
  ({
    _id: id,
    brandId: 'brand-coffee',
    state: 'active',
    group: 'usable',
    balance: fen(balance),
    expiresAt: null,
    last4: id.slice(-4).toUpperCase(),
    ...over,
  }) as CardView;

function code(n: number): Reply {
  const payCode: PayCodeView = {
    code: `code-${n}`,
    qr: `GCP1.code-${n}.0123456789abcdef`,
    expiresAt: T0 + 60_000,
    refreshAt: T0 + 30_000,
    now: T0,
    balance: fen(3_000),
  };
  return { ok: true, data: { payCode } };
}

const receipt = {
  cards: [{ last4: 'OPEN', amount: fen(3_000), balanceAfter: fen(0) }],
  wechatPay: fen(1_500),
  total: fen(4_500),
  givenBack: false,
};

function status(s: PayCodeStatus, over: Partial<PayStatusView> = {}): PayStatusView {
  return {
    code: 'code-1',
    status: s,
    amount: fen(4_500),
    storeName: '国贸店',
    balanceAfter: null,
    confirmBy: T0 + 120_000,
    at: null,
    now: T0,
    split: { ...receipt, wechatPayState: 'unpaid' },
    ...over,
  };
}

function payScreen(replies: Reply[]) {
  const { transport, calls } = fakeTransport(replies);
  const clock = fakeTicker(T0);
  const screen = { keepBright: jest.fn(async () => undefined), restore: jest.fn(async () => undefined) };
  const sheetCalls: string[] = [];
  const http = (async (method: string, path: string) => {
    sheetCalls.push(`${method} ${path}`);
    return { prepayId: 'wx-prepay', status: 'SUCCESS' };
  }) as GatewayHttp;
  const wallet = new WalletService(transport);
  const split = new SplitPayStore(wallet, new PaymentService(http, false));
  const store = new PayCodeStore(wallet, screen as ScreenService, clock.ticker, { split });
  return { store, split, calls, clock, sheetCalls };
}

test('should let the opened card pay first and the brand’s other cards after it, least balance first, and mint codes carrying the choice', async () => {
  const { store, split, calls } = payScreen([code(1), code(2), code(3), code(4)]);
  store.show('card-open');
  await settle();
  expect(calls[0]!.data).toEqual({ action: 'payCode', cardId: 'card-open', payWith: [] });
  const opened = card('card-open', 3_000);
  const wallet = [
    opened,
    card('card-big', 9_000),
    card('card-tiny', 500),
    card('card-else', 100, { brandId: 'brand-market' }),
    card('card-gone', 0, { state: 'used', group: 'used' }),
  ];
  store.setupSplit(opened, wallet);
  await settle();
  expect(split.candidates.map((c) => c._id)).toEqual(['card-open', 'card-tiny', 'card-big']);
  expect(calls[1]!.data).toEqual({ action: 'payCode', cardId: 'card-open', payWith: ['card-tiny', 'card-big'] });
  expect(split.chosenBalance).toBe(12_500);
  // The same choice again mints nothing; unticking a card mints a code without it; the opened card stays.
  store.setupSplit(opened, wallet);
  store.toggleCard('card-tiny');
  await settle();
  expect(calls[2]!.data).toEqual({ action: 'payCode', cardId: 'card-open', payWith: ['card-big'] });
  store.toggleCard('card-open');
  await settle();
  expect(split.chosen).toEqual(['card-open', 'card-big']);
  expect(calls).toHaveLength(4);
  expect(store.code?.code).toBe('code-4');
});

test('should pay a remainder on the local pay sheet, then have the cloud check it and show the receipt', async () => {
  const done = status('completed', { split: { ...receipt, wechatPayState: 'paid' }, balanceAfter: fen(0) });
  const { store, split, calls, clock, sheetCalls } = payScreen([
    code(1),
    { ok: true, data: { status: status('pending') } },
    {
      ok: true,
      data: {
        status: status('pending'),
        payment: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx-prepay', signType: 'MD5', paySign: 's' },
      },
    },
    { ok: true, data: { status: done } },
  ]);
  store.show('card-open');
  await settle();
  clock.tick();
  await settle();
  expect(store.pending?.split?.wechatPay).toBe(1_500);
  await store.payRemainder();
  expect(split.sheet).toEqual({ prepayId: 'wx-prepay', amount: 1_500 });
  await store.confirmSheet();
  expect(sheetCalls).toEqual(['POST /api/pay/local/wx-prepay/confirm']);
  expect(calls.map((c) => c.data.action)).toEqual(['payCode', 'payStatus', 'payRemainder', 'confirmPay']);
  expect(store.pending).toBeUndefined();
  expect(store.result?.split).toMatchObject({ wechatPay: 1_500, wechatPayState: 'paid', total: 4_500 });
  expect(split.sheet).toBeUndefined();
});

test('should say the card debits were given back when the holder declines a split payment', async () => {
  const { store, clock } = payScreen([
    code(1),
    { ok: true, data: { status: status('pending') } },
    {
      ok: true,
      data: { status: status('declined', { split: { ...receipt, wechatPayState: 'unpaid', givenBack: true } }) },
    },
    code(2),
  ]);
  store.show('card-open');
  await settle();
  clock.tick();
  await settle();
  await store.decline();
  await settle();
  expect(store.notice).toBe('splitDeclined');
  expect(store.pending).toBeUndefined();
  expect(store.code?.code).toBe('code-2');
});
