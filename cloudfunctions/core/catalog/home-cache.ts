/**
 * The catalog home answer, kept by each instance and reused while the catalog is unchanged: an
 * answer then costs one small read (the catalog's stamp) instead of three queries returning every
 * product on sale with its face art, which the SDK parses on every call.
 * Every product write through the functions changes the stamp in its own transaction
 * (`stampCatalog`), and the stamp is read before the catalog, so an instance never answers from a
 * catalog older than the stamp it read. A change made outside the functions (a console import)
 * shows within MAX_AGE_MS.
 */
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { randomToken } from '../secrets';
import { txSet, type Tx } from '../tx';

const STAMP_ID = 'catalog';
const MAX_AGE_MS = 60_000;

interface CatalogStamp {
  _id: string;
  stamp: string;
}

let kept: { stamp: string; at: number; answer: unknown } | undefined;

async function currentStamp(): Promise<string> {
  const res = await getDatabase().collection(C.catalogStamps).where({ _id: STAMP_ID }).limit(1).get();
  return rows<CatalogStamp>(res)[0]?.stamp ?? '';
}

/** The home answer `build` makes, or the one this instance made for the same catalog stamp. */
export async function cachedHome<T>(build: () => Promise<T>): Promise<T> {
  const stamp = await currentStamp();
  const now = Date.now();
  if (kept && kept.stamp === stamp && now - kept.at < MAX_AGE_MS) return kept.answer as T;
  const answer = await build();
  kept = { stamp, at: now, answer };
  return answer;
}

/** Marks the catalog changed, in the transaction that changes it. */
export async function stampCatalog(tx: Tx): Promise<void> {
  await txSet<CatalogStamp>(tx, C.catalogStamps, { _id: STAMP_ID, stamp: randomToken(8) });
}
