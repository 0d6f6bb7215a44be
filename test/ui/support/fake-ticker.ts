/** A clock the test moves and a repeating timer the test fires: the polling stores' time, faked. */
import type { Ticker } from '../../../src/stores/ticker';

export function fakeTicker(start = 1_800_000_000_000) {
  let now = start;
  const timers = new Set<() => void>();
  const ticker: Ticker = {
    now: () => now,
    every(_ms, fn) {
      timers.add(fn);
      return () => timers.delete(fn);
    },
  };
  return {
    ticker,
    advance(ms: number) {
      now += ms;
    },
    /** Fires every running timer once. */
    tick() {
      timers.forEach((fn) => fn());
    },
    get running() {
      return timers.size;
    },
  };
}

/** Lets the answers already queued settle. */
export const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
