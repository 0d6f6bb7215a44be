/**
 * China time for display. Apart from format.ts so that pages showing no time (the home page) don't
 * carry dayjs.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** An instant (stored in UTC) as China time, which has no daylight saving: UTC+8. */
export function chinaTime(at: number, format = 'YYYY-MM-DD HH:mm'): string {
  return dayjs(at).utcOffset(480).format(format);
}
