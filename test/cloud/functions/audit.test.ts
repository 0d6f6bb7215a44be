/**
 * The audit log through the real SDK: the sensitive actions of holders, clerks and operators each
 * leave one entry (who, what, on what, when, from where) in the same transaction as the action, a
 * refused action leaves none, every entry is kept at least 180 days, and the brand's operator reads
 * them — with the address the gateway saw — while nobody else can.
 */
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import { AUDIT_RETENTION_MS, type AuditEntry } from '../../../cloudfunctions/core/audit/audit-log';
import { calls, COFFEE, requestId } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';

jest.setTimeout(120_000);

const DAVE = 'o-demo-dave';
const CAROL = 'o-demo-carol';
const BRAND = 'brand-lanshan-coffee';

let cloud: TestCloud;
const { code, buy, client } = calls(() => cloud);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

beforeAll(async () => {
  cloud = await startTestCloud();
});

afterAll(async () => {
  await cloud.close();
});

const entries = async (): Promise<AuditEntry[]> => allDocs<AuditEntry>(cloud, 'audit');

test('should log a refund, a card binding, a batch issue and a reversal once each, with who, what and when', async () => {
  const before = (await entries()).length;
  // Refund: the holder, in the refund's own transaction.
  const bought = await buy('a-holder');
  const cardId = bought.cards[0]!._id;
  await walletAs('a-holder')('refund', { cardId });
  await walletAs('a-holder')('refund', { cardId }); // asked again: the same refund, no second entry
  // Batch issue by the operator, then the holder binds one of its cards.
  const batch = await merchantAs(DAVE)('issueBatch', {
    productId: COFFEE,
    amount: fen(10_000),
    count: 2,
    requestId: 'audit-batch-0123456789',
  });
  const bound = await walletAs('a-binder')('bind', {
    cardNumber: batch.cards[0]!.cardNumber,
    pin: batch.cards[0]!.pin,
  });
  // A refused bind (wrong PIN) logs nothing.
  expect(
    await code('a-binder', 'wallet', { action: 'bind', cardNumber: batch.cards[1]!.cardNumber, pin: '00000000' }),
  ).toBe('BIND_FAILED');
  // A redemption reversed by the clerk.
  const { payCode } = await walletAs('a-binder')('payCode', {
    cardId: bound.card._id,
  });
  const { redemption } = await merchantAs(CAROL)('redeem', {
    payCode: payCode.qr,
    storeId: 'store-lanshan-coffee-1',
    amount: fen(1_500),
    requestId: requestId(),
  });
  await merchantAs(CAROL)('reverse', { id: redemption.id });
  await merchantAs(CAROL)('reverse', { id: redemption.id }); // again: answered, not logged twice

  const added = (await entries()).slice(before).sort((a, b) => a.at - b.at);
  expect(added.map((e) => [e.action, e.role, e.actor, e.target.kind])).toEqual([
    ['card.refund', 'holder', 'a-holder', 'card'],
    ['batch.issue', 'operator', DAVE, 'product'],
    ['card.bind', 'holder', 'a-binder', 'card'],
    ['redemption.reverse', 'clerk', CAROL, 'redemption'],
  ]);
  for (const e of added) {
    expect(e.brandId).toBe(BRAND);
    expect(e.source).toBe('wx_client');
    expect(e.keepUntil - e.at).toBeGreaterThanOrEqual(AUDIT_RETENTION_MS);
  }
  expect(added[0]!.target.id).toBe(cardId);
  expect(added[1]!.details).toMatchObject({ count: 2, amount: 10_000, total: 20_000 });
  expect(added[3]!.details).toMatchObject({ amount: 1_500 });
  await checkMoneyInvariants(cloud);
});

test('should record where an action came from, and show the brand’s log to its operator only', async () => {
  const token = await cloud.login('dave');
  const res = await cloud.call<{ ok: boolean }>(
    'merchant',
    { action: 'issueBatch', productId: COFFEE, amount: 5_000, count: 1, requestId: 'audit-batch-gateway-01' },
    token,
  );
  expect(res.ok).toBe(true);
  const log = await merchantAs(DAVE)('auditLog', { brandId: BRAND });
  const viaGateway = log.entries.find((e) => e.action === 'batch.issue' && e.details.amount === 5_000);
  expect(viaGateway).toMatchObject({ source: 'wx_client', role: 'operator' });
  expect(viaGateway!.ip).toMatch(/127\.0\.0\.1/);
  // The actor is masked for the reader; the full OPENID stays in the database.
  expect(viaGateway!.actor).not.toBe(DAVE);
  expect(await code(CAROL, 'merchant', { action: 'auditLog', brandId: BRAND })).toBe('FORBIDDEN');
  expect(await code('a-holder', 'merchant', { action: 'auditLog', brandId: BRAND })).toBe('FORBIDDEN');
});
