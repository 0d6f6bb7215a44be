/**
 * Grouped sums through the database's aggregation (match → group → limit), so reports never read
 * every document into the function. The real cloud answers 20 groups unless told more: every
 * pipeline here ends with an explicit limit.
 */
import { getDatabase } from '../cloud';

/** Groups a report may produce at most (days × types, stores…). */
const GROUPS_MAX = 1000;

export type GroupRow = Record<string, unknown> & { _id: unknown };

/** Runs `match` then `group` on `collection` and returns the groups. */
export async function grouped(collection: string, match: object, group: object): Promise<GroupRow[]> {
  const res = (await getDatabase()
    .collection(collection)
    .aggregate()
    .match(match)
    .group(group)
    .limit(GROUPS_MAX)
    .end()) as { list: GroupRow[] };
  return res.list;
}

/** A numeric field of a group row (0 when absent). */
export function num(row: GroupRow | undefined, field: string): number {
  const v = row?.[field];
  return typeof v === 'number' ? v : 0;
}
