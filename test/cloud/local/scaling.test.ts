/**
 * A function scales out as in the cloud: each instance serves one invocation at a time, a call that
 * finds none idle gets a new one up to the function's quota (MAX_INSTANCES), calls beyond it wait,
 * idle instances are reused and stopped after INSTANCE_IDLE_MS, and every invocation sees its own
 * identity even when instances share a thread. An invocation cut off at its timeout can do nothing
 * more, and the invocations beside it on its thread are not harmed.
 * Overlap is read from the start and end each invocation records, never from how long a call took.
 */
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

interface Run {
  tag: string;
  startedAt: number;
  endedAt: number;
  before: { OPENID?: string };
  after: { OPENID?: string };
}

/** The most invocations that were running at one moment. */
function mostAtOnce(runs: Run[]): number {
  const edges = runs.flatMap((r) => [
    { at: r.startedAt, d: 1 },
    { at: r.endedAt, d: -1 },
  ]);
  // Ends before starts at the same millisecond: touching is not overlapping.
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.d));
  return most;
}

async function sessions(cloud: TestCloud, n: number, prefix: string): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(`${cloud.url}/api/test/session`, {
        method: 'POST',
        body: JSON.stringify({ openId: `${prefix}-${i}` }),
      });
      return ((await res.json()) as { token: string }).token;
    }),
  );
}

describe('with room for every call', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    // Two threads for sixteen instances: most instances share a thread with others.
    cloud = await startTestCloud({
      functionsDir: FIXTURE_FUNCTIONS,
      triggers: false,
      maxInstances: 16,
      threadsPerFunction: 2,
    });
  });
  afterAll(async () => {
    await cloud.close();
  });

  test('should run concurrent calls of one function on instances of their own, each with its own OPENID', async () => {
    const tokens = await sessions(cloud, 12, 'scale');
    // Both threads started first (a cold thread would hold its first calls back while it loads).
    await Promise.all([1, 2].map((i) => cloud.call('whoami', { tag: `warm-${i}`, pauseMs: 200 })));
    expect(cloud.runtime.stats().threads.whoami).toBe(2);
    const runs = await Promise.all(
      tokens.map((t, i) => cloud.call<Run>('whoami', { tag: `scale-${i}`, pauseMs: 400 }, t)),
    );
    // All twelve were running at once, none waiting for another to end.
    expect(mostAtOnce(runs)).toBe(12);
    runs.forEach((r, i) => {
      expect(r.tag).toBe(`scale-${i}`);
      expect(r.before.OPENID).toBe(`scale-${i}`);
      expect(r.after.OPENID).toBe(`scale-${i}`);
    });
    expect(cloud.runtime.stats().instances.whoami).toBe(12);
    expect(cloud.runtime.stats().threads.whoami).toBe(2);
    // Warm instances are reused: the same load again starts none.
    await Promise.all(tokens.map((t, i) => cloud.call<Run>('whoami', { tag: `again-${i}`, pauseMs: 50 }, t)));
    expect(cloud.runtime.stats().instances.whoami).toBe(12);
  });

  test('should cut off an invocation at its timeout without harming the one beside it on its thread', async () => {
    const own = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false, threadsPerFunction: 1 });
    try {
      await own.call('journal', { id: 'warm', n: 0 });
      own.faults.set({ timeoutMs: { journal: 1_500 } });
      // One thread. The first call is cut off at 1.5 s and would write at 1.8 s; the second runs
      // beside it from 1 s to 2.2 s, keeping the thread alive past that write, and ends within its
      // own 1.5 s.
      const late = own.post('journal', { id: 'late', n: 1, delayMs: 1_800 });
      await new Promise((r) => setTimeout(r, 1_000));
      const onTime = await own.post('journal', { id: 'on-time', n: 2, delayMs: 1_200 });
      expect((await late).status).toBe(504);
      expect(onTime).toMatchObject({ status: 200, body: { result: { written: 'on-time' } } });
      // Past the moment the cut-off invocation wrote: its write was refused, as its container would
      // have been stopped in the cloud.
      await new Promise((r) => setTimeout(r, 500));
      const ids = (await own.db.handle({
        action: 'database.getDocument',
        collectionName: 'journal',
        queryType: 'WHERE',
        query: '{}',
        limit: 100,
      })) as { data: { list: string[] } };
      expect(ids.data.list.map((d) => (JSON.parse(d) as { _id: string })._id).sort()).toEqual(['on-time', 'warm']);
      // Its thread took no new work and stopped; the next call starts a fresh one.
      own.faults.clear();
      expect(await own.call('journal', { id: 'next', n: 3 })).toEqual({ written: 'next' });
      expect(own.runtime.stats().threads.journal).toBe(1);
    } finally {
      await own.close();
    }
    // A cloud of its own and 3 s of the function's waiting.
  }, 20_000);
});

test('should make calls beyond the function’s quota wait for an instance, never running more at once', async () => {
  const cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false, maxInstances: 3 });
  try {
    const tokens = await sessions(cloud, 9, 'quota');
    const runs = await Promise.all(tokens.map((t, i) => cloud.call<Run>('whoami', { tag: `q-${i}`, pauseMs: 200 }, t)));
    expect(mostAtOnce(runs)).toBe(3);
    runs.forEach((r, i) => expect(r.before.OPENID).toBe(`quota-${i}`));
    expect(cloud.runtime.stats().instances.whoami).toBe(3);
  } finally {
    await cloud.close();
  }
});

test('should stop instances, and then their threads, once idle for INSTANCE_IDLE_MS', async () => {
  const cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false, instanceIdleMs: 1_000 });
  try {
    // Three calls at once: three instances, on two threads, kept warm for a while.
    await Promise.all([1, 2, 3].map((i) => cloud.call<Run>('whoami', { tag: `idle-${i}`, pauseMs: 300 })));
    expect(cloud.runtime.stats().instances.whoami).toBeGreaterThan(0);
    expect(cloud.runtime.stats().threads.whoami).toBeGreaterThan(0);
    for (let i = 0; i < 100 && cloud.runtime.stats().threads.whoami! > 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(cloud.runtime.stats().instances.whoami).toBe(0);
    expect(cloud.runtime.stats().threads.whoami).toBe(0);
    // A call after that starts cold and is served.
    expect((await cloud.call<Run>('whoami', { tag: 'cold' })).tag).toBe('cold');
  } finally {
    await cloud.close();
  }
});
