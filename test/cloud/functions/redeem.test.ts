/**
 * Paying in store end to end through the real SDK against the local cloud: pay codes, the clerk's
 * inspect and redeem, races on one card and on one code, tampered / expired / foreign codes, the
 * holder's confirmation above the threshold, reversal, history and the sweep of unused codes —
 * with the money invariants checked after every test.
 */
import { GIFTS_FUNCTION, type GiftsActions } from '../../../src/contracts/gifts';
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { REDEEM_RULES, isWellFormedPayCode, type Redemption } from '../../../src/domain/redemption';
import { calls, COFFEE, MARKET, face, requestId } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';

jest.setTimeout(180_000);

const CAROL = 'o-demo-carol'; // clerk of 蓝山咖啡 at store-lanshan-coffee-1
const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡 and 惠鲜超市
const COFFEE_STORE = 'store-lanshan-coffee-1';
const MARKET_STORE = 'store-huixian-market-1';

type Out<A extends keyof MerchantActions> = MerchantActions[A]['output'];
type WalletOut<A extends keyof WalletActions> = WalletActions[A]['output'];

let cloud: TestCloud;
const { as, ok, code, buy, client } = calls(() => cloud);
const giftsAs = (openId: string) => client<GiftsActions>(openId, GIFTS_FUNCTION);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

beforeAll(async () => {
  // 200 live codes on one card need more than a holder's default 30 per 10 minutes.
  cloud = await startTestCloud({ functionSettings: { REDEEM_MINT_LIMIT: '1000' } });
});

afterAll(async () => {
  await cloud.close();
});

afterEach(async () => {
  await checkMoneyInvariants(cloud);
});

async function coffeeCard(openId: string, amount = fen(10_000)): Promise<string> {
  return (await buy(openId, { amount })).cards[0]!._id;
}

const payCode = async (openId: string, cardId: string) => (await walletAs(openId)('payCode', { cardId })).payCode;

const redeemInput = (qr: string, amount: number, over: Record<string, unknown> = {}) => ({
  action: 'redeem',
  payCode: qr,
  storeId: COFFEE_STORE,
  amount,
  requestId: requestId(),
  ...over,
});

const redeem = async (qr: string, amount: number, over: Record<string, unknown> = {}, clerk = CAROL) =>
  (await ok<Out<'redeem'>>(clerk, 'merchant', redeemInput(qr, amount, over))).redemption;

const balanceOf = async (openId: string, cardId: string): Promise<number> =>
  (await walletAs(openId)('detail', { cardId })).card.balance;

async function stored<T extends { _id: string }>(collection: string): Promise<T[]> {
  return allDocs<T>(cloud, collection);
}

/** The same string with the character at `i` replaced by another one of the same kind. */
function changedAt(text: string, i: number): string {
  const ch = text[i]!;
  const swap = /[0-9]/.test(ch) ? String((Number(ch) + 1) % 10) : /[a-f]/.test(ch) ? (ch === 'a' ? 'b' : 'a') : 'X';
  return text.slice(0, i) + swap + text.slice(i + 1);
}

test("should say in the wallet's answer whether the caller is staff, from the OPENID alone", async () => {
  // The mini-program has no session to carry roles: the app asks for a staff profile only when this says so.
  expect((await walletAs(CAROL)('list', {})).staff).toBe(true);
  expect((await walletAs(DAVE)('list', {})).staff).toBe(true);
  expect((await walletAs('u-not-staff')('list', {})).staff).toBe(false);
});

describe('a pay code', () => {
  test('should be 16 digits with a check digit, a QR payload with a MAC, valid 60 s, and tell the holder its state', async () => {
    const cardId = await coffeeCard('r-alice');
    const pc = await payCode('r-alice', cardId);
    expect(isWellFormedPayCode(pc.code)).toBe(true);
    expect(pc.qr).toMatch(new RegExp(`^GCP1\\.${pc.code}\\.[0-9a-f]{16}$`));
    expect(pc.expiresAt - pc.now).toBe(REDEEM_RULES.codeTtlMs);
    expect(pc.refreshAt - pc.now).toBe(REDEEM_RULES.refreshMs);
    expect(pc.balance).toBe(10_000);
    const st = await walletAs('r-alice')('payStatus', { code: pc.code });
    expect(st.status).toMatchObject({ code: pc.code, status: 'issued', amount: null, balanceAfter: null });
    // Nobody else learns anything about it, and only the holder's usable cards get codes.
    expect(await code('r-bob', 'wallet', { action: 'payStatus', code: pc.code })).toBe('NOT_FOUND');
    expect(await code('r-bob', 'wallet', { action: 'payCode', cardId })).toBe('NOT_FOUND');
    expect(await code('', 'wallet', { action: 'payCode', cardId })).toBe('UNAUTHENTICATED');
  });

  test('should redeem once at the store: balance debited with a REDEEM entry naming store and clerk, live on the holder screen', async () => {
    const cardId = await coffeeCard('r-alice2');
    const pc = await payCode('r-alice2', cardId);
    const seen = await merchantAs(CAROL)('inspect', {
      payCode: pc.qr,
      storeId: COFFEE_STORE,
    });
    expect(seen.card).toMatchObject({ brandName: '蓝山咖啡', balance: 10_000, codeExpiresAt: pc.expiresAt });
    expect(seen.card.last4).toHaveLength(4);
    const r = await redeem(pc.qr, 3_750);
    expect(r).toMatchObject({
      id: pc.code,
      status: 'completed',
      amount: 3_750,
      balanceAfter: 6_250,
      clerkName: '陈店员',
    });
    expect(r.reversibleUntil! - r.at!).toBe(REDEEM_RULES.reverseWindowMs);
    expect(await balanceOf('r-alice2', cardId)).toBe(6_250);
    const st = await walletAs('r-alice2')('payStatus', { code: pc.code });
    expect(st.status).toMatchObject({ status: 'completed', amount: 3_750, balanceAfter: 6_250, storeName: '国贸店' });
    const detail = await walletAs('r-alice2')('detail', { cardId });
    expect(detail.history[0]).toMatchObject({
      type: 'REDEEM',
      amount: -3_750,
      balanceAfter: 6_250,
      storeName: '国贸店',
    });
    const entry = (await stored<LedgerEntry>('ledger')).find((e) => e.ref === pc.code)!;
    expect(entry).toMatchObject({ clerk: CAROL, storeId: COFFEE_STORE, type: 'REDEEM' });
    // Used once: scanning it again is refused.
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 100))).toBe('PAY_CODE_USED');
    expect(await code(CAROL, 'merchant', { action: 'inspect', payCode: pc.qr, storeId: COFFEE_STORE })).toBe(
      'PAY_CODE_USED',
    );
  });

  test("should answer the clerk's retry of the same request with the first redemption, debited once", async () => {
    const cardId = await coffeeCard('r-retry');
    const pc = await payCode('r-retry', cardId);
    const input = redeemInput(pc.qr, 1_000);
    const answers = await Promise.all([1, 2, 3, 4].map(() => ok<Out<'redeem'>>(CAROL, 'merchant', input)));
    for (const a of answers)
      expect(a.redemption).toMatchObject({ id: pc.code, status: 'completed', balanceAfter: 9_000 });
    expect(await balanceOf('r-retry', cardId)).toBe(9_000);
    expect(await code(CAROL, 'merchant', { ...input, amount: 2_000 })).toBe('IDEMPOTENCY_MISMATCH');
    // Another clerk's request with the same id is another request: the code is used.
    expect(await code(DAVE, 'merchant', input)).toBe('PAY_CODE_USED');
  });

  test('should accept the 16 digits typed by the clerk, and stop a clerk who types unknown codes', async () => {
    const cardId = await coffeeCard('r-typed');
    const pc = await payCode('r-typed', cardId);
    const typed = pc.code.replace(/(\d{4})/g, '$1 ').trim();
    expect((await redeem(typed, 500)).balanceAfter).toBe(9_500);
    // A mistyped digit fails the check digit before any lookup: it costs the clerk nothing.
    expect(await code(CAROL, 'merchant', redeemInput(changedAt(pc.code, 3), 100))).toBe('PAY_CODE_INVALID');
    const next = await payCode('r-typed', cardId);
    const guesser = DAVE;
    const wellFormedUnknown = (n: number): string => {
      const body = `9${String(n).padStart(14, '0')}`;
      for (let d = 0; d < 10; d++) if (/^\d{16}$/.test(body + d) && isWellFormedPayCode(body + d)) return body + d;
      throw new Error('no check digit');
    };
    for (let i = 0; i < REDEEM_RULES.typedMisses; i++)
      expect(await code(guesser, 'merchant', redeemInput(wellFormedUnknown(i), 100))).toBe('PAY_CODE_INVALID');
    // Now even a real code typed by this clerk waits; scanned codes still work, and other clerks aren't affected.
    expect(await code(guesser, 'merchant', redeemInput(next.code, 100))).toBe('RATE_LIMITED');
    expect(await code(guesser, 'merchant', { action: 'inspect', payCode: next.code, storeId: COFFEE_STORE })).toBe(
      'RATE_LIMITED',
    );
    expect((await redeem(next.code, 100)).balanceAfter).toBe(9_400);
  });
});

describe('races', () => {
  test('should let 200 concurrent redemptions on one card succeed exactly floor(balance / amount) times', async () => {
    const cardId = await coffeeCard('r-race', fen(10_000));
    // One holder's phone makes its codes one at a time; a few at once is plenty to set the race up.
    const codes = [];
    for (let i = 0; i < 200; i += 8) {
      codes.push(...(await Promise.all(Array.from({ length: Math.min(8, 200 - i) }, () => payCode('r-race', cardId)))));
    }
    const answers = await Promise.all(codes.map((pc) => as<Out<'redeem'>>(CAROL, 'merchant', redeemInput(pc.qr, 700))));
    const won = answers.filter((a) => a.ok);
    const refused = answers.flatMap((a) => (a.ok ? [] : [a.error.code]));
    expect(won).toHaveLength(Math.floor(10_000 / 700));
    expect(new Set(refused)).toEqual(new Set(['INSUFFICIENT_BALANCE']));
    expect(await balanceOf('r-race', cardId)).toBe(10_000 - 14 * 700);
    const card = (await stored<Card>('cards')).find((c) => c._id === cardId)!;
    expect(card).toMatchObject({ redeemed: 14 * 700, state: 'active' });
  });

  test('should redeem a code replayed 20 times at once exactly once, and refuse it afterwards', async () => {
    const cardId = await coffeeCard('r-replay');
    const pc = await payCode('r-replay', cardId);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => as<Out<'redeem'>>(CAROL, 'merchant', redeemInput(pc.qr, 1_000))),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(new Set(answers.flatMap((a) => (a.ok ? [] : [a.error.code])))).toEqual(new Set(['PAY_CODE_USED']));
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 1_000))).toBe('PAY_CODE_USED');
    expect(await balanceOf('r-replay', cardId)).toBe(9_000);
  });
});

describe('refusals that debit nothing', () => {
  test('should refuse a code with any byte changed', async () => {
    const cardId = await coffeeCard('r-tamper');
    const pc = await payCode('r-tamper', cardId);
    for (let i = 0; i < pc.qr.length; i++) {
      if (pc.qr[i] === '.') continue;
      expect([i, await code(CAROL, 'merchant', redeemInput(changedAt(pc.qr, i), 100))]).toEqual([
        i,
        'PAY_CODE_INVALID',
      ]);
    }
    expect(await code(CAROL, 'merchant', redeemInput(`${pc.qr}0`, 100))).toBe('PAY_CODE_INVALID');
    expect(await balanceOf('r-tamper', cardId)).toBe(10_000);
    // The untouched code still works.
    expect((await redeem(pc.qr, 100)).status).toBe('completed');
  });

  test('should refuse an expired code, another merchant’s card, a caller who is not a clerk, and a store not theirs', async () => {
    const cardId = await coffeeCard('r-refuse');
    const marketCard = (
      await buy('r-refuse', { productId: MARKET, faceId: face(MARKET, 'festival'), amount: fen(10_000) })
    ).cards[0]!._id;
    const pc = await payCode('r-refuse', cardId);
    const market = await payCode('r-refuse', marketCard);
    expect(await code(CAROL, 'merchant', redeemInput(market.qr, 100))).toBe('WRONG_MERCHANT');
    // The operator of both brands, at the market's store, with the coffee card.
    expect(await code(DAVE, 'merchant', redeemInput(pc.qr, 100, { storeId: MARKET_STORE }))).toBe('WRONG_MERCHANT');
    expect(await code('r-bob', 'merchant', redeemInput(pc.qr, 100))).toBe('FORBIDDEN');
    expect(await code('r-bob', 'merchant', { action: 'profile' })).toBe('FORBIDDEN');
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 100, { storeId: 'store-lanshan-coffee-2' }))).toBe(
      'FORBIDDEN',
    );
    expect(await code('', 'merchant', redeemInput(pc.qr, 100))).toBe('UNAUTHENTICATED');
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 10_001))).toBe('INSUFFICIENT_BALANCE');
    cloud.clock.advance(REDEEM_RULES.codeTtlMs + 1);
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 100))).toBe('PAY_CODE_EXPIRED');
    const st = await walletAs('r-refuse')('payStatus', { code: pc.code });
    expect(st.status.status).toBe('expired');
    expect(await balanceOf('r-refuse', cardId)).toBe(10_000);
    expect(await balanceOf('r-refuse', marketCard)).toBe(10_000);
  });

  test('should refuse a code whose card was gifted away after it was made', async () => {
    const cardId = await coffeeCard('r-gifter');
    const pc = await payCode('r-gifter', cardId);
    const sent = await giftsAs('r-gifter')('send', {
      cardId,
      mode: 'single',
      blessing: '送你',
      senderName: '小满',
      requestId: requestId(),
    });
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 100))).toBe('CARD_NOT_ACTIVE');
    await giftsAs('r-friend')('claim', { token: sent.token, name: '好友' });
    expect(await code(CAROL, 'merchant', redeemInput(pc.qr, 100))).toBe('PAY_CODE_EXPIRED');
    expect(await balanceOf('r-friend', cardId)).toBe(10_000);
  });

  test('should refuse bad input on every action with INVALID_ARGUMENT and write nothing', async () => {
    const cardId = await coffeeCard('r-bad');
    const pc = await payCode('r-bad', cardId);
    const before = (await stored<Redemption>('redemptions')).length;
    const bad: [string, string, Record<string, unknown>][] = [
      ['wallet', 'r-bad', { action: 'payCode', cardId: { $gt: '' } }],
      ['wallet', 'r-bad', { action: 'payCode', cardId, extra: 1 }],
      ['wallet', 'r-bad', { action: 'payStatus', code: 'x'.repeat(5000) }],
      ['wallet', 'r-bad', { action: 'confirmPay', code: 1234 }],
      ['wallet', 'r-bad', { action: 'declinePay' }],
      ['merchant', CAROL, redeemInput(pc.qr, 0)],
      ['merchant', CAROL, redeemInput(pc.qr, -100)],
      ['merchant', CAROL, redeemInput(pc.qr, 12.5)],
      ['merchant', CAROL, redeemInput(pc.qr, '100' as unknown as number)],
      ['merchant', CAROL, redeemInput(pc.qr, 100, { amount: { $gt: 0 } })],
      ['merchant', CAROL, redeemInput(pc.qr, 100, { storeId: { $ne: '' } })],
      ['merchant', CAROL, redeemInput(pc.qr, 100, { requestId: 'short' })],
      ['merchant', CAROL, redeemInput(pc.qr, 100, { clerk: 'o-demo-dave' })],
      ['merchant', CAROL, redeemInput('9'.repeat(65), 100)],
      ['merchant', CAROL, { action: 'inspect', payCode: pc.qr }],
      ['merchant', CAROL, { action: 'reverse', id: { $regex: '.*' } }],
      ['merchant', CAROL, { action: 'redemption', id: 'abc' }],
      ['merchant', CAROL, { action: 'history', day: '2026-11-24' }],
      ['merchant', CAROL, { action: 'history', day: '20261340' }],
    ];
    for (const [fn, who, input] of bad)
      expect([input, await code(who, fn, input)]).toEqual([input, 'INVALID_ARGUMENT']);
    expect((await stored<Redemption>('redemptions')).length).toBe(before);
    expect(await balanceOf('r-bad', cardId)).toBe(10_000);
  });
});

describe('holder confirmation above the threshold', () => {
  test('should wait for the holder, then debit on confirm; decline and a late answer debit nothing', async () => {
    const cardId = await coffeeCard('r-big', fen(100_000));
    const pc = await payCode('r-big', cardId);
    const pending = await redeem(pc.qr, 60_000);
    expect(pending).toMatchObject({ status: 'pending', amount: 60_000, balanceAfter: null });
    expect(pending.confirmBy).not.toBeNull();
    expect(await balanceOf('r-big', cardId)).toBe(100_000);
    const st = await walletAs('r-big')('payStatus', { code: pc.code });
    expect(st.status).toMatchObject({ status: 'pending', amount: 60_000, storeName: '国贸店' });
    expect(await code('r-bob', 'wallet', { action: 'confirmPay', code: pc.code })).toBe('NOT_FOUND');
    const [a, b] = await Promise.all([
      walletAs('r-big')('confirmPay', { code: pc.code }),
      walletAs('r-big')('confirmPay', { code: pc.code }),
    ]);
    expect(a.status).toMatchObject({ status: 'completed', balanceAfter: 40_000 });
    expect(b.status).toMatchObject({ status: 'completed', balanceAfter: 40_000 });
    const followed = await merchantAs(CAROL)('redemption', { id: pc.code });
    expect(followed.redemption).toMatchObject({ status: 'completed', balanceAfter: 40_000 });

    const other = await coffeeCard('r-big', fen(100_000));
    const declined = await payCode('r-big', other);
    await redeem(declined.qr, 60_000);
    const d = await walletAs('r-big')('declinePay', { code: declined.code });
    expect(d.status.status).toBe('declined');
    expect(await code('r-big', 'wallet', { action: 'confirmPay', code: declined.code })).toBe('PAY_CODE_USED');
    expect((await merchantAs(CAROL)('redemption', { id: declined.code })).redemption.status).toBe('declined');

    const late = await payCode('r-big', other);
    await redeem(late.qr, 60_000);
    cloud.clock.advance(REDEEM_RULES.confirmWindowMs + 1);
    expect(await code('r-big', 'wallet', { action: 'confirmPay', code: late.code })).toBe('PAY_CODE_EXPIRED');
    expect(await balanceOf('r-big', other)).toBe(100_000);
    expect(await balanceOf('r-big', cardId)).toBe(40_000);
  });
});

describe('reversal', () => {
  test('should reverse once within 30 minutes with a linked REFUND entry, and wake a used-up card', async () => {
    const cardId = await coffeeCard('r-rev', fen(5_000));
    const pc = await payCode('r-rev', cardId);
    const r = await redeem(pc.qr, 5_000);
    expect(r.balanceAfter).toBe(0);
    expect((await stored<Card>('cards')).find((c) => c._id === cardId)!.state).toBe('used');
    // Nobody outside the merchant may touch it, or learn of it.
    expect(await code('r-bob', 'merchant', { action: 'reverse', id: pc.code })).toBe('FORBIDDEN');
    const answers = await Promise.all([
      as<Out<'reverse'>>(CAROL, 'merchant', { action: 'reverse', id: pc.code }),
      as<Out<'reverse'>>(DAVE, 'merchant', { action: 'reverse', id: pc.code }),
    ]);
    for (const a of answers) expect(a.ok && a.data.redemption.status).toBe('reversed');
    const refunds = (await stored<LedgerEntry>('ledger')).filter((e) => e.type === 'REFUND' && e.ref === pc.code);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: 5_000, balanceAfter: 5_000, cardId });
    const card = (await stored<Card>('cards')).find((c) => c._id === cardId)!;
    expect(card).toMatchObject({ state: 'active', balance: 5_000, redeemed: 0 });
  });

  test('should refuse a reversal after the window, and of a code never used', async () => {
    const cardId = await coffeeCard('r-late');
    const pc = await payCode('r-late', cardId);
    expect(await code(CAROL, 'merchant', { action: 'reverse', id: pc.code })).toBe('NOT_FOUND');
    await redeem(pc.qr, 1_000);
    cloud.clock.advance(REDEEM_RULES.reverseWindowMs + 1);
    expect(await code(CAROL, 'merchant', { action: 'reverse', id: pc.code })).toBe('REVERSAL_WINDOW_PASSED');
    expect(await balanceOf('r-late', cardId)).toBe(9_000);
  });
});

describe('the clerk', () => {
  test("should see the stores they work at, and today's redemptions with totals", async () => {
    const profile = await merchantAs(CAROL)('profile', {});
    expect(profile.profile).toMatchObject({
      name: '陈店员',
      role: 'clerk',
      confirmAbove: REDEEM_RULES.confirmAboveFen,
    });
    expect(profile.profile.stores).toEqual([
      { id: COFFEE_STORE, name: '国贸店', brandId: 'brand-lanshan-coffee', brandName: '蓝山咖啡' },
    ]);
    const cardId = await coffeeCard('r-hist');
    const first = await payCode('r-hist', cardId);
    await redeem(first.qr, 1_200);
    const second = await payCode('r-hist', cardId);
    await redeem(second.qr, 800);
    await merchantAs(CAROL)('reverse', { id: second.code });
    const h = await merchantAs(CAROL)('history', {});
    expect(h.redemptions.slice(0, 2).map((r) => [r.id, r.status, r.amount])).toEqual([
      [second.code, 'reversed', 800],
      [first.code, 'completed', 1_200],
    ]);
    const all = (await stored<Redemption>('redemptions')).filter(
      (r) =>
        r.clerk === CAROL &&
        (r.state === 'completed' || r.state === 'reversed') &&
        r.usedAt! >= h.redemptions.at(-1)!.usedAt,
    );
    const made = all.reduce((s, r) => s + r.amount!, 0);
    const reversed = all.filter((r) => r.state === 'reversed').reduce((s, r) => s + r.amount!, 0);
    expect(h.totals).toEqual({
      count: all.length,
      amount: made,
      reversedCount: all.filter((r) => r.state === 'reversed').length,
      reversedAmount: reversed,
      net: made - reversed,
    });
    expect(h.totals.reversedCount).toBeGreaterThanOrEqual(1);
  });
});

describe('rules at their defaults', () => {
  let plain: TestCloud;
  const plainCalls = calls(() => plain);

  beforeAll(async () => {
    plain = await startTestCloud();
  });
  afterAll(async () => {
    await plain.close();
  });

  test('should throttle pay codes per holder, sweep unused ones and keep used ones', async () => {
    const cardId = (await plainCalls.buy('r-many', { productId: COFFEE, amount: fen(10_000) })).cards[0]!._id;
    const made = await Promise.all(
      Array.from({ length: REDEEM_RULES.mintLimit }, () =>
        plainCalls.client<WalletActions>('r-many', WALLET_FUNCTION)('payCode', { cardId }),
      ),
    );
    expect(new Set(made.map((m) => m.payCode.code)).size).toBe(REDEEM_RULES.mintLimit);
    expect(await plainCalls.code('r-many', 'wallet', { action: 'payCode', cardId })).toBe('RATE_LIMITED');
    await plainCalls.ok(CAROL, 'merchant', redeemInput(made[0]!.payCode.qr, 100));
    plain.clock.advance(REDEEM_RULES.mintWindowMs + REDEEM_RULES.keepUnusedMs);
    const swept = await plainCalls.timer<{ removed: number }>('wallet', 'payCodeSweeper');
    expect(swept.removed).toBe(REDEEM_RULES.mintLimit - 1);
    const left = await allDocs<Redemption>(plain, 'redemptions');
    expect(left.map((r) => [r._id, r.state])).toEqual([[made[0]!.payCode.code, 'completed']]);
    expect(
      (await plainCalls.client<WalletActions>('r-many', WALLET_FUNCTION)('payCode', { cardId })).payCode.code,
    ).toMatch(/^\d{16}$/);
    await checkMoneyInvariants(plain);
  });

  test('should mint no more pay codes than the limit however many requests race', async () => {
    const cardId = (await plainCalls.buy('r-race', { productId: COFFEE, amount: fen(10_000) })).cards[0]!._id;
    const answers = await Promise.all(
      Array.from({ length: REDEEM_RULES.mintLimit * 2 }, () =>
        plainCalls.as<WalletOut<'payCode'>>('r-race', 'wallet', { action: 'payCode', cardId }),
      ),
    );
    const minted = (await allDocs<Redemption>(plain, 'redemptions')).filter((r) => r.owner === 'r-race');
    expect(minted).toHaveLength(REDEEM_RULES.mintLimit);
    expect(answers.filter((a) => a.ok)).toHaveLength(REDEEM_RULES.mintLimit);
    expect(new Set(answers.flatMap((a) => (a.ok ? [] : [a.error.code])))).toEqual(new Set(['RATE_LIMITED']));
  });
});

test('a timer job called by a user is refused', async () => {
  expect(await code('r-alice', 'wallet', { Type: 'Timer', TriggerName: 'payCodeSweeper' })).toBe('FORBIDDEN');
});
