/**
 * One request cannot hurt another caller's invocation: an event nested too deep to be handed to an
 * instance (structured clone overflows its stack) is refused up front as a function's own
 * INVALID_ARGUMENT refusal, and whatever still fails to reach an instance fails alone.
 */
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false, maxInstances: 1 });
});

afterAll(async () => {
  await cloud.close();
});

/** 10,000 levels of arrays in a 20 kB body: under the gateway's size limit. */
const DEEP_BODY = `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;

test('should refuse a body nested 10,000 deep as INVALID_ARGUMENT and still serve an honest call on the same function', async () => {
  const deep = await cloud.post('slow', DEEP_BODY);
  expect(deep.status).toBe(200);
  expect(deep.body.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  // The slow fixture times out at 1 s. An honest call running on the same instance across that
  // moment (from 0.3 s to 1.2 s after the deep one) is what a timer left armed by it would kill.
  await new Promise((r) => setTimeout(r, 300));
  const honest = await cloud.post('slow', { ms: 900 });
  expect(honest).toEqual({ status: 200, body: { result: { slept: 900 } } });
  const again = await cloud.post('slow', { ms: 10 });
  expect(again).toEqual({ status: 200, body: { result: { slept: 10 } } });
});

test('should accept an event nested 64 deep and refuse one nested 65 deep', async () => {
  // The body itself is level 1.
  const nested = (levels: number): string => `{"ms":1,"a":${'{"a":'.repeat(levels - 2)}{}${'}'.repeat(levels - 1)}`;
  expect(await cloud.post('slow', nested(64))).toEqual({ status: 200, body: { result: { slept: 1 } } });
  const refused = await cloud.post('slow', nested(65));
  expect(refused.body.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
});

test('should refuse a too-deep event passed on by cloud.callFunction as the callee’s own INVALID_ARGUMENT', async () => {
  const r = await cloud.call<{ callee: unknown }>('chain', { target: 'whoami', data: { tag: 'deep' }, nest: 80 });
  expect(r.callee).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  const fine = await cloud.call<{ callee: { tag: string } }>('chain', {
    target: 'whoami',
    data: { tag: 'ok' },
    nest: 3,
  });
  expect(fine.callee).toMatchObject({ before: expect.any(Object) });
});

test('should refuse cloud.callFunction data over 100 kB with the platform’s EXCEED_MAX_PAYLOAD_SIZE', async () => {
  const big = await cloud.post('chain', { target: 'whoami', data: { tag: 'big' }, padKb: 101 });
  expect(big.status).toBe(502);
  // wx-server-sdk keeps the message only: the calling function fails with it.
  expect(big.body.error).toMatchObject({
    code: 'FUNCTION_FAILED',
    message: expect.stringMatching(/over 102400 bytes/),
  });
  const fits = await cloud.call<{ callee: { tag: string } }>('chain', {
    target: 'whoami',
    data: { tag: 'ok' },
    padKb: 90,
  });
  expect(fits.callee.tag).toBe('ok');
});

test('should fail only the invocation whose event cannot be handed to the instance, releasing the instance', async () => {
  const invoker = { openId: '', appId: 'wx-test', source: 'wx_client' };
  // A function can't be cloned: postMessage throws, as it does on a stack overflow.
  await expect(cloud.runtime.invoke('slow', { ms: 1, f: () => 1 }, invoker)).rejects.toMatchObject({
    code: 'FUNCTION_FAILED',
  });
  expect(cloud.runtime.stats().instances.slow).toBe(1);
  // Longer than the failed call's 1 s timeout would have left it: nothing armed for it kills this.
  await new Promise((r) => setTimeout(r, 200));
  await expect(cloud.runtime.invoke('slow', { ms: 1_000 - 100 }, invoker)).resolves.toEqual({ slept: 900 });
});
