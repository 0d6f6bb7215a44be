/**
 * The operator's reports in the `merchant` function: the dashboard, reconciliation, the audit log,
 * large-amount and real-name reviews, and CSV export.
 */
// Filled by the actions it lists; merchant.ts folds it into MerchantActions.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ReportActions {}
