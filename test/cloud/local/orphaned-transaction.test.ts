/**
 * A transaction nobody ends cannot hold the database's memory or its documents: through the real
 * wx-server-sdk, one left open is aborted at 30 s on the engine's own clock (with no call arriving
 * to notice), its write locks go with it, and the earlier versions of documents kept for open
 * transactions are only those one of them can still read — none once it is gone.
 */
import { connectSdk, type Db } from '../support/sdk';
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';
import { waitFor } from '../support/calls';

jest.setTimeout(60_000);

/** An open transaction as wx-server-sdk's startTransaction gives it (its typings leave it `any`). */
interface OpenTx {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: { n: number } }>;
      update(o: { data: object }): Promise<unknown>;
    };
  };
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}

const DOCS = 5_000;
let cloud: TestCloud;
let db: Db;

beforeAll(async () => {
  cloud = await startTestCloud({ dataDir: ':memory:', functionsDir: FIXTURE_FUNCTIONS, triggers: false });
  ({ db } = connectSdk(cloud));
  await db.createCollection('orphans');
  for (let i = 0; i < DOCS; i += 500) {
    const batch = Array.from({ length: 500 }, (_, j) => ({ _id: `d-${i + j}`, n: 0 }));
    await db.collection('orphans').add({ data: batch as unknown as object });
  }
});

afterAll(async () => {
  await cloud.close();
});

const open = async (): Promise<OpenTx> => (await db.startTransaction()) as unknown as OpenTx;
const stats = () => cloud.db.stats();
const setAll = (n: number) =>
  db
    .collection('orphans')
    .where({ n: db.command.gte(0) })
    .update({ data: { n } });

test('should abort a transaction left open at 30 s, dropping its locks and every version kept for it', async () => {
  const orphan = await open();
  await orphan
    .collection('orphans')
    .doc('d-0')
    .update({ data: { n: -1 } });
  expect(stats()).toMatchObject({ openTransactions: 1, retainedVersions: 0 });

  // 5,000 documents written outside it: the orphan can read each one's earlier version, except
  // d-0's, where it reads its own write.
  expect(await setAll(1)).toMatchObject({ stats: { updated: DOCS } });
  expect(stats().retainedVersions).toBe(DOCS - 1);
  // Written again: the versions in between are visible to no open transaction and are not kept.
  await setAll(2);
  expect(stats().retainedVersions).toBe(DOCS - 1);
  expect((await orphan.collection('orphans').doc('d-1').get()).data.n).toBe(0);

  // Its write lock holds meanwhile: another transaction can't write d-0.
  const blocked = await open();
  await expect(
    blocked
      .collection('orphans')
      .doc('d-0')
      .update({ data: { n: 9 } }),
  ).rejects.toBeTruthy();

  // No call comes after the clock passes 30 s: the engine ends it by itself.
  cloud.clock.advance(30_000);
  await waitFor('the orphaned transaction to be aborted', async () =>
    stats().openTransactions === 0 ? true : undefined,
  );
  expect(stats().retainedVersions).toBe(0);
  await expect(orphan.commit()).rejects.toBeTruthy();

  // Its lock went with it: a new transaction writes d-0 and commits; the orphan's write never landed.
  const next = await open();
  expect((await next.collection('orphans').doc('d-0').get()).data.n).toBe(2);
  await next
    .collection('orphans')
    .doc('d-0')
    .update({ data: { n: 3 } });
  await next.commit();
  expect(((await db.collection('orphans').doc('d-0').get()) as { data: unknown }).data).toMatchObject({ n: 3 });
  expect(stats()).toMatchObject({ openTransactions: 0, retainedVersions: 0 });
});

test('should keep a version only while a transaction that can read it is open, and read it by its snapshot', async () => {
  const reader = await open();
  await db
    .collection('orphans')
    .doc('d-7')
    .update({ data: { n: 70 } });
  // Removed and created again: the reader still sees the body it started with.
  await db.collection('orphans').doc('d-8').remove();
  await db.collection('orphans').add({ data: { _id: 'd-8', n: 80 } });
  expect(stats().retainedVersions).toBe(2);
  expect((await reader.collection('orphans').doc('d-7').get()).data.n).toBe(2);
  expect((await reader.collection('orphans').doc('d-8').get()).data.n).toBe(2);
  await reader.rollback();
  expect(stats()).toMatchObject({ openTransactions: 0, retainedVersions: 0 });
});
