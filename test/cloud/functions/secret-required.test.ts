/**
 * A deployment with a missing or short GIFTCARD_SECRET fails loudly: the real functions, run by the
 * local cloud's runtime through the real SDK, refuse to load, so no purchase, payment settlement or
 * code hash ever happens on a weak key. The local cloud itself derives a 64-hex key; these tests run
 * the same function folders in a second runtime whose environment carries the key under test.
 */
import path from 'node:path';
import { discoverFunctions } from '../../../cloudfunctions/local/runtime/discover';
import { FunctionRuntime } from '../../../cloudfunctions/local/runtime/runtime';
import { createInput } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs } from '../support/money-invariants';

jest.setTimeout(120_000);

const FUNCTIONS = path.resolve(__dirname, '..', '..', '..', 'cloudfunctions', 'functions');
const CLIENT = { openId: 'o-demo-alice', appId: 'wx-test', source: 'wx_client' };

let cloud: TestCloud;
const runtimes: FunctionRuntime[] = [];

/** The real functions with the local cloud's database and pay system, and `secret` as their key. */
function runtimeWithSecret(secret: string | undefined): FunctionRuntime {
  const env: Record<string, string> = {
    ...cloud.sdkEnv,
    LOCAL_PAY_URL: `${cloud.url}/pay`,
    LOCAL_OUTBOX_URL: `${cloud.url}/outbox`,
  };
  if (secret !== undefined) env.GIFTCARD_SECRET = secret;
  const rt = new FunctionRuntime({ functions: discoverFunctions(FUNCTIONS), baseEnv: env, maxInstances: 1 });
  runtimes.push(rt);
  return rt;
}

beforeAll(async () => {
  delete process.env.GIFTCARD_SECRET; // instances inherit this process's environment
  cloud = await startTestCloud({ triggers: false });
});

afterAll(async () => {
  for (const rt of runtimes) await rt.close();
  await cloud.close();
});

test('should refuse to run orders with a 31-character secret, and create no order', async () => {
  const rt = runtimeWithSecret('a'.repeat(31));
  await expect(rt.invoke('orders', createInput(), CLIENT)).rejects.toMatchObject({
    code: 'FUNCTION_LOAD_FAILED',
    message: expect.stringContaining('GIFTCARD_SECRET must be at least 32 characters (it has 31)'),
  });
  expect(await allDocs(cloud, 'orders')).toEqual([]);
});

test('should refuse every function that hashes codes when the secret is missing', async () => {
  const rt = runtimeWithSecret(undefined);
  for (const name of ['gifts', 'merchant', 'orders', 'payCallback', 'wallet']) {
    await expect(rt.invoke(name, { action: 'list' }, CLIENT)).rejects.toMatchObject({
      code: 'FUNCTION_LOAD_FAILED',
      message: expect.stringContaining('GIFTCARD_SECRET must be at least 32 characters (it has 0)'),
    });
  }
});

test('should run with a 32-character secret, and run catalog, which holds no codes, without one', async () => {
  const withKey = runtimeWithSecret('b'.repeat(32));
  const cards = await withKey.invoke('wallet', { action: 'list' }, CLIENT);
  expect(cards).toMatchObject({ ok: true });
  const noKey = runtimeWithSecret(undefined);
  const categories = await noKey.invoke('catalog', { action: 'categories' }, CLIENT);
  expect(categories).toMatchObject({ ok: true });
});
