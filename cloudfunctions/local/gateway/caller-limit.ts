/**
 * How many function calls one caller may have in the gateway at once: the session's OPENID, or the
 * client's address when anonymous. A caller past it is refused at once (503 with Retry-After), so a
 * flood from one caller holds at most this many slots and honest callers keep being served.
 * Internal invokers (timer triggers, WeChat Pay's callback) call the runtime directly, never
 * through the gateway, so this never refuses them.
 */
export class CallerLimit {
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `caller`; false when it already holds `max`. Give it back with `release`. */
  tryAcquire(caller: string): boolean {
    const n = this.inFlight.get(caller) ?? 0;
    if (n >= this.max) return false;
    this.inFlight.set(caller, n + 1);
    return true;
  }

  release(caller: string): void {
    const n = (this.inFlight.get(caller) ?? 0) - 1;
    // Forgotten at zero: the map holds only callers with calls in flight, however many come and go.
    if (n <= 0) this.inFlight.delete(caller);
    else this.inFlight.set(caller, n);
  }
}

/** The key a call counts against: `user:<OPENID>` with a session, `addr:<address>` without. */
export function callerKey(openId: string, address: string | undefined): string {
  return openId ? `user:${openId}` : `addr:${address ?? 'unknown'}`;
}
