/**
 * The cloud's 7-field timer expressions — `second minute hour day-of-month month day-of-week year` —
 * evaluated in China time (UTC+8, no daylight saving). Supports `*`, numbers, `a-b`, lists and
 * `/step`; day-of-week is 0–6 (Sunday 0) or SUN–SAT, and when both day fields are restricted a
 * day matches either, as in classic cron.
 */

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { min: 0, max: 59 }, // second
  { min: 0, max: 59 }, // minute
  { min: 0, max: 23 }, // hour
  { min: 1, max: 31 }, // day of month
  { min: 1, max: 12 }, // month
  { min: 0, max: 6, names: DAY_NAMES }, // day of week
  { min: 1970, max: 2199 }, // year
];

export interface CronSchedule {
  fields: Set<number>[];
  domRestricted: boolean;
  dowRestricted: boolean;
}

function value(token: string, spec: FieldSpec, expr: string): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const n = named >= 0 ? named : Number(token);
  if (!Number.isInteger(n) || n < spec.min || n > spec.max) throw new Error(`bad cron value "${token}" in "${expr}"`);
  return n;
}

function parseField(text: string, spec: FieldSpec, expr: string): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in "${expr}"`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === undefined) {
      lo = spec.min;
      hi = spec.max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-');
      lo = value(a ?? '', spec, expr);
      hi = value(b ?? '', spec, expr);
    } else {
      lo = value(range, spec, expr);
      hi = stepText === undefined ? lo : spec.max;
    }
    if (lo > hi) throw new Error(`bad cron range in "${expr}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 7) throw new Error(`a timer needs 7 cron fields (second first, year last): "${expr}"`);
  const fields = parts.map((p, i) => parseField(p, FIELDS[i]!, expr));
  return { fields, domRestricted: parts[3] !== '*', dowRestricted: parts[5] !== '*' };
}

function matchesDay(s: CronSchedule, d: Date): boolean {
  const dom = s.fields[3]!.has(d.getUTCDate());
  const dow = s.fields[5]!.has(d.getUTCDay());
  if (s.domRestricted && s.dowRestricted) return dom || dow;
  return dom && dow;
}

/** The first firing time strictly after `afterMs` (epoch ms), or null if none within ~5 years. */
export function nextFire(s: CronSchedule, afterMs: number): number | null {
  // Work on a Date whose UTC fields read as China wall-clock time.
  const t = new Date(Math.floor((afterMs + CHINA_OFFSET_MS) / 1000) * 1000 + 1000);
  const limit = t.getTime() + 5 * 366 * 24 * 3600 * 1000;
  const [sec, min, hour, , month, , year] = s.fields as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  while (t.getTime() < limit) {
    if (!year.has(t.getUTCFullYear())) {
      t.setUTCFullYear(t.getUTCFullYear() + 1, 0, 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!month.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!matchesDay(s, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0);
      continue;
    }
    if (!hour.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0);
      continue;
    }
    if (!min.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0);
      continue;
    }
    if (!sec.has(t.getUTCSeconds())) {
      t.setUTCSeconds(t.getUTCSeconds() + 1);
      continue;
    }
    return t.getTime() - CHINA_OFFSET_MS;
  }
  return null;
}
