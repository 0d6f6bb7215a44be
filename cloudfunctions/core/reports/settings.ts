/**
 * Reconciliation settings of this deployment, overridable by the function's environment:
 * RECONCILE_PAGE_CARDS (cards checked per page, with their entries) and RECONCILE_BUDGET_MS (how
 * long one run may work before it saves its place and stops; the next run carries on). A
 * malformed setting stops the function rather than run on a guess.
 */
import { intSetting as setting } from '../settings';

export interface ReconcileSettings {
  pageCards: number;
  budgetMs: number;
}

export function reconcileSettings(): ReconcileSettings {
  return {
    // 500 cards and their entries fit a few 1000-document pages.
    pageCards: setting('RECONCILE_PAGE_CARDS', 500, 1, 1000),
    // The merchant function times out at 60 s: stop well before, with the place saved.
    budgetMs: setting('RECONCILE_BUDGET_MS', 40_000, 0, 50_000),
  };
}
