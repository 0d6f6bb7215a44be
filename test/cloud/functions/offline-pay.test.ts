/**
 * Offline pay codes end to end through the real SDK against the local cloud: keys issued per card
 * and device, codes derived as the app derives them with no network (the pure-TS HMAC of
 * src/domain), and the clerk's till verifying them online — accepted once, replays, windows out of
 * time, the daily offline cap, revoked keys, rotation and the sweep, bad input refused with nothing
 * written — with the money invariants checked after every test.
 */
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import { WALLET_FUNCTION, type OfflineKeyView, type WalletActions } from '../../../src/contracts/wallet';
import { GIFTS_FUNCTION, type GiftsActions } from '../../../src/contracts/gifts';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { fen } from '../../../src/domain/money';
import {
  OFFLINE_RULES,
  OFFLINE_WINDOW_MS,
  deriveOfflineCode,
  isWellFormedOfflineCode,
} from '../../../src/domain/offline-code';
import { isWellFormedPayCode, luhnDigit, type Redemption } from '../../../src/domain/redemption';
import { CHINA_OFFSET_MS, chinaDay } from '../../../src/domain/rules';
import type { OfflineSpend } from '../../../cloudfunctions/core/redeem/offline-keys';
import { calls, requestId } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';

jest.setTimeout(180_000);

const CAROL = 'o-demo-carol'; // clerk of 蓝山咖啡 at store-lanshan-coffee-1
const COFFEE_STORE = 'store-lanshan-coffee-1';
const PHONE = { deviceId: 'dev-phone-1', deviceName: 'iPhone 15' };
const TABLET = { deviceId: 'dev-tablet-2', deviceName: 'iPad' };

let cloud: TestCloud;
const { ok, code, buy, client, timer } = calls(() => cloud);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const giftsAs = (openId: string) => client<GiftsActions>(openId, GIFTS_FUNCTION);

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud.close();
});

afterEach(async () => {
  await checkMoneyInvariants(cloud);
});

async function coffeeCard(openId: string, amount = fen(50_000)): Promise<string> {
  return (await buy(openId, { amount })).cards[0]!._id;
}

const issueKey = async (openId: string, cardId: string, device = PHONE): Promise<OfflineKeyView> =>
  (await walletAs(openId)('offlineKey', { cardId, ...device })).key;

/** What the phone shows, `ms` from the cloud's now, derived as the app does with no network. */
function offlineCode(key: OfflineKeyView, ms = 0) {
  const c = deriveOfflineCode(key, cloud.clock.now() + ms);
  if (!c) throw new Error('malformed key');
  return c;
}

const redeemInput = (payCode: string, amount: number, over: Record<string, unknown> = {}) => ({
  action: 'redeem',
  payCode,
  storeId: COFFEE_STORE,
  amount,
  requestId: requestId(),
  ...over,
});

const redeem = async (payCode: string, amount: number, over: Record<string, unknown> = {}) =>
  (await ok<MerchantActions['redeem']['output']>(CAROL, 'merchant', redeemInput(payCode, amount, over))).redemption;

const balanceOf = async (openId: string, cardId: string): Promise<number> =>
  (await walletAs(openId)('detail', { cardId })).card.balance;

/** Every document that a redemption could change, to show a refusal wrote nothing. */
async function moneyState(): Promise<unknown[]> {
  return Promise.all(['cards', 'ledger', 'redemptions', 'offlineSpend', 'offlineKeys'].map((c) => allDocs(cloud, c)));
}

/** Waits for the next 30-second window when the current one has less than 2 s left, so a test's codes stay in theirs. */
function awayFromWindowEdge(): void {
  const into = cloud.clock.now() % OFFLINE_WINDOW_MS;
  if (into > OFFLINE_WINDOW_MS - 2_000) cloud.clock.advance(OFFLINE_WINDOW_MS - into + 1);
}

beforeEach(() => awayFromWindowEdge());

describe('an offline key', () => {
  test('should be issued for my usable card and device, its secret never stored, and derive codes the cloud tells from online ones', async () => {
    const cardId = await coffeeCard('o-alice');
    const key = await issueKey('o-alice', cardId);
    expect(key).toMatchObject({ cardId, dailyCap: OFFLINE_RULES.dailyCapFen, capLeft: 20_000, balance: 50_000 });
    expect(key.keyNo).toMatch(/^\d{7}$/);
    expect(key.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(key.renewAt - key.issuedAt).toBe(OFFLINE_RULES.rotateMs);
    expect(key.expiresAt - key.issuedAt).toBe(OFFLINE_RULES.keyTtlMs);
    const docs = JSON.stringify(await allDocs(cloud, 'offlineKeys'));
    expect(docs).toContain(key.keyNo);
    expect(docs).not.toContain(key.secret);

    const c = offlineCode(key);
    expect(isWellFormedOfflineCode(c.code)).toBe(true);
    expect(isWellFormedPayCode(c.code)).toBe(false);
    expect(c.code.slice(1, 8)).toBe(key.keyNo);
    expect(c.qr).toMatch(new RegExp(`^GCP1\\.${c.code}\\.[0-9a-f]{16}$`));
    // The same window gives the same code; the next window another.
    expect(offlineCode(key).code).toBe(c.code);
    expect(offlineCode(key, OFFLINE_WINDOW_MS).code).not.toBe(c.code);

    expect(await code('o-bob', 'wallet', { action: 'offlineKey', cardId, ...PHONE })).toBe('NOT_FOUND');
    expect(await code('', 'wallet', { action: 'offlineKey', cardId, ...PHONE })).toBe('UNAUTHENTICATED');
  });
});

describe('an offline code at the till', () => {
  test('should be accepted once: the card debited with a REDEEM entry; a replay refused, the clerk’s retry answered the same', async () => {
    const cardId = await coffeeCard('o-once');
    const key = await issueKey('o-once', cardId);
    const c = offlineCode(key);
    const seen = await merchantAs(CAROL)('inspect', { payCode: c.qr, storeId: COFFEE_STORE });
    expect(seen.card).toMatchObject({ brandName: '蓝山咖啡', balance: 50_000, offlineLeft: 20_000 });
    const input = redeemInput(c.qr, 3_500);
    const r = (await ok<MerchantActions['redeem']['output']>(CAROL, 'merchant', input)).redemption;
    expect(r).toMatchObject({ status: 'completed', amount: 3_500, balanceAfter: 46_500, clerkName: '陈店员' });
    expect(await balanceOf('o-once', cardId)).toBe(46_500);
    const entry = (await allDocs<LedgerEntry>(cloud, 'ledger')).find((e) => e.ref === r.id)!;
    expect(entry).toMatchObject({ cardId, type: 'REDEEM', amount: -3_500, clerk: CAROL, storeId: COFFEE_STORE });

    // The clerk's retry of the same request: the first answer, debited once.
    const again = (await ok<MerchantActions['redeem']['output']>(CAROL, 'merchant', input)).redemption;
    expect(again).toMatchObject({ id: r.id, balanceAfter: 46_500 });
    // The same code again, scanned or typed, in its window or the next: refused, nothing taken.
    const before = await moneyState();
    expect(await code(CAROL, 'merchant', redeemInput(c.qr, 100))).toBe('OFFLINE_CODE_REPLAYED');
    expect(await code(CAROL, 'merchant', redeemInput(c.code, 100))).toBe('OFFLINE_CODE_REPLAYED');
    expect(await code(CAROL, 'merchant', { action: 'inspect', payCode: c.qr, storeId: COFFEE_STORE })).toBe(
      'OFFLINE_CODE_REPLAYED',
    );
    cloud.clock.advance(OFFLINE_WINDOW_MS);
    expect(await code(CAROL, 'merchant', redeemInput(c.qr, 100))).toBe('OFFLINE_CODE_REPLAYED');
    expect(await moneyState()).toEqual(before);

    // The next window's code is another one, typed this time.
    const typed = await redeem(offlineCode(key).code, 1_000);
    expect(typed).toMatchObject({ status: 'completed', balanceAfter: 45_500 });
    // And it may be reversed like any redemption.
    const reversed = (await merchantAs(CAROL)('reverse', { id: typed.id })).redemption;
    expect(reversed.status).toBe('reversed');
    expect(await balanceOf('o-once', cardId)).toBe(46_500);
  });

  test('should take one of two racing spends of the same code, and refuse the other as a replay', async () => {
    const cardId = await coffeeCard('o-race');
    const c = offlineCode(await issueKey('o-race', cardId));
    const answers = await Promise.all(
      [1, 2, 3].map(() => ok(CAROL, 'merchant', redeemInput(c.qr, 2_000)).catch((e: Error) => e.message)),
    );
    expect(answers.filter((a) => typeof a !== 'string')).toHaveLength(1);
    for (const a of answers.filter((x): x is string => typeof x === 'string'))
      expect(a).toMatch(/OFFLINE_CODE_REPLAYED|CONFLICT/);
    expect(await balanceOf('o-race', cardId)).toBe(48_000);
  });

  test('should accept the windows next to now and refuse older or later ones as expired', async () => {
    const cardId = await coffeeCard('o-window');
    const key = await issueKey('o-window', cardId);
    cloud.clock.advance(3 * OFFLINE_WINDOW_MS);
    const before = await moneyState();
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(key, -2 * OFFLINE_WINDOW_MS).qr, 100))).toBe(
      'OFFLINE_CODE_EXPIRED',
    );
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(key, 2 * OFFLINE_WINDOW_MS).qr, 100))).toBe(
      'OFFLINE_CODE_EXPIRED',
    );
    expect(await moneyState()).toEqual(before);
    expect(await redeem(offlineCode(key, -OFFLINE_WINDOW_MS).qr, 100)).toMatchObject({ status: 'completed' });
    expect(await redeem(offlineCode(key, OFFLINE_WINDOW_MS).qr, 100)).toMatchObject({ status: 'completed' });
    expect(await balanceOf('o-window', cardId)).toBe(49_800);
  });

  test('should stop at the daily offline cap per card, across devices, until the next China day; online codes still pay', async () => {
    const cardId = await coffeeCard('o-cap');
    const phone = await issueKey('o-cap', cardId);
    const tablet = await issueKey('o-cap', cardId, TABLET);
    await redeem(offlineCode(phone).qr, 15_000);
    const before = await moneyState();
    const seen = await merchantAs(CAROL)('inspect', { payCode: offlineCode(tablet).qr, storeId: COFFEE_STORE });
    expect(seen.card.offlineLeft).toBe(5_000);
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(tablet).qr, 5_001))).toBe('OFFLINE_CAP_EXCEEDED');
    expect(await moneyState()).toEqual(before);
    await redeem(offlineCode(tablet).qr, 5_000);
    cloud.clock.advance(OFFLINE_WINDOW_MS);
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(phone).qr, 1))).toBe('OFFLINE_CAP_EXCEEDED');
    expect((await issueKey('o-cap', cardId)).capLeft).toBe(0);
    const online = (await walletAs('o-cap')('payCode', { cardId })).payCode;
    await redeem(online.qr, 1_000);
    cloud.clock.advance(24 * 3_600_000);
    const fresh = await issueKey('o-cap', cardId);
    expect(fresh.capLeft).toBe(20_000);
    await redeem(offlineCode(fresh).qr, 20_000);
    expect(await balanceOf('o-cap', cardId)).toBe(50_000 - 15_000 - 5_000 - 1_000 - 20_000);
  });

  test('should give a reversed offline payment back to the offline cap of the day it was taken on, once', async () => {
    const cardId = await coffeeCard('o-undo');
    const key = await issueKey('o-undo', cardId);
    // What the till is told the cap allows, asked with the tablet's code (the phone's pays).
    const tablet = await issueKey('o-undo', cardId, TABLET);
    const offlineLeftNow = async () =>
      (await merchantAs(CAROL)('inspect', { payCode: offlineCode(tablet).qr, storeId: COFFEE_STORE })).card.offlineLeft;
    const taken = await redeem(offlineCode(key).qr, 15_000);
    expect(await offlineLeftNow()).toBe(5_000);
    // The clerk reverses it: it did not spend, so the day's ¥200 is whole again; asked twice, given back once.
    await merchantAs(CAROL)('reverse', { id: taken.id });
    await merchantAs(CAROL)('reverse', { id: taken.id });
    expect(await offlineLeftNow()).toBe(20_000);
    cloud.clock.advance(OFFLINE_WINDOW_MS);
    await redeem(offlineCode(key).qr, 20_000);
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(key, OFFLINE_WINDOW_MS).qr, 1))).toBe(
      'OFFLINE_CAP_EXCEEDED',
    );
    // An online payment reversed leaves the offline count alone.
    const online = await redeem((await walletAs('o-undo')('payCode', { cardId })).payCode.qr, 1_000);
    await merchantAs(CAROL)('reverse', { id: online.id });
    cloud.clock.advance(OFFLINE_WINDOW_MS);
    expect(await offlineLeftNow()).toBe(0);

    // Taken at 23:50 China time the next day and reversed after midnight: the day it was taken on gets
    // it back, not the new day.
    const day = 24 * 3_600_000;
    const into = (cloud.clock.now() + CHINA_OFFSET_MS) % day;
    cloud.clock.advance(2 * day - into - 10 * 60_000);
    const fresh = await issueKey('o-undo', cardId);
    const late = await redeem(offlineCode(fresh).qr, 4_000);
    const lateDay = chinaDay(cloud.clock.now());
    cloud.clock.advance(15 * 60_000);
    await redeem(offlineCode(fresh).qr, 2_000);
    await merchantAs(CAROL)('reverse', { id: late.id });
    const spend = new Map((await allDocs<OfflineSpend>(cloud, 'offlineSpend')).map((d) => [d._id, d.amount]));
    expect(spend.get(`${cardId}.${lateDay}`)).toBe(0);
    expect(spend.get(`${cardId}.${chinaDay(cloud.clock.now())}`)).toBe(2_000);
    expect(await balanceOf('o-undo', cardId)).toBe(50_000 - 20_000 - 2_000);
  });

  test('should refuse a revoked device’s codes (revoked from another device), and the card’s new holder’s old keys', async () => {
    const cardId = await coffeeCard('o-lost');
    const phone = await issueKey('o-lost', cardId);
    const tablet = await issueKey('o-lost', cardId, TABLET);
    const listed = (await walletAs('o-lost')('offlineDevices', { cardId })).devices;
    expect(listed.map((d) => [d.deviceId, d.deviceName, d.revoked])).toEqual([
      [TABLET.deviceId, TABLET.deviceName, false],
      [PHONE.deviceId, PHONE.deviceName, false],
    ]);
    // From the tablet, the lost phone is revoked; revoking twice changes nothing more.
    const after = (await walletAs('o-lost')('revokeOfflineDevice', { cardId, deviceId: PHONE.deviceId })).devices;
    expect(after.find((d) => d.deviceId === PHONE.deviceId)!.revoked).toBe(true);
    await walletAs('o-lost')('revokeOfflineDevice', { cardId, deviceId: PHONE.deviceId });
    const before = await moneyState();
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(phone).qr, 100))).toBe('OFFLINE_KEY_REVOKED');
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(phone).code, 100))).toBe('OFFLINE_KEY_REVOKED');
    expect(await moneyState()).toEqual(before);
    expect(await redeem(offlineCode(tablet).qr, 100)).toMatchObject({ status: 'completed' });
    // Nobody else may list or revoke my devices.
    expect((await walletAs('o-bob')('offlineDevices', { cardId })).devices).toEqual([]);
    await walletAs('o-bob')('revokeOfflineDevice', { cardId, deviceId: TABLET.deviceId });
    cloud.clock.advance(OFFLINE_WINDOW_MS);
    expect(await redeem(offlineCode(tablet).qr, 100)).toMatchObject({ status: 'completed' });
  });

  test('should rotate: a new key pays beside the old one until the old one expires, then the sweep removes it', async () => {
    const cardId = await coffeeCard('o-rotate');
    const first = await issueKey('o-rotate', cardId);
    cloud.clock.advance(OFFLINE_RULES.rotateMs);
    const second = await issueKey('o-rotate', cardId);
    expect(second.keyNo).not.toBe(first.keyNo);
    expect(second.secret).not.toBe(first.secret);
    await redeem(offlineCode(first).qr, 100);
    await redeem(offlineCode(second).qr, 100);
    // A window after the first key's expiry: its codes are refused, the second key's still pay.
    cloud.clock.advance(OFFLINE_RULES.keyTtlMs - OFFLINE_RULES.rotateMs + OFFLINE_WINDOW_MS);
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(first).qr, 100))).toBe('OFFLINE_CODE_EXPIRED');
    expect(await redeem(offlineCode(second).qr, 100)).toMatchObject({ status: 'completed' });
    cloud.clock.advance(OFFLINE_RULES.keepExpiredMs + 1);
    const swept = await timer<{ offlineKeys: number }>('wallet', 'payCodeSweeper');
    expect(swept.offlineKeys).toBeGreaterThanOrEqual(1);
    const keys = await allDocs<{ _id: string }>(cloud, 'offlineKeys');
    expect(keys.map((k) => k._id)).not.toContain(first.keyNo);
    expect(keys.map((k) => k._id)).toContain(second.keyNo);
    // Its redemptions stay: they are the record.
    expect(
      (await allDocs<Redemption>(cloud, 'redemptions', { cardId })).filter((r) => r.state === 'completed'),
    ).toHaveLength(3);
  });

  test('should refuse bad input with its code and write nothing', async () => {
    const cardId = await coffeeCard('o-bad');
    const key = await issueKey('o-bad', cardId);
    const c = offlineCode(key);
    const before = await moneyState();
    const [, digits, tag] = c.qr.split('.') as [string, string, string];
    const otherTag = (tag[0] === 'a' ? 'b' : 'a') + tag.slice(1);
    expect(await code(CAROL, 'merchant', redeemInput(`GCP1.${digits}.${otherTag}`, 100))).toBe('PAY_CODE_INVALID');
    // A key number nobody holds, with a good check digit.
    const unknownNo = key.keyNo === '9999999' ? '9999998' : '9999999';
    const body = `0${unknownNo}${digits.slice(8, 15)}`;
    expect(await code(CAROL, 'merchant', redeemInput(`GCP1.${body}${luhnDigit(body)}.${tag}`, 100))).toBe(
      'OFFLINE_KEY_UNKNOWN',
    );
    // A changed digit fails the check digit; malformed amounts and fields fail validation.
    const typo = `${digits.slice(0, 10)}${(Number(digits[10]) + 1) % 10}${digits.slice(11)}`;
    expect(await code(CAROL, 'merchant', redeemInput(typo, 100))).toBe('PAY_CODE_INVALID');
    expect(await code(CAROL, 'merchant', redeemInput(c.qr, -1))).toBe('INVALID_ARGUMENT');
    expect(await code(CAROL, 'merchant', redeemInput(c.qr, 1.5))).toBe('INVALID_ARGUMENT');
    expect(await code(CAROL, 'merchant', redeemInput(c.qr, 100, { extra: 1 }))).toBe('INVALID_ARGUMENT');
    expect(await code(CAROL, 'merchant', redeemInput(c.qr, 30_000))).toBe('OFFLINE_CAP_EXCEEDED');
    // Not a clerk: refused before anything is looked at.
    expect(await code('o-bad', 'merchant', redeemInput(c.qr, 100))).toBe('FORBIDDEN');
    expect(await moneyState()).toEqual(before);
    for (const bad of [
      { cardId, deviceId: '', deviceName: 'x' },
      { cardId, deviceId: 'd', deviceName: 7 },
      { cardId, deviceId: { $gt: '' }, deviceName: 'x' },
      { cardId, deviceId: 'd'.repeat(65), deviceName: 'x' },
      { cardId, deviceId: 'd', deviceName: 'x'.repeat(41) },
      { cardId, deviceId: 'd', deviceName: 'x', secret: 'mine' },
    ])
      expect(await code('o-bad', 'wallet', { action: 'offlineKey', ...bad })).toBe('INVALID_ARGUMENT');
    expect(await moneyState()).toEqual(before);
    // The code still pays once, untouched by all that.
    expect(await redeem(c.qr, 100)).toMatchObject({ status: 'completed', balanceAfter: 49_900 });
  });

  test('should go with the card: once it is gifted to someone else, the old holder’s key is refused', async () => {
    const cardId = await coffeeCard('o-moved');
    const key = await issueKey('o-moved', cardId);
    const sent = await giftsAs('o-moved')('send', {
      cardId,
      mode: 'single',
      blessing: '送你',
      senderName: '小满',
      requestId: requestId(),
    });
    await giftsAs('o-friend')('claim', { token: sent.token, name: '好友' });
    expect(await code(CAROL, 'merchant', redeemInput(offlineCode(key).qr, 100))).toBe('OFFLINE_KEY_REVOKED');
    expect(await balanceOf('o-friend', cardId)).toBe(50_000);
  });
});
