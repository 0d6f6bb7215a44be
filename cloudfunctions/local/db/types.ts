/** Public shapes of the local database. */

export interface IndexSpec {
  name: string;
  fields: { field: string; direction: 1 | -1 }[];
  unique?: boolean;
  /**
   * The field holds an array and a query matches any element (the cloud's database indexes each
   * element). The local store can't serve that from a json_extract index, so it scans instead.
   */
  multikey?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

export interface DatabaseOptions {
  /** SQLite path, or ':memory:'. */
  file: string;
  /** Created with their indexes on open when missing. */
  collections?: CollectionSpec[];
  /** The clock for serverDate and transaction timeouts; tests move it. */
  now?: () => number;
  /** Default 30 s, as in the cloud. */
  transactionTimeoutMs?: number;
}

export interface DbStats {
  calls: number;
  byAction: Record<string, number>;
  /** Transactions open now. */
  openTransactions: number;
  /** Earlier versions of documents kept in memory for open transactions to read. */
  retainedVersions: number;
}

export interface LocalDatabase {
  /** Answers one SDK request body (`database.*`) with the JSON the SDK expects. */
  handle(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The next `count` commits of transactions writing (optionally to one collection) fail with a conflict. */
  forceConflicts(count: number, collection?: string): void;
  stats(): DbStats;
  resetStats(): void;
  close(): void;
}
