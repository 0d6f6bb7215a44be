/**
 * Reconciliation of one brand: every card's balance against the replay of its ledger (in pages,
 * saving its place after each, so a run stopped by its time budget is carried on by the next one),
 * then the brand's conservation: issued = Σ balances + redeemed net + voided + expired net, with
 * gifted value moved out equal to the value moved in. Each run is a `reconciliations` document;
 * mismatches are reported there, never fixed.
 */
import { REPORT_LIMITS, type ReconciliationTotals, type ReconciliationView } from '../../../src/contracts/reports';
import { writeAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import { randomToken } from '../secrets';
import { checkCardPage } from './card-check';
import { grouped, num } from './pipeline';
import type { ReconcileSettings } from './settings';

export interface ReconciliationDoc extends Omit<ReconciliationView, 'id'> {
  _id: string;
  /** OPENID of the operator who started it; '' for the timer. */
  actor: string;
  /** The last card id checked: the next page starts after it. */
  cursor: string;
}

export function toReconciliationView(doc: ReconciliationDoc): ReconciliationView {
  const { _id, actor: _actor, cursor: _cursor, ...rest } = doc;
  return { id: _id, ...rest };
}

/** The brand's ledger totals by type and its cards' balances, taken by the database. */
export async function brandTotals(brandId: string): Promise<ReconciliationTotals> {
  const $ = getDatabase().command.aggregate;
  const [byType, cards] = await Promise.all([
    grouped(C.ledger, { brandId }, { _id: '$type', amount: $.sum('$amount') }),
    grouped(C.cards, { brandId }, { _id: null, balance: $.sum('$balance') }),
  ]);
  const t = (type: string): number =>
    Math.abs(
      num(
        byType.find((r) => r._id === type),
        'amount',
      ),
    );
  return {
    issued: t('ACTIVATE'),
    balances: num(cards[0], 'balance'),
    redeemed: t('REDEEM') - t('REFUND'),
    voided: t('VOID'),
    expired: t('EXPIRE') - t('REINSTATE'),
    giftedOut: t('GIFT_OUT'),
    giftedIn: t('GIFT_IN'),
  };
}

/** issued − everything the issued value became; 0 when conserved. */
export function conservationDifference(t: ReconciliationTotals): number {
  return t.issued - (t.balances + t.redeemed + t.voided + t.expired + (t.giftedOut - t.giftedIn));
}

export function conserved(t: ReconciliationTotals): boolean {
  return conservationDifference(t) === 0 && t.giftedOut === t.giftedIn;
}

/** The brand's unfinished run, if any (there is at most one: a new run starts only when none is). */
export async function runningReport(brandId: string): Promise<ReconciliationDoc | undefined> {
  return rows<ReconciliationDoc>(
    await getDatabase()
      .collection(C.reconciliations)
      .where({ brandId, status: 'running' })
      .orderBy('at', 'desc')
      .limit(1)
      .get(),
  )[0];
}

export function newReport(brandId: string, by: ReconciliationDoc['by'], actor: string, now: number): ReconciliationDoc {
  return {
    _id: `rc${now.toString(36).padStart(9, '0')}${randomToken(4)}`,
    brandId,
    at: now,
    by,
    actor,
    status: 'running',
    cursor: '',
    cardsChecked: 0,
    ok: false,
    totals: null,
    difference: null,
    mismatchCount: 0,
    mismatches: [],
    finishedAt: null,
  };
}

async function save(doc: ReconciliationDoc): Promise<void> {
  const { _id, ...rest } = doc;
  await getDatabase().collection(C.reconciliations).doc(_id).set({ data: rest });
}

/**
 * Carries `report` on until every card is checked or `deadline` (wall clock) passes; at least one
 * page is checked per call. Saved after every page; returns the report as it stands.
 */
export async function continueReport(
  report: ReconciliationDoc,
  settings: ReconcileSettings,
  deadline: number,
  now: () => number,
): Promise<ReconciliationDoc> {
  const doc = { ...report, mismatches: [...report.mismatches] };
  for (;;) {
    const page = await checkCardPage(doc.brandId, doc.cursor, settings.pageCards);
    doc.cursor = page.last;
    doc.cardsChecked += page.checked;
    doc.mismatchCount += page.mismatches.length;
    doc.mismatches.push(...page.mismatches.slice(0, REPORT_LIMITS.mismatchesKept - doc.mismatches.length));
    if (page.end) break;
    await save(doc);
    if (Date.now() >= deadline) return doc;
  }
  let totals = await brandTotals(doc.brandId);
  // The two sums are separate reads: a payment landing between them looks like a leak. Once more.
  if (!conserved(totals)) totals = await brandTotals(doc.brandId);
  doc.totals = totals;
  doc.difference = conservationDifference(totals);
  doc.ok = doc.mismatchCount === 0 && conserved(totals);
  doc.status = 'done';
  doc.finishedAt = now();
  await save(doc);
  return doc;
}

/** The brand's latest reports, newest first. */
export async function latestReports(brandId: string): Promise<ReconciliationDoc[]> {
  return rows<ReconciliationDoc>(
    await getDatabase()
      .collection(C.reconciliations)
      .where({ brandId })
      .orderBy('at', 'desc')
      .limit(REPORT_LIMITS.reportsListed)
      .get(),
  );
}

/** Logs one run of a reconciliation: by the operator, or by the timer as the system. */
export async function auditRun(caller: CallerContext, doc: ReconciliationDoc, at: number): Promise<void> {
  await writeAudit(
    caller,
    {
      role: doc.by === 'timer' ? 'system' : 'operator',
      action: 'reconcile.run',
      target: { kind: 'reconciliation', id: doc._id },
      brandId: doc.brandId,
      details: { status: doc.status, cardsChecked: doc.cardsChecked, ok: doc.ok, mismatches: doc.mismatchCount },
    },
    at,
  );
}
