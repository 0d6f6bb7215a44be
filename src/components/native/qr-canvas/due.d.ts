/** Types of due.js (plain JS, required as is by the native component). */
export interface PayCodeTimes {
  /** Cloud ms epoch after which the code is refused. */
  expiresAt: number;
  /** Cloud ms epoch at which to fetch the next code; 0 or past expiresAt means at expiry. */
  refreshAt: number;
  /** The cloud's ms epoch when it sent the code. */
  now: number;
}

export function localDueTime(code: PayCodeTimes, arrivedAt: number): number;

export function secondsUntil(dueTime: number, localNow: number): number;
