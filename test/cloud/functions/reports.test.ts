/**
 * The operator's reports through the real SDK against the local cloud: the dashboard's figures
 * against what was done (by day and by store), reconciliation on a clean database and with a
 * planted mismatch (reported, not fixed), resumable in pages and on the timer, the audit log's
 * pages, compliance reviews decided once, CSV export with its escaping and limits — and every
 * action refused to a clerk and to another brand's operator, and to bad input, writing nothing.
 */
import { GIFTS_FUNCTION, type GiftsActions } from '../../../src/contracts/gifts';
import { ORDERS_FUNCTION, type OrdersActions } from '../../../src/contracts/orders';
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import type { ReconciliationView } from '../../../src/contracts/reports';
import { WALLET_FUNCTION, type WalletActions } from '../../../src/contracts/wallet';
import { CSV_BOM } from '../../../src/domain/csv';
import { DAY_MS } from '../../../src/domain/order';
import { isoChinaDay } from '../../../src/domain/report-days';
import { calls, MARKET, face, requestId } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';
import { fen, type Fen } from '../../../src/domain/money';

jest.setTimeout(240_000);

const CAROL = 'o-demo-carol'; // clerk of 蓝山咖啡 at store-lanshan-coffee-1
const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡 and 惠鲜超市
const ERIN = 'o-rp-erin'; // operator of another brand only (inserted below)
const COFFEE_BRAND = 'brand-lanshan-coffee';
const MARKET_BRAND = 'brand-huixian-market';
const OTHER_BRAND = 'brand-maiduo-cake';

type Out<A extends keyof MerchantActions> = MerchantActions[A]['output'];

let cloud: TestCloud;
const { ok, code, buy, merchantJobs, client } = calls(() => cloud);
const giftsAs = (openId: string) => client<GiftsActions>(openId, GIFTS_FUNCTION);
const merchantAs = (openId: string) => client<MerchantActions>(openId, MERCHANT_FUNCTION);
const ordersAs = (openId: string) => client<OrdersActions>(openId, ORDERS_FUNCTION);
const walletAs = (openId: string) => client<WalletActions>(openId, WALLET_FUNCTION);

beforeAll(async () => {
  // Two cards a page and no time budget: every run checks one page and saves its place, so the
  // tests see runs carried on across calls as a brand with many cards would.
  cloud = await startTestCloud({ functionSettings: { RECONCILE_PAGE_CARDS: '2', RECONCILE_BUDGET_MS: '0' } });
  await insert('staff', {
    _id: ERIN,
    role: 'operator',
    brandIds: [OTHER_BRAND],
    stores: [],
    name: '别家运营',
  });
});

afterAll(async () => {
  await cloud.close();
});

afterEach(async () => {
  await checkMoneyInvariants(cloud);
});

async function insert(collectionName: string, doc: object): Promise<void> {
  await cloud.db.handle({ action: 'database.insertDocument', collectionName, data: JSON.stringify(doc) });
}

async function modify(collectionName: string, id: string, set: object): Promise<void> {
  await cloud.db.handle({
    action: 'database.modifyDocument',
    collectionName,
    queryType: 'DOC',
    query: JSON.stringify({ _id: id }),
    data: JSON.stringify({ $set: set }),
    multi: false,
    merge: true,
  });
}

const count = async (collection: string): Promise<number> => (await allDocs(cloud, collection)).length;

async function payCode(openId: string, cardId: string): Promise<string> {
  return (await walletAs(openId)('payCode', { cardId })).payCode.qr;
}

async function redeemAt(clerk: string, storeId: string, openId: string, cardId: string, amount: Fen) {
  const qr = await payCode(openId, cardId);
  return (
    await merchantAs(clerk)('redeem', {
      payCode: qr,
      storeId,
      amount,
      requestId: requestId(),
    })
  ).redemption;
}

const dashboard = async (days: 7 | 30, brandId = COFFEE_BRAND) =>
  (await merchantAs(DAVE)('dashboard', { brandId, days })).dashboard;

async function reconcileUntilDone(brandId: string): Promise<ReconciliationView[]> {
  const runs: ReconciliationView[] = [];
  for (let i = 0; i < 200; i++) {
    const { report } = await merchantAs(DAVE)('reconcile', { brandId });
    runs.push(report);
    if (report.status === 'done') return runs;
  }
  throw new Error('reconciliation never finished');
}

describe('the dashboard', () => {
  test('should add up sales, issue and net redemptions per day and per store, and what is outstanding', async () => {
    const empty = await dashboard(7);
    expect(empty.byDay).toHaveLength(7);
    expect(empty.totals).toMatchObject({ sold: { count: 0, amount: 0 }, issued: 0, redeemed: 0, redemptionRate: 0 });
    expect(empty.byDay.every((d) => d.sold === 0 && d.redeemed === 0)).toBe(true);

    // Yesterday: two ¥100 cards in one order, ¥30 redeemed at 国贸店.
    const first = await buy('rp-ann', { amount: fen(10_000), quantity: 2 });
    const [a, b] = first.cards.map((c) => c._id) as [string, string];
    await redeemAt(CAROL, 'store-lanshan-coffee-1', 'rp-ann', a, fen(3_000));
    const yesterday = isoChinaDay(cloud.clock.now());
    cloud.clock.advance(DAY_MS);
    const today = isoChinaDay(cloud.clock.now());

    // Today: one ¥200 card; ¥50 at store 2 then ¥20 at 国贸店, reversed; ¥40 gifted off card b, unclaimed.
    const second = await buy('rp-ann', { amount: fen(20_000) });
    const c = second.cards[0]!._id;
    await redeemAt(DAVE, 'store-lanshan-coffee-2', 'rp-ann', c, fen(5_000));
    const reversed = await redeemAt(CAROL, 'store-lanshan-coffee-1', 'rp-ann', b, fen(2_000));
    await merchantAs(CAROL)('reverse', { id: reversed.id });
    await giftsAs('rp-ann')('send', {
      cardId: b,
      mode: 'single',
      amount: fen(4_000),
      blessing: '请你喝咖啡',
      senderName: '安',
      requestId: requestId(),
    });

    const d = await dashboard(7);
    expect(d.to).toBe(today);
    expect(d.totals.sold).toEqual({ count: 3, orders: 2, amount: 40_000 });
    expect(d.totals.issued).toBe(40_000);
    expect(d.totals.redeemed).toBe(8_000);
    expect(d.totals.redemptionRate).toBe(2_000); // 20.00 %
    // Σ balances: 7,000 + (10,000 − 4,000) + 4,000 held by the gift + 15,000.
    expect(d.totals.float).toBe(32_000);
    expect(d.totals.unclaimedGifts).toEqual({ count: 1, amount: 4_000 });
    expect(d.byDay.find((r) => r.day === yesterday)).toEqual({ day: yesterday, sold: 20_000, redeemed: 3_000 });
    expect(d.byDay.find((r) => r.day === today)).toEqual({ day: today, sold: 20_000, redeemed: 5_000 });
    expect(d.byDay.filter((r) => r.day !== today && r.day !== yesterday).every((r) => !r.sold && !r.redeemed)).toBe(
      true,
    );
    expect(d.byStore).toEqual([
      { storeId: 'store-lanshan-coffee-2', storeName: expect.any(String), redeemed: 5_000, count: 1 },
      { storeId: 'store-lanshan-coffee-1', storeName: '国贸店', redeemed: 3_000, count: 1 },
    ]);
    const month = await dashboard(30);
    expect(month.byDay).toHaveLength(30);
    expect(month.totals.sold.amount).toBe(40_000);
    // The other brand of the same operator saw none of it.
    expect((await dashboard(7, MARKET_BRAND)).totals.sold.amount).toBe(0);
  });

  test('should count active cards expiring within 30 days', async () => {
    const card = (await buy('rp-exp', { amount: fen(5_000) })).cards[0]!._id;
    const before = (await dashboard(7)).totals.expiringSoon;
    await modify('cards', card, { expiresAt: cloud.clock.now() + 10 * DAY_MS });
    const after = (await dashboard(7)).totals.expiringSoon;
    expect(after).toEqual({ count: before.count + 1, balance: before.balance + 5_000 });
  });

  test('should take a refunded card off the sales and show the refund', async () => {
    const before = await dashboard(7, MARKET_BRAND);
    const bought = await buy('rp-refund', {
      productId: MARKET,
      faceId: face(MARKET, 'festival'),
      amount: fen(20_000),
      quantity: 2,
    });
    await ok('rp-refund', 'wallet', { action: 'refund', cardId: bought.cards[0]!._id });
    const d = await dashboard(7, MARKET_BRAND);
    expect(d.totals.sold).toEqual({
      count: before.totals.sold.count + 1,
      orders: before.totals.sold.orders + 1,
      amount: before.totals.sold.amount + 20_000,
    });
    expect(d.totals.refunded).toEqual({
      count: before.totals.refunded.count + 1,
      amount: before.totals.refunded.amount + 20_000,
    });
    const today = d.byDay[d.byDay.length - 1]!;
    expect(today.sold - before.byDay[before.byDay.length - 1]!.sold).toBe(20_000);
  });
});

describe('reconciliation', () => {
  test('should pass on a clean database, page by page, and be audited', async () => {
    const runs = await reconcileUntilDone(COFFEE_BRAND);
    const last = runs[runs.length - 1]!;
    // Carried on across calls: one report, two cards a call.
    expect(new Set(runs.map((r) => r.id)).size).toBe(1);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0]!.status).toBe('running');
    const cards = (await allDocs<{ brandId: string }>(cloud, 'cards')).filter((x) => x.brandId === COFFEE_BRAND);
    expect(last).toMatchObject({
      status: 'done',
      ok: true,
      cardsChecked: cards.length,
      mismatchCount: 0,
      by: 'operator',
    });
    expect(last.difference).toBe(0);
    expect(last.totals!.issued).toBe(
      last.totals!.balances + last.totals!.redeemed + last.totals!.voided + last.totals!.expired,
    );
    expect(last.totals!.giftedOut).toBe(last.totals!.giftedIn);
    const { reports } = await merchantAs(DAVE)('reconciliations', {
      brandId: COFFEE_BRAND,
    });
    expect(reports[0]).toMatchObject({ id: last.id, ok: true });
    const log = await merchantAs(DAVE)('auditLog', { brandId: COFFEE_BRAND });
    expect(log.entries[0]).toMatchObject({ action: 'reconcile.run', role: 'operator', target: { id: last.id } });
    expect(log.entries[0]!.actor).not.toContain(DAVE);
  });

  test('should report a planted mismatch and leave the card as planted', async () => {
    const card = (await buy('rp-plant', { amount: fen(8_000) })).cards[0]!._id;
    await modify('cards', card, { balance: 9_999 });
    try {
      const last = (await reconcileUntilDone(COFFEE_BRAND)).pop()!;
      expect(last).toMatchObject({ status: 'done', ok: false, mismatchCount: 1 });
      expect(last.mismatches).toEqual([
        expect.objectContaining({ cardId: card, balance: 9_999, replay: 8_000, problems: expect.any(Array) }),
      ]);
      expect(last.difference).toBe(-1_999);
      const stored = (await allDocs<{ _id: string; balance: number }>(cloud, 'cards')).find((x) => x._id === card)!;
      expect(stored.balance).toBe(9_999);
    } finally {
      // Put it back so the money invariants of the other tests hold.
      await modify('cards', card, { balance: 8_000 });
    }
  });

  test('should run every brand on the timer, carrying unfinished brands on to the next run', async () => {
    const before = await count('reconciliations');
    let result = { brands: 0, done: 0, pending: 1, mismatches: 0 };
    let runs = 0;
    while (result.pending > 0 && runs < 300) {
      // The merchant trigger's tick at 03:00 China time, inside the reconciliation window.
      result = (await merchantJobs('03:00')).reconcile!;
      runs++;
    }
    expect(result.pending).toBe(0);
    expect(runs).toBeGreaterThan(1);
    const docs = (await allDocs<ReconciliationView & { by: string }>(cloud, 'reconciliations')).filter(
      (r) => r.by === 'timer',
    );
    expect(docs.length).toBe(result.brands);
    expect(docs.every((r) => r.status === 'done' && r.ok)).toBe(true);
    expect(await count('reconciliations')).toBe(before + result.brands);
    // Only the trigger may run it.
    expect(await code(DAVE, 'merchant', { Type: 'Timer', TriggerName: 'merchantJobs' })).toBe('FORBIDDEN');
  });
});

describe('compliance reviews', () => {
  test('should list a ≥ ¥50,000 day and a real-name order for the brand, masked, and decide each once', async () => {
    const big = { productId: MARKET, faceId: face(MARKET, 'festival'), amount: fen(500_000) };
    const realName = { name: '王小明', idNumber: '11010519491231002X' };
    await ordersAs('rp-rich-buyer')('create', {
      ...big,
      quantity: 1,
      purpose: 'self',
      requestId: requestId(),
    });
    await ordersAs('rp-rich-buyer')('create', {
      ...big,
      quantity: 9,
      purpose: 'self',
      realName,
      requestId: requestId(),
    });
    const { reviews } = await merchantAs(DAVE)('reviews', {
      brandId: MARKET_BRAND,
      status: 'open',
    });
    const mine = reviews.filter((r) => r.dayTotal === 5_000_000);
    expect(mine.map((r) => r.kind).sort()).toEqual(['largeAmount', 'realName']);
    const named = mine.find((r) => r.kind === 'realName')!;
    expect(named).toMatchObject({
      total: 4_500_000,
      realName: { name: '王小明', idNumberMasked: '110***********002X' },
      status: 'open',
      orderStatus: 'pending',
    });
    expect(named.holder).not.toContain('rp-rich-buyer');
    expect(JSON.stringify(reviews)).not.toContain('11010519491231002X');
    // Not the other brand's business, not even through the same operator's other brand.
    const coffee = await merchantAs(DAVE)('reviews', { brandId: COFFEE_BRAND });
    expect(coffee.reviews.some((r) => r.id === named.id)).toBe(false);
    expect(
      await code(DAVE, 'merchant', {
        action: 'decideReview',
        brandId: COFFEE_BRAND,
        id: named.id,
        decision: 'cleared',
        note: '',
      }),
    ).toBe('NOT_FOUND');

    const decided = await merchantAs(DAVE)('decideReview', {
      brandId: MARKET_BRAND,
      id: named.id,
      decision: 'reported',
      note: '已报送',
    });
    expect(decided.review).toMatchObject({ status: 'decided', decision: 'reported', note: '已报送' });
    const audits = await count('audit');
    expect(
      await code(DAVE, 'merchant', {
        action: 'decideReview',
        brandId: MARKET_BRAND,
        id: named.id,
        decision: 'cleared',
        note: '',
      }),
    ).toBe('REVIEW_DECIDED');
    expect(await count('audit')).toBe(audits);
    const open = await merchantAs(DAVE)('reviews', {
      brandId: MARKET_BRAND,
      status: 'open',
    });
    expect(open.reviews.some((r) => r.id === named.id)).toBe(false);
    const log = await merchantAs(DAVE)('auditLog', { brandId: MARKET_BRAND });
    expect(log.entries[0]).toMatchObject({ action: 'review.decide', target: { kind: 'review', id: named.id } });
  });
});

describe('CSV export', () => {
  test('should export the ledger with a BOM, Chinese header, China times, yuan, escaped and neutralised text', async () => {
    const card = (await buy('rp-csv', { amount: fen(12_300) })).cards[0]!._id;
    await redeemAt(CAROL, 'store-lanshan-coffee-1', 'rp-csv', card, fen(2_005));
    // A store name written with a comma, a quote and a formula, as a hostile name would be.
    const entry = (await allDocs<{ _id: string; cardId: string; type: string }>(cloud, 'ledger')).find(
      (e) => e.cardId === card && e.type === 'REDEEM',
    )!;
    await modify('ledger', entry._id, { storeName: '=HYPERLINK("x"),店' });
    const day = isoChinaDay(cloud.clock.now());
    const out = await merchantAs(DAVE)('exportCsv', {
      brandId: COFFEE_BRAND,
      kind: 'ledger',
      from: day,
      to: day,
    });
    expect(out.csv.startsWith(CSV_BOM)).toBe(true);
    const lines = out.csv.slice(1).split('\r\n');
    expect(lines[0]).toBe('时间,类型,金额（元）,变动后余额（元）,卡片编号,持卡人,门店,店员,关联单号');
    expect(out.rows).toBe(lines.length - 2);
    expect(out.filename).toBe(`ledger-${COFFEE_BRAND}-${day}-${day}.csv`);
    const redeemLine = lines.find((l) => l.includes(card) && l.includes('门店消费'))!;
    expect(redeemLine).toContain(',-20.05,102.95,');
    expect(redeemLine).toContain(`"'=HYPERLINK(""x""),店"`);
    expect(redeemLine).toMatch(new RegExp(`^${day} \\d{2}:\\d{2}:\\d{2},`));
    expect(lines.find((l) => l.includes(card) && l.includes('购卡激活'))).toContain(',123.00,123.00,');
    expect(out.csv).not.toContain('rp-csv');

    const orders = await merchantAs(DAVE)('exportCsv', {
      brandId: COFFEE_BRAND,
      kind: 'orders',
      from: day,
      to: day,
    });
    expect(orders.csv.slice(1).split('\r\n')[0]).toContain('实付金额（元）');
    expect(orders.csv).toContain(',123.00,1,123.00,');
    const log = await merchantAs(DAVE)('auditLog', { brandId: COFFEE_BRAND });
    expect(log.entries[0]).toMatchObject({ action: 'export.csv', details: { kind: 'orders', rows: orders.rows } });
  });

  test('should refuse more than 92 days and more than 5,000 rows, exporting nothing', async () => {
    const audits = await count('audit');
    const input = { action: 'exportCsv', brandId: COFFEE_BRAND, kind: 'ledger' };
    expect(await code(DAVE, 'merchant', { ...input, from: '2025-01-01', to: '2025-04-03' })).toBe(
      'EXPORT_RANGE_TOO_LONG',
    );
    await ok(DAVE, 'merchant', { ...input, from: '2025-01-01', to: '2025-04-02' }); // 92 days
    expect(await code(DAVE, 'merchant', { ...input, from: '2025-02-01', to: '2025-01-31' })).toBe('INVALID_ARGUMENT');
    expect(await code(DAVE, 'merchant', { ...input, from: '2025-02-30', to: '2025-03-01' })).toBe('INVALID_ARGUMENT');
    // 5,001 entries of the brand on one far-away day.
    const at = Date.UTC(2030, 0, 1, 4);
    const docs = Array.from({ length: 5_001 }, (_, i) => ({
      _id: `rp-bulk-${i}`,
      cardId: 'rp-bulk-card',
      owner: 'rp-bulk',
      brandId: OTHER_BRAND,
      type: 'BIND',
      amount: 0,
      balanceAfter: 0,
      at: at + i,
    }));
    await cloud.db.handle({
      action: 'database.insertDocument',
      collectionName: 'ledger',
      data: docs.map((x) => JSON.stringify(x)),
    });
    const other = { ...input, brandId: OTHER_BRAND };
    expect(await code(ERIN, 'merchant', { ...other, from: '2030-01-01', to: '2030-01-01' })).toBe('EXPORT_TOO_LARGE');
    // The one successful export above was audited; the refusals added nothing.
    expect(await count('audit')).toBe(audits + 1);
    await cloud.db.handle({
      action: 'database.removeDocument',
      collectionName: 'ledger',
      queryType: 'WHERE',
      query: JSON.stringify({ cardId: 'rp-bulk-card' }),
      multi: true,
    });
  });
});

describe('access and input', () => {
  const everyAction = (brandId: string): Record<string, unknown>[] => [
    { action: 'dashboard', brandId, days: 7 },
    { action: 'reconcile', brandId },
    { action: 'reconciliations', brandId },
    { action: 'auditLog', brandId },
    { action: 'reviews', brandId },
    { action: 'decideReview', brandId, id: 'large-x', decision: 'cleared', note: '' },
    { action: 'exportCsv', brandId, kind: 'orders', from: '2025-01-01', to: '2025-01-02' },
  ];

  test('should refuse a clerk, another brand’s operator, a holder and no one every action, writing nothing', async () => {
    const before = [await count('audit'), await count('reconciliations'), await count('reviews')];
    for (const body of everyAction(COFFEE_BRAND)) {
      expect(await code(CAROL, 'merchant', body)).toBe('FORBIDDEN');
      expect(await code(ERIN, 'merchant', body)).toBe('FORBIDDEN');
      expect(await code('rp-holder', 'merchant', body)).toBe('FORBIDDEN');
      expect(await code('', 'merchant', body)).toBe('UNAUTHENTICATED');
    }
    // Nor can the operator reach a brand that is not theirs.
    for (const body of everyAction(OTHER_BRAND)) expect(await code(DAVE, 'merchant', body)).toBe('FORBIDDEN');
    expect([await count('audit'), await count('reconciliations'), await count('reviews')]).toEqual(before);
  });

  test('should refuse malformed input with INVALID_ARGUMENT, writing nothing', async () => {
    const before = [await count('audit'), await count('reconciliations'), await count('reviews')];
    const bad: Record<string, unknown>[] = [
      { action: 'dashboard', brandId: COFFEE_BRAND, days: 14 },
      { action: 'dashboard', brandId: COFFEE_BRAND, days: '7' },
      { action: 'dashboard', brandId: { $gt: '' }, days: 7 },
      { action: 'dashboard', brandId: COFFEE_BRAND, days: 7, extra: 1 },
      { action: 'reconcile', brandId: 'x'.repeat(65) },
      { action: 'auditLog', brandId: COFFEE_BRAND, before: -1 },
      { action: 'auditLog', brandId: COFFEE_BRAND, before: { $lt: 1 } },
      { action: 'reviews', brandId: COFFEE_BRAND, status: 'all' },
      { action: 'decideReview', brandId: COFFEE_BRAND, id: 'large-x', decision: 'ignored', note: '' },
      { action: 'decideReview', brandId: COFFEE_BRAND, id: 'large-x', decision: 'cleared', note: 'x'.repeat(201) },
      { action: 'decideReview', brandId: COFFEE_BRAND, id: { $ne: '' }, decision: 'cleared', note: '' },
      { action: 'exportCsv', brandId: COFFEE_BRAND, kind: 'cards', from: '2025-01-01', to: '2025-01-02' },
      { action: 'exportCsv', brandId: COFFEE_BRAND, kind: 'ledger', from: '20250101', to: '2025-01-02' },
    ];
    for (const body of bad)
      expect([JSON.stringify(body), await code(DAVE, 'merchant', body)]).toEqual([
        JSON.stringify(body),
        'INVALID_ARGUMENT',
      ]);
    expect([await count('audit'), await count('reconciliations'), await count('reviews')]).toEqual(before);
  });
});

describe('the audit log', () => {
  test('should page the brand’s entries newest first, 50 a page, none skipped or repeated', async () => {
    const at = cloud.clock.now() - 3_600_000;
    // 120 entries, several sharing one millisecond across the page boundary, and one of another brand.
    const docs = Array.from({ length: 120 }, (_, i) => ({
      _id: `a-rp-${String(i).padStart(3, '0')}`,
      at: at - Math.floor(i / 3),
      actor: 'o-someone-long-id',
      role: 'clerk',
      action: 'redemption.reverse',
      target: { kind: 'redemption', id: `r${i}` },
      brandId: MARKET_BRAND,
      source: 'wx_client',
      ip: '',
      details: {},
      keepUntil: at + 1e10,
    }));
    await cloud.db.handle({
      action: 'database.insertDocument',
      collectionName: 'audit',
      data: docs.map((x) => JSON.stringify(x)),
    });
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 20; page++) {
      const res: Out<'auditLog'> = await merchantAs(DAVE)('auditLog', {
        brandId: MARKET_BRAND,
        ...(before === undefined ? {} : { before }),
      });
      expect(res.entries.length).toBeLessThanOrEqual(50);
      seen.push(...res.entries.map((e) => e.id));
      for (let i = 1; i < res.entries.length; i++)
        expect(res.entries[i - 1]!.at).toBeGreaterThanOrEqual(res.entries[i]!.at);
      if (res.next === null) break;
      before = res.next;
    }
    const planted = seen.filter((id) => id.startsWith('a-rp-'));
    expect(planted).toHaveLength(120);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await allDocs<{ _id: string; brandId: string }>(cloud, 'audit')).filter(
      (e) => e.brandId === MARKET_BRAND,
    );
    expect(seen.length).toBe(all.length);
  });
});
