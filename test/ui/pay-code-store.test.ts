/** The holder's pay code screen against a fake transport, a fake clock and a fake screen. */
import type { OfflineKeyView, PayCodeView, PayStatusView } from '../../src/contracts/wallet';
import { deriveOfflineCode } from '../../src/domain/offline-code';
import { chinaDay } from '../../src/domain/rules';
import { ApiError, NETWORK } from '../../src/services/api-error';
import type { NetworkService } from '../../src/services/network-types';
import { OfflineKeyService } from '../../src/services/offline-key-service';
import type { OfflineKeyStorage } from '../../src/services/offline-key-storage';
import { OfflinePay } from '../../src/stores/offline-pay';
import type { PayCodeStatus } from '../../src/domain/redemption';
import type { ScreenService } from '../../src/services/screen-types';
import { WalletService } from '../../src/services/wallet-service';
import { PAY_CODE_SHOW_MS, PayCodeStore } from '../../src/stores/pay-code-store';
import { fakeTicker, settle } from './support/fake-ticker';
import { fakeTransport, type Reply } from './support/fake-transport';
import { fen } from '../../src/domain/money';

const T0 = 1_800_000_000_000;

function code(n: number, balance = fen(10_000), at = T0): Reply {
  const payCode: PayCodeView = {
    code: `code-${n}`,
    qr: `GCP1.code-${n}.0123456789abcdef`,
    expiresAt: at + 60_000,
    refreshAt: at + 30_000,
    now: at,
    balance,
  };
  return { ok: true, data: { payCode } };
}

function status(n: number, s: PayCodeStatus, over: Partial<PayStatusView> = {}): Reply {
  const view: PayStatusView = {
    code: `code-${n}`,
    status: s,
    amount: null,
    storeName: null,
    balanceAfter: null,
    confirmBy: null,
    at: null,
    now: T0,
    ...over,
  };
  return { ok: true, data: { status: view } };
}

function payScreen(replies: Reply[]) {
  const { transport, calls } = fakeTransport(replies);
  const clock = fakeTicker(T0);
  const screen = { keepBright: jest.fn(async () => undefined), restore: jest.fn(async () => undefined) };
  const store = new PayCodeStore(new WalletService(transport), screen as ScreenService, clock.ticker);
  return { store, calls, clock, screen };
}

test('should show a code with the screen kept bright, and fetch the next one when the QR says it is due', async () => {
  const { store, calls, screen } = payScreen([code(1), code(2)]);
  store.show('card-1');
  await settle();
  expect(screen.keepBright).toHaveBeenCalled();
  expect(calls[0]!.data).toEqual({ action: 'payCode', cardId: 'card-1' });
  expect(store.code?.code).toBe('code-1');
  expect(store.balance).toBe(10_000);
  // Refresh at +30 s on the cloud's clock is +30 s on the phone's too when they agree.
  expect(store.dueAt).toBe(T0 + 30_000);
  store.onDue();
  await settle();
  expect(store.code?.code).toBe('code-2');
  expect(calls).toHaveLength(2);
});

test('should count down by the cloud clock when the phone clock is off', async () => {
  // The cloud answers with a time 5 minutes behind the phone.
  const { store } = payScreen([code(1, fen(10_000), T0 - 300_000)]);
  store.show('card-1');
  await settle();
  expect(store.dueAt).toBe(T0 + 30_000);
});

test('should stop refreshing after five minutes shown, and resume on a tap', async () => {
  const { store, calls, clock } = payScreen([code(1), code(2), code(3)]);
  store.show('card-1');
  await settle();
  clock.advance(PAY_CODE_SHOW_MS - 30_000);
  store.onDue();
  await settle();
  expect(store.code?.code).toBe('code-2');
  clock.advance(30_000);
  store.onDue();
  await settle();
  expect(store.paused).toBe(true);
  expect(calls).toHaveLength(2);
  store.resume();
  await settle();
  expect(store.paused).toBe(false);
  expect(store.code?.code).toBe('code-3');
});

test('should follow a replaced code too, and show the payment a clerk made with it', async () => {
  const { store, calls, clock } = payScreen([
    code(1),
    code(2),
    status(1, 'issued'),
    status(2, 'issued'),
    status(1, 'completed', {
      amount: fen(3_750),
      storeName: '蓝山咖啡 国贸店',
      balanceAfter: fen(6_250),
      at: T0 + 40_000,
    }),
    status(2, 'issued'),
  ]);
  store.show('card-1');
  await settle();
  store.onDue();
  await settle();
  clock.tick();
  await settle();
  expect(store.result).toBeUndefined();
  clock.tick();
  await settle();
  expect(calls.slice(2).map((c) => c.data)).toEqual([
    { action: 'payStatus', code: 'code-1' },
    { action: 'payStatus', code: 'code-2' },
    { action: 'payStatus', code: 'code-1' },
    { action: 'payStatus', code: 'code-2' },
  ]);
  expect(store.result?.amount).toBe(3_750);
  expect(store.balance).toBe(6_250);
  // Paid: nothing more to follow, and a due code makes no new one.
  clock.tick();
  store.onDue();
  await settle();
  expect(calls).toHaveLength(6);
});

test('should ask to confirm a large amount, then show the payment once confirmed', async () => {
  const pendingFields = { amount: fen(60_000), storeName: '蓝山咖啡 国贸店', confirmBy: T0 + 90_000 };
  const { store, calls, clock } = payScreen([
    code(1, fen(100_000)),
    status(1, 'pending', pendingFields),
    status(1, 'completed', {
      amount: fen(60_000),
      storeName: '蓝山咖啡 国贸店',
      balanceAfter: fen(40_000),
      at: T0 + 5_000,
    }),
  ]);
  store.show('card-1');
  await settle();
  clock.tick();
  await settle();
  expect(store.pending?.amount).toBe(60_000);
  expect(store.confirmDeadline).toBe(T0 + 90_000);
  // No new code while the holder is being asked.
  store.onDue();
  await store.confirm();
  expect(calls[2]!.data).toEqual({ action: 'confirmPay', code: 'code-1' });
  expect(store.pending).toBeUndefined();
  expect(store.result?.balanceAfter).toBe(40_000);
  expect(store.balance).toBe(40_000);
  expect(calls).toHaveLength(3);
});

test('should show a fresh code with a notice after the holder declines', async () => {
  const { store, calls, clock } = payScreen([
    code(1),
    status(1, 'pending', { amount: fen(60_000), storeName: '蓝山咖啡 国贸店', confirmBy: T0 + 90_000 }),
    status(1, 'declined', { amount: fen(60_000), storeName: '蓝山咖啡 国贸店' }),
    code(2),
  ]);
  store.show('card-1');
  await settle();
  clock.tick();
  await settle();
  await store.decline();
  await settle();
  expect(calls[2]!.data).toEqual({ action: 'declinePay', code: 'code-1' });
  expect(store.pending).toBeUndefined();
  expect(store.notice).toBe('declined');
  expect(store.code?.code).toBe('code-2');
  expect(store.result).toBeUndefined();
});

test('should keep following through a failed status call, and stop when the screen is left', async () => {
  const { store, calls, clock, screen } = payScreen([
    code(1),
    new Error('offline'),
    status(1, 'completed', { amount: fen(100), balanceAfter: fen(9_900) }),
  ]);
  store.show('card-1');
  await settle();
  clock.tick();
  await settle();
  expect(store.result).toBeUndefined();
  clock.tick();
  await settle();
  expect(store.result?.balanceAfter).toBe(9_900);
  expect(clock.running).toBe(1);
  store.hide();
  expect(clock.running).toBe(0);
  expect(screen.restore).toHaveBeenCalled();
  expect(calls).toHaveLength(3);
});

test('should say why no code could be had', async () => {
  const { store } = payScreen([{ ok: false, error: { code: 'RATE_LIMITED', message: '' } }]);
  store.show('card-1');
  await settle();
  expect(store.code).toBeUndefined();
  expect(store.errorCode).toBe('RATE_LIMITED');
});

test('should start afresh when the screen is opened again after a payment', async () => {
  const { store, clock } = payScreen([
    code(1),
    status(1, 'completed', { amount: fen(100), balanceAfter: fen(9_900) }),
    code(2, fen(9_900)),
  ]);
  store.show('card-1');
  await settle();
  clock.tick();
  await settle();
  expect(store.result).toBeDefined();
  store.leave();
  store.show('card-1');
  await settle();
  expect(store.result).toBeUndefined();
  expect(store.code?.code).toBe('code-2');
  expect(store.balance).toBe(9_900);
});

describe('with no network', () => {
  const KEY: OfflineKeyView = {
    cardId: 'card-1',
    keyNo: '0420017',
    secret: 'ab'.repeat(32),
    issuedAt: T0,
    renewAt: T0 + 86_400_000,
    expiresAt: T0 + 3 * 86_400_000,
    dailyCap: fen(20_000),
    capLeft: fen(5_000),
    capDay: chinaDay(T0),
    balance: fen(10_000),
    now: T0,
  };
  const networkDown = (): Reply => new ApiError(NETWORK, 'offline');

  /** A pay screen with offline codes: this device's key storage and a network the test switches. */
  function offlineScreen(replies: Reply[], held: OfflineKeyView | undefined) {
    const { transport, calls } = fakeTransport(replies);
    const clock = fakeTicker(T0);
    const stored = new Map<string, OfflineKeyView>(held ? [[held.cardId, held]] : []);
    const keys: OfflineKeyStorage = {
      load: (cardId) => stored.get(cardId),
      save: async (k) => void stored.set(k.cardId, k),
      remove: async (cardId) => void stored.delete(cardId),
      deviceId: () => 'dev-1',
      deviceName: () => 'Phone',
    };
    let online = true;
    const listeners = new Set<(online: boolean) => void>();
    const network: NetworkService = {
      online: async () => online,
      watch: (l) => (listeners.add(l), () => listeners.delete(l)),
    };
    const setOnline = (value: boolean) => {
      online = value;
      listeners.forEach((l) => l(value));
    };
    const wallet = new WalletService(transport);
    const screen = { keepBright: async () => undefined, restore: async () => undefined };
    const store = new PayCodeStore(wallet, screen, clock.ticker, {
      offline: { pay: new OfflinePay(new OfflineKeyService(transport), keys), network },
    });
    return { store, calls, clock, stored, setOnline, listeners };
  }

  test('should get this device a key while online, then show codes derived from it when the call fails, refreshing with no call', async () => {
    const { store, calls, clock, stored } = offlineScreen(
      [code(1), { ok: true, data: { key: KEY } }, networkDown()],
      undefined,
    );
    store.show('card-1');
    await settle();
    expect(calls[1]!.data).toEqual({ action: 'offlineKey', cardId: 'card-1', deviceId: 'dev-1', deviceName: 'Phone' });
    expect(stored.get('card-1')).toEqual(KEY);
    expect(store.offline).toBeUndefined();
    clock.advance(30_000);
    store.onDue();
    await settle();
    const expected = deriveOfflineCode(KEY, T0 + 30_000)!;
    expect(store.code).toMatchObject({ code: expected.code, qr: expected.qr, balance: 10_000 });
    expect(store.offline).toEqual({ allowance: 5_000, dailyCap: 20_000 });
    expect(store.errorCode).toBeUndefined();
    // The platform now says offline: the next window's code comes with no call at all.
    store.hide();
    const again = offlineScreen([], KEY);
    again.setOnline(false);
    again.store.show('card-1');
    await settle();
    expect(again.calls).toHaveLength(0);
    expect(again.store.code?.code).toBe(deriveOfflineCode(KEY, T0)!.code);
    again.clock.advance(30_000);
    again.store.onDue();
    await settle();
    expect(again.store.code?.code).toBe(deriveOfflineCode(KEY, T0 + 30_000)!.code);
    expect(again.calls).toHaveLength(0);
  });

  test('should switch to offline codes when the network goes, and back to online ones when it returns', async () => {
    const { store, calls, setOnline } = offlineScreen([code(1), code(2)], KEY);
    store.show('card-1');
    await settle();
    expect(store.code?.code).toBe('code-1');
    setOnline(false);
    await settle();
    expect(store.offline?.allowance).toBe(5_000);
    expect(store.code?.code).toMatch(/^0\d{15}$/);
    setOnline(true);
    await settle();
    expect(store.code?.code).toBe('code-2');
    expect(store.offline).toBeUndefined();
    expect(calls.map((c) => c.data.action)).toEqual(['payCode', 'payCode']);
  });

  test('should say so when there is no network and no key on this device, or only an expired one', async () => {
    const none = offlineScreen([networkDown()], undefined);
    none.store.show('card-1');
    await settle();
    expect(none.store.code).toBeUndefined();
    expect(none.store.offlineUnavailable).toBe(true);
    const old = offlineScreen([networkDown()], { ...KEY, expiresAt: T0 });
    old.store.show('card-1');
    await settle();
    expect(old.store.offlineUnavailable).toBe(true);
  });

  test('should forget a key the cloud refuses to renew (the card gone), and keep it through a network failure', async () => {
    const stale = { ...KEY, renewAt: T0 };
    const refused = offlineScreen(
      [code(1), { ok: false, error: { code: 'NOT_FOUND', message: 'card not found' } }],
      stale,
    );
    refused.store.show('card-1');
    await settle();
    expect(refused.stored.has('card-1')).toBe(false);
    const unreachable = offlineScreen([code(1), networkDown()], stale);
    unreachable.store.show('card-1');
    await settle();
    expect(unreachable.stored.get('card-1')).toEqual(stale);
  });
});
