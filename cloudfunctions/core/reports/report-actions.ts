/** The operator's report actions of the merchant function (contracts/reports.ts) and their timers. */
import type { ActionTable, TimerTable } from '../router';

export const reportActions: ActionTable = {};
export const reportTimers: TimerTable = {};
