/**
 * Mongo semantics over stored documents through mingo: matching, sorting, projection, update
 * operators and aggregation. Also derives a SQL prefilter from a query's indexed equality
 * conditions so indexed lookups don't scan the whole collection.
 */
import { Aggregator, Query, update } from 'mingo';
// Registers every query, projection and pipeline operator ($group, $lookup, …) with mingo.
import 'mingo/init/system';
import type { Doc } from './ejson';
import type { Prefilter } from './store';

export type Criteria = Record<string, unknown>;

type Scalar = string | number | boolean;

const isScalar = (v: unknown): v is Scalar =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** The conditions when each is a top-level field equal to a string, finite number or boolean. */
function plainEqualities(criteria: Criteria): [string, Scalar][] | undefined {
  const out: [string, Scalar][] = [];
  for (const [field, value] of Object.entries(criteria)) {
    if (field.startsWith('$') || field.includes('.') || !isScalar(value)) return undefined;
    out.push([field, value]);
  }
  return out;
}

/**
 * A test of one document against `criteria`. Building a mingo Query copies its whole operator table,
 * which costs more than the lookups it decides; the common criteria (none, or plain equalities on
 * top-level fields) are decided here, and mingo is kept for the rest, including an equality against
 * an array field, where Mongo's matching of any element applies.
 */
export function matcher(criteria: Criteria): (doc: Doc) => boolean {
  const equalities = plainEqualities(criteria);
  if (!equalities) {
    const q = new Query(criteria);
    return (doc) => q.test(doc);
  }
  if (equalities.length === 0) return () => true;
  let full: Query | undefined;
  return (doc) =>
    equalities.every(([field, value]) => {
      const actual = doc[field];
      if (!Array.isArray(actual)) return actual === value;
      full ??= new Query(criteria);
      return full.test(doc);
    });
}

export function select(
  docs: Doc[],
  criteria: Criteria,
  opts: { order?: Record<string, 1 | -1>; offset?: number; limit?: number; projection?: Record<string, unknown> },
): Doc[] {
  const ordered = opts.order !== undefined && Object.keys(opts.order).length > 0;
  const projected = opts.projection !== undefined && Object.keys(opts.projection).length > 0;
  if (Object.keys(criteria).length === 0 && !ordered && !projected) {
    // Already matched (the engine's lookups): only the page to cut, no mingo cursor to build.
    const from = opts.offset ?? 0;
    // As mingo's cursor: a limit of 0 is no limit.
    return docs.slice(from, opts.limit ? from + opts.limit : undefined);
  }
  let cursor = new Query(criteria).find<Doc>(docs, opts.projection);
  if (ordered) cursor = cursor.sort(opts.order!);
  if (opts.offset) cursor = cursor.skip(opts.offset);
  if (opts.limit !== undefined) cursor = cursor.limit(opts.limit);
  return cursor.all();
}

export function project(doc: Doc, projection: Record<string, unknown> | undefined): Doc {
  if (!projection || Object.keys(projection).length === 0) return doc;
  return new Query({}).find<Doc>([doc], projection).all()[0] ?? doc;
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$currentDate',
  '$bit',
]);

export function isOperatorUpdate(data: Record<string, unknown>): boolean {
  const keys = Object.keys(data);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/** Applies an operator update to a copy of `doc`; throws on an unknown operator. */
export function applyUpdate(doc: Doc, expr: Record<string, unknown>): Doc {
  // The common case — `$set` of top-level fields, what doc().update() and bulk state changes send —
  // needs no deep copy: the fields are replaced whole.
  const set = expr.$set;
  if (Object.keys(expr).length === 1 && set && typeof set === 'object' && !Array.isArray(set)) {
    const fields = set as Record<string, unknown>;
    if (Object.keys(fields).every((k) => !k.includes('.') && k !== '_id')) return { ...doc, ...fields };
  }
  const copy = structuredClone(doc);
  for (const [op, arg] of Object.entries(expr)) {
    if (!UPDATE_OPERATORS.has(op)) throw new Error(`unknown update operator ${op}`);
    update(copy, { [op]: arg } as Parameters<typeof update>[1]);
  }
  return copy;
}

export function aggregate(docs: Doc[], pipeline: Record<string, unknown>[], resolve: (name: string) => Doc[]): Doc[] {
  return new Aggregator(pipeline, { collectionResolver: resolve }).run(docs) as Doc[];
}

const RANGE = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/**
 * A SQL superset filter from top-level conditions on indexed fields: equality to a string, number
 * or boolean, `$in` of such, or a numeric range. Everything else is left to mingo, which always
 * checks exactly.
 */
export function prefilter(criteria: Criteria, indexed: Set<string> | undefined): Prefilter | undefined {
  const parts: string[] = [];
  const params: unknown[] = [];
  const sqlValue = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
  for (const [field, cond] of Object.entries(criteria)) {
    if (field.startsWith('$')) continue;
    const column = field === '_id' ? 'id' : indexed?.has(field) ? `json_extract(body, '$.${field}')` : undefined;
    if (!column) continue;
    if (isScalar(cond)) {
      parts.push(`${column} = ?`);
      params.push(sqlValue(cond));
    } else if (cond && typeof cond === 'object' && !Array.isArray(cond)) {
      const c = cond as Record<string, unknown>;
      const keys = Object.keys(c);
      if (keys.length === 1 && keys[0] === '$eq' && isScalar(c.$eq)) {
        parts.push(`${column} = ?`);
        params.push(sqlValue(c.$eq));
      } else if (
        keys.length === 1 &&
        keys[0] === '$in' &&
        Array.isArray(c.$in) &&
        c.$in.length > 0 &&
        c.$in.every(isScalar)
      ) {
        parts.push(`${column} IN (${c.$in.map(() => '?').join(', ')})`);
        params.push(...c.$in.map(sqlValue));
      } else if (keys.length > 0 && keys.every((k) => k in RANGE) && keys.every((k) => isNumber(c[k]))) {
        // A numeric range (the sweeps' "expired before now"): narrowed by the index, checked again by mingo.
        for (const k of keys) {
          parts.push(`${column} ${RANGE[k as keyof typeof RANGE]} ?`);
          params.push(c[k]);
        }
      }
    }
  }
  return parts.length === 0 ? undefined : { sql: parts.join(' AND '), params };
}
