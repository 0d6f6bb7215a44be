/**
 * Transactions over wx-server-sdk. The SDK wraps whatever a transaction callback throws, so use
 * cases never throw domain errors inside one: the callback returns a result and the caller turns a
 * refusal into a DomainError after the transaction has ended (a refusal commits nothing it didn't
 * write). Inside a transaction the cloud allows only doc() reads and writes and add().
 */
import { DomainError, ErrorCode } from '../../src/domain/errors';
import { getDatabase } from './cloud';

interface DocRef {
  get(): Promise<{ data: unknown }>;
  set(o: { data: object }): Promise<unknown>;
  update(o: { data: object }): Promise<unknown>;
  remove(): Promise<unknown>;
}

/** The transaction object a runTransaction callback gets (the SDK's typings leave it `any`). */
export interface Tx {
  collection(name: string): { doc(id: string): DocRef; add(o: { data: object }): Promise<unknown> };
}

/** A refusal decided inside a transaction, raised once the transaction is over. */
export interface Refusal {
  refused: ErrorCode;
  message: string;
}

export function refuse(code: ErrorCode, message: string): Refusal {
  return { refused: code, message };
}

export function isRefusal(v: unknown): v is Refusal {
  return typeof v === 'object' && v !== null && 'refused' in v;
}

/** A document by id inside a transaction, or null when there is none. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    const res = await tx.collection(collection).doc(id).get();
    return (res.data ?? null) as T | null;
  } catch (e) {
    if (e instanceof Error && /does not exist/.test(e.message)) return null;
    throw e;
  }
}

/** Adds a document with its own `_id` inside a transaction. */
export async function txAdd<T extends { _id: string }>(tx: Tx, collection: string, doc: T): Promise<void> {
  await tx.collection(collection).add({ data: doc });
}

/** Replaces a document (creating it when missing) inside a transaction. */
export async function txSet<T extends { _id: string }>(tx: Tx, collection: string, doc: T): Promise<void> {
  const { _id, ...rest } = doc;
  await tx.collection(collection).doc(_id).set({ data: rest });
}

export async function txUpdate(tx: Tx, collection: string, id: string, patch: object): Promise<void> {
  await tx.collection(collection).doc(id).update({ data: patch });
}

/** Rounds of the SDK's own retries before a conflict is answered; each waits a little longer. */
export const CONFLICT_ROUNDS = 6;

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Adds several documents with their own `_id`s in one call inside a transaction. */
export async function txAddMany<T extends { _id: string }>(tx: Tx, collection: string, docs: T[]): Promise<void> {
  if (docs.length > 0) await tx.collection(collection).add({ data: docs });
}

/**
 * Runs `fn` in a transaction (the SDK retries it on conflicts, so it must have no effect outside
 * the database) and raises a returned refusal as a DomainError. Under contention — many claimers
 * on one group gift — a conflict that outlasts the SDK's tries is run again after a short random
 * pause; one that outlasts those too answers CONFLICT: nothing was written and the caller may retry.
 */
export async function transaction<T>(fn: (tx: Tx) => Promise<T | Refusal>): Promise<T> {
  let result: T | Refusal | undefined;
  for (let round = 1; ; round++) {
    try {
      result = (await getDatabase().runTransaction(fn as (tx: unknown) => Promise<T | Refusal>)) as T | Refusal;
      break;
    } catch (e) {
      if (!(e instanceof Error && /conflict/i.test(e.message))) throw e;
      if (round === CONFLICT_ROUNDS) throw new DomainError(ErrorCode.CONFLICT, 'busy, please retry');
      await pause(Math.random() * 5 * round);
    }
  }
  if (isRefusal(result)) throw new DomainError(result.refused, result.message);
  return result;
}
