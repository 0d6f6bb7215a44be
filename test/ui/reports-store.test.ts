/** The operator's reports store against a fake transport and a fake file saver. */
import type { DashboardView, ReconciliationView, ReviewView } from '../../src/contracts/reports';
import { ReportsService } from '../../src/services/reports-service';
import { RECONCILE_ROUNDS, ReportsStore } from '../../src/stores/reports-store';
import { fakeTransport, type Reply } from './support/fake-transport';
import { fen } from '../../src/domain/money';

// 2025-03-01 12:00 in Shanghai.
const NOW = Date.UTC(2025, 2, 1, 4);

const ok = (data: unknown): Reply => ({ ok: true, data });
const fail = (code: string): Reply => ({ ok: false, error: { code: code as never, message: '' } });

function dash(over: Partial<DashboardView> = {}): DashboardView {
  return {
    brandId: 'b1',
    days: 7,
    from: '2025-02-23',
    to: '2025-03-01',
    totals: {
      sold: { count: 3, orders: 2, amount: 40_000 },
      refunded: { count: 0, amount: fen(0) },
      issued: fen(40_000),
      redeemed: 8_000,
      redemptionRate: 2_000,
      float: fen(32_000),
      unclaimedGifts: { count: 1, amount: fen(4_000) },
      expiringSoon: { count: 0, balance: fen(0) },
    },
    byDay: [
      { day: '2025-02-28', sold: fen(20_000), redeemed: 3_000 },
      { day: '2025-03-01', sold: fen(10_000), redeemed: 25_000 },
    ],
    byStore: [{ storeId: 's1', storeName: '国贸店', redeemed: 8_000, count: 2 }],
    now: NOW,
    ...over,
  };
}

function report(status: 'running' | 'done', cardsChecked: number): ReconciliationView {
  return {
    id: 'rc1',
    brandId: 'b1',
    at: NOW,
    by: 'operator',
    status,
    cardsChecked,
    ok: status === 'done',
    totals: null,
    difference: status === 'done' ? 0 : null,
    mismatchCount: 0,
    mismatches: [],
    finishedAt: status === 'done' ? NOW : null,
  };
}

function review(id: string): ReviewView {
  return {
    id,
    kind: 'largeAmount',
    orderId: `o-${id}`,
    holder: 'u-r****yer',
    day: '2025-03-01',
    dayTotal: fen(5_000_000),
    total: fen(4_500_000),
    realName: null,
    orderStatus: 'paid',
    at: NOW,
    status: 'open',
    decision: null,
    note: '',
    decidedAt: null,
  };
}

function setup(replies: Reply[]) {
  const { transport, calls } = fakeTransport(replies);
  const saved: { name: string; text: string }[] = [];
  const store = new ReportsStore(
    new ReportsService(transport),
    async (name, text) => void saved.push({ name, text }),
    () => NOW,
  );
  store.selectBrand('b1');
  return { store, calls, saved };
}

describe('the dashboard', () => {
  test('should load the chosen brand and range, and scale the chart to the largest bar', async () => {
    const { store, calls } = setup([ok({ dashboard: dash() }), ok({ dashboard: dash({ days: 30 }) })]);
    await store.loadDashboard();
    expect(calls[0]).toEqual({ name: 'merchant', data: { action: 'dashboard', brandId: 'b1', days: 7 } });
    expect(store.dashboard.status).toBe('ready');
    expect(store.chartMax).toBe(25_000);
    expect(store.chartEmpty).toBe(false);
    expect(store.storeMax).toBe(8_000);
    await store.setDays(30);
    expect(calls[1]!.data).toEqual({ action: 'dashboard', brandId: 'b1', days: 30 });
    expect(store.dashboard.data?.days).toBe(30);
  });

  test('should show the error and drop the old brand’s figures when the brand changes', async () => {
    const { store } = setup([ok({ dashboard: dash() }), fail('FORBIDDEN')]);
    await store.loadDashboard();
    store.selectBrand('b2');
    expect(store.dashboard.data).toBeUndefined();
    await store.loadDashboard();
    expect(store.dashboard.status).toBe('error');
    expect(store.dashboard.errorCode).toBe('FORBIDDEN');
    expect(store.chartMax).toBe(1);
    expect(store.chartEmpty).toBe(true);
  });
});

describe('reconciliation', () => {
  test('should carry an unfinished run on until done, then reload the reports', async () => {
    const { store, calls } = setup([
      ok({ report: report('running', 500) }),
      ok({ report: report('running', 1_000) }),
      ok({ report: report('done', 1_200) }),
      ok({ reports: [report('done', 1_200)] }),
    ]);
    const last = await store.reconcile();
    expect(last).toMatchObject({ status: 'done', cardsChecked: 1_200 });
    expect(calls.map((c) => c.data.action)).toEqual(['reconcile', 'reconcile', 'reconcile', 'reconciliations']);
    expect(store.reconciliations.data).toHaveLength(1);
    expect(store.reconciling.busy).toBe(false);
  });

  test('should stop after its rounds and keep the error of a refused run', async () => {
    const { store, calls } = setup([
      ...Array.from({ length: RECONCILE_ROUNDS }, () => ok({ report: report('running', 1) })),
      ok({ reports: [report('running', 1)] }),
      fail('FORBIDDEN'),
    ]);
    expect((await store.reconcile())?.status).toBe('running');
    expect(calls.filter((c) => c.data.action === 'reconcile')).toHaveLength(RECONCILE_ROUNDS);
    expect(await store.reconcile()).toBeUndefined();
    expect(store.reconciling.errorCode).toBe('FORBIDDEN');
  });
});

describe('the audit log', () => {
  const entry = (id: string, at: number) => ({
    id,
    at,
    role: 'operator' as const,
    actor: 'o-d****ave',
    action: 'export.csv',
    target: { kind: 'export', id: 'x.csv' },
    details: {},
  });

  test('should append the next page with the cursor until there is none', async () => {
    const { store, calls } = setup([
      ok({ entries: [entry('a3', 30), entry('a2', 20)], next: 20 }),
      ok({ entries: [entry('a1', 10)], next: null }),
    ]);
    await store.loadAudit();
    expect(store.auditHasMore).toBe(true);
    await store.loadMoreAudit();
    expect(calls[1]!.data).toEqual({ action: 'auditLog', brandId: 'b1', before: 20 });
    expect(store.audit.data?.entries.map((e) => e.id)).toEqual(['a3', 'a2', 'a1']);
    expect(store.auditHasMore).toBe(false);
    await store.loadMoreAudit();
    expect(calls).toHaveLength(2);
  });

  test('should show an empty log as empty', async () => {
    const { store } = setup([ok({ entries: [], next: null })]);
    await store.loadAudit();
    expect(store.audit.status).toBe('empty');
  });
});

describe('reviews', () => {
  test('should decide with the trimmed note and take the review off the open list', async () => {
    const decided = { ...review('r1'), status: 'decided', decision: 'cleared', note: '核实无误' };
    const { store, calls } = setup([ok({ reviews: [review('r1')] }), ok({ review: decided })]);
    await store.loadReviews();
    expect(calls[0]!.data).toEqual({ action: 'reviews', brandId: 'b1', status: 'open' });
    store.setNote('r1', '  核实无误 ');
    expect(await store.decide('r1', 'cleared')).toBe(true);
    expect(calls[1]!.data).toEqual({
      action: 'decideReview',
      brandId: 'b1',
      id: 'r1',
      decision: 'cleared',
      note: '核实无误',
    });
    expect(store.reviews.status).toBe('empty');
  });

  test('should keep the review and the error when the decision is refused', async () => {
    const { store } = setup([ok({ reviews: [review('r1')] }), fail('REVIEW_DECIDED')]);
    await store.loadReviews();
    expect(await store.decide('r1', 'reported')).toBe(false);
    expect(store.deciding.errorCode).toBe('REVIEW_DECIDED');
    expect(store.reviews.data).toHaveLength(1);
  });
});

describe('export', () => {
  test('should default to the last 7 China days, export and hand the file to the saver', async () => {
    const { store, calls, saved } = setup([ok({ filename: 'ledger-b1.csv', csv: '\uFEFF时间\r\n', rows: 0 })]);
    expect([store.exportFrom, store.exportTo]).toEqual(['2025-02-23', '2025-03-01']);
    store.setExportKind('orders');
    expect(await store.exportCsv()).toBe(true);
    expect(calls[0]!.data).toEqual({
      action: 'exportCsv',
      brandId: 'b1',
      kind: 'orders',
      from: '2025-02-23',
      to: '2025-03-01',
    });
    expect(saved).toEqual([{ name: 'ledger-b1.csv', text: '\uFEFF时间\r\n' }]);
    expect(store.lastExport).toEqual({ filename: 'ledger-b1.csv', rows: 0 });
  });

  test('should refuse a malformed date without asking, and keep the cloud’s refusal', async () => {
    const { store, calls, saved } = setup([fail('EXPORT_TOO_LARGE')]);
    store.setExportFrom('2025-02-30');
    expect(await store.exportCsv()).toBe(false);
    expect(store.exportDateProblem).toBe(true);
    expect(calls).toHaveLength(0);
    store.setExportFrom('2025-01-01');
    expect(await store.exportCsv()).toBe(false);
    expect(store.exporting.errorCode).toBe('EXPORT_TOO_LARGE');
    expect(saved).toHaveLength(0);
  });
});
