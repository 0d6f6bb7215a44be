/**
 * Faults the local cloud injects on demand in test mode, so tests can prove that what the functions
 * do survives a slow database, a function killed at its timeout, and (with the other switches:
 * forced transaction conflicts in the database, SIGKILL of the process) a crash. Outside test mode
 * nothing here is ever switched on.
 */
export interface FaultSettings {
  /** Each database call waits a random 0–dbDelayMs ms before it is handled (0: none). */
  dbDelayMs: number;
  /** Function timeouts in ms that replace config.json's, by function name. */
  timeoutMs: Record<string, number>;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class Faults {
  private settings: FaultSettings = { dbDelayMs: 0, timeoutMs: {} };

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

  /** Awaited before each database call arrives at the database. */
  async beforeDatabaseCall(): Promise<void> {
    if (this.settings.dbDelayMs > 0) await pause(Math.random() * this.settings.dbDelayMs);
  }

  /** The timeout to enforce for `fn`, given the one its config.json sets. */
  timeoutFor(fn: string, configuredMs: number): number {
    return this.settings.timeoutMs[fn] ?? configuredMs;
  }
}
