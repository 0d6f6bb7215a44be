/**
 * The local cloud database: answers wx-server-sdk's `database.*` requests with the cloud's rules.
 *
 * Transactions get snapshot isolation: a transaction reads the committed state as of its start
 * plus its own buffered writes. A document's older version is kept in memory only while an open
 * transaction can read it (its snapshot falls within the version's life) and dropped as soon as the
 * last such transaction ends, so an orphaned transaction pins at most what it can see itself. A
 * transaction ends by 30 s after it began (the cloud's limit), on a timer of the engine's clock, so
 * an abandoned one releases its write locks and its versions even if nobody calls again.
 * Conflicts are found at the write, as MongoDB's WriteConflict (shared/platform.md takes this
 * stricter behaviour): a transactional write to a document another open transaction has written
 * (first writer wins, its write lock held until it commits or aborts), or that a commit changed
 * after this transaction's snapshot, fails at once with
 * DATABASE_TRANSACTION_CONFLICT and aborts the transaction. The same check at commit stays as a
 * backstop (a plain write may change a document between a transaction's write and its commit);
 * wx-server-sdk's runTransaction retries that commit answer up to 3 times, while a write's answer
 * reaches the callback as an error without the code (see core/tx.ts). Commits apply in one SQLite
 * transaction.
 */
import { randomHex } from '../random-hex';
import { DbError, dbErrors } from './errors';
import { nativeRegExps, parseEjson, resolveServerDates, stringifyDoc, type Doc } from './ejson';
import { aggregate, applyUpdate, isOperatorUpdate, matcher, prefilter, project, select, type Criteria } from './query';
import { Store, type Row } from './store';
import type { DatabaseOptions, DbStats, LocalDatabase } from './types';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** A committed body that has since been overwritten or removed: visible to snapshots in [seq, until). */
interface Version {
  seq: number;
  until: number;
  body: string;
  /** Open transactions that can read it; dropped at zero. */
  readers: number;
}

interface Transaction {
  id: string;
  snapshot: number;
  startedAt: number;
  /** Buffered writes by key: the new body, or null for a removal. */
  writes: Map<string, { coll: string; id: string; body: string | null }>;
  /** Versions kept because this transaction can read them (released when it ends). */
  pins: { k: string; v: Version }[];
}

type Body = Record<string, unknown>;

const key = (coll: string, id: string): string => `${coll}\u0000${id}`;

function newId(): string {
  // 32 hex characters, like the cloud's generated ids.
  return randomHex();
}

function str(v: unknown, name: string): string {
  if (typeof v !== 'string' || v === '') throw dbErrors.invalid(`${name} is required`);
  return v;
}

function parseObject(text: unknown, name: string): Record<string, unknown> {
  if (text === undefined || text === null || text === '') return {};
  const v = nativeRegExps(typeof text === 'string' ? parseEjson(text) : text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw dbErrors.invalid(`${name} must be an object`);
  return v as Record<string, unknown>;
}

function exactById(criteria: Criteria): boolean {
  const id = criteria._id;
  if (typeof id === 'string') return true;
  if (!id || typeof id !== 'object' || Array.isArray(id)) return false;
  const keys = Object.keys(id);
  const list = (id as { $in?: unknown }).$in;
  return keys.length === 1 && Array.isArray(list) && list.length > 0 && list.every((v) => typeof v === 'string');
}

function withoutId(criteria: Criteria): Criteria {
  const { _id: _ignored, ...rest } = criteria;
  return rest;
}

export class Engine implements LocalDatabase {
  private readonly store: Store;
  private readonly now: () => number;
  private readonly txTimeout: number;
  private readonly txs = new Map<string, Transaction>();
  /** Write locks of open transactions: document key → the transaction that wrote it first. */
  private readonly locks = new Map<string, string>();
  /** Prior versions of documents that some open transaction can still read, oldest first. */
  private readonly history = new Map<string, Version[]>();
  /** How many versions `history` holds (stats: what open transactions keep in memory). */
  private retained = 0;
  /** Ends transactions past their time even when no call comes to notice it. */
  private readonly expiry: NodeJS.Timeout;
  private forced: { count: number; collection?: string } = { count: 0 };
  private counters: Pick<DbStats, 'calls' | 'byAction'> = { calls: 0, byAction: {} };

  constructor(opts: DatabaseOptions) {
    this.store = new Store(opts.file);
    this.now = opts.now ?? Date.now;
    this.txTimeout = opts.transactionTimeoutMs ?? 30_000;
    for (const spec of opts.collections ?? []) {
      this.store.addCollection(spec.name);
      this.store.ensureIndexes(spec);
    }
    this.expiry = setInterval(() => this.expireTransactions(), 1_000);
    this.expiry.unref();
  }

  stats(): DbStats {
    return {
      calls: this.counters.calls,
      byAction: { ...this.counters.byAction },
      openTransactions: this.txs.size,
      retainedVersions: this.retained,
    };
  }

  resetStats(): void {
    this.counters = { calls: 0, byAction: {} };
  }

  forceConflicts(count: number, collection?: string): void {
    if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
    this.forced = { count, collection };
  }

  close(): void {
    clearInterval(this.expiry);
    this.store.close();
  }

  async handle(body: Body): Promise<Record<string, unknown>> {
    const action = typeof body.action === 'string' ? body.action : '';
    this.counters.calls++;
    this.counters.byAction[action] = (this.counters.byAction[action] ?? 0) + 1;
    try {
      this.expireTransactions();
      return { ...this.dispatch(action, body), requestId: newId() };
    } catch (e) {
      if (e instanceof DbError) return { code: e.code, message: e.message, requestId: newId() };
      const sqlite = e as { code?: string; message?: string };
      if (sqlite.code === 'SQLITE_CONSTRAINT_UNIQUE') {
        const dup = dbErrors.duplicateKey(sqlite.message ?? '');
        return { code: dup.code, message: dup.message, requestId: newId() };
      }
      return {
        code: 'DATABASE_REQUEST_FAILED',
        message: e instanceof Error ? e.message : String(e),
        requestId: newId(),
      };
    }
  }

  private dispatch(action: string, body: Body): Record<string, unknown> {
    switch (action) {
      case 'database.addCollection':
        if (!this.store.addCollection(str(body.collectionName, 'collectionName'))) {
          throw dbErrors.collectionExists(String(body.collectionName));
        }
        return {};
      case 'database.startTransaction':
        return { transactionId: this.begin() };
      case 'database.commitTransaction':
        this.commit(this.tx(body));
        return {};
      case 'database.abortTransaction':
        this.abort(this.tx(body).id);
        return {};
      case 'database.getDocument':
        return { data: this.getDocument(body) };
      case 'database.insertDocument':
        return { data: this.insertDocument(body) };
      case 'database.modifyDocument':
        return { data: this.modifyDocument(body) };
      case 'database.removeDocument':
        return { data: this.removeDocument(body) };
      case 'database.calculateDocument':
        return { data: { total: this.matching(this.collection(body), parseObject(body.query, 'query')).length } };
      case 'database.aggregateDocuments':
        return { data: this.aggregate(body) };
      default:
        throw dbErrors.unsupported(action);
    }
  }

  // ——— reading ———

  private collection(body: Body): string {
    const name = str(body.collectionName, 'collectionName');
    if (!this.store.hasCollection(name)) throw dbErrors.collectionMissing(name);
    return name;
  }

  private decode(row: Row): Doc {
    return parseEjson(row.body) as Doc;
  }

  private matching(coll: string, criteria: Criteria): Doc[] {
    // An `_id` equal to a string or `$in` strings is decided exactly by the SQL prefilter on the
    // primary key; leaving it to mingo too would cost a hash of the whole list per document.
    const test = matcher(exactById(criteria) ? withoutId(criteria) : criteria);
    return this.store
      .scan(coll, prefilter(criteria, this.store.indexedFields.get(coll)))
      .map((r) => this.decode(r))
      .filter(test);
  }

  /** A DOC request's id, from its `{ _id }` query. */
  private docId(body: Body): string {
    const q = parseObject(body.query, 'query');
    if (typeof q._id !== 'string' || q._id === '') throw dbErrors.invalid('doc id is required');
    return q._id;
  }

  private getDocument(body: Body): Record<string, unknown> {
    const coll = this.collection(body);
    const projection = body.projection ? parseObject(body.projection, 'projection') : undefined;
    if (body.queryType === 'DOC') {
      const id = this.docId(body);
      const text = body.transactionId
        ? this.readInTx(this.tx(body), coll, id)
        : (this.store.get(coll, id)?.body ?? null);
      if (text === null) return { list: [] };
      const out = projection ? stringifyDoc(project(parseEjson(text) as Doc, projection)) : text;
      return { list: [out] };
    }
    if (body.transactionId) throw dbErrors.whereInTransaction();
    const limit =
      typeof body.limit === 'number' ? Math.min(Math.max(0, Math.floor(body.limit)), MAX_LIMIT) : DEFAULT_LIMIT;
    const offset = typeof body.offset === 'number' ? Math.max(0, Math.floor(body.offset)) : 0;
    const criteria = parseObject(body.query, 'query');
    const order = parseObject(body.order, 'order') as Record<string, 1 | -1>;
    const docs = select(this.matching(coll, criteria), {}, { order, offset, limit, projection });
    return { list: docs.map(stringifyDoc), offset, limit };
  }

  private aggregate(body: Body): Record<string, unknown> {
    const coll = this.collection(body);
    if (!Array.isArray(body.stages)) throw dbErrors.invalid('stages must be an array');
    const pipeline = body.stages.map((s: { stageKey?: unknown; stageValue?: unknown }) => {
      if (typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw dbErrors.invalid('bad stage');
      return {
        [s.stageKey]: nativeRegExps(typeof s.stageValue === 'string' ? parseEjson(s.stageValue) : s.stageValue),
      };
    });
    const all = (name: string): Doc[] =>
      this.store.hasCollection(name) ? this.store.scan(name).map((r) => this.decode(r)) : [];
    return { list: aggregate(all(coll), pipeline, all).map(stringifyDoc) };
  }

  // ——— writing ———

  private prepareNew(raw: unknown, id: string): string {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw dbErrors.invalid('data must be an object');
    const doc = resolveServerDates({ ...(raw as Doc) }, this.now()) as Doc;
    return stringifyDoc(Object.assign({ _id: id }, doc, { _id: id }));
  }

  private insertDocument(body: Body): Record<string, unknown> {
    const coll = this.collection(body);
    const items = Array.isArray(body.data) ? body.data : [body.data];
    const docs = items.map((item) => (typeof item === 'string' ? parseEjson(item) : item) as Doc);
    const ids = docs.map((d) => (typeof d._id === 'string' && d._id !== '' ? d._id : newId()));
    if (body.transactionId) {
      const tx = this.tx(body);
      docs.forEach((d, i) => {
        const id = ids[i]!;
        if (this.readInTx(tx, coll, id) !== null) throw dbErrors.duplicateKey('_id_');
        this.writeInTx(tx, coll, id, this.prepareNew(d, id));
      });
    } else {
      this.store.atomically(() => {
        const seq = this.store.nextSeq();
        docs.forEach((d, i) => {
          const id = ids[i]!;
          if (this.store.get(coll, id)) throw dbErrors.duplicateKey('_id_');
          this.remember(coll, id, seq);
          this.store.insert(coll, id, seq, this.prepareNew(d, id));
        });
      });
    }
    return { _id: ids[0], insertedIds: ids };
  }

  /** The new text of a document after `data` (operators, or a whole replacement for set). */
  private modified(current: Doc | null, data: Record<string, unknown>, replace: boolean, id: string): string {
    const resolved = resolveServerDates(data, this.now()) as Record<string, unknown>;
    if (replace || !isOperatorUpdate(resolved)) {
      if ('_id' in resolved && resolved._id !== id) throw dbErrors.invalid('_id cannot be changed');
      return stringifyDoc(Object.assign({ _id: id }, resolved, { _id: id }));
    }
    try {
      const next = applyUpdate(current ?? { _id: id }, resolved);
      if (next._id !== id) throw dbErrors.invalid('_id cannot be changed');
      return stringifyDoc(next);
    } catch (e) {
      if (e instanceof DbError) throw e;
      throw new DbError('DATABASE_REQUEST_FAILED', e instanceof Error ? e.message : String(e));
    }
  }

  private modifyDocument(body: Body): Record<string, unknown> {
    const coll = this.collection(body);
    const data = parseObject(body.data, 'data');
    const replace = body.merge === false;
    const upsert = body.upsert === true;
    if (body.queryType === 'DOC') {
      const id = this.docId(body);
      if (body.transactionId) {
        const tx = this.tx(body);
        const current = this.readInTx(tx, coll, id);
        if (current === null && !upsert) return { updated: 0, upsert_id: null };
        this.writeInTx(
          tx,
          coll,
          id,
          this.modified(current === null ? null : (parseEjson(current) as Doc), data, replace, id),
        );
        return current === null ? { updated: 0, upsert_id: id } : { updated: 1, upsert_id: null };
      }
      return this.store.atomically(() => {
        const row = this.store.get(coll, id);
        if (!row && !upsert) return { updated: 0, upsert_id: null };
        const text = this.modified(row ? this.decode(row) : null, data, replace, id);
        const seq = this.store.nextSeq();
        this.remember(coll, id, seq);
        this.store.put(coll, id, seq, text);
        return row ? { updated: 1, upsert_id: null } : { updated: 0, upsert_id: id };
      });
    }
    if (body.transactionId) throw dbErrors.whereInTransaction();
    const criteria = parseObject(body.query, 'query');
    return this.store.atomically(() => {
      const targets = this.matching(coll, criteria);
      const chosen = body.multi === false ? targets.slice(0, 1) : targets;
      if (chosen.length === 0) return { updated: 0, upsert_id: null };
      const seq = this.store.nextSeq();
      for (const doc of chosen) {
        const id = String(doc._id);
        const text = this.modified(doc, data, replace, id);
        this.remember(coll, id, seq);
        this.store.put(coll, id, seq, text);
      }
      return { updated: chosen.length, upsert_id: null };
    });
  }

  private removeDocument(body: Body): Record<string, unknown> {
    const coll = this.collection(body);
    if (body.queryType === 'DOC') {
      const id = this.docId(body);
      if (body.transactionId) {
        const tx = this.tx(body);
        if (this.readInTx(tx, coll, id) === null) return { deleted: 0 };
        this.writeInTx(tx, coll, id, null);
        return { deleted: 1 };
      }
      return this.store.atomically(() => {
        if (!this.store.get(coll, id)) return { deleted: 0 };
        const seq = this.store.nextSeq();
        this.remember(coll, id, seq);
        this.store.delete(coll, id);
        return { deleted: 1 };
      });
    }
    if (body.transactionId) throw dbErrors.whereInTransaction();
    const criteria = parseObject(body.query, 'query');
    return this.store.atomically(() => {
      const targets = this.matching(coll, criteria);
      const chosen = body.multi === false ? targets.slice(0, 1) : targets;
      if (chosen.length === 0) return { deleted: 0 };
      const seq = this.store.nextSeq();
      for (const doc of chosen) {
        this.remember(coll, String(doc._id), seq);
        this.store.delete(coll, String(doc._id));
      }
      return { deleted: chosen.length };
    });
  }

  // ——— transactions ———

  private begin(): string {
    const id = newId();
    this.txs.set(id, { id, snapshot: this.store.currentSeq, startedAt: this.now(), writes: new Map(), pins: [] });
    return id;
  }

  private tx(body: Body): Transaction {
    const tx = typeof body.transactionId === 'string' ? this.txs.get(body.transactionId) : undefined;
    if (!tx) throw dbErrors.transactionMissing();
    return tx;
  }

  private expireTransactions(): void {
    if (this.txs.size === 0) return;
    const cutoff = this.now() - this.txTimeout;
    for (const tx of this.txs.values()) if (tx.startedAt <= cutoff) this.abort(tx.id);
  }

  /**
   * Before a committed write at `seq` overwrites or removes a document, keeps its current body for
   * the open transactions that can read it: those whose snapshot is at or after the body's own seq
   * (every snapshot is before `seq`) and that haven't written the document themselves (they read
   * their own write). With no such reader nothing is kept. A document that doesn't exist yet needs
   * nothing either: a snapshot finding no version reads it as absent.
   */
  private remember(coll: string, id: string, seq: number): void {
    if (this.txs.size === 0) return;
    const row = this.store.get(coll, id);
    if (!row) return;
    const k = key(coll, id);
    const readers = [...this.txs.values()].filter((tx) => tx.snapshot >= row.seq && !tx.writes.has(k));
    if (readers.length === 0) return;
    const v: Version = { seq: row.seq, until: seq, body: row.body, readers: readers.length };
    for (const tx of readers) tx.pins.push({ k, v });
    const versions = this.history.get(k);
    if (versions) versions.push(v);
    else this.history.set(k, [v]);
    this.retained++;
  }

  /** A transaction no longer reads the versions it pinned: each is dropped once nobody can. */
  private unpin(tx: Transaction): void {
    for (const { k, v } of tx.pins) {
      if (--v.readers > 0) continue;
      const versions = this.history.get(k);
      const at = versions?.indexOf(v) ?? -1;
      if (!versions || at < 0) continue;
      versions.splice(at, 1);
      if (versions.length === 0) this.history.delete(k);
      this.retained--;
    }
    tx.pins = [];
  }

  /** The committed text visible at `snapshot`, or null when the document didn't exist then. */
  private visible(coll: string, id: string, snapshot: number): string | null {
    const row = this.store.get(coll, id);
    if (row && row.seq <= snapshot) return row.body;
    const versions = this.history.get(key(coll, id));
    const v = versions?.find((x) => x.seq <= snapshot && snapshot < x.until);
    // No version alive at the snapshot: the document didn't exist then (created, or re-created, since).
    return v ? v.body : null;
  }

  private readInTx(tx: Transaction, coll: string, id: string): string | null {
    const own = tx.writes.get(key(coll, id));
    if (own) return own.body;
    return this.visible(coll, id, tx.snapshot);
  }

  /**
   * Buffers a write after taking the document's write lock. Another open transaction holding it, or
   * a commit after this transaction's snapshot, is a write conflict: this transaction is aborted (as
   * MongoDB aborts on WriteConflict, so a callback that swallowed the error can't commit half its
   * work) and the write answers DATABASE_TRANSACTION_CONFLICT.
   */
  private writeInTx(tx: Transaction, coll: string, id: string, body: string | null): void {
    const k = key(coll, id);
    const holder = this.locks.get(k);
    const changed = (this.store.get(coll, id)?.seq ?? 0) > tx.snapshot;
    if ((holder !== undefined && holder !== tx.id) || changed) {
      this.abort(tx.id);
      throw dbErrors.writeConflict(
        coll,
        id,
        holder !== undefined ? 'an open transaction' : 'a commit since this transaction began',
      );
    }
    this.locks.set(k, tx.id);
    tx.writes.set(k, { coll, id, body });
  }

  /** The backstop at commit: a document this transaction wrote must be unchanged since its snapshot. */
  private commit(tx: Transaction): void {
    const writes = [...tx.writes.values()];
    const forced =
      this.forced.count > 0 &&
      writes.some((w) => this.forced.collection === undefined || this.forced.collection === w.coll);
    const stale = writes.some((w) => (this.store.get(w.coll, w.id)?.seq ?? 0) > tx.snapshot);
    if (forced || stale) {
      if (forced) this.forced.count--;
      this.abort(tx.id);
      throw dbErrors.conflict();
    }
    try {
      this.store.atomically(() => {
        if (writes.length === 0) return;
        const seq = this.store.nextSeq();
        for (const w of writes) {
          this.remember(w.coll, w.id, seq);
          if (w.body === null) this.store.delete(w.coll, w.id);
          else this.store.put(w.coll, w.id, seq, w.body);
        }
      });
    } finally {
      this.abort(tx.id);
    }
  }

  /** Ends a transaction (aborted, committed or expired): its write locks go with it. */
  private abort(id: string): void {
    const tx = this.txs.get(id);
    if (!tx) return;
    this.txs.delete(id);
    for (const k of tx.writes.keys()) if (this.locks.get(k) === id) this.locks.delete(k);
    this.unpin(tx);
  }
}
