/**
 * Split payment at the till end to end through the real SDK against the local cloud: the holder's
 * choice of cards minted into the code, the bill taken from the cards in order in one transaction,
 * the remainder paid with WeChat Pay (the simulated one, through cloudPay and payCallback), declined
 * or left to time out with every card debit given back, the receipt, the reversal refunding the
 * WeChat Pay part, two bills on the same cards at once, and bad input refused with nothing written —
 * with the money invariants checked after every step.
 */
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import type { Card } from '../../../src/domain/card';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { fen } from '../../../src/domain/money';
import { REDEEM_RULES, type Redemption } from '../../../src/domain/redemption';
import { defaultPayOrder, SPLIT_RULES, type SplitFields } from '../../../src/domain/split-pay';
import { calls, MARKET, face, requestId, timerEvent, TIMER_INVOKER, waitFor } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';

jest.setTimeout(180_000);

const CAROL = 'o-demo-carol'; // clerk of 蓝山咖啡 at store-lanshan-coffee-1
const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡 and 惠鲜超市
const COFFEE_STORE = 'store-lanshan-coffee-1';
/** This file's settings: a small WeChat Pay limit and at most 3 cards, to reach both refusals. */
const MAX_REMAINDER = 10_000;
const MAX_CARDS = 3;

type SplitDoc = Redemption & SplitFields;

let cloud: TestCloud;
const { code, buy, client, testApi } = calls(() => cloud);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

beforeAll(async () => {
  cloud = await startTestCloud({
    functionSettings: {
      REDEEM_MINT_LIMIT: '1000',
      SPLIT_MAX_CARDS: String(MAX_CARDS),
      SPLIT_MAX_REMAINDER_FEN: String(MAX_REMAINDER),
    },
  });
});

afterAll(async () => {
  await cloud.close();
});

afterEach(async () => {
  await checkMoneyInvariants(cloud);
});

/** A coffee card holding `balance` fen: bought at ¥100 and spent down with a one-card code. */
async function cardWith(openId: string, balance: number): Promise<string> {
  const cardId = (await buy(openId, { amount: fen(10_000) })).cards[0]!._id;
  if (balance < 10_000) {
    const pc = (await walletAs(openId)('payCode', { cardId })).payCode;
    await merchantAs(CAROL)('redeem', {
      payCode: pc.qr,
      storeId: COFFEE_STORE,
      amount: fen(10_000 - balance),
      requestId: requestId(),
    });
  }
  return cardId;
}

const splitCode = async (openId: string, cardId: string, payWith: string[] = []) =>
  (await walletAs(openId)('payCode', { cardId, payWith })).payCode;

const bill = (qr: string, amount: number, clerk = CAROL) =>
  merchantAs(clerk)('redeem', { payCode: qr, storeId: COFFEE_STORE, amount: fen(amount), requestId: requestId() });

const balances = async (openId: string, ...cardIds: string[]): Promise<number[]> =>
  Promise.all(cardIds.map(async (cardId) => (await walletAs(openId)('detail', { cardId })).card.balance));

const doc = async (id: string): Promise<SplitDoc> => (await allDocs<SplitDoc>(cloud, 'redemptions', { _id: id }))[0]!;

const entriesOf = async (id: string): Promise<LedgerEntry[]> => allDocs<LedgerEntry>(cloud, 'ledger', { ref: id });

const poller = async () => {
  const env = (await cloud.runtime.invoke(
    'orders',
    timerEvent('paymentPoller'),
    TIMER_INVOKER,
    cloud.clock.offsetMs,
  )) as {
    ok: boolean;
    data: { splits: { givenBack: number; completed: number; refundsCompleted: number; failed: number } };
  };
  expect(env.ok).toBe(true);
  return env.data.splits;
};

/** The remainder's refund completes: WeChat Pay's refund notification or the poller's queryRefund, once. */
async function refunded(payCode: string): Promise<void> {
  cloud.clock.advance(5_000);
  await waitFor('the refund to complete', async () => {
    await poller();
    return (await doc(payCode)).remainder?.state === 'refunded' ? true : undefined;
  });
  expect(await poller()).toMatchObject({ refundsCompleted: 0, failed: 0 });
}

/** The holder pays the remainder: WeChat Pay's request from the cloud, then the payment (the sheet's confirm). */
async function payRemainder(openId: string, payCode: string): Promise<void> {
  const { payment, status } = await walletAs(openId)('payRemainder', { code: payCode });
  expect(payment.package).toMatch(/^prepay_id=/);
  expect(status.status).toBe('pending');
  await testApi('pay/confirm', { outTradeNo: `s${payCode}` });
}

describe('split payment at the till', () => {
  test('should take the bill from the chosen cards in order in one step, and show one receipt to both sides', async () => {
    const a = await cardWith('sp-ann', 3_000);
    const b = await cardWith('sp-ann', 2_000);
    const pc = await splitCode('sp-ann', a, [b]);
    const seen = await merchantAs(CAROL)('inspect', { payCode: pc.qr, storeId: COFFEE_STORE });
    expect(seen.card.split).toEqual({ cards: 2, balance: 5_000, maxWechatPay: MAX_REMAINDER });
    await checkMoneyInvariants(cloud);

    const { redemption } = await bill(pc.qr, 4_500);
    expect(redemption).toMatchObject({ status: 'completed', amount: 4_500 });
    expect(redemption.split).toMatchObject({
      cards: [
        { amount: 3_000, balanceAfter: 0 },
        { amount: 1_500, balanceAfter: 500 },
      ],
      wechatPay: 0,
      wechatPayState: null,
      total: 4_500,
      givenBack: false,
    });
    expect(await balances('sp-ann', a, b)).toEqual([0, 500]);
    const entries = await entriesOf(pc.code);
    expect(entries.map((e) => [e.cardId, e.type, e.amount]).sort()).toEqual(
      [
        [a, 'REDEEM', -3_000],
        [b, 'REDEEM', -1_500],
      ].sort(),
    );
    // The holder's screen shows the same receipt.
    const st = (await walletAs('sp-ann')('payStatus', { code: pc.code })).status;
    expect(st).toMatchObject({ status: 'completed', split: redemption.split });
    expect(
      await code(CAROL, 'merchant', {
        action: 'redeem',
        payCode: pc.qr,
        storeId: COFFEE_STORE,
        amount: 100,
        requestId: requestId(),
      }),
    ).toBe('PAY_CODE_USED');
  });

  test('should choose the opened card first and the others by least balance by default', async () => {
    const card = (id: string, balance: number, over: Partial<Card> = {}) =>
      ({ _id: id, brandId: 'b1', state: 'active', balance: fen(balance), expiresAt: null, ...over }) as Card;
    const opened = card('open', 5_000);
    const wallet = [
      opened,
      card('big', 9_000),
      card('small', 1_000),
      card('other', 10, { brandId: 'b2' }),
      card('used', 0, { state: 'used' }),
      card('mid', 4_000),
    ];
    expect(defaultPayOrder(opened, wallet, 0)).toEqual(['open', 'small', 'mid', 'big']);
    expect(defaultPayOrder(opened, wallet, 0, { ...SPLIT_RULES, maxCards: 2 })).toEqual(['open', 'small']);
  });

  test('should wait for the remainder, complete when WeChat Pay is paid, and show the WeChat Pay part on the receipt', async () => {
    const a = await cardWith('sp-bea', 3_000);
    const pc = await splitCode('sp-bea', a);
    const { redemption } = await bill(pc.qr, 4_500);
    expect(redemption).toMatchObject({ status: 'pending', amount: 4_500 });
    expect(redemption.split).toMatchObject({
      cards: [{ amount: 3_000, balanceAfter: 0 }],
      wechatPay: 1_500,
      wechatPayState: 'unpaid',
      total: 4_500,
    });
    expect(redemption.confirmBy! - redemption.usedAt).toBe(SPLIT_RULES.remainderTimeoutMs);
    // The card is debited at once; the redemption is not complete until the remainder is paid.
    expect(await balances('sp-bea', a)).toEqual([0]);
    await checkMoneyInvariants(cloud);
    expect(await code('sp-bea', 'wallet', { action: 'confirmPay', code: pc.code })).toBe('REMAINDER_UNPAID');
    expect(await code('sp-bob', 'wallet', { action: 'payRemainder', code: pc.code })).toBe('NOT_FOUND');

    await payRemainder('sp-bea', pc.code);
    // payCallback, told by WeChat Pay, completes it; the holder's confirm (a sync) answers the same.
    const done = await waitFor('the remainder to settle', async () => {
      const r = (await merchantAs(CAROL)('redemption', { id: pc.code })).redemption;
      return r.status === 'completed' ? r : undefined;
    });
    expect(done.split).toMatchObject({ wechatPay: 1_500, wechatPayState: 'paid', total: 4_500, givenBack: false });
    expect((await walletAs('sp-bea')('confirmPay', { code: pc.code })).status.status).toBe('completed');
    expect((await doc(pc.code)).remainder).toMatchObject({ state: 'paid', transactionId: expect.any(String) });
    expect(await code('sp-bea', 'wallet', { action: 'payRemainder', code: pc.code })).toBe('PAY_CODE_USED');
  });

  test('should give every card debit back when the holder declines, with ledger entries both ways, and tell the clerk', async () => {
    const a = await cardWith('sp-cai', 3_000);
    const b = await cardWith('sp-cai', 2_000);
    const pc = await splitCode('sp-cai', a, [b]);
    await bill(pc.qr, 6_000);
    expect(await balances('sp-cai', a, b)).toEqual([0, 0]);
    await checkMoneyInvariants(cloud);
    // The holder opened WeChat Pay's sheet, then declined instead of paying.
    await walletAs('sp-cai')('payRemainder', { code: pc.code });
    const st = (await walletAs('sp-cai')('declinePay', { code: pc.code })).status;
    expect(st).toMatchObject({ status: 'declined', split: { givenBack: true, wechatPay: 1_000 } });
    expect(await balances('sp-cai', a, b)).toEqual([3_000, 2_000]);
    const entries = await entriesOf(pc.code);
    expect(entries.map((e) => [e.cardId, e.type, e.amount]).sort()).toEqual(
      [
        [a, 'REDEEM', -3_000],
        [b, 'REDEEM', -2_000],
        [a, 'REFUND', 3_000],
        [b, 'REFUND', 2_000],
      ].sort(),
    );
    const seen = (await merchantAs(CAROL)('redemption', { id: pc.code })).redemption;
    expect(seen).toMatchObject({ status: 'declined', split: { givenBack: true } });
    // Declining again answers the same and changes nothing.
    expect((await walletAs('sp-cai')('declinePay', { code: pc.code })).status.status).toBe('declined');
    expect(await entriesOf(pc.code)).toHaveLength(4);
  });

  test('should refund a remainder paid after the holder declined, so no money is held for nothing', async () => {
    const a = await cardWith('sp-dai', 3_000);
    const pc = await splitCode('sp-dai', a);
    await bill(pc.qr, 4_000);
    await walletAs('sp-dai')('payRemainder', { code: pc.code });
    await walletAs('sp-dai')('declinePay', { code: pc.code });
    // WeChat Pay refuses a close in a payment's first minutes: the sheet already open is paid anyway.
    await testApi('pay/confirm', { outTradeNo: `s${pc.code}` });
    const refunding = await waitFor('the late payment to be refunded', async () => {
      const d = await doc(pc.code);
      return d.remainder?.state === 'refunding' ? d : undefined;
    });
    expect(refunding).toMatchObject({ state: 'declined', remainder: { refundNo: `Rs${pc.code}` } });
    expect(await balances('sp-dai', a)).toEqual([3_000]);
    expect(cloud.pay.order(`s${pc.code}`)?.state).toBe('REFUND');
    // Completed by the refund notification or the poller's queryRefund, once.
    await refunded(pc.code);
  });

  test('should give everything back when the window passes unpaid, on the poller with nobody looking', async () => {
    const a = await cardWith('sp-eva', 3_000);
    const pc = await splitCode('sp-eva', a);
    await bill(pc.qr, 4_500);
    await walletAs('sp-eva')('payRemainder', { code: pc.code });
    cloud.clock.advance(SPLIT_RULES.remainderTimeoutMs + 1_000);
    // Past the window WeChat Pay takes no payment (time_expire), so "unpaid" is final.
    await testApi('pay/confirm', { outTradeNo: `s${pc.code}` });
    expect(cloud.pay.order(`s${pc.code}`)?.state).toBe('NOTPAY');
    expect((await poller()).givenBack).toBe(1);
    expect(await balances('sp-eva', a)).toEqual([3_000]);
    expect((await doc(pc.code)).state).toBe('declined');
    const seen = (await merchantAs(CAROL)('redemption', { id: pc.code })).redemption;
    expect(seen).toMatchObject({ status: 'expired', split: { givenBack: true, wechatPayState: 'unpaid' } });
    expect((await walletAs('sp-eva')('payStatus', { code: pc.code })).status.status).toBe('expired');
    expect((await poller()).givenBack).toBe(0);
  });

  test('should give back at once when the clerk looks after the window, and complete one paid just in time', async () => {
    const a = await cardWith('sp-fay', 3_000);
    const late = await splitCode('sp-fay', a);
    await bill(late.qr, 3_500);
    cloud.clock.advance(SPLIT_RULES.remainderTimeoutMs + 1_000);
    const seen = (await merchantAs(CAROL)('redemption', { id: late.code })).redemption;
    expect(seen).toMatchObject({ status: 'expired', split: { givenBack: true } });
    expect(await balances('sp-fay', a)).toEqual([3_000]);
    await checkMoneyInvariants(cloud);

    // Paid inside the window, but its notification never comes: the poller completes it, never gives back.
    const paid = await splitCode('sp-fay', a);
    await bill(paid.qr, 3_500);
    await testApi('pay/delivery', { deliver: false });
    try {
      await payRemainder('sp-fay', paid.code);
      cloud.clock.advance(SPLIT_RULES.remainderTimeoutMs + 1_000);
      expect((await poller()).completed).toBe(1);
    } finally {
      await testApi('pay/delivery', { deliver: true });
    }
    expect((await doc(paid.code)).state).toBe('completed');
    expect(await balances('sp-fay', a)).toEqual([0]);
  });

  test('should reverse a split payment: every card part back, the WeChat Pay part refunded', async () => {
    const a = await cardWith('sp-gus', 3_000);
    const b = await cardWith('sp-gus', 1_000);
    const pc = await splitCode('sp-gus', a, [b]);
    await bill(pc.qr, 5_500);
    await payRemainder('sp-gus', pc.code);
    await waitFor('the remainder to settle', async () =>
      (await doc(pc.code)).state === 'completed' ? true : undefined,
    );
    expect(await balances('sp-gus', a, b)).toEqual([0, 0]);
    await checkMoneyInvariants(cloud);

    const r = (await merchantAs(CAROL)('reverse', { id: pc.code })).redemption;
    expect(r).toMatchObject({
      status: 'reversed',
      split: { wechatPay: 1_500, wechatPayState: 'refunding', total: 5_500 },
    });
    expect(await balances('sp-gus', a, b)).toEqual([3_000, 1_000]);
    expect(cloud.pay.order(`s${pc.code}`)?.state).toBe('REFUND');
    await checkMoneyInvariants(cloud);
    // A second reversal answers the same; the refund completes once.
    expect((await merchantAs(CAROL)('reverse', { id: pc.code })).redemption.status).toBe('reversed');
    await refunded(pc.code);
    const audit = await allDocs<{ action: string; target: { id: string } }>(cloud, 'audit', { 'target.id': pc.code });
    expect(audit.map((x) => x.action)).toEqual(['redemption.reverse']);
  });

  test('should keep two bills on the same cards at once within the cards, each debit once', async () => {
    const a = await cardWith('sp-hal', 3_000);
    const b = await cardWith('sp-hal', 2_000);
    const one = await splitCode('sp-hal', a, [b]);
    const two = await splitCode('sp-hal', b, [a]);
    const [r1, r2] = await Promise.all([bill(one.qr, 4_000, CAROL), bill(two.qr, 4_000, DAVE)]);
    const fromCards = (x: typeof r1) => x.redemption.split!.cards.reduce((s, c) => s + c.amount, 0);
    // ¥50 on the cards, ¥80 billed: whichever came first took ¥40 from the cards and completed; the
    // other found ¥10 left and asks WeChat Pay for ¥30.
    const [first, second] = [r1, r2].sort((x, y) => fromCards(y) - fromCards(x));
    expect([fromCards(first!), first!.redemption.status]).toEqual([4_000, 'completed']);
    expect([fromCards(second!), second!.redemption.split!.wechatPay, second!.redemption.status]).toEqual([
      1_000,
      3_000,
      'pending',
    ]);
    expect(await balances('sp-hal', a, b)).toEqual([0, 0]);
    await checkMoneyInvariants(cloud);
    // The second is declined: its ¥10 comes back exactly once, to the card it came from.
    await walletAs('sp-hal')('declinePay', { code: second!.redemption.id });
    const back = (await balances('sp-hal', a, b)).reduce((s, x) => s + x, 0);
    expect(back).toBe(1_000);
  });

  test('should take the bill from the other cards when the opened card was spent since the code was made', async () => {
    const a = await cardWith('sp-kai', 3_000);
    const b = await cardWith('sp-kai', 2_000);
    const waiting = await splitCode('sp-kai', a, [b]);
    const plain = (await walletAs('sp-kai')('payCode', { cardId: a })).payCode;
    await bill(plain.qr, 3_000);
    const { redemption } = await bill(waiting.qr, 1_500);
    expect(redemption).toMatchObject({ status: 'completed', split: { cards: [{ amount: 1_500, balanceAfter: 500 }] } });
    expect(await balances('sp-kai', a, b)).toEqual([0, 500]);
  });

  test('should leave a one-card code whose confirmation lapsed as it was when someone looks', async () => {
    const cardId = (await buy('sp-lee', { amount: fen(100_000) })).cards[0]!._id;
    const pc = (await walletAs('sp-lee')('payCode', { cardId })).payCode;
    await bill(pc.qr, 60_000);
    const before = await doc(pc.code);
    cloud.clock.advance(REDEEM_RULES.confirmWindowMs + 1);
    expect((await walletAs('sp-lee')('payStatus', { code: pc.code })).status.status).toBe('expired');
    expect((await merchantAs(CAROL)('redemption', { id: pc.code })).redemption.status).toBe('expired');
    expect(await doc(pc.code)).toEqual(before);
  });

  test('should refuse bad choices and bills with stable codes and write nothing', async () => {
    const a = await cardWith('sp-ivy', 3_000);
    const b = await cardWith('sp-ivy', 2_000);
    const c = await cardWith('sp-ivy', 1_000);
    const d = await cardWith('sp-ivy', 500);
    const foreign = await cardWith('sp-jon', 2_000);
    const market = (await buy('sp-ivy', { productId: MARKET, faceId: face(MARKET, 'festival'), amount: fen(10_000) }))
      .cards[0]!._id;
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(['redemptions', 'cards', 'ledger'].map((name) => allDocs<{ _id: string }>(cloud, name))),
      );
    const before = await snapshot();
    const mint = (payWith: unknown) => code('sp-ivy', 'wallet', { action: 'payCode', cardId: a, payWith });
    expect(await mint([foreign])).toBe('SPLIT_CARD_INVALID');
    expect(await mint([market])).toBe('SPLIT_CARD_INVALID');
    expect(await mint([b, c, d])).toBe('SPLIT_TOO_MANY_CARDS');
    expect(await mint([b, b])).toBe('INVALID_ARGUMENT');
    expect(await mint([a])).toBe('INVALID_ARGUMENT');
    expect(await mint(Array.from({ length: 10 }, (_, i) => `card-${i}`))).toBe('INVALID_ARGUMENT');
    expect(await mint([{ $gt: '' }])).toBe('INVALID_ARGUMENT');
    expect(await snapshot()).toBe(before);

    // The cards hold ¥60 and WeChat Pay may take ¥100: a ¥160.01 bill is refused, nothing debited.
    const pc = await splitCode('sp-ivy', a, [b, c]);
    const minted = await snapshot();
    expect(
      await code(CAROL, 'merchant', {
        action: 'redeem',
        payCode: pc.qr,
        storeId: COFFEE_STORE,
        amount: 6_000 + MAX_REMAINDER + 1,
        requestId: requestId(),
      }),
    ).toBe('REMAINDER_TOO_LARGE');
    expect(await snapshot()).toBe(minted);
    // The clerk cannot add cards: a redeem naming some is refused as input.
    expect(
      await code(CAROL, 'merchant', {
        action: 'redeem',
        payCode: pc.qr,
        storeId: COFFEE_STORE,
        amount: 100,
        requestId: requestId(),
        payWith: [d],
      }),
    ).toBe('INVALID_ARGUMENT');
    expect(await snapshot()).toBe(minted);
    // A one-card code keeps its rule: no more than the balance, no WeChat Pay.
    const plain = (await walletAs('sp-ivy')('payCode', { cardId: d })).payCode;
    expect(
      await code(CAROL, 'merchant', {
        action: 'redeem',
        payCode: plain.qr,
        storeId: COFFEE_STORE,
        amount: 501,
        requestId: requestId(),
      }),
    ).toBe('INSUFFICIENT_BALANCE');
  });
});
