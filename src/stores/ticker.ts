/** Time for stores that follow something live: the clock and a repeating timer, given in so tests drive both. */
export interface Ticker {
  now(): number;
  /** Calls `fn` every `ms` until the returned function is called. */
  every(ms: number, fn: () => void): () => void;
}

export const realTicker: Ticker = {
  now: () => Date.now(),
  every(ms, fn) {
    const timer = setInterval(fn, ms);
    return () => clearInterval(timer);
  },
};

/**
 * Asks `round` again every `ms` while started. A round still waiting for its answers when the next is
 * due is not doubled: a slow network gets one question at a time, not a pile-up.
 */
export class Poller {
  private stopTimer: (() => void) | undefined = undefined;
  private inFlight = false;

  constructor(
    private readonly ticker: Ticker,
    private readonly ms: number,
    private readonly round: () => Promise<void>,
  ) {}

  start(): void {
    this.stopTimer ??= this.ticker.every(this.ms, () => void this.once());
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = undefined;
  }

  private async once(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = true;
    try {
      await this.round();
    } finally {
      this.inFlight = false;
    }
  }
}
