/**
 * The local cloud's function runtime and gateway, through real HTTP and the real wx-server-sdk
 * inside the functions: identity per invocation, callFunction, timeouts, crashes, timer triggers.
 */
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

interface WhoAmI {
  tag: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  clockOffset: string;
}

let cloud: TestCloud;
let alice: string;
let bob: string;

beforeAll(async () => {
  // Timers only when the test ticks them: the ticker's firing times are then the test's to choose.
  // Twelve calls in flight per user below: above the default per-caller limit, which is not what
  // this file tests (flood.test.ts does).
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false, maxCallsPerCaller: 16 });
  alice = await cloud.login('alice');
  bob = await cloud.login('bob');
});

afterAll(async () => {
  await cloud.close();
});

test('should discover every function folder that has an entry, TypeScript or plain JavaScript', () => {
  expect(cloud.runtime.functionNames).toEqual(['chain', 'crash', 'journal', 'plain', 'slow', 'ticker', 'whoami']);
});

test('should give each invocation its own OPENID when two users call concurrently', async () => {
  const calls = Array.from({ length: 24 }, (_, i) => {
    const user = i % 2 === 0 ? 'alice' : 'bob';
    return cloud
      .call<WhoAmI>('whoami', { tag: `${user}-${i}`, pauseMs: 5 + (i % 4) * 10 }, user === 'alice' ? alice : bob)
      .then((r) => ({ user, r }));
  });
  const results = await Promise.all(calls);
  for (const { user, r } of results) {
    const expected = `o-demo-${user}`;
    expect(r.tag.startsWith(user)).toBe(true);
    expect(r.before.OPENID).toBe(expected);
    expect(r.after.OPENID).toBe(expected);
    expect(r.before.SOURCE).toBe('wx_client');
    expect(r.before.ENV).toBe(cloud.config.envId);
  }
  // More calls than instances: the pool never grew past its limit.
  expect(cloud.runtime.stats().instances.whoami).toBeLessThanOrEqual(4);
});

test('should run an anonymous call with an empty OPENID and refuse a forged token', async () => {
  const anon = await cloud.call<WhoAmI>('whoami', { tag: 'anon' });
  expect(anon.before.OPENID ?? '').toBe('');
  const forged = `${alice.split('.')[0]}x.${alice.split('.')[1]}`;
  const res = await cloud.post('whoami', { tag: 'x' }, forged);
  expect(res.status).toBe(401);
  expect(res.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'session invalid or expired' } });
});

test('should carry the caller identity through cloud.callFunction, reported as a chained call', async () => {
  const r = await cloud.call<{ self: Record<string, unknown>; callee: WhoAmI }>(
    'chain',
    { target: 'whoami', data: { tag: 'nested' } },
    bob,
  );
  expect(r.self.OPENID).toBe('o-demo-bob');
  expect(r.callee.tag).toBe('nested');
  expect(r.callee.before.OPENID).toBe('o-demo-bob');
  expect(r.callee.before.SOURCE).toBe('wx_client,scf');
});

test('should stop an invocation at the timeout in config.json and serve the next call with a fresh instance', async () => {
  const slow = await cloud.post('slow', { ms: 2500 });
  expect(slow.status).toBe(504);
  expect((slow.body.error as { code: string }).code).toBe('FUNCTION_TIMEOUT');
  const quick = await cloud.call<{ slept: number }>('slow', { ms: 10 });
  expect(quick).toEqual({ slept: 10 });
});

test('should answer a function that throws with FUNCTION_FAILED and keep serving', async () => {
  const res = await cloud.post('crash', {});
  expect(res.status).toBe(502);
  expect(res.body.error).toEqual({ code: 'FUNCTION_FAILED', message: 'fixture failure' });
  expect((await cloud.post('crash', {})).status).toBe(502);
});

test('should answer 404 for an unknown function and refuse bodies that are not JSON objects or too large', async () => {
  expect((await cloud.post('nope', {})).status).toBe(404);
  expect((await cloud.post('whoami', '[1,2]')).status).toBe(400);
  expect((await cloud.post('whoami', '{not json')).status).toBe(400);
  expect((await cloud.post('whoami', { tag: 'x'.repeat(70 * 1024) })).status).toBe(413);
});

test('should fire a timer trigger once its time passes on the test clock, with the timer event', async () => {
  const clockNow = async (advanceMs?: number): Promise<number> => {
    const res = await fetch(`${cloud.url}/api/test/clock`, {
      method: advanceMs === undefined ? 'GET' : 'POST',
      ...(advanceMs === undefined ? {} : { body: JSON.stringify({ advanceMs }) }),
    });
    return ((await res.json()) as { now: number }).now;
  };
  const ticks = async (): Promise<Record<string, unknown>[]> => {
    const got = (await cloud.db
      .handle({ action: 'database.getDocument', collectionName: 'ticks', queryType: 'WHERE', query: '{}', limit: 100 })
      .catch(() => ({}))) as { data?: { list?: string[] } };
    return (got.data?.list ?? []).map((s) => JSON.parse(s) as Record<string, unknown>);
  };
  const ticksReach = async (n: number): Promise<Record<string, unknown>[]> => {
    let docs = await ticks();
    for (let i = 0; i < 100 && docs.length < n; i++) {
      await new Promise((r) => setTimeout(r, 50));
      docs = await ticks();
    }
    return docs;
  };
  const ticker = () => cloud.scheduler.list().find((e) => e.fn === 'ticker')!;

  // The first firing is the minute boundary after start-up, which real time may be close to or past:
  // move the clock past it and let it fire, so the next firing is a whole minute ahead.
  if (ticker().due! - (await clockNow()) < 10_000) {
    await clockNow(ticker().due! - (await clockNow()) + 1);
    cloud.scheduler.tick();
  }
  const already = (await ticksReach(cloud.scheduler.firedCount)).length;
  const before = cloud.scheduler.firedCount;
  expect(already).toBe(before);

  cloud.scheduler.tick();
  expect(cloud.scheduler.firedCount).toBe(before); // not due yet
  await clockNow(61_000);
  const tick = await fetch(`${cloud.url}/api/test/triggers/tick`, { method: 'POST' });
  expect(((await tick.json()) as { fired: number }).fired).toBe(before + 1);
  const docs = await ticksReach(before + 1);
  expect(docs).toHaveLength(before + 1);
  expect(docs.at(-1)).toMatchObject({
    type: 'Timer',
    trigger: 'every-minute',
    source: 'wx_trigger',
    triggerSrc: 'timer',
  });
  // The functions see the moved clock too.
  const who = await cloud.call<WhoAmI>('whoami', { tag: 'clock' });
  expect(Number(who.clockOffset)).toBeGreaterThanOrEqual(61_000);
});

test('should give demo users signed sessions and refuse unknown ones', async () => {
  const bad = await fetch(`${cloud.url}/api/dev/login`, { method: 'POST', body: JSON.stringify({ user: 'mallory' }) });
  expect(bad.status).toBe(400);
  const users = (await (await fetch(`${cloud.url}/api/dev/users`)).json()) as { users: { role: string }[] };
  expect(users.users.map((u) => u.role).sort()).toEqual(['clerk', 'holder', 'operator', 'recipient']);
});

test('should stop busy instances too when the runtime closes, answering their callers', async () => {
  const own = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS });
  const running = own.runtime.invoke('slow', { ms: 800 }, { openId: 'o', appId: 'a', source: 'wx_client' });
  await new Promise((r) => setTimeout(r, 300));
  expect(own.runtime.stats().instances.slow).toBe(1);
  const closing = own.close();
  await expect(running).rejects.toThrow('runtime closed');
  await closing;
});
