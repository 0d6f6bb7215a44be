/** The operator's actions of the merchant function (contracts/operator.ts), each gated by role. */
import type { ActionTable } from '../router';

export const operatorActions: ActionTable = {};
