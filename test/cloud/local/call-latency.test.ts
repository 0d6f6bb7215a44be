/**
 * The latency model (LOCAL_CLOUD_CALL_LATENCY_MS): every request the real wx-server-sdk makes to the
 * local cloud — database calls, WeChat Pay calls, function → function calls — waits one modelled
 * network round trip before it is answered. Counted per request; the time only loosely, as a floor
 * (a delay is never shorter than 75 % of the setting).
 */
import { connectSdk, type Db } from '../support/sdk';
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

const LATENCY_MS = 8;
let cloud: TestCloud;
let sdk: ReturnType<typeof connectSdk>['sdk'];
let db: Db;

beforeAll(async () => {
  cloud = await startTestCloud({
    dataDir: ':memory:',
    functionsDir: FIXTURE_FUNCTIONS,
    triggers: false,
    callLatencyMs: LATENCY_MS,
  });
  ({ sdk, db } = connectSdk(cloud));
  await db.createCollection('latency');
});

afterAll(async () => {
  await cloud.close();
});

test('should wait one modelled round trip for every database call', async () => {
  const before = cloud.faults.modelledRoundTrips;
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) await db.collection('latency').add({ data: { i } });
  const elapsed = performance.now() - t0;
  expect(cloud.faults.modelledRoundTrips - before).toBe(10);
  expect(elapsed).toBeGreaterThanOrEqual(10 * LATENCY_MS * 0.75);
});

test('should wait one modelled round trip for a WeChat Pay call and for a function → function call', async () => {
  const pay = (sdk as unknown as { cloudPay: { queryOrder(o: object): Promise<unknown> } }).cloudPay;
  let before = cloud.faults.modelledRoundTrips;
  await pay.queryOrder({ sub_mch_id: '1900000110', out_trade_no: 'no-such-order' }).catch(() => undefined);
  expect(cloud.faults.modelledRoundTrips - before).toBe(1);
  before = cloud.faults.modelledRoundTrips;
  // The fixture whoami makes no call of its own: only the callFunction request is counted.
  await sdk.callFunction({ name: 'whoami', data: { tag: 'latency' } });
  expect(cloud.faults.modelledRoundTrips - before).toBe(1);
});

test('should model no latency when the setting is off', async () => {
  const off = await startTestCloud({ dataDir: ':memory:', functionsDir: FIXTURE_FUNCTIONS, triggers: false });
  try {
    await off.call('chain', { target: 'whoami', data: { tag: 'x' } });
    expect(off.faults.modelledRoundTrips).toBe(0);
  } finally {
    await off.close();
  }
});
