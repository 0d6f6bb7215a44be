/**
 * A plain JavaScript function (test/cloud/fixtures/functions/plain: CommonJS, its own package.json
 * whose `main` names the entry, no config.json), as most published functions are written and as the
 * devtools find them (shared/platform.md): discovered beside the TypeScript ones, run through the
 * gateway and through cloud.callFunction with the real wx-server-sdk, under the 3 s default timeout.
 */
import path from 'node:path';
import { startTestCloud, FIXTURE_FUNCTIONS, type TestCloud } from '../support/local-cloud';

interface PlainAnswer {
  doc: { _id: string; name: string };
  context: { SOURCE?: string; OPENID?: string };
}

const PRODUCT = 'prod-lanshan-coffee-card';
let cloud: TestCloud;
let alice: string;

beforeAll(async () => {
  cloud = await startTestCloud({ functionsDir: FIXTURE_FUNCTIONS, triggers: false });
  alice = await cloud.login('alice');
});

afterAll(async () => {
  await cloud.close();
});

test('should discover the plain JavaScript function by its package.json main, with the 3 s default and no trigger', () => {
  const def = cloud.runtime.definition('plain');
  expect(def && path.relative(FIXTURE_FUNCTIONS, def.entry)).toBe(path.join('plain', 'app.js'));
  expect(def!.config).toEqual({ timeout: 3, triggers: [] });
});

test('should run it through the gateway, reading a document with the real SDK as the calling user', async () => {
  const r = await cloud.call<PlainAnswer>('plain', { collection: 'products', id: PRODUCT }, alice);
  expect(r.doc._id).toBe(PRODUCT);
  expect(r.doc.name).toEqual(expect.any(String));
  expect(r.context).toMatchObject({ SOURCE: 'wx_client', OPENID: 'o-demo-alice' });
});

test('should run it through cloud.callFunction from another function', async () => {
  const r = await cloud.call<{ callee: PlainAnswer }>(
    'chain',
    { target: 'plain', data: { collection: 'products', id: PRODUCT } },
    alice,
  );
  expect(r.callee.doc._id).toBe(PRODUCT);
  expect(r.callee.context).toMatchObject({ SOURCE: 'wx_client,scf', OPENID: 'o-demo-alice' });
});

test('should stop it at the 3 s default timeout', async () => {
  const slow = await cloud.post('plain', { collection: 'products', id: PRODUCT, pauseMs: 3_300 }, alice);
  expect(slow.status).toBe(504);
  expect((slow.body.error as { code: string }).code).toBe('FUNCTION_TIMEOUT');
  expect((slow.body.error as { message: string }).message).toMatch(/after 3 seconds/);
});
