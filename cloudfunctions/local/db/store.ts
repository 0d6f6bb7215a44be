/**
 * Durable document storage on SQLite (WAL): one row per document keyed (collection, id), the
 * document as relaxed EJSON text and the sequence number of the commit that last wrote it.
 * Indexes declared for a collection become partial expression indexes on json_extract, and
 * unique ones are enforced by SQLite itself.
 */
import type Database from 'better-sqlite3';
import { openSqliteFile } from './sqlite-file';
import type { CollectionSpec } from './types';

export interface Row {
  id: string;
  seq: number;
  body: string;
}

/** A SQL prefilter: a WHERE fragment over `body` and its parameters. */
export interface Prefilter {
  sql: string;
  params: unknown[];
}

const IDENT = /^[A-Za-z0-9_.-]{1,120}$/;

export class Store {
  readonly sqlite: Database.Database;
  private readonly stmts;
  /** Prefiltered scans, prepared once per distinct SQL (a handful of query shapes in practice). */
  private readonly scans = new Map<string, Database.Statement<unknown[], Row>>();
  /** One transaction wrapper for every atomic step: better-sqlite3 builds a wrapper per call otherwise. */
  private readonly inTransaction: (fn: () => unknown) => unknown;
  private seq: number;
  private readonly collections = new Set<string>();
  /** Index name by (collection, SQLite index name), for duplicate-key messages. */
  readonly indexedFields = new Map<string, Set<string>>();

  constructor(file: string) {
    this.sqlite = openSqliteFile(file);
    this.sqlite.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS docs (
        coll TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (coll, id)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    `);
    this.stmts = {
      get: this.sqlite.prepare<[string, string], Row>('SELECT id, seq, body FROM docs WHERE coll = ? AND id = ?'),
      all: this.sqlite.prepare<[string], Row>('SELECT id, seq, body FROM docs WHERE coll = ?'),
      put: this.sqlite.prepare(
        'INSERT INTO docs (coll, id, seq, body) VALUES (?, ?, ?, ?) ON CONFLICT (coll, id) DO UPDATE SET seq = excluded.seq, body = excluded.body',
      ),
      insert: this.sqlite.prepare('INSERT INTO docs (coll, id, seq, body) VALUES (?, ?, ?, ?)'),
      del: this.sqlite.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      addColl: this.sqlite.prepare('INSERT OR IGNORE INTO collections (name) VALUES (?)'),
      setSeq: this.sqlite.prepare(
        "INSERT INTO meta (key, value) VALUES ('seq', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ),
    };
    this.inTransaction = this.sqlite.transaction((fn: () => unknown) => fn());
    for (const r of this.sqlite.prepare<[], { name: string }>('SELECT name FROM collections').all())
      this.collections.add(r.name);
    const saved = this.sqlite.prepare<[], { value: number }>("SELECT value FROM meta WHERE key = 'seq'").get();
    this.seq = saved?.value ?? 0;
  }

  get currentSeq(): number {
    return this.seq;
  }

  /** Reserves the next commit sequence number (persisted with the commit's writes). */
  nextSeq(): number {
    this.seq += 1;
    this.stmts.setSeq.run(this.seq);
    return this.seq;
  }

  hasCollection(name: string): boolean {
    return this.collections.has(name);
  }

  addCollection(name: string): boolean {
    if (!IDENT.test(name)) throw new Error(`bad collection name ${name}`);
    if (this.collections.has(name)) return false;
    this.stmts.addColl.run(name);
    this.collections.add(name);
    return true;
  }

  ensureIndexes(spec: CollectionSpec): void {
    const fields = this.indexedFields.get(spec.name) ?? new Set<string>();
    for (const index of spec.indexes) {
      if (index.multikey) continue;
      for (const f of index.fields) {
        if (!IDENT.test(f.field)) throw new Error(`bad index field ${f.field}`);
        fields.add(f.field);
      }
      const cols = index.fields.map((f) => `json_extract(body, '$.${f.field}')`).join(', ');
      const name = `ix_${spec.name}_${index.name}`.replace(/[^A-Za-z0-9_]/g, '_');
      this.sqlite.exec(
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON docs (${cols}) WHERE coll = '${spec.name}'`,
      );
    }
    this.indexedFields.set(spec.name, fields);
  }

  get(coll: string, id: string): Row | undefined {
    return this.stmts.get.get(coll, id);
  }

  /** Rows of a collection, narrowed by an optional SQL prefilter (a superset of the matches). */
  scan(coll: string, pre?: Prefilter): Row[] {
    if (!pre) return this.stmts.all.all(coll);
    let stmt = this.scans.get(pre.sql);
    if (!stmt) {
      // `$in` lists of every length make new shapes: keep the cache bounded all the same.
      if (this.scans.size >= 256) this.scans.clear();
      stmt = this.sqlite.prepare<unknown[], Row>(`SELECT id, seq, body FROM docs WHERE coll = ? AND ${pre.sql}`);
      this.scans.set(pre.sql, stmt);
    }
    return stmt.all(coll, ...pre.params);
  }

  put(coll: string, id: string, seq: number, body: string): void {
    this.stmts.put.run(coll, id, seq, body);
  }

  insert(coll: string, id: string, seq: number, body: string): void {
    this.stmts.insert.run(coll, id, seq, body);
  }

  delete(coll: string, id: string): void {
    this.stmts.del.run(coll, id);
  }

  /** Runs `fn` as one SQLite transaction: all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.inTransaction(fn) as T;
  }

  close(): void {
    this.sqlite.close();
  }
}
