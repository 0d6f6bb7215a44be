/** The clerk's till against a fake transport, a fake scanner and a fake clock. */
import type { ClerkProfileView, RedemptionView, ScannedCardView } from '../../src/contracts/merchant';
import { luhnDigit, payQrText, type PayCodeStatus } from '../../src/domain/redemption';
import { ApiError } from '../../src/services/api-error';
import { MerchantService } from '../../src/services/merchant-service';
import type { Preference } from '../../src/services/preference';
import type { ScanOutcome, Scanner } from '../../src/services/scanner-types';
import { CONFIRM_TIMEOUT, ClerkStore } from '../../src/stores/clerk-store';
import { fakeTicker, settle } from './support/fake-ticker';
import { fakeTransport, type Reply } from './support/fake-transport';
import { fen } from '../../src/domain/money';

const T0 = 1_800_000_000_000;
const BODY = '621458301127449';
const CODE = BODY + luhnDigit(BODY);
const WRONG_CHECK = BODY + String((Number(luhnDigit(BODY)) + 1) % 10);
const PAYLOAD = payQrText(CODE, '0123456789abcdef');

const profile: ClerkProfileView = {
  name: '陈店员',
  role: 'clerk',
  stores: [
    { id: 'store-1', name: '国贸店', brandId: 'b', brandName: '蓝山咖啡' },
    { id: 'store-2', name: '三里屯店', brandId: 'b', brandName: '蓝山咖啡' },
  ],
  confirmAbove: fen(50_000),
};

const card: ScannedCardView = {
  brandName: '蓝山咖啡',
  productName: '咖啡礼品卡',
  face: { id: 'f', name: '生日', image: 'data:,' },
  last4: '7KQX',
  balance: fen(10_000),
  expiresAt: null,
  codeExpiresAt: T0 + 45_000,
  now: T0,
};

const ok = (data: unknown): Reply => ({ ok: true, data });
const fail = (code: string): Reply => ({ ok: false, error: { code: code as never, message: '' } });

function redemption(status: PayCodeStatus, over: Partial<RedemptionView> = {}): RedemptionView {
  return {
    id: CODE,
    status,
    amount: fen(3_750),
    balanceAfter: status === 'completed' ? fen(6_250) : null,
    storeName: '国贸店',
    clerkName: '陈店员',
    brandName: '蓝山咖啡',
    last4: '7KQX',
    usedAt: T0,
    at: status === 'completed' ? T0 : null,
    confirmBy: status === 'pending' ? T0 + 90_000 : null,
    reversibleUntil: status === 'completed' ? T0 + 1_800_000 : null,
    reversedAt: null,
    ...over,
  };
}

function till(replies: Reply[], opts: { remembered?: string; scans?: ScanOutcome[] } = {}) {
  const { transport, calls } = fakeTransport(replies);
  const clock = fakeTicker(T0);
  const saved: string[] = [];
  const choice: Preference = { load: () => opts.remembered, save: (v) => void saved.push(v) };
  const scans = [...(opts.scans ?? [])];
  const scanner: Scanner = { scan: async () => scans.shift() ?? { kind: 'cancelled' } };
  let n = 0;
  const store = new ClerkStore(new MerchantService(transport), scanner, choice, () => `req-${++n}`, clock.ticker);
  return { store, calls, clock, saved };
}

/** A till signed in at store-1 with the card scanned. */
async function scannedTill(replies: Reply[], balance = card.balance) {
  const t = till([ok({ profile }), ok({ card: { ...card, balance } }), ...replies]);
  await t.store.loadProfile();
  await t.store.inspect(CODE);
  return t;
}

const prompt = { hint: '', cancel: '' };

test('should pick the remembered store when it is still mine, else the first, and remember a choice', async () => {
  const mine = till([ok({ profile })], { remembered: 'store-2' });
  await mine.store.loadProfile();
  expect(mine.store.storeId).toBe('store-2');
  const gone = till([ok({ profile })], { remembered: 'store-9' });
  await gone.store.loadProfile();
  expect(gone.store.storeId).toBe('store-1');
  gone.store.chooseStore('store-2');
  expect(gone.store.store?.name).toBe('三里屯店');
  expect(gone.saved).toEqual(['store-2']);
});

test('should keep the staff-only answer for the page', async () => {
  const { store } = till([fail('FORBIDDEN')]);
  await store.loadProfile();
  expect(store.profile.errorCode).toBe('FORBIDDEN');
  expect(store.storeId).toBe('');
});

test('should take a typed code or a whole QR payload, and catch a mistyped digit without asking the cloud', async () => {
  const { store, calls } = till([ok({ profile }), ok({ card }), ok({ card })]);
  await store.loadProfile();
  store.setEntryText(WRONG_CHECK.replace(/(\d{4})/g, '$1 '));
  expect(store.entryValid).toBe(false);
  expect(store.entryMistyped).toBe(true);
  await store.submitEntry();
  expect(calls).toHaveLength(1);
  store.setEntryText(CODE.replace(/(\d{4})(?=\d)/g, '$1 '));
  expect(store.entryValid).toBe(true);
  await store.submitEntry();
  expect(calls[1]!.data).toEqual({ action: 'inspect', payCode: CODE, storeId: 'store-1' });
  expect(store.step).toBe('amount');
  store.next();
  store.setEntryText(` ${PAYLOAD} `);
  await store.submitEntry();
  expect(calls[2]!.data).toEqual({ action: 'inspect', payCode: PAYLOAD, storeId: 'store-1' });
});

test('should look at a scanned code at once, refuse a foreign QR code, and say when the camera is refused', async () => {
  const { store, calls } = till([ok({ profile }), ok({ card })], {
    scans: [
      { kind: 'unavailable', reason: 'denied' },
      { kind: 'scanned', text: 'https://example.com/not-a-pay-code' },
      { kind: 'scanned', text: PAYLOAD },
    ],
  });
  await store.loadProfile();
  await store.scan(prompt);
  expect(store.cameraProblem).toBe('denied');
  expect(store.step).toBe('scan');
  await store.scan(prompt);
  expect(store.step).toBe('refused');
  expect(store.refusal).toBe('PAY_CODE_INVALID');
  expect(calls).toHaveLength(1);
  store.next();
  await store.scan(prompt);
  expect(calls[1]!.data).toMatchObject({ action: 'inspect', payCode: PAYLOAD });
  expect(store.scanned?.card.last4).toBe('7KQX');
  expect(store.codeDeadline).toBe(T0 + 45_000);
});

test('should accept amounts in yuan up to the balance only', async () => {
  const { store } = await scannedTill([]);
  store.setAmountText('37.5');
  expect(store.amount).toBe(3_750);
  expect(store.canRedeem).toBe(true);
  store.setAmountText('37.555');
  expect(store.amountProblem).toBe('format');
  expect(store.amount).toBeUndefined();
  store.setAmountText('0');
  expect(store.amountProblem).toBe('zero');
  store.setAmountText('100.01');
  expect(store.amountProblem).toBe('overBalance');
  expect(store.canRedeem).toBe(false);
  store.setAmountText('¥12,3a');
  expect(store.amountText).toBe('123');
  store.chooseAmount(fen(3_750));
  expect(store.amountText).toBe('37.50');
  store.chooseAmount(fen(10_000));
  expect(store.amountText).toBe('100');
  expect(store.amount).toBe(10_000);
  expect(store.needsHolderConfirmation).toBe(false);
});

test('should send the same request id when the same attempt is retried, and a new one for another amount', async () => {
  const { store, calls } = await scannedTill([
    new ApiError('NETWORK', 'offline'),
    fail('CONFLICT'),
    fail('INTERNAL'),
    ok({ redemption: redemption('completed') }),
  ]);
  store.setAmountText('37.50');
  await store.redeem();
  expect(store.action.errorCode).toBe('NETWORK');
  expect(store.step).toBe('amount');
  await store.redeem();
  expect(store.action.errorCode).toBe('CONFLICT');
  store.setAmountText('37.5');
  await store.redeem();
  store.setAmountText('38');
  await store.redeem();
  const redeems = calls.filter((c) => c.data.action === 'redeem').map((c) => c.data);
  expect(redeems.map((d) => d.requestId)).toEqual(['req-1', 'req-1', 'req-1', 'req-2']);
  expect(redeems[0]).toEqual({
    action: 'redeem',
    payCode: CODE,
    storeId: 'store-1',
    amount: 3_750,
    requestId: 'req-1',
  });
  expect(store.step).toBe('done');
  expect(store.redemption?.balanceAfter).toBe(6_250);
});

test('should wait while the holder confirms, then show the redemption completed', async () => {
  const { store, calls, clock } = await scannedTill(
    [
      ok({ redemption: redemption('pending', { amount: fen(60_000) }) }),
      new ApiError('NETWORK', 'offline'),
      ok({ redemption: redemption('pending', { amount: fen(60_000) }) }),
      ok({ redemption: redemption('completed', { amount: fen(60_000), balanceAfter: fen(40_000) }) }),
    ],
    fen(100_000),
  );
  store.setAmountText('600');
  expect(store.needsHolderConfirmation).toBe(true);
  await store.redeem();
  expect(store.step).toBe('waiting');
  expect(store.confirmDeadline).toBe(T0 + 90_000);
  for (let i = 0; i < 3; i++) {
    clock.tick();
    await settle();
  }
  expect(calls.filter((c) => c.data.action === 'redemption').map((c) => c.data.id)).toEqual([CODE, CODE, CODE]);
  expect(store.step).toBe('done');
  expect(store.redemption?.balanceAfter).toBe(40_000);
  expect(clock.running).toBe(0);
});

test('should refuse with a screen of its own when the holder declines or lets the window pass', async () => {
  const declined = await scannedTill(
    [
      ok({ redemption: redemption('pending', { amount: fen(60_000) }) }),
      ok({ redemption: redemption('declined', { amount: fen(60_000) }) }),
    ],
    fen(100_000),
  );
  declined.store.setAmountText('600');
  await declined.store.redeem();
  declined.clock.tick();
  await settle();
  expect(declined.store.step).toBe('refused');
  expect(declined.store.refusal).toBe('PAY_DECLINED');

  const lapsed = await scannedTill(
    [
      ok({ redemption: redemption('pending', { amount: fen(60_000) }) }),
      ok({ redemption: redemption('expired', { amount: fen(60_000) }) }),
    ],
    fen(100_000),
  );
  lapsed.store.setAmountText('600');
  await lapsed.store.redeem();
  lapsed.clock.tick();
  await settle();
  expect(lapsed.store.refusal).toBe(CONFIRM_TIMEOUT);
});

test('should show a used code as a refusal and start over for the next customer', async () => {
  const { store } = await scannedTill([fail('PAY_CODE_USED')]);
  store.setAmountText('10');
  await store.redeem();
  expect(store.step).toBe('refused');
  expect(store.refusal).toBe('PAY_CODE_USED');
  store.next();
  expect(store.step).toBe('scan');
  expect(store.scanned).toBeUndefined();
  expect(store.action.errorCode).toBeUndefined();
});

test('should reverse within the window, and refresh today’s list when it is open', async () => {
  const reversed = redemption('reversed', { reversedAt: T0 + 60_000, reversibleUntil: null });
  const today = (r: RedemptionView) =>
    ok({ day: '20270115', redemptions: [r], totals: { count: 1, amount: 3_750, reversedCount: 0, reversedAmount: 0 } });
  const { store, calls, clock } = await scannedTill([
    ok({ redemption: redemption('completed') }),
    today(redemption('completed')),
    ok({ redemption: reversed }),
    today(reversed),
  ]);
  store.setAmountText('37.5');
  await store.redeem();
  await store.loadHistory();
  const done = store.redemption!;
  expect(store.reversible(done)).toBe(true);
  clock.advance(60_000);
  expect(await store.reverse(done.id, 'till')).toBe(true);
  expect(calls.at(-2)!.data).toEqual({ action: 'reverse', id: CODE });
  expect(store.redemption?.status).toBe('reversed');
  expect(store.reversible(store.redemption!)).toBe(false);
  expect(store.history.data?.redemptions[0]?.status).toBe('reversed');
  clock.advance(1_800_000);
  expect(store.reversible(done)).toBe(false);
});

test('should keep a till refusal off 今日收款, and a refused reversal on the page it was asked on', async () => {
  const today = ok({
    day: '20270115',
    redemptions: [redemption('completed')],
    totals: { count: 1, amount: 3_750, reversedCount: 0, reversedAmount: 0 },
  });
  const { store } = await scannedTill([fail('INSUFFICIENT_BALANCE'), today, fail('REVERSAL_WINDOW_PASSED')]);
  store.setAmountText('37.5');
  await store.redeem();
  expect(store.action.errorCode).toBe('INSUFFICIENT_BALANCE');
  await store.loadHistory();
  // 今日收款 reads only reversal refusals: the till's refusal is not one.
  expect(store.reversal.errorCode).toBeUndefined();
  expect(await store.reverse(CODE, 'history')).toBe(false);
  expect([store.reversal.errorCode, store.reversalFrom]).toEqual(['REVERSAL_WINDOW_PASSED', 'history']);
  expect(store.action.errorCode).toBe('INSUFFICIENT_BALANCE');
});

test('should offer to type again after a typed code is refused, and to scan again after a scanned one', async () => {
  const { store } = till([ok({ profile }), fail('PAY_CODE_USED'), fail('PAY_CODE_USED')], {
    scans: [{ kind: 'scanned', text: PAYLOAD }],
  });
  await store.loadProfile();
  store.setEntryText(CODE);
  await store.submitEntry();
  expect([store.step, store.typed]).toEqual(['refused', true]);
  store.next();
  await store.scan({ hint: '', cancel: '' });
  expect([store.step, store.typed]).toEqual(['refused', false]);
});

describe('an offline code', () => {
  const OFFLINE_BODY = '042001712345670';
  const OFFLINE = OFFLINE_BODY + luhnDigit(OFFLINE_BODY);
  const OFFLINE_QR = payQrText(OFFLINE, 'fedcba9876543210');

  test('should be taken typed or scanned, sent as typed or as the whole payload', async () => {
    const t = till([ok({ profile }), ok({ card: { ...card, offlineLeft: fen(5_000) } }), ok({ card })]);
    await t.store.loadProfile();
    t.store.setEntryText(OFFLINE.replace(/(\d{4})/g, '$1 '));
    expect(t.store.entryValid).toBe(true);
    await t.store.submitEntry();
    expect(t.calls[1]!.data).toMatchObject({ action: 'inspect', payCode: OFFLINE });
    t.store.next();
    await t.store.inspect(OFFLINE_QR);
    expect(t.calls[2]!.data).toMatchObject({ action: 'inspect', payCode: OFFLINE_QR });
    // A mistyped digit is caught by the check digit, offline codes too.
    t.store.setEntryText(OFFLINE.slice(0, 15) + String((Number(OFFLINE[15]) + 1) % 10));
    expect(t.store.entryValid).toBe(false);
    expect(t.store.entryMistyped).toBe(true);
  });

  test('should bound the amount by what the offline cap has left, and end on a revoked key', async () => {
    const t = till([ok({ profile }), ok({ card: { ...card, offlineLeft: fen(5_000) } }), fail('OFFLINE_KEY_REVOKED')]);
    await t.store.loadProfile();
    await t.store.inspect(OFFLINE_QR);
    t.store.setAmountText('50.01');
    expect(t.store.amountProblem).toBe('overOffline');
    t.store.setAmountText('50');
    expect(t.store.amountProblem).toBeUndefined();
    await t.store.redeem();
    expect(t.store.step).toBe('refused');
    expect(t.store.refusal).toBe('OFFLINE_KEY_REVOKED');
  });
});
