/**
 * The merchant function's one trigger and its job table: which jobs a tick runs at which China
 * time, the boundaries of each window, and a whole day of the real trigger's firings running each
 * job as often as its old cron did.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  dueMerchantJobs,
  MERCHANT_TICK_MINUTES,
  MERCHANT_TRIGGER,
  tickTime,
} from '../../../cloudfunctions/core/jobs/merchant-schedule';
import { nextFire, parseCron } from '../../../cloudfunctions/local/runtime/cron';
import { timerTime } from '../../../cloudfunctions/local/runtime/triggers';

/** An instant given as China wall time, 'YYYY-MM-DD HH:mm[:ss]'. */
const china = (text: string): number => Date.parse(`${text.replace(' ', 'T')}${text.length === 16 ? ':00' : ''}+08:00`);

test.each([
  ['2026-12-02 00:00', ['expirySweep']],
  ['2026-12-02 00:05', ['expirySweep']],
  ['2026-12-02 02:55', ['expirySweep']],
  ['2026-12-02 03:00', ['expirySweep', 'reconcile']],
  ['2026-12-02 03:05', ['expirySweep']],
  ['2026-12-02 03:10', ['expirySweep', 'reconcile']],
  ['2026-12-02 04:40', ['expirySweep', 'reconcile']],
  ['2026-12-02 04:50', ['expirySweep', 'reconcile']],
  ['2026-12-02 04:55', ['expirySweep']],
  ['2026-12-02 05:00', ['expirySweep']],
  ['2026-12-02 09:55', ['expirySweep']],
  ['2026-12-02 09:59:59', ['expirySweep']],
  ['2026-12-02 10:00', ['expirySweep', 'expiryReminder']],
  ['2026-12-02 10:00:30', ['expirySweep', 'expiryReminder']],
  ['2026-12-02 10:04:59', ['expirySweep', 'expiryReminder']],
  ['2026-12-02 10:05', ['expirySweep']],
  ['2026-12-02 23:55', ['expirySweep']],
])('should run at China time %s: %j', (at, jobs) => {
  expect(dueMerchantJobs(china(at))).toEqual(jobs);
});

test('should read China time, not UTC: 10:00 China is 02:00 UTC', () => {
  expect(dueMerchantJobs(Date.parse('2026-12-02T02:00:00Z'))).toContain('expiryReminder');
  expect(dueMerchantJobs(Date.parse('2026-12-02T10:00:00Z'))).not.toContain('expiryReminder');
  expect(dueMerchantJobs(Date.parse('2026-12-01T19:00:00Z'))).toContain('reconcile');
  expect(dueMerchantJobs(Date.parse('2026-12-02T03:00:00Z'))).not.toContain('reconcile');
});

test('should take the tick time from the event’s Time, and now when it is missing or unparsable', () => {
  const fallback = china('2026-12-02 10:00');
  expect(tickTime('2026-12-02T04:05:00Z', fallback)).toBe(Date.parse('2026-12-02T04:05:00Z'));
  for (const bad of [undefined, null, '', 'yesterday', '2026-13-45T99:99:00Z', 1_700_000_000_000, {}]) {
    expect(tickTime(bad, fallback)).toBe(fallback);
  }
});

test('should run every job as often as its old trigger over a day of the real trigger’s firings', () => {
  const config = JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../../cloudfunctions/functions/merchant/config.json'), 'utf8'),
  ) as { triggers: { name: string; config: string }[] };
  expect(config.triggers).toHaveLength(1);
  expect(config.triggers[0]!.name).toBe(MERCHANT_TRIGGER);
  const cron = parseCron(config.triggers[0]!.config);
  const counts: Record<string, number> = {};
  const start = china('2026-12-02 00:00') - 1;
  const end = china('2026-12-03 00:00') - 1;
  let firings = 0;
  for (let t = nextFire(cron, start); t !== null && t <= end; t = nextFire(cron, t)) {
    firings++;
    // As the scheduler sends it: the event's Time, parsed back as the function does.
    for (const job of dueMerchantJobs(tickTime(timerTime(t), 0))) counts[job] = (counts[job] ?? 0) + 1;
  }
  expect(firings).toBe((24 * 60) / MERCHANT_TICK_MINUTES);
  // Sweep every tick; reminders once (10:00); reconciliation at 03:00, 03:10 … 04:50 (12 runs).
  expect(counts).toEqual({ expirySweep: firings, expiryReminder: 1, reconcile: 12 });
});
