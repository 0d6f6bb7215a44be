/** The operator's expiry actions of the merchant function (contracts/expiry.ts) and the expiry timer. */
import type { ActionTable, TimerTable } from '../router';

export const expiryOperatorActions: ActionTable = {};
export const expiryTimers: TimerTable = {};
