/**
 * Card expiry end to end through the real SDK against the local cloud: spending refused past the
 * expiry before any sweep, the daily sweep (EXPIRE entries, idempotent, concurrent, across
 * batches), reminders 30/7/1 days before, and extension requests approved or declined by the
 * brand's operator — with the money invariants checked after every test.
 */
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import type { ExpirySweepReport } from '../../../src/contracts/expiry';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import { expireEntryId, extensionId } from '../../../src/domain/expiry';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { DAY_MS } from '../../../src/domain/order';
import type { AuditEntry } from '../../../cloudfunctions/core/audit/audit-log';
import { calls, requestId, sendInput } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';

jest.setTimeout(180_000);

const CAROL = 'o-demo-carol'; // clerk of 蓝山咖啡
const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡 and 惠鲜超市
const HOTPOT_OPERATOR = 'o-x-hotpot-operator'; // operator of another brand only
const COFFEE_BRAND = 'brand-lanshan-coffee';
const COFFEE_STORE = 'store-lanshan-coffee-1';

let cloud: TestCloud;
const { code, buy, sendGift, merchantJobs, subscribe, client } = calls(() => cloud);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

beforeAll(async () => {
  cloud = await startTestCloud();
  await cloud.db.handle({
    action: 'database.insertDocument',
    collectionName: 'staff',
    data: [
      { _id: HOTPOT_OPERATOR, role: 'operator', brandIds: ['brand-rongcheng-hotpot'], stores: [], name: '火锅运营' },
    ],
  });
});

afterAll(async () => {
  await cloud.close();
});

afterEach(async () => {
  await checkMoneyInvariants(cloud);
});

// The merchant trigger's tick at 00:05 China time runs the sweep alone; at 10:00 the sweep, then reminders.
const sweep = async (): Promise<ExpirySweepReport> => (await merchantJobs('00:05')).expirySweep!;
const remind = async (): Promise<ExpirySweepReport> => (await merchantJobs('10:00')).expiryReminder!;

async function cardDoc(id: string): Promise<Card> {
  return (await allDocs<Card>(cloud, 'cards')).find((c) => c._id === id)!;
}

async function entriesOf(cardId: string): Promise<LedgerEntry[]> {
  return (await allDocs<LedgerEntry>(cloud, 'ledger')).filter((e) => e.cardId === cardId);
}

/** A bought 蓝山咖啡 card, and the clock moved just past its expiry. */
async function expiredCard(owner: string, amount = fen(10_000)): Promise<string> {
  const cardId = (await buy(owner, { amount })).cards[0]!._id;
  const card = await cardDoc(cardId);
  cloud.clock.advance(card.expiresAt! - cloud.clock.now() + 1_000);
  return cardId;
}

let seq = 0;
/** Cards written straight into the database (with their ACTIVATE entries), expiring at the given times. */
async function insertCards(owner: string, expiries: number[], balance = fen(500)): Promise<string[]> {
  const at = cloud.clock.now() - 10_000;
  const cards = expiries.map((expiresAt) => ({
    _id: `x-${owner}-${++seq}`,
    owner,
    brandId: COFFEE_BRAND,
    brandName: '蓝山咖啡',
    productId: 'prod-lanshan-coffee-card',
    productName: '蓝山咖啡心意卡',
    kind: 'bearer',
    face: { id: 'f', name: 'f', image: '' },
    blessing: '',
    state: 'active',
    balance,
    initialValue: balance,
    paidValue: balance,
    bonusValue: 0,
    codeHash: `hash-${owner}-${seq}`,
    last4: '2345',
    origin: 'batch',
    redeemed: 0,
    transfers: 0,
    transferLimit: 1,
    activatedAt: at,
    expiresAt,
    refundableUntil: null,
    updatedAt: at,
  }));
  const entries = cards
    .filter((c) => c.balance > 0)
    .map((c) => ({
      _id: `${c._id}-activate`,
      cardId: c._id,
      owner,
      brandId: COFFEE_BRAND,
      type: 'ACTIVATE',
      amount: balance,
      balanceAfter: balance,
      at,
    }));
  await cloud.db.handle({ action: 'database.insertDocument', collectionName: 'cards', data: cards });
  if (entries.length > 0)
    await cloud.db.handle({ action: 'database.insertDocument', collectionName: 'ledger', data: entries });
  return cards.map((c) => c._id);
}

const detail = (owner: string, cardId: string) => walletAs(owner)('detail', { cardId });

const request = (owner: string, cardId: string, note?: string) =>
  walletAs(owner)('requestExtension', {
    cardId,
    ...(note === undefined ? {} : { note }),
  });

const decide = (operator: string, id: string, approve: boolean, over: Record<string, unknown> = {}) =>
  merchantAs(operator)('decideExtension', {
    brandId: COFFEE_BRAND,
    id,
    approve,
    ...over,
  });

describe('use time', () => {
  test('should refuse a pay code, a gift and a refund of a card past its expiry before any sweep ran', async () => {
    const cardId = await expiredCard('e-use');
    expect((await cardDoc(cardId)).state).toBe('active');
    expect(await code('e-use', 'wallet', { action: 'payCode', cardId })).toBe('CARD_EXPIRED');
    expect(await code('e-use', 'gifts', sendInput(cardId))).toBe('CARD_EXPIRED');
    expect(await code('e-use', 'wallet', { action: 'refund', cardId })).toBe('CARD_EXPIRED');
    const d = await detail('e-use', cardId);
    expect(d.expiry).toMatchObject({ expired: true, expiredAmount: 10_000, extendable: true, extension: null });
    expect(await entriesOf(cardId)).toHaveLength(1);
  });

  test('should refuse a redemption of a code made before the card expired', async () => {
    const [cardId] = await insertCards('e-redeem', [cloud.clock.now() + 20_000]);
    const { payCode } = await walletAs('e-redeem')('payCode', { cardId: cardId! });
    cloud.clock.advance(25_000);
    expect(
      await code(CAROL, 'merchant', {
        action: 'redeem',
        payCode: payCode.qr,
        storeId: COFFEE_STORE,
        amount: 100,
        requestId: requestId(),
      }),
    ).toBe('CARD_EXPIRED');
    expect((await cardDoc(cardId!)).balance).toBe(500);
  });
});

describe('the expiry sweep', () => {
  test('should expire a card with one EXPIRE entry taking its balance to 0, and log the run', async () => {
    const cardId = await expiredCard('e-sweep', fen(12_300));
    const report = await sweep();
    expect(report.expired).toBeGreaterThanOrEqual(1);
    const card = await cardDoc(cardId);
    expect(card).toMatchObject({ state: 'expired', balance: 0 });
    const expire = (await entriesOf(cardId)).filter((e) => e.type === 'EXPIRE');
    expect(expire).toEqual([
      expect.objectContaining({
        _id: expireEntryId(cardId, card.expiresAt!),
        amount: -12_300,
        balanceAfter: 0,
        owner: 'e-sweep',
      }),
    ]);
    const audit = (await allDocs<AuditEntry>(cloud, 'audit')).filter((a) => a.action === 'expiry.sweep');
    expect(audit.at(-1)).toMatchObject({ role: 'system', actor: '', source: 'wx_trigger' });
    expect(audit.some((a) => a.details.expired === report.expired)).toBe(true);
    expect((await detail('e-sweep', cardId)).card.group).toBe('expired');
  });

  test('should expire a card on the merchant trigger’s next tick at any hour, and log no empty tick', async () => {
    const [cardId] = await insertCards('e-tick', [cloud.clock.now() - 60_000]);
    const sweeps = async () =>
      (await allDocs<AuditEntry>(cloud, 'audit')).filter((a) => a.action === 'expiry.sweep').length;
    const first = await merchantJobs('14:35');
    expect(first.due).toEqual(['expirySweep']);
    expect(first.expirySweep!.expired).toBeGreaterThanOrEqual(1);
    expect((await cardDoc(cardId!)).state).toBe('expired');
    const logged = await sweeps();
    const empty = await merchantJobs('14:40');
    expect(empty.expirySweep).toMatchObject({ expired: 0, usedUp: 0, batches: 0 });
    expect(await sweeps()).toBe(logged);
  });

  test('should expire once when run twice and when two runs overlap', async () => {
    const now = cloud.clock.now();
    const ids = await insertCards(
      'e-twice',
      Array.from({ length: 30 }, (_, i) => now - 1_000 - i),
    );
    const [a, b] = await Promise.all([sweep(), sweep()]);
    const again = await sweep();
    expect(again.expired).toBe(0);
    expect(a.expired + b.expired).toBeGreaterThanOrEqual(30);
    const ledger = await allDocs<LedgerEntry>(cloud, 'ledger');
    for (const id of ids) {
      expect(ledger.filter((e) => e.cardId === id && e.type === 'EXPIRE')).toHaveLength(1);
      expect((await cardDoc(id)).state).toBe('expired');
    }
  });

  test('should finish more cards than one batch across batches, leave gifting and unexpired cards, and use up empty ones', async () => {
    const now = cloud.clock.now();
    const ids = await insertCards(
      'e-many',
      Array.from({ length: 230 }, (_, i) => now - 5_000 - i),
    );
    const [empty] = await insertCards('e-empty', [now - 1_000], fen(0));
    const [future, never] = await insertCards('e-keep', [now + 400 * DAY_MS, 0]);
    await cloud.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'cards',
      queryType: 'DOC',
      query: JSON.stringify({ _id: never }),
      data: JSON.stringify({ $set: { expiresAt: null } }),
    });
    const report = await sweep();
    expect(report.expired).toBeGreaterThanOrEqual(230);
    expect(report.batches).toBeGreaterThanOrEqual(3);
    expect(report.usedUp).toBeGreaterThanOrEqual(1);
    const cards = await allDocs<Card>(cloud, 'cards');
    for (const id of ids) expect(cards.find((c) => c._id === id)?.state).toBe('expired');
    expect(cards.find((c) => c._id === empty)).toMatchObject({ state: 'used', balance: 0 });
    expect((await entriesOf(empty!)).filter((e) => e.type === 'EXPIRE')).toHaveLength(0);
    expect(cards.find((c) => c._id === future)?.state).toBe('active');
    expect(cards.find((c) => c._id === never)).toMatchObject({ state: 'active', expiresAt: null });
  });

  test('should leave a card locked in a gift alone', async () => {
    const { cardId } = await sendGift('e-gift');
    await cloud.db.handle({
      action: 'database.modifyDocument',
      collectionName: 'cards',
      queryType: 'DOC',
      query: JSON.stringify({ _id: cardId }),
      data: JSON.stringify({ $set: { expiresAt: cloud.clock.now() - 1 } }),
    });
    await sweep();
    expect((await cardDoc(cardId)).state).toBe('gifting');
    expect((await entriesOf(cardId)).some((e) => e.type === 'EXPIRE')).toBe(false);
  });
});

describe('reminders', () => {
  const messagesTo = (owner: string) => cloud.outbox.list(owner, 1_000).filter((m) => m.kind === 'cardExpiring');

  test('should send one reminder per window, 30, 7 and 1 days before, and none twice', async () => {
    // More acceptances than windows, so a reminder sent twice would show.
    await subscribe('e-remind', ['cardExpiring'], 6);
    const now = cloud.clock.now();
    const [cardId] = await insertCards('e-remind', [now + 30 * DAY_MS - 60_000]);
    await remind();
    await remind();
    expect(messagesTo('e-remind')).toHaveLength(1);
    expect(messagesTo('e-remind')[0]).toMatchObject({
      page: `pages/card/index?id=${cardId}`,
      fields: expect.objectContaining({ note: '还有 30 天过期，请尽快使用', amount: '¥5.00' }),
    });
    cloud.clock.advance(10 * DAY_MS);
    await remind();
    expect(messagesTo('e-remind')).toHaveLength(1);
    cloud.clock.advance(13 * DAY_MS);
    await Promise.all([remind(), remind()]);
    await remind();
    expect(messagesTo('e-remind').map((m) => m.fields.note)).toEqual([
      '还有 7 天过期，请尽快使用',
      '还有 30 天过期，请尽快使用',
    ]);
    cloud.clock.advance(6 * DAY_MS + 30_000);
    await remind();
    await remind();
    expect(messagesTo('e-remind')).toHaveLength(3);
    expect(messagesTo('e-remind')[0]!.fields.note).toBe('还有 1 天过期，请尽快使用');
    expect((await detail('e-remind', cardId!)).expiry).toMatchObject({ expired: false, daysLeft: 1 });
  });

  test('should send only the nearest window when several are due', async () => {
    await subscribe('e-nearest', ['cardExpiring'], 3);
    const [cardId] = await insertCards('e-nearest', [cloud.clock.now() + 5 * DAY_MS]);
    const report = await remind();
    expect(report.reminded).toBeGreaterThanOrEqual(1);
    expect(messagesTo('e-nearest').map((m) => m.fields.note)).toEqual(['还有 7 天过期，请尽快使用']);
    expect((await detail('e-nearest', cardId!)).expiry.daysLeft).toBe(5);
  });
});

describe('extensions', () => {
  test('should give an approved card its balance back with a REINSTATE entry and a new expiry, usable again', async () => {
    await subscribe('e-approve', ['extensionDecided']);
    const cardId = await expiredCard('e-approve', fen(8_800));
    await sweep();
    const { extension } = await request('e-approve', cardId, '出差错过了');
    const card = await cardDoc(cardId);
    expect(extension).toMatchObject({ id: extensionId(cardId, card.expiresAt!), state: 'pending', amount: 8_800 });
    // Asking again while pending is the same request.
    expect((await request('e-approve', cardId)).extension.id).toBe(extension.id);
    expect((await detail('e-approve', cardId)).expiry).toMatchObject({
      expired: true,
      expiredAmount: 8_800,
      extendable: false,
      extension: { state: 'pending' },
    });

    const listed = await merchantAs(DAVE)('extensions', { brandId: COFFEE_BRAND });
    expect(listed.requests[0]).toMatchObject({ id: extension.id, state: 'pending', amount: 8_800, note: '出差错过了' });
    expect(listed.requests[0]!.holder).not.toContain('approve');

    const { request: decided } = await decide(DAVE, extension.id, true);
    expect(decided).toMatchObject({ state: 'approved', months: 6 });
    const after = await cardDoc(cardId);
    expect(after).toMatchObject({ state: 'active', balance: 8_800, expiresAt: decided.newExpiresAt });
    expect(after.expiresAt! - cloud.clock.now()).toBeGreaterThan(180 * DAY_MS);
    const entries = await entriesOf(cardId);
    expect(entries.filter((e) => e.type === 'REINSTATE')).toEqual([
      expect.objectContaining({ amount: 8_800, balanceAfter: 8_800, ref: extension.id }),
    ]);
    const pay = await walletAs('e-approve')('payCode', { cardId });
    expect(pay.payCode.balance).toBe(8_800);
    expect((await detail('e-approve', cardId)).expiry).toMatchObject({
      expired: false,
      extension: { state: 'approved' },
    });
    expect(cloud.outbox.list('e-approve').find((m) => m.kind === 'extensionDecided')?.fields.note).toMatch(
      /^延期通过，有效期至 \d{4}-\d{2}-\d{2}$/,
    );
    const audit = (await allDocs<AuditEntry>(cloud, 'audit')).filter((a) => a.target.id === extension.id);
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['extension.approve', DAVE]]);
    expect(
      (await allDocs<AuditEntry>(cloud, 'audit')).filter(
        (a) => a.action === 'extension.request' && a.target.id === cardId,
      ),
    ).toHaveLength(1);
    // Decided once.
    expect(
      await code(DAVE, 'merchant', {
        action: 'decideExtension',
        brandId: COFFEE_BRAND,
        id: extension.id,
        approve: false,
      }),
    ).toBe('EXTENSION_DECIDED');
  });

  test('should expire an unswept card at the request, choose the months, and decline', async () => {
    await subscribe('e-decline', ['extensionDecided']);
    const first = await expiredCard('e-decline', fen(5_000));
    const second = (await buy('e-decline', { amount: fen(6_000) })).cards[0]!._id;
    cloud.clock.advance((await cardDoc(second)).expiresAt! - cloud.clock.now() + 1_000);
    // Neither was swept: the request expires each with the sweep's own entry.
    const a = (await request('e-decline', first)).extension;
    const b = (await request('e-decline', second)).extension;
    expect((await cardDoc(second)).state).toBe('expired');
    expect((await entriesOf(second)).filter((e) => e.type === 'EXPIRE').map((e) => [e._id, e.amount])).toEqual([
      [expireEntryId(second, (await cardDoc(second)).expiresAt!), -6_000],
    ]);
    await sweep();
    expect((await entriesOf(second)).filter((e) => e.type === 'EXPIRE')).toHaveLength(1);

    const { request: declined } = await decide(DAVE, b.id, false, { note: '超过延期期限' });
    expect(declined).toMatchObject({ state: 'declined', decisionNote: '超过延期期限', newExpiresAt: null });
    expect(await cardDoc(second)).toMatchObject({ state: 'expired', balance: 0 });
    expect(cloud.outbox.list('e-decline').find((m) => m.kind === 'extensionDecided')?.fields.note).toBe(
      '延期申请未通过',
    );
    expect((await detail('e-decline', second)).expiry).toMatchObject({
      extension: { state: 'declined' },
      extendable: false,
    });
    expect(await code('e-decline', 'wallet', { action: 'requestExtension', cardId: second })).toBe('EXTENSION_DECIDED');
    expect(
      await code(DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: b.id, approve: true }),
    ).toBe('EXTENSION_DECIDED');

    const { request: approved } = await decide(DAVE, a.id, true, { months: 1 });
    const days = (approved.newExpiresAt! - cloud.clock.now()) / DAY_MS;
    expect(days).toBeGreaterThan(27);
    expect(days).toBeLessThan(33);
    const pending = await merchantAs(DAVE)('extensions', {
      brandId: COFFEE_BRAND,
      status: 'pending',
    });
    expect(pending.requests.every((r) => r.state === 'pending')).toBe(true);
    expect(pending.requests.some((r) => r.id === a.id || r.id === b.id)).toBe(false);
  });

  test("should refuse a clerk, another brand's operator and another holder, writing nothing", async () => {
    const cardId = await expiredCard('e-mine', fen(7_000));
    expect(await code('e-other', 'wallet', { action: 'requestExtension', cardId })).toBe('NOT_FOUND');
    expect((await cardDoc(cardId)).state).toBe('active');
    const { extension } = await request('e-mine', cardId);
    for (const who of [CAROL, HOTPOT_OPERATOR, 'e-mine']) {
      expect(
        await code(who, 'merchant', {
          action: 'decideExtension',
          brandId: COFFEE_BRAND,
          id: extension.id,
          approve: true,
        }),
      ).toBe('FORBIDDEN');
      expect(await code(who, 'merchant', { action: 'extensions', brandId: COFFEE_BRAND })).toBe('FORBIDDEN');
    }
    // Naming its own brand gets another brand's operator nothing of this one.
    expect(
      await code(HOTPOT_OPERATOR, 'merchant', {
        action: 'decideExtension',
        brandId: 'brand-rongcheng-hotpot',
        id: extension.id,
        approve: true,
      }),
    ).toBe('NOT_FOUND');
    const hotpot = await merchantAs(HOTPOT_OPERATOR)('extensions', {
      brandId: 'brand-rongcheng-hotpot',
    });
    expect(hotpot.requests).toEqual([]);
    expect(
      (await allDocs<{ _id: string; state: string }>(cloud, 'extensions')).find((r) => r._id === extension.id)?.state,
    ).toBe('pending');
    expect(await cardDoc(cardId)).toMatchObject({ state: 'expired', balance: 0 });
  });

  test('should refuse a card that has not expired or lost nothing', async () => {
    const live = (await buy('e-live', { amount: fen(5_000) })).cards[0]!._id;
    expect(await code('e-live', 'wallet', { action: 'requestExtension', cardId: live })).toBe('NOT_EXPIRED');
    const [empty] = await insertCards('e-live', [cloud.clock.now() - 1], fen(0));
    expect(await code('e-live', 'wallet', { action: 'requestExtension', cardId: empty })).toBe('NOT_EXPIRED');
    expect((await cardDoc(empty!)).state).toBe('active');
  });

  test('should refuse bad input with INVALID_ARGUMENT and write nothing', async () => {
    const cardId = await expiredCard('e-bad', fen(6_600));
    const before = (await allDocs(cloud, 'extensions')).length;
    const bad: [string, string, Record<string, unknown>][] = [
      ['e-bad', 'wallet', { action: 'requestExtension', cardId, extra: 1 }],
      ['e-bad', 'wallet', { action: 'requestExtension', cardId: { $gt: '' } }],
      ['e-bad', 'wallet', { action: 'requestExtension', cardId, note: 'x'.repeat(101) }],
      ['e-bad', 'wallet', { action: 'requestExtension', cardId, note: 5 }],
      [DAVE, 'merchant', { action: 'extensions', brandId: COFFEE_BRAND, status: 'open' }],
      [DAVE, 'merchant', { action: 'extensions', brandId: { $ne: 'x' } }],
      [DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: 'ext-x', approve: 'yes' }],
      [DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: 'ext-x', approve: true, months: 25 }],
      [DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: 'ext-x', approve: true, months: 0 }],
      [DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: 'ext-x', approve: false, months: 6 }],
      [DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: { $gt: '' }, approve: true }],
      [DAVE, 'merchant', { action: 'decideExtension', brandId: COFFEE_BRAND, id: 'ext-x', approve: true, by: DAVE }],
    ];
    for (const [who, fn, body] of bad)
      expect([JSON.stringify(body), await code(who, fn, body)]).toEqual([JSON.stringify(body), 'INVALID_ARGUMENT']);
    expect((await allDocs(cloud, 'extensions')).length).toBe(before);
    expect((await cardDoc(cardId)).state).toBe('active');
  });
});
