/**
 * Document text as the SDK speaks it: Extended JSON. Documents are stored as relaxed EJSON (plain
 * numbers, `{"$date": …}` for dates) so SQLite's json_extract can index fields, and sent back as
 * stored. `db.serverDate()` placeholders become dates from the local cloud's clock.
 */
import { EJSON } from 'bson';

export type Doc = Record<string, unknown> & { _id?: unknown };

export function parseEjson(text: string): unknown {
  // Text without a `"$` anywhere holds no EJSON wrapper (`{"$date": …}`, `{"$numberLong": …}`), and
  // plain JSON.parse reads it the same, several times faster: most documents are like that.
  return text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text);
}

export function stringifyDoc(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

const SERVER_DATE = '$tcb_server_date';

/** Replaces every `{ $tcb_server_date: { offset } }` with the server's time plus the offset. */
export function resolveServerDates(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const obj = value as Record<string, unknown>;
  if (SERVER_DATE in obj) {
    const spec = obj[SERVER_DATE] as { offset?: unknown } | undefined;
    const offset = typeof spec?.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  if (Object.getPrototypeOf(obj) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = resolveServerDates(v, now);
  return out;
}

/**
 * Turns BSON regular expressions (what `db.RegExp` arrives as) into JavaScript RegExps, which the
 * matcher understands. Flags JavaScript lacks (x, l) are dropped.
 */
export function nativeRegExps(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nativeRegExps);
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return value;
  const v = value as { _bsontype?: string; pattern?: string; options?: string };
  if (v._bsontype === 'BSONRegExp') {
    const flags = [...new Set((v.options ?? '').split('').filter((f) => 'imsu'.includes(f)))].join('');
    return new RegExp(v.pattern ?? '', flags);
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value as Record<string, unknown>)) out[k] = nativeRegExps(x);
  return out;
}
