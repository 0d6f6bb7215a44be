/**
 * Every delay the local cloud adds to what it answers, in one place:
 * - the latency model (LOCAL_CLOUD_CALL_LATENCY_MS, any mode): each request to `/admin` — a database
 *   call, an open-API or WeChat Pay call, a function → function call — waits a network round trip
 *   (the set milliseconds ±25 %) before it is answered, as it would in the cloud, where these are
 *   calls over the network (shared/platform.md); off by default;
 * - faults injected on demand in test mode, so tests can prove that what the functions do survives
 *   a slow database, a function killed at its timeout, and (with the other switches: forced
 *   transaction conflicts in the database, SIGKILL of the process) a crash. Outside test mode no
 *   fault is ever switched on.
 */
export interface FaultSettings {
  /** Each database call waits a random 0–dbDelayMs ms before it is handled (0: none). */
  dbDelayMs: number;
  /** Function timeouts in ms that replace config.json's, by function name. */
  timeoutMs: Record<string, number>;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What an `/admin` request is: database calls also take the slow-database fault. */
export type AdminCallKind = 'database' | 'other';

export class Faults {
  private settings: FaultSettings = { dbDelayMs: 0, timeoutMs: {} };
  private roundTrips = 0;

  /** `callLatencyMs`: the latency model's round trip (0: none). */
  constructor(private readonly callLatencyMs = 0) {}

  /** How many `/admin` requests waited a modelled round trip (tests count them). */
  get modelledRoundTrips(): number {
    return this.roundTrips;
  }

  get current(): FaultSettings {
    return { dbDelayMs: this.settings.dbDelayMs, timeoutMs: { ...this.settings.timeoutMs } };
  }

  /** Replaces the settings; fields left out go back to no fault. */
  set(next: Partial<FaultSettings>): void {
    const delay = next.dbDelayMs ?? 0;
    if (!Number.isInteger(delay) || delay < 0 || delay > 10_000) throw new Error('dbDelayMs: 0–10000');
    const timeouts = next.timeoutMs ?? {};
    for (const [fn, ms] of Object.entries(timeouts))
      if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) throw new Error(`timeoutMs.${fn}: 1–600000`);
    this.settings = { dbDelayMs: delay, timeoutMs: { ...timeouts } };
  }

  clear(): void {
    this.settings = { dbDelayMs: 0, timeoutMs: {} };
  }

  /** Awaited before each `/admin` request is handled: the modelled round trip, then any fault. */
  async beforeAdminCall(kind: AdminCallKind): Promise<void> {
    let wait = 0;
    if (this.callLatencyMs > 0) {
      this.roundTrips++;
      wait += this.callLatencyMs * (0.75 + Math.random() * 0.5);
    }
    if (kind === 'database' && this.settings.dbDelayMs > 0) wait += Math.random() * this.settings.dbDelayMs;
    if (wait > 0) await pause(wait);
  }

  /** The timeout to enforce for `fn`, given the one its config.json sets. */
  timeoutFor(fn: string, configuredMs: number): number {
    return this.settings.timeoutMs[fn] ?? configuredMs;
  }
}
