/**
 * Loads the seed catalog into an empty database, once: when the categories collection already has
 * documents nothing is written, so a restart never duplicates or overwrites data. Each document is
 * written with `set` (upsert by id) and categories last, so a seed cut short by a crash is simply
 * completed on the next start.
 */
import { cardFaceSvg, facePath } from '../core/catalog/face-art';
import type { LocalDatabase } from './db';
import type { LocalStorage } from './storage';
import { seedCatalog, seedStaff } from './seed';

async function count(db: LocalDatabase, collectionName: string): Promise<number> {
  const res = (await db.handle({
    action: 'database.calculateDocument',
    collectionName,
    queryType: 'WHERE',
    query: '{}',
  })) as {
    data?: { total?: number };
  };
  return res.data?.total ?? 0;
}

async function upsertAll(db: LocalDatabase, collectionName: string, docs: readonly { _id: string }[]): Promise<void> {
  for (const doc of docs) {
    const { _id, ...rest } = doc;
    const res = await db.handle({
      action: 'database.modifyDocument',
      collectionName,
      queryType: 'DOC',
      query: JSON.stringify({ _id }),
      // Seed documents hold only strings, numbers, booleans and arrays: plain JSON is valid EJSON.
      data: JSON.stringify(rest),
      multi: false,
      merge: false,
      upsert: true,
    });
    if ('code' in res && res.code) throw new Error(`seeding ${collectionName} failed: ${String(res.message)}`);
  }
}

/** Returns true when it seeded, false when the database already had data. */
export async function seedIfEmpty(db: LocalDatabase, storage: LocalStorage): Promise<boolean> {
  if ((await count(db, 'categories')) > 0) return false;
  // The faces go into cloud storage, as an operator's saved faces do, and the products link to them.
  const stored: Promise<string>[] = [];
  const { categories, brands, products } = seedCatalog((face) => {
    const svg = cardFaceSvg(face);
    const cloudPath = facePath(svg);
    stored.push(storage.put(cloudPath, Buffer.from(svg, 'utf8')));
    return storage.urlOf(cloudPath);
  });
  await Promise.all(stored);
  await upsertAll(db, 'products', products);
  await upsertAll(db, 'brands', brands);
  await upsertAll(db, 'staff', seedStaff(brands));
  await upsertAll(db, 'categories', categories);
  return true;
}
