/**
 * The local cloud's clock: real time plus an offset that only test mode can move, so a test can
 * jump past a claim window or an order timeout. Functions receive the offset per invocation.
 */
export class LocalClock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  /** Moves the clock forward by `ms` (never backwards: time in the cloud doesn't run back). */
  advance(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0) throw new Error('advance takes a non-negative integer of ms');
    this.offset += ms;
  }
}
