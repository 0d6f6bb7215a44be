/** Reads cloudfunctions/collections.json: the collections, indexes and rules the functions need. */
import fs from 'node:fs';
import path from 'node:path';
import type { CollectionSpec } from './db';

export interface CollectionDeclaration extends CollectionSpec {
  rules: { read: boolean | string; write: boolean | string };
}

export const COLLECTIONS_FILE = path.resolve(__dirname, '..', 'collections.json');

export function loadCollections(file = COLLECTIONS_FILE): CollectionDeclaration[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { collections: CollectionDeclaration[] };
  return parsed.collections;
}
