/**
 * The SOURCE each kind of invocation reports through the real wx-server-sdk's getWXContext(), and
 * the timer's event and TRIGGER_SRC, as WeChat Cloud sets them. The values are from the
 * Cloud.getWXContext reference and the SCF timer trigger docs (shared/platform.md, first table):
 * `wx_client` from the mini-program, `wx_trigger` from a timer, the caller's chain plus `scf` from
 * another function; there is no `wx_timer`, `wx_http` for our gateway or `wx_server`.
 */
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

interface WhoAmI {
  before: { SOURCE?: string; OPENID?: string };
  triggerSrc: string | null;
}

interface Chained {
  self: { SOURCE?: string };
  callee: WhoAmI;
}

let cloud: TestCloud;
let bob: string;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false });
  bob = await cloud.login('bob');
});

afterAll(async () => {
  await cloud.close();
});

async function ticks(): Promise<Record<string, unknown>[]> {
  const got = (await cloud.db.handle({
    action: 'database.getDocument',
    collectionName: 'ticks',
    queryType: 'WHERE',
    query: '{}',
    limit: 100,
  })) as { data?: { list?: string[] } };
  return (got.data?.list ?? []).map((s) => JSON.parse(s) as Record<string, unknown>);
}

test('should report wx_client to a function called through the gateway, with no TRIGGER_SRC', async () => {
  const r = await cloud.call<WhoAmI>('whoami', { tag: 'client' }, bob);
  expect(r.before.SOURCE).toBe('wx_client');
  expect(r.triggerSrc).toBeNull();
});

test('should report the caller’s chain plus scf to a function called by another function', async () => {
  const once = await cloud.call<Chained>('chain', { target: 'whoami', data: { tag: 'one' } }, bob);
  expect(once.self.SOURCE).toBe('wx_client');
  expect(once.callee.before.SOURCE).toBe('wx_client,scf');
  expect(once.callee.before.OPENID).toBe('o-demo-bob');

  const twice = await cloud.call<{ callee: Chained }>(
    'chain',
    { target: 'chain', data: { target: 'whoami', data: { tag: 'two' } } },
    bob,
  );
  expect(twice.callee.self.SOURCE).toBe('wx_client,scf');
  expect(twice.callee.callee.before.SOURCE).toBe('wx_client,scf,scf');
  expect(twice.callee.callee.triggerSrc).toBeNull();
});

test('should fire a timer as wx_trigger with TRIGGER_SRC=timer and the SCF timer event', async () => {
  const ticker = () => cloud.scheduler.list().find((e) => e.fn === 'ticker')!;
  const due = ticker().due!;
  const before = (await ticks()).length;
  cloud.clock.advance(Math.max(0, due - cloud.clock.now()) + 1);
  cloud.scheduler.tick();
  let docs = await ticks();
  for (let i = 0; i < 200 && docs.length === before; i++) {
    await new Promise((r) => setTimeout(r, 25));
    docs = await ticks();
  }
  const fired = docs.at(-1)!;
  expect(fired).toMatchObject({
    type: 'Timer',
    trigger: 'every-minute',
    message: '',
    source: 'wx_trigger',
    triggerSrc: 'timer',
  });
  // ISO 8601 in UTC to the second, no milliseconds: the firing time the trigger was due at.
  expect(fired.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(Date.parse(fired.time as string)).toBe(due);
});

test('should set TRIGGER_SRC for the timer’s invocation only, not for the next call the instance serves', async () => {
  const asTimer = (await cloud.runtime.invoke(
    'whoami',
    { tag: 'timer' },
    { openId: '', appId: 'wx-test', source: 'wx_trigger' },
  )) as WhoAmI;
  expect(asTimer.triggerSrc).toBe('timer');
  expect(asTimer.before.SOURCE).toBe('wx_trigger');
  // Sequential calls reuse the idle instance: the variable must have been cleared for this one.
  const next = await cloud.call<WhoAmI>('whoami', { tag: 'after' }, bob);
  expect(next.before.SOURCE).toBe('wx_client');
  expect(next.triggerSrc).toBeNull();
});
