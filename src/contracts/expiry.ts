/**
 * Card expiry in the `merchant` function: the operator's view of extension requests and the
 * decision on each (the holder asks through the `wallet` function).
 */
// Filled by the actions it lists; merchant.ts folds it into MerchantActions.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ExpiryOperatorActions {}
