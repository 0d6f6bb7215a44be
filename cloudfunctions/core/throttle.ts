/**
 * Fixed-window try counters, read and written inside the transaction of the thing they guard, so
 * concurrent guesses serialise on the counter and none slips past the limit.
 */
import { C } from './collections';
import { txGet, txSet, type Tx } from './tx';

export interface ThrottleRule {
  tries: number;
  windowMs: number;
}

interface Throttle {
  _id: string;
  windowStart: number;
  count: number;
}

/** Tries already spent under `key` in the current window. */
async function spent(tx: Tx, key: string, now: number, rule: ThrottleRule): Promise<Throttle | null> {
  const t = await txGet<Throttle>(tx, C.throttles, key);
  return t && now - t.windowStart < rule.windowMs ? t : null;
}

/** Counts one try under `key`; false when the window's tries are used up. */
export async function spendTry(tx: Tx, key: string, now: number, rule: ThrottleRule): Promise<boolean> {
  const t = await spent(tx, key, now, rule);
  const count = (t?.count ?? 0) + 1;
  if (count > rule.tries) return false;
  await txSet(tx, C.throttles, { _id: key, windowStart: t?.windowStart ?? now, count });
  return true;
}

/**
 * For counting failures only: whether tries are left under `key`, and a function that spends one
 * (call it when the guarded attempt failed, before the transaction ends).
 */
export async function failureGuard(
  tx: Tx,
  key: string,
  now: number,
  rule: ThrottleRule,
): Promise<{ open: boolean; fail: () => Promise<void> }> {
  const t = await spent(tx, key, now, rule);
  return {
    open: (t?.count ?? 0) < rule.tries,
    fail: () => txSet(tx, C.throttles, { _id: key, windowStart: t?.windowStart ?? now, count: (t?.count ?? 0) + 1 }),
  };
}
