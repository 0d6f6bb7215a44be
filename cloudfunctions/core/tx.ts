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

/** The database's answer code for a transaction conflict (@cloudbase/database ERRORS). */
export const CONFLICT_CODE = 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Whether a transaction failed on a conflict, so running it again may succeed. Two shapes reach
 * us (wx-server-sdk 4.0.2 with @cloudbase/database 1.4.3):
 * - a conflict at commit: runTransaction retries it itself (3 times, at once), then throws the
 *   database's answer, an Error carrying `code: 'DATABASE_TRANSACTION_CONFLICT'`;
 * - a conflict at a write (MongoDB's WriteConflict): the doc operation's answer goes through
 *   wx-server-sdk's checkError, which keeps only `{ errCode: -501001, errMsg }` — the code is gone,
 *   so runTransaction doesn't retry it — and the callback's rejection ends the transaction. The
 *   database's message starts with the code (local/db/errors.ts), and errMsg carries the message:
 *   that code name is the marker, not a loose "conflict" anywhere in any error.
 */
export function isTransactionConflict(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { code, errMsg } = e as { code?: unknown; errMsg?: unknown };
  if (code === CONFLICT_CODE) return true;
  return typeof errMsg === 'string' && errMsg.includes(CONFLICT_CODE);
}

/**
 * Rounds of runTransaction before a conflict is answered with CONFLICT, and the pause before each
 * new round: exponential backoff with full jitter (a random wait in [0, min(cap, base·2^(n-1))]),
 * so racing writers spread out instead of colliding again in step. A conflict now fails at the
 * write, at once and without the SDK's own retries, so this loop is what rides out contention: 8 ms
 * is about one transaction's round trips locally and a few in the cloud; doubling to a 256 ms cap
 * over 12 rounds waits at most ~1.5 s in all (about half that on average) — inside every
 * function's timeout — while 40 claimers racing for one group gift all get through in the tests.
 */
export const CONFLICT_ROUNDS = 12;
export const BACKOFF_BASE_MS = 8;
export const BACKOFF_CAP_MS = 256;

/** The pause before round `round + 1` after `round` conflicted (round ≥ 1): full jitter. */
export function backoffMs(round: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(round - 1, 30));
  return random() * ceiling;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Adds several documents with their own `_id`s in one call inside a transaction. */
export async function txAddMany<T extends { _id: string }>(tx: Tx, collection: string, docs: T[]): Promise<void> {
  if (docs.length > 0) await tx.collection(collection).add({ data: docs });
}

export interface TransactionOptions {
  /**
   * Rounds before CONFLICT (CONFLICT_ROUNDS). A caller with somewhere else to go on a conflict (a
   * claimer who can try another share) asks for fewer.
   */
  rounds?: number;
  /**
   * Go on past `rounds` while a new round would still start within this many milliseconds of the
   * first: for a journey where "busy" is the one wrong answer (the last cards of a sale, which the
   * buyer should get or hear are gone). Rounds are slow when the cloud is busy, exactly when
   * conflicts come in runs, so a count alone gives up soonest when waiting is most worth it.
   */
  patienceMs?: number;
}

/**
 * Runs `fn` in a transaction (it may run several times, so it must have no effect outside the
 * database) and raises a returned refusal as a DomainError. A conflict — at a write, or one that
 * outlasted the SDK's retries at commit — is run again after a backoff (see CONFLICT_ROUNDS); one
 * that outlasts those answers CONFLICT: nothing was written and the caller may retry.
 */
export async function transaction<T>(
  fn: (tx: Tx) => Promise<T | Refusal>,
  options: TransactionOptions = {},
): Promise<T> {
  const rounds = options.rounds ?? CONFLICT_ROUNDS;
  const started = performance.now();
  let result: T | Refusal | undefined;
  for (let round = 1; ; round++) {
    try {
      result = (await getDatabase().runTransaction(fn as (tx: unknown) => Promise<T | Refusal>)) as T | Refusal;
      break;
    } catch (e) {
      if (!isTransactionConflict(e)) throw e;
      const wait = backoffMs(round);
      const patient = performance.now() - started + wait < (options.patienceMs ?? 0);
      if (round >= rounds && !patient) throw new DomainError(ErrorCode.CONFLICT, 'busy, please retry');
      await pause(wait);
    }
  }
  if (isRefusal(result)) throw new DomainError(result.refused, result.message);
  return result;
}
