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

/**
 * How often one anonymous address may call, beside how many of its calls may be in flight: calls
 * that are answered fast (the cached catalog home) let a flood at its in-flight limit still take a
 * function's whole share of the machine, hundreds of answers a second. A token bucket per address:
 * `perSecond` calls a second on average, in bursts of up to twice that, plenty for a person
 * browsing (a page makes a few calls); past it, 503 with Retry-After at once. Signed-in users are
 * held by their calls in flight alone. `perSecond` 0 turns it off.
 */
export class AddressRate {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private takes = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private get burst(): number {
    return this.perSecond * 2;
  }

  /** Takes one call's token for `address`; false when its bucket is empty. */
  tryTake(address: string): boolean {
    if (this.perSecond <= 0) return true;
    const at = this.now();
    if (++this.takes % 1024 === 0) this.forgetFull(at);
    const bucket = this.buckets.get(address) ?? { tokens: this.burst, at };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((at - bucket.at) / 1000) * this.perSecond);
    bucket.at = at;
    this.buckets.set(address, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Addresses whose bucket has filled again are forgotten: the map holds only recent callers. */
  private forgetFull(at: number): void {
    for (const [address, b] of this.buckets)
      if (b.tokens + ((at - b.at) / 1000) * this.perSecond >= this.burst) this.buckets.delete(address);
  }
}

/** The key a call counts against: `user:<OPENID>` with a session, `addr:<address>` without. */
export function callerKey(openId: string, address: string | undefined): string {
  return openId ? `user:${openId}` : `addr:${address ?? 'unknown'}`;
}
