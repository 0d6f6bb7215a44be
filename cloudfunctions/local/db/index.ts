/** The local cloud's database: what wx-server-sdk's database calls reach when not in the cloud. */
import { Engine } from './engine';
import type { DatabaseOptions, LocalDatabase } from './types';

export type { CollectionSpec, DatabaseOptions, DbStats, IndexSpec, LocalDatabase } from './types';

export function openDatabase(opts: DatabaseOptions): LocalDatabase {
  return new Engine(opts);
}
