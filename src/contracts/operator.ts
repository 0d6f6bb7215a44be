/**
 * The operator's side of the `merchant` function: card products and their faces, stock and sale,
 * stores, clerks joined by invite, and batch issue.
 */
// Filled by the actions it lists; merchant.ts folds it into MerchantActions.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface OperatorActions {}
