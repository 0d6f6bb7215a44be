/**
 * The operator's reports in the `merchant` function: the dashboard, reconciliation, the audit log,
 * large-amount and real-name reviews, and CSV export. Every action is for an operator of the brand
 * only; money is integer fen (`Fen`, or a signed `number` where a figure can go below zero), days are
 * China days as 'YYYY-MM-DD'.
 */
import type { Fen } from '../domain/money';

export const REPORT_LIMITS = {
  idMax: 64,
  /** Audit entries per page. */
  auditPage: 50,
  /** Reviews listed at once. */
  reviewsMax: 100,
  noteMax: 200,
  /** Rows a CSV export may hold. */
  exportRowsMax: 5000,
  /** Mismatches a reconciliation report keeps (the count is always exact). */
  mismatchesKept: 50,
  /** Reconciliation reports listed. */
  reportsListed: 10,
  /** Active cards expiring within this many days count as "expiring soon" on the dashboard. */
  expiringSoonDays: 30,
} as const;

export type DashboardDays = 7 | 30;

export interface AmountCount {
  count: number;
  amount: Fen;
}

export interface DashboardView {
  brandId: string;
  days: DashboardDays;
  /** The range: first day and last day (today), China days. */
  from: string;
  to: string;
  totals: {
    /**
     * Sales in the range net of refunds: paid orders' money and cards less the refunds asked in the
     * range (count is cards, orders the number of paid orders).
     */
    sold: {
      count: number;
      orders: number;
      /** Signed fen: below zero when the range's refunds exceed its sales. */ amount: number;
    };
    /** Refunds asked in the range (processing or done): cards and the money going back. */
    refunded: AmountCount;
    /** Value issued onto cards (ACTIVATE) in the range. */
    issued: Fen;
    /**
     * Redeemed in store less reversals (REDEEM − REFUND) in the range: signed fen, below zero when
     * more was reversed in the range than redeemed (a reversal of a redemption made before it).
     */
    redeemed: number;
    /** redeemed / issued in basis points (10000 = 100 %). */
    redemptionRate: number;
    /** Outstanding now: Σ balances of the brand's cards not refunded. */
    float: Fen;
    /** Open gifts now and the value they still hold. */
    unclaimedGifts: AmountCount;
    /** Active cards expiring within REPORT_LIMITS.expiringSoonDays and their balance. */
    expiringSoon: { count: number; balance: Fen };
  };
  /** One row per day of the range, oldest first, zeros included; sold net of that day's refunds. */
  byDay: { day: string; /** Signed fen, as sold above. */ sold: number; redeemed: number }[];
  /** Stores that redeemed in the range, most redeemed first: net amount, redemptions less reversals. */
  byStore: { storeId: string; storeName: string; redeemed: number; count: number }[];
  now: number;
}

/**
 * What reconciliation measured, in signed fen: figures read from the data it checks, so a broken
 * ledger shows as it is (even below zero) rather than stopping the report.
 */
export interface ReconciliationTotals {
  /** ACTIVATE. */
  issued: number;
  /** Σ card balances. */
  balances: number;
  /** REDEEM − REFUND. */
  redeemed: number;
  /** VOID. */
  voided: number;
  /** EXPIRE − REINSTATE. */
  expired: number;
  /** GIFT_OUT and GIFT_IN: value moved between the brand's cards, equal when nothing leaked. */
  giftedOut: number;
  giftedIn: number;
}

export interface CardMismatch {
  cardId: string;
  /** Signed fen, as measured (see ReconciliationTotals). */
  balance: number;
  replay: number;
  problems: string[];
}

export interface ReconciliationView {
  id: string;
  brandId: string;
  at: number;
  by: 'timer' | 'operator';
  /** running: more cards to check (the next run carries on from where this one stopped). */
  status: 'running' | 'done';
  cardsChecked: number;
  /** Every card matched its ledger and the totals are conserved (meaningful once done). */
  ok: boolean;
  totals: ReconciliationTotals | null;
  /** issued − (balances + redeemed + voided + expired), 0 when conserved. */
  difference: number | null;
  mismatchCount: number;
  /** The first mismatches found (at most REPORT_LIMITS.mismatchesKept). */
  mismatches: CardMismatch[];
  finishedAt: number | null;
}

export interface AuditEntryView {
  id: string;
  at: number;
  role: 'holder' | 'clerk' | 'operator' | 'system';
  /** The actor, masked; '' for the platform's timers. */
  actor: string;
  action: string;
  target: { kind: string; id: string };
  details: Record<string, string | number | boolean | null>;
  /** From where: the platform's channel (wx_client, wx_trigger, wx_client,scf…) and the client's address. */
  source: string;
  ip: string;
}

export type ReviewKind = 'largeAmount' | 'realName';
export type ReviewStatus = 'open' | 'decided';
export type ReviewDecision = 'cleared' | 'reported';

export interface ReviewView {
  id: string;
  kind: ReviewKind;
  orderId: string;
  /** The buyer, masked. */
  holder: string;
  day: string;
  /** The buyer's purchases that day, this order included. */
  dayTotal: Fen;
  /** This order's total. */
  total: Fen;
  /** Real-name details as the order keeps them (the id number masked). */
  realName: { name: string; idNumberMasked: string } | null;
  /** The order's status now ('pending', 'paid', 'closed'), or '' when unknown. */
  orderStatus: string;
  at: number;
  status: ReviewStatus;
  decision: ReviewDecision | null;
  note: string;
  decidedAt: number | null;
}

export type ExportKind = 'ledger' | 'orders';

export interface ReportActions {
  dashboard: { input: { brandId: string; days: DashboardDays }; output: { dashboard: DashboardView } };
  /** Runs (or carries on) a reconciliation of the brand now. */
  reconcile: { input: { brandId: string }; output: { report: ReconciliationView } };
  /** The latest reconciliation reports of the brand, newest first. */
  reconciliations: { input: { brandId: string }; output: { reports: ReconciliationView[] } };
  /** The brand's audit entries, newest first; pass `next` as `before` for the following page. */
  auditLog: {
    input: { brandId: string; before?: number };
    output: { entries: AuditEntryView[]; next: number | null };
  };
  reviews: { input: { brandId: string; status?: ReviewStatus }; output: { reviews: ReviewView[] } };
  decideReview: {
    input: { brandId: string; id: string; decision: ReviewDecision; note: string };
    output: { review: ReviewView };
  };
  exportCsv: {
    input: { brandId: string; kind: ExportKind; from: string; to: string };
    output: { filename: string; csv: string; rows: number };
  };
}
