/**
 * A flood cannot make honest callers wait: one caller's calls in flight are limited (session OPENID,
 * or address when anonymous) and each function's queue is bounded; past either the gateway answers
 * 503 with Retry-After at once. Timer triggers and WeChat Pay's callback are never refused.
 */
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startTestCloud({
    functionsDir: FIXTURE_FUNCTIONS,
    triggers: false,
    maxInstances: 2,
    maxCallsPerCaller: 4,
    maxWaitingCalls: 6,
  });
});

afterAll(async () => {
  await cloud.close();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { result?: unknown; error?: { code: string } };
}

async function post(name: string, body: unknown, token?: string): Promise<Answer> {
  const res = await fetch(`${cloud.url}/api/functions/${name}`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Answer['body'] };
}

async function session(openId: string): Promise<string> {
  const res = await fetch(`${cloud.url}/api/test/session`, { method: 'POST', body: JSON.stringify({ openId }) });
  return ((await res.json()) as { token: string }).token;
}

test('should answer a flood from one anonymous client with 503 and Retry-After while another caller is served', async () => {
  const alice = await cloud.login('alice');
  const flood = Array.from({ length: 40 }, () => post('slow', { ms: 400 }));
  const honest = await post('slow', { ms: 10 }, alice);
  expect(honest).toMatchObject({ status: 200, body: { result: { slept: 10 } } });
  const answers = await Promise.all(flood);
  const served = answers.filter((a) => a.status === 200);
  const refused = answers.filter((a) => a.status !== 200);
  for (const a of served) expect(a.body.result).toEqual({ slept: 400 });
  for (const a of refused)
    expect(a).toMatchObject({ status: 503, retryAfter: '1', body: { error: { code: 'TOO_MANY_CALLS' } } });
  // At most 4 of its calls were ever in flight; the rest were turned away, not queued.
  expect(served.length).toBeGreaterThanOrEqual(4);
  expect(refused.length).toBeGreaterThanOrEqual(30);
});

test('should refuse a call past the function’s full queue with 503, and still queue a timer’s call', async () => {
  const tokens = await Promise.all(Array.from({ length: 12 }, (_, i) => session(`flood-${i}`)));
  // 2 instances busy, 6 calls waiting: the other 4 callers are turned away at once.
  const calls = tokens.map((t) => post('slow', { ms: 400 }, t));
  const first = await Promise.race(calls);
  expect(first).toMatchObject({ status: 503, retryAfter: '1', body: { error: { code: 'FUNCTION_BUSY' } } });
  // The queue is full now; the platform's own invocations wait in it all the same.
  const timer = cloud.runtime.invoke('slow', { ms: 1 }, { openId: '', appId: 'wx-test', source: 'wx_trigger' });
  const pay = cloud.runtime.invoke('slow', { ms: 2 }, { openId: '', appId: 'wx-test', source: 'wx_paycallback' });
  const answers = await Promise.all(calls);
  expect(answers.filter((a) => a.status === 200).map((a) => a.body.result)).toEqual(Array(8).fill({ slept: 400 }));
  expect(answers.filter((a) => a.status === 503)).toHaveLength(4);
  await expect(timer).resolves.toEqual({ slept: 1 });
  await expect(pay).resolves.toEqual({ slept: 2 });
});

test('should hold one anonymous address to its calls a second, answering past it 503 after a pause, and not a signed-in caller', async () => {
  // Calls that answer fast never reach the in-flight limit: the rate is what stops them.
  const rounds = async (token?: string) => {
    const answers: (Answer & { ms: number })[] = [];
    const started = performance.now();
    for (let i = 0; i < 20; i++)
      answers.push(
        ...(await Promise.all(
          [1, 2, 3].map(async () => {
            const t0 = performance.now();
            const a = await post('slow', { ms: 1 }, token);
            return { ...a, ms: performance.now() - t0 };
          }),
        )),
      );
    return { answers, seconds: (performance.now() - started) / 1000 };
  };
  const anonymous = await rounds();
  const served = anonymous.answers.filter((a) => a.status === 200).length;
  const refused = anonymous.answers.filter((a) => a.status !== 200);
  // ANON_CALLS_PER_SECOND's default: 20 a second, in bursts of up to 40.
  expect(served).toBeGreaterThanOrEqual(40);
  expect(served).toBeLessThanOrEqual(40 + Math.ceil(20 * anonymous.seconds) + 1);
  expect(refused.length).toBe(60 - served);
  expect(refused.length).toBeGreaterThan(0);
  for (const a of refused) {
    expect(a).toMatchObject({ status: 503, retryAfter: '1', body: { error: { code: 'TOO_MANY_CALLS' } } });
    // Held before the refusal: a flood that ignores Retry-After asks no faster than that.
    expect(a.ms).toBeGreaterThanOrEqual(450);
  }
  const signedIn = await rounds(await session('flood-rate'));
  expect(signedIn.answers.every((a) => a.status === 200)).toBe(true);
});
