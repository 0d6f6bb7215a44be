/**
 * Timer triggers from each function's config.json. Checks once a second against the local clock,
 * so moving the test clock past a firing time fires it at the next check — once, as a scheduler
 * that missed ticks fires the latest, not every missed one. A trigger doesn't overlap itself.
 */
import type { LocalClock } from '../clock';
import { nextFire, parseCron, type CronSchedule } from './cron';
import type { FunctionDefinition } from './discover';

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  Time: string;
  Message: string;
}

interface Scheduled {
  fn: string;
  trigger: string;
  schedule: CronSchedule;
  due: number | null;
  running: boolean;
}

/** A timer event's `Time`: ISO 8601 in UTC to the second, as SCF sends it (`2026-12-02T04:05:00Z`). */
export function timerTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type FireTimer = (fn: string, event: TimerEvent) => Promise<unknown>;

export class TriggerScheduler {
  private readonly entries: Scheduled[];
  private timer: NodeJS.Timeout | undefined;
  private fired = 0;

  constructor(
    functions: FunctionDefinition[],
    private readonly clock: LocalClock,
    private readonly fire: FireTimer,
    private readonly onError: (fn: string, trigger: string, e: unknown) => void,
  ) {
    this.entries = functions.flatMap((def) =>
      def.config.triggers.map((t) => {
        const schedule = parseCron(t.config);
        return { fn: def.name, trigger: t.name, schedule, due: nextFire(schedule, clock.now()), running: false };
      }),
    );
  }

  get firedCount(): number {
    return this.fired;
  }

  list(): { fn: string; trigger: string; due: number | null }[] {
    return this.entries.map(({ fn, trigger, due }) => ({ fn, trigger, due }));
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Fires every trigger whose time has come. Exposed so tests need not wait for the interval. */
  tick(): void {
    const now = this.clock.now();
    for (const e of this.entries) {
      if (e.running || e.due === null || e.due > now) continue;
      const event: TimerEvent = {
        Type: 'Timer',
        TriggerName: e.trigger,
        Time: timerTime(e.due),
        Message: '',
      };
      e.running = true;
      e.due = nextFire(e.schedule, now);
      this.fired++;
      this.fire(e.fn, event)
        .catch((err: unknown) => this.onError(e.fn, e.trigger, err))
        .finally(() => {
          e.running = false;
        });
    }
  }
}
