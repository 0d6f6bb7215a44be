/**
 * Transaction conflicts found at the write, through the real wx-server-sdk: a second open
 * transaction writing a document the first has written fails at once (first writer wins, as
 * MongoDB's WriteConflict — the stricter behaviour shared/platform.md has the local cloud take),
 * locks go when a transaction ends, and core/tx.ts's retry loop recognises the answer as the SDK
 * delivers it (`{ errCode, errMsg }`, no `code`) and rides the conflict out.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffMs,
  CONFLICT_ROUNDS,
  isTransactionConflict,
  transaction,
  txGet,
  txUpdate,
  type Tx,
} from '../../../cloudfunctions/core/tx';
import { connectSdk, type Db } from '../support/sdk';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

jest.setTimeout(30_000);

/** An open transaction as wx-server-sdk's startTransaction gives it (its typings leave it `any`). */
interface OpenTx {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: Row }>;
      update(o: { data: object }): Promise<unknown>;
      set(o: { data: object }): Promise<unknown>;
      remove(): Promise<unknown>;
    };
    add(o: { data: object }): Promise<unknown>;
  };
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}

type Row = { _id: string; n: number };

let cloud: TestCloud;
let db: Db;
let seq = 0;

beforeAll(async () => {
  cloud = await startTestCloud({ dataDir: ':memory:' });
  ({ db } = connectSdk(cloud));
  await db.createCollection('counters');
});

afterAll(async () => {
  await cloud.close();
});

/** A fresh document with n = 0. */
async function counter(): Promise<string> {
  const id = `c-${++seq}`;
  await db.collection('counters').add({ data: { _id: id, n: 0 } });
  return id;
}

async function valueOf(id: string): Promise<number> {
  return ((await db.collection('counters').doc(id).get()) as unknown as { data: Row }).data.n;
}

const open = async (): Promise<OpenTx> => (await db.startTransaction()) as unknown as OpenTx;

/** A transaction left open after writing `n` to counter `id`: it holds that document's write lock. */
async function writing(id: string, n: number): Promise<OpenTx> {
  const tx = await open();
  await tx.collection('counters').doc(id).update({ data: { n } });
  return tx;
}

/** The rejection of `p` (failing the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

test('should fail the second open transaction’s write at once with the conflict code, and commit the first', async () => {
  const id = await counter();
  const first = await open();
  const second = await open();
  await first
    .collection('counters')
    .doc(id)
    .update({ data: { n: 1 } });
  const started = Date.now();
  const e = await rejection(
    second
      .collection('counters')
      .doc(id)
      .update({ data: { n: 2 } }),
  );
  expect(Date.now() - started).toBeLessThan(1_000);
  // As wx-server-sdk hands it to the callback: errCode/errMsg, the database's code only in the text.
  expect(e).toMatchObject({ errCode: -501001, errMsg: expect.stringContaining('DATABASE_TRANSACTION_CONFLICT') });
  expect((e as { code?: unknown }).code).toBeUndefined();
  expect(isTransactionConflict(e)).toBe(true);
  await first.commit();
  expect(await valueOf(id)).toBe(1);
  // The conflicting transaction was aborted: nothing of it can commit.
  await expect(second.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  expect(await valueOf(id)).toBe(1);
});

test('should conflict on set, remove and add by id as on update', async () => {
  const id = await counter();
  const first = await open();
  await first
    .collection('counters')
    .doc(id)
    .set({ data: { n: 5 } });
  const newId = `new-${++seq}`;
  await first.collection('counters').add({ data: { _id: newId, n: 1 } });
  for (const write of [
    (t: OpenTx) =>
      t
        .collection('counters')
        .doc(id)
        .set({ data: { n: 6 } }),
    (t: OpenTx) => t.collection('counters').doc(id).remove(),
    (t: OpenTx) => t.collection('counters').add({ data: { _id: newId, n: 2 } }),
  ]) {
    const other = await open();
    expect(isTransactionConflict(await rejection(write(other)))).toBe(true);
  }
  await first.commit();
  expect(await valueOf(id)).toBe(5);
  expect(await valueOf(newId)).toBe(1);
});

test('should let the second writer through once the first has committed or rolled back', async () => {
  const id = await counter();
  const first = await writing(id, 1);
  const loser = await open();
  expect(
    isTransactionConflict(
      await rejection(
        loser
          .collection('counters')
          .doc(id)
          .update({ data: { n: 9 } }),
      ),
    ),
  ).toBe(true);
  await first.commit();
  // A retry is a new transaction, whose snapshot holds the first's commit.
  const retry = await open();
  const seen = await retry.collection('counters').doc(id).get();
  await retry
    .collection('counters')
    .doc(id)
    .update({ data: { n: seen.data.n + 10 } });
  await retry.commit();
  expect(await valueOf(id)).toBe(11);

  const rolledBack = await writing(id, 0);
  await rolledBack.rollback();
  const after = await writing(id, 12);
  await after.commit();
  expect(await valueOf(id)).toBe(12);
});

test('should conflict at the write on a document committed by someone else after the snapshot', async () => {
  const id = await counter();
  const t = await open();
  await t.collection('counters').doc(id).get();
  await db
    .collection('counters')
    .doc(id)
    .update({ data: { n: db.command.inc(7) } });
  expect(
    isTransactionConflict(
      await rejection(
        t
          .collection('counters')
          .doc(id)
          .update({ data: { n: 1 } }),
      ),
    ),
  ).toBe(true);
  expect(await valueOf(id)).toBe(7);
});

test('should release the locks of a transaction that timed out (30 s on the cloud clock)', async () => {
  const id = await counter();
  await writing(id, 1); // never ended: only the 30 s limit releases its lock
  cloud.clock.advance(31_000);
  const fresh = await writing(id, 2);
  await fresh.commit();
  expect(await valueOf(id)).toBe(2);
});

test('should commit both of two open transactions writing different documents', async () => {
  const [a, b] = [await counter(), await counter()];
  const first = await open();
  const second = await open();
  await first
    .collection('counters')
    .doc(a)
    .update({ data: { n: 1 } });
  await second
    .collection('counters')
    .doc(b)
    .update({ data: { n: 2 } });
  // Reading the other's document takes no lock.
  await second.collection('counters').doc(a).get();
  await second.commit();
  await first.commit();
  expect([await valueOf(a), await valueOf(b)]).toEqual([1, 2]);
});

test('should commit nothing of a callback that swallows its write conflict', async () => {
  const [held, other] = [await counter(), await counter()];
  const holder = await writing(held, 1);
  await expect(
    db.runTransaction(async (t: OpenTx) => {
      await t
        .collection('counters')
        .doc(other)
        .update({ data: { n: 99 } });
      await t
        .collection('counters')
        .doc(held)
        .update({ data: { n: 99 } })
        .catch(() => undefined);
    }),
  ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  await holder.rollback();
  expect([await valueOf(held), await valueOf(other)]).toEqual([0, 0]);
});

test('should ride out a write conflict in the retry loop and apply the callback once', async () => {
  const id = await counter();
  const holder = await writing(id, 100);
  let runs = 0;
  const racing = transaction(async (tx: Tx) => {
    runs++;
    const doc = await txGet<Row>(tx, 'counters', id);
    await txUpdate(tx, 'counters', id, { n: doc!.n + 1 });
    return doc!.n + 1;
  });
  // The holder commits while the loop is backing off.
  await new Promise((r) => setTimeout(r, 30));
  await holder.commit();
  await expect(racing).resolves.toBe(101);
  expect(runs).toBeGreaterThan(1);
  expect(await valueOf(id)).toBe(101);
});

test('should go on past the last round while a patient caller’s time lasts, then answer CONFLICT', async () => {
  const held = await counter();
  const holder = await writing(held, 1);
  const patienceMs = 4_000;
  let runs = 0;
  const started = performance.now();
  const e = await rejection(
    transaction(
      async (tx: Tx) => {
        runs++;
        await txUpdate(tx, 'counters', held, { n: 5 });
      },
      { patienceMs },
    ),
  );
  const spent = performance.now() - started;
  expect((e as DomainError).code).toBe(ErrorCode.CONFLICT);
  // No new round starts past the patience, and none is given up while one still fits in it.
  expect(spent).toBeGreaterThanOrEqual(patienceMs - BACKOFF_CAP_MS);
  expect(spent).toBeLessThan(patienceMs + 1_000);
  expect(runs).toBeGreaterThan(CONFLICT_ROUNDS);
  await holder.rollback();
  expect(await valueOf(held)).toBe(0);
});

test('should answer CONFLICT after the last round when the document stays locked, writing nothing', async () => {
  const [held, other] = [await counter(), await counter()];
  const holder = await writing(held, 1);
  let runs = 0;
  const e = await rejection(
    transaction(async (tx: Tx) => {
      runs++;
      await txUpdate(tx, 'counters', other, { n: 5 });
      await txUpdate(tx, 'counters', held, { n: 5 });
    }),
  );
  expect(e).toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(ErrorCode.CONFLICT);
  expect(runs).toBe(CONFLICT_ROUNDS);
  await holder.rollback();
  expect([await valueOf(held), await valueOf(other)]).toEqual([0, 0]);
});

test('should not take other errors for conflicts', async () => {
  expect(isTransactionConflict(new Error('conflict with the clerk’s note'))).toBe(false);
  expect(isTransactionConflict({ errCode: -502001, errMsg: 'E11000 duplicate key error index: _id_' })).toBe(false);
  expect(isTransactionConflict(null)).toBe(false);
  expect(isTransactionConflict('DATABASE_TRANSACTION_CONFLICT')).toBe(false);
  expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true);
});

test('should back off exponentially with full jitter, from 8 ms doubling to the cap', () => {
  const top = Array.from({ length: CONFLICT_ROUNDS }, (_, i) => backoffMs(i + 1, () => 1));
  expect(top.slice(0, 6)).toEqual([8, 16, 32, 64, 128, 256].map((v) => Math.min(v, BACKOFF_CAP_MS)));
  expect(top[0]).toBe(BACKOFF_BASE_MS);
  expect(Math.max(...top)).toBe(BACKOFF_CAP_MS);
  expect(backoffMs(3, () => 0)).toBe(0);
  expect(backoffMs(3, () => 0.5)).toBe(16);
  expect(backoffMs(1_000, () => 1)).toBe(BACKOFF_CAP_MS);
});
