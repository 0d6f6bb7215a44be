/**
 * The local cloud database as wx-server-sdk sees it: every query command, update operator and
 * aggregate stage the project uses, the cloud's limits and errors, and transactions — commit,
 * rollback, conflicts retried, snapshot reads, `where` refused, timeout.
 */
import { connectSdk, type Db } from '../support/sdk';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

jest.setTimeout(30_000);

let cloud: TestCloud;
let db: Db;
type Row = Record<string, unknown> & { _id: string };
/** What a transaction callback gets (the SDK's typings leave it `any`). */
interface Tx {
  collection(name: string): {
    doc(id: string): { get(): Promise<unknown>; update(o: { data: object }): Promise<unknown> };
    add(o: { data: object }): Promise<unknown>;
  };
}

async function rows(p: Promise<unknown> | unknown): Promise<Row[]> {
  return ((await p) as { data: Row[] }).data;
}

async function ids(p: Promise<unknown> | unknown): Promise<string[]> {
  return (await rows(p)).map((r) => r._id).sort();
}

beforeAll(async () => {
  cloud = await startTestCloud();
  ({ db } = connectSdk(cloud));
  await db.createCollection('items');
  const docs = [
    { _id: 'a', n: 1, tag: 'x', tags: ['red', 'big'], nested: { k: 1, j: 'q' }, name: 'Apple' },
    { _id: 'b', n: 2, tag: 'y', tags: ['blue'], nested: { k: 2 }, name: 'banana' },
    { _id: 'c', n: 3, tag: 'x', tags: [], name: 'Cherry' },
    { _id: 'd', n: 4, tag: 'z', tags: ['red'] },
  ];
  for (const d of docs) await db.collection('items').add({ data: d });
});

afterAll(async () => {
  await cloud.close();
});

describe('queries', () => {
  const _ = () => db.command;
  const where = (q: object) => db.collection('items').where(q).get();

  test('should match every comparison and logical command', async () => {
    expect(await ids(where({ n: _().eq(2) }))).toEqual(['b']);
    expect(await ids(where({ n: _().neq(2) }))).toEqual(['a', 'c', 'd']);
    expect(await ids(where({ n: _().gt(2) }))).toEqual(['c', 'd']);
    expect(await ids(where({ n: _().gte(2).and(_().lt(4)) }))).toEqual(['b', 'c']);
    expect(await ids(where({ n: _().lte(1) }))).toEqual(['a']);
    expect(await ids(where({ tag: _().in(['x', 'z']) }))).toEqual(['a', 'c', 'd']);
    expect(await ids(where({ tag: _().nin(['x', 'z']) }))).toEqual(['b']);
    expect(await ids(where(_().or([{ n: 1 }, { tag: 'z' }])))).toEqual(['a', 'd']);
    expect(await ids(where(_().and([{ tag: 'x' }, { n: _().gt(1) }])))).toEqual(['c']);
    expect(await ids(where({ name: _().exists(false) }))).toEqual(['d']);
    expect(await ids(where({ tags: _().size(0) }))).toEqual(['c']);
    expect(await ids(where({ tags: _().all(['red', 'big']) }))).toEqual(['a']);
    expect(await ids(where({ tags: 'red' }))).toEqual(['a', 'd']);
    expect(await ids(where({ 'nested.k': 2 }))).toEqual(['b']);
    expect(await ids(where({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) }))).toEqual(['a', 'b']);
  });

  test('should order, skip, limit and project', async () => {
    const page = await rows(
      db.collection('items').where({}).orderBy('n', 'desc').skip(1).limit(2).field({ n: true }).get(),
    );
    expect(page).toEqual([
      { _id: 'c', n: 3 },
      { _id: 'b', n: 2 },
    ]);
    const total = (await db.collection('items').where({ tag: 'x' }).count()) as { total: number };
    expect(total.total).toBe(2);
  });

  test('should return 100 documents by default and at most 1000', async () => {
    await db.createCollection('many');
    await Promise.all(Array.from({ length: 120 }, (_x, i) => db.collection('many').add({ data: { i } })));
    expect((await rows(db.collection('many').get())).length).toBe(100);
    expect((await rows(db.collection('many').limit(5000).get())).length).toBe(120);
  });

  test('should throw for a missing document unless throwOnNotFound is false', async () => {
    await expect(db.collection('items').doc('nope').get()).rejects.toThrow(/does not exist/);
    const { sdk } = connectSdk(cloud);
    const lenient = sdk.database({ throwOnNotFound: false } as Parameters<typeof sdk.database>[0]);
    const res = (await lenient.collection('items').doc('nope').get()) as { data: unknown };
    expect(res.data).toBeFalsy();
  });

  test('should refuse a collection that does not exist', async () => {
    await expect(db.collection('ghost').where({}).get()).rejects.toMatchObject({ errCode: expect.anything() });
  });
});

describe('writes and update operators', () => {
  test('should round-trip dates and resolve serverDate on the server clock', async () => {
    const when = new Date('2026-11-22T08:00:00.000Z');
    const before = Date.now();
    await db.collection('items').add({ data: { _id: 'dates', at: when, stamped: db.serverDate() } });
    const doc = (await rows(db.collection('items').where({ _id: 'dates' }).get()))[0]!;
    expect(doc.at).toEqual(when);
    expect(doc.stamped).toBeInstanceOf(Date);
    expect((doc.stamped as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const later = await rows(
      db
        .collection('items')
        .where({ stamped: db.command.gt(new Date(before - 60_000)) })
        .get(),
    );
    expect(later.map((r) => r._id)).toEqual(['dates']);
  });

  test('should apply every update operator and merge nested objects field by field', async () => {
    const _ = db.command;
    await db.collection('items').add({
      data: { _id: 'u', n: 10, m: 3, arr: [1, 2, 3], set: ['a'], o: { a: 1, b: 2 }, gone: true, lo: 5, hi: 5 },
    });
    await db
      .collection('items')
      .doc('u')
      .update({
        data: {
          n: _.inc(-4),
          m: _.mul(2),
          arr: _.push([4]),
          set: _.addToSet('a'),
          o: { a: 9 },
          gone: _.remove(),
          lo: _.min(2),
          hi: _.max(8),
        },
      });
    await db
      .collection('items')
      .doc('u')
      .update({ data: { arr: _.pull(2) } });
    await db
      .collection('items')
      .doc('u')
      .update({ data: { arr: _.shift() } });
    await db
      .collection('items')
      .doc('u')
      .update({ data: { arr: _.unshift([0]) } });
    await db
      .collection('items')
      .doc('u')
      .update({ data: { arr: _.pop() } });
    const u = (await rows(db.collection('items').where({ _id: 'u' }).get()))[0]!;
    expect(u).toEqual({ _id: 'u', n: 6, m: 6, arr: [0, 3], set: ['a'], o: { a: 9, b: 2 }, lo: 2, hi: 8 });
  });

  test('should replace the whole document with set and upsert a missing one', async () => {
    await db
      .collection('items')
      .doc('u')
      .set({ data: { only: 1 } });
    expect((await rows(db.collection('items').where({ _id: 'u' }).get()))[0]).toEqual({ _id: 'u', only: 1 });
    await db
      .collection('items')
      .doc('fresh')
      .set({ data: { v: 1 } });
    expect(await ids(db.collection('items').where({ v: 1 }).get())).toEqual(['fresh']);
  });

  test('should update and remove many by a condition, reporting the counts', async () => {
    await db.createCollection('bulk');
    for (let i = 0; i < 5; i++) await db.collection('bulk').add({ data: { i, even: i % 2 === 0 } });
    const upd = (await db
      .collection('bulk')
      .where({ even: true })
      .update({ data: { seen: true } })) as { stats: { updated: number } };
    expect(upd.stats.updated).toBe(3);
    const conditional = (await db
      .collection('bulk')
      .where({ i: 1, even: false })
      .update({ data: { i: db.command.inc(10) } })) as {
      stats: { updated: number };
    };
    expect(conditional.stats.updated).toBe(1);
    const none = (await db
      .collection('bulk')
      .where({ i: 1 })
      .update({ data: { x: 1 } })) as { stats: { updated: number } };
    expect(none.stats.updated).toBe(0);
    const rm = (await db.collection('bulk').where({ seen: true }).remove()) as { stats: { removed: number } };
    expect(rm.stats.removed).toBe(3);
    expect(((await db.collection('bulk').count()) as { total: number }).total).toBe(2);
  });

  test('should refuse a second document with the same _id and keep the first', async () => {
    await expect(db.collection('items').add({ data: { _id: 'a', n: 99 } })).rejects.toBeDefined();
    expect((await rows(db.collection('items').where({ _id: 'a' }).get()))[0]!.n).toBe(1);
  });
});

test('should run the aggregate stages: match, group, sort, project, unwind, lookup, count', async () => {
  const $ = db.command.aggregate;
  const grouped = (await db
    .collection('items')
    .aggregate()
    .match({ n: db.command.lte(4) })
    .group({ _id: '$tag', total: $.sum('$n'), count: $.sum(1) })
    .sort({ _id: 1 })
    .end()) as { list: Row[] };
  expect(grouped.list).toEqual([
    { _id: 'x', total: 4, count: 2 },
    { _id: 'y', total: 2, count: 1 },
    { _id: 'z', total: 4, count: 1 },
  ]);
  const unwound = (await db
    .collection('items')
    .aggregate()
    .match({ _id: 'a' })
    .unwind('$tags')
    .project({ _id: 0, tags: 1 })
    .end()) as {
    list: Row[];
  };
  expect(unwound.list).toEqual([{ tags: 'red' }, { tags: 'big' }]);
  await db.createCollection('owners');
  await db.collection('owners').add({ data: { _id: 'o1', item: 'a', who: 'alice' } });
  const joined = (await db
    .collection('items')
    .aggregate()
    .match({ _id: 'a' })
    .lookup({ from: 'owners', localField: '_id', foreignField: 'item', as: 'owners' })
    .project({ owners: 1 })
    .end()) as { list: Row[] };
  expect(joined.list).toEqual([{ _id: 'a', owners: [{ _id: 'o1', item: 'a', who: 'alice' }] }]);
  const counted = (await db.collection('items').aggregate().match({ tag: 'x' }).count('n').end()) as { list: Row[] };
  expect(counted.list).toEqual([{ n: 2 }]);
});

describe('transactions', () => {
  beforeAll(async () => {
    await db.createCollection('accounts');
    await db.collection('accounts').add({ data: { _id: 'acc', balance: 100 } });
  });

  const balance = async (): Promise<number> =>
    (await rows(db.collection('accounts').where({ _id: 'acc' }).get()))[0]!.balance as number;

  test('should commit reads and writes of the callback together', async () => {
    const result = await db.runTransaction(async (t: Tx) => {
      const acc = (await t.collection('accounts').doc('acc').get()) as { data: { balance: number } };
      await t
        .collection('accounts')
        .doc('acc')
        .update({ data: { balance: acc.data.balance - 10 } });
      await t.collection('accounts').add({ data: { _id: 'log-1', amount: 10 } });
      return acc.data.balance;
    });
    expect(result).toBe(100);
    expect(await balance()).toBe(90);
    expect(await ids(db.collection('accounts').where({ amount: 10 }).get())).toEqual(['log-1']);
  });

  test('should roll back every write when the callback throws', async () => {
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t
          .collection('accounts')
          .doc('acc')
          .update({ data: { balance: 0 } });
        await t.collection('accounts').add({ data: { _id: 'log-2', amount: 90 } });
        throw new Error('insufficient');
      }),
    ).rejects.toThrow('insufficient');
    expect(await balance()).toBe(90);
    expect(await ids(db.collection('accounts').where({ _id: 'log-2' }).get())).toEqual([]);
  });

  test('should retry the callback after a forced conflict and apply its effect once', async () => {
    let runs = 0;
    cloud.db.forceConflicts(1, 'accounts');
    await db.runTransaction(async (t: Tx) => {
      runs++;
      const acc = (await t.collection('accounts').doc('acc').get()) as { data: { balance: number } };
      await t
        .collection('accounts')
        .doc('acc')
        .update({ data: { balance: acc.data.balance - 5 } });
    });
    expect(runs).toBe(2);
    expect(await balance()).toBe(85);
  });

  test('should give up after three conflicting tries and change nothing', async () => {
    let runs = 0;
    cloud.db.forceConflicts(10, 'accounts');
    await expect(
      db.runTransaction(async (t: Tx) => {
        runs++;
        await t
          .collection('accounts')
          .doc('acc')
          .update({ data: { balance: 0 } });
      }),
    ).rejects.toThrow('database transaction conflict');
    cloud.db.forceConflicts(0);
    // The first try and wx-server-sdk's three retries.
    expect(runs).toBe(4);
    expect(await balance()).toBe(85);
  });

  test('should never lose an update when transactions race on one document', async () => {
    const start = await balance();
    const attempts = 12;
    const outcomes = await Promise.allSettled(
      Array.from({ length: attempts }, () =>
        db.runTransaction(async (t: Tx) => {
          const acc = (await t.collection('accounts').doc('acc').get()) as { data: { balance: number } };
          await new Promise((r) => setTimeout(r, 5));
          await t
            .collection('accounts')
            .doc('acc')
            .update({ data: { balance: acc.data.balance - 1 } });
        }),
      ),
    );
    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBeGreaterThan(0);
    // Every committed decrement is there, and no other: read-modify-write inside a transaction is safe.
    expect(await balance()).toBe(start - committed);
  });

  test('should read from its snapshot and conflict at the write on a document committed after it', async () => {
    const t = (await db.startTransaction()) as Tx & { commit(): Promise<unknown>; rollback(): Promise<unknown> };
    const first = (await t.collection('accounts').doc('acc').get()) as { data: { balance: number } };
    await db
      .collection('accounts')
      .doc('acc')
      .update({ data: { balance: db.command.inc(1000) } });
    const again = (await t.collection('accounts').doc('acc').get()) as { data: { balance: number } };
    expect(again.data.balance).toBe(first.data.balance);
    // MongoDB's WriteConflict: the write itself fails (errMsg carries the code) and ends the transaction.
    await expect(
      t
        .collection('accounts')
        .doc('acc')
        .update({ data: { balance: 1 } }),
    ).rejects.toMatchObject({ errMsg: expect.stringContaining('DATABASE_TRANSACTION_CONFLICT') });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(await balance()).toBe(first.data.balance + 1000);
  });

  test('should refuse a where query inside a transaction', async () => {
    const t = (await db.startTransaction()) as Tx & { commit(): Promise<unknown>; rollback(): Promise<unknown> };
    const inTx = t.collection('accounts') as unknown as { where: (q: object) => { get: () => Promise<unknown> } };
    await expect(inTx.where({ balance: db.command.gt(0) }).get()).rejects.toMatchObject({
      errMsg: expect.stringMatching(/only doc\(\) reads and writes and add\(\) are allowed inside a transaction/),
    });
    await t.rollback();
  });

  test('should time out a transaction after 30 seconds on the cloud clock', async () => {
    const t = (await db.startTransaction()) as Tx & { commit(): Promise<unknown>; rollback(): Promise<unknown> };
    await t.collection('accounts').doc('acc').get();
    cloud.clock.advance(31_000);
    await expect(
      t
        .collection('accounts')
        .doc('acc')
        .update({ data: { balance: 0 } }),
    ).rejects.toThrow(/timed out/);
    expect(await balance()).not.toBe(0);
  });
});
