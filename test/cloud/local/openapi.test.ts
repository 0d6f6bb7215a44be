/**
 * The local cloud's open APIs through the real wx-server-sdk (no mock): the SDK's protobuf request
 * decodes to the parameters it was given, answers decode back into what the SDK hands a function
 * (JSON, WeChat errors with their errCode, binary images), subscribe messages follow WeChat's
 * consent and format rules, a 小程序码 carries its page and scene, and the WeChat client side of chat
 * cards (which chat a card went into, authPrivateMessage) answers the simulator.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { LOCAL_TEMPLATE_IDS } from '../../../src/contracts/subscribe-templates';
import { decodeAnswer, decodeRequest, encodeAnswer, encodeRequest } from '../../../cloudfunctions/local/openapi/codec';
import { findDemoUser } from '../../../cloudfunctions/local/gateway/demo-users';
import { connectSdk } from '../support/sdk';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

jest.setTimeout(60_000);

let cloud: TestCloud;
let sdk: ReturnType<typeof connectSdk>['sdk'];

interface OpenApi {
  subscribeMessage: { send(req: Record<string, unknown>): Promise<{ errCode: number; msgid?: string }> };
  wxacode: { getUnlimited(req: Record<string, unknown>): Promise<{ contentType: string; buffer: Buffer }> };
  [group: string]: Record<string, (req: Record<string, unknown>) => Promise<unknown>>;
}
const openapi = (): OpenApi => (sdk as unknown as { openapi: OpenApi }).openapi;

beforeAll(async () => {
  cloud = await startTestCloud();
  sdk = connectSdk(cloud).sdk;
});

afterAll(async () => {
  await cloud.close();
});

const CLAIMED = LOCAL_TEMPLATE_IDS.giftClaimed;

function message(touser: string, over: Record<string, unknown> = {}, data: Record<string, string> = {}) {
  const values = {
    thing1: '蓝山咖啡 心意卡',
    amount2: '¥1000.00',
    thing3: '阿博',
    time4: '2026-11-24 12:05',
    thing5: '已领取',
    ...data,
  };
  return {
    touser,
    templateId: CLAIMED,
    page: 'pages/gifts/index?tab=sent',
    data: Object.fromEntries(Object.entries(values).map(([k, value]) => [k, { value }])),
    ...over,
  };
}

async function accept(openId: string, accepted: string[], rejected: string[] = []): Promise<Response> {
  return fetch(`${cloud.url}/api/test/subscribe`, {
    method: 'POST',
    body: JSON.stringify({ openId, accepted, rejected }),
  });
}

const errCodeOf = async (p: Promise<unknown>): Promise<number | undefined> =>
  p.then(
    () => undefined,
    (e: { errCode?: number }) => e.errCode,
  );

describe('the wire format', () => {
  test('should decode our own request encoding and encode answers the way we read them back', () => {
    const bytes = encodeRequest({ apiType: 0, appid: 'wx-a', params: { scene: 'abc', width: 430, check_path: false } });
    expect(decodeRequest(bytes)).toEqual({
      apiType: 0,
      appid: 'wx-a',
      params: { scene: 'abc', width: 430, check_path: false },
    });
    const answer = decodeAnswer(encodeAnswer({ body: Buffer.from('{"errcode":0}'), contentType: 'application/json' }));
    expect(answer).toEqual({ body: Buffer.from('{"errcode":0}'), contentType: 'application/json', errorCode: 0 });
  });

  test('should answer an API the local cloud does not provide with the cloud\'s "API not found", thrown by the SDK', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await errCodeOf(openapi().security!.msgSecCheck!({ content: 'hi' }))).toBe(-604100);
    expect(spy).toHaveBeenCalledWith(expect.stringContaining('security.msgSecCheck is not provided'));
    spy.mockRestore();
  });
});

describe('subscribeMessage.send', () => {
  test('should refuse with 43101 a user who never accepted the template, and put nothing in the outbox', async () => {
    expect(await errCodeOf(openapi().subscribeMessage.send(message('o-never')))).toBe(43101);
    expect(cloud.outbox.list('o-never')).toEqual([]);
  });

  test('should deliver exactly one message per acceptance, the second send refused with 43101', async () => {
    expect((await accept('o-once', [CLAIMED])).status).toBe(200);
    const sent = await openapi().subscribeMessage.send(message('o-once'));
    expect(sent.errCode).toBe(0);
    expect(await errCodeOf(openapi().subscribeMessage.send(message('o-once')))).toBe(43101);
    const box = cloud.outbox.list('o-once');
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({
      kind: 'giftClaimed',
      templateId: CLAIMED,
      page: 'pages/gifts/index?tab=sent',
      data: {
        thing1: '蓝山咖啡 心意卡',
        amount2: '¥1000.00',
        thing3: '阿博',
        time4: '2026-11-24 12:05',
        thing5: '已领取',
      },
      fields: { card: '蓝山咖啡 心意卡', amount: '¥1000.00', who: '阿博', note: '已领取' },
    });
    expect(box[0]!.id).toBe(sent.msgid);
  });

  test('should count two acceptances as two messages, and a refusal as none', async () => {
    await accept('o-twice', [CLAIMED]);
    await accept('o-twice', [CLAIMED]);
    await accept('o-twice', [], [CLAIMED]);
    await openapi().subscribeMessage.send(message('o-twice'));
    await openapi().subscribeMessage.send(message('o-twice'));
    expect(await errCodeOf(openapi().subscribeMessage.send(message('o-twice')))).toBe(43101);
    expect(cloud.outbox.list('o-twice')).toHaveLength(2);
  });

  test.each([
    ['a thing over 20 characters', { thing1: '一二三四五六七八九十一二三四五六七八九十一' }],
    ['an empty thing', { thing3: '' }],
    ['an amount with a thousands separator', { amount2: '¥1,000' }],
    ['an amount without a currency sign', { amount2: '1000' }],
    ['an amount of 11 digits', { amount2: '¥12345678901' }],
    ['a time that is not a date-time', { time4: '明天中午' }],
  ])('should refuse %s with 47003 and keep the acceptance for a good message', async (_what, bad) => {
    const to = `o-format-${Object.keys(bad)[0]}-${Object.values(bad)[0]!.length}`;
    await accept(to, [CLAIMED]);
    expect(await errCodeOf(openapi().subscribeMessage.send(message(to, {}, bad)))).toBe(47003);
    expect(cloud.outbox.list(to)).toEqual([]);
    expect((await openapi().subscribeMessage.send(message(to))).errCode).toBe(0);
  });

  test.each([
    ['¥50', true],
    ['¥50.5', true],
    ['￥1000.00元', true],
    ['¥1234567890.00', true],
    ['¥¥50', false],
    ['¥50.123', false],
  ])('should take the amount %s as WeChat does (%s)', async (amount, good) => {
    const to = `o-amount-${amount}`;
    await accept(to, [CLAIMED]);
    const code = await errCodeOf(openapi().subscribeMessage.send(message(to, {}, { amount2: amount })));
    expect(code).toBe(good ? undefined : 47003);
  });

  test('should refuse a missing field, an unknown template, and a page the app does not have', async () => {
    await accept('o-shape', [CLAIMED]);
    const { thing5: _dropped, ...four } = message('o-shape').data;
    expect(await errCodeOf(openapi().subscribeMessage.send({ ...message('o-shape'), data: four }))).toBe(47003);
    expect(await errCodeOf(openapi().subscribeMessage.send(message('o-shape', { templateId: 'nope' })))).toBe(40037);
    expect(await errCodeOf(openapi().subscribeMessage.send(message('o-shape', { page: 'pages/nope/index' })))).toBe(
      41030,
    );
    expect((await openapi().subscribeMessage.send(message('o-shape'))).errCode).toBe(0);
  });

  test('should record answers only for templates the app has, as the signed-in user through the gateway', async () => {
    expect((await accept('o-unknown', ['not-a-template'])).status).toBe(400);
    const token = await cloud.login('alice');
    const res = await fetch(`${cloud.url}/api/dev/subscribe`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ accepted: [CLAIMED], rejected: [LOCAL_TEMPLATE_IDS.giftReturned] }),
    });
    expect(await res.json()).toEqual({ [CLAIMED]: 'accept', [LOCAL_TEMPLATE_IDS.giftReturned]: 'reject' });
    const anonymous = await fetch(`${cloud.url}/api/dev/subscribe`, { method: 'POST', body: '{"accepted":[]}' });
    expect(anonymous.status).toBe(401);
    expect(cloud.subscriptions.remaining(findDemoUser('alice')!.openId)).toEqual({ [CLAIMED]: 1 });
  });
});

describe('the WeChat client side of chat cards (/api/dev/chat/*, for the weapp simulator)', () => {
  const post = (action: string, token: string | undefined, body: unknown) =>
    fetch(`${cloud.url}/api/dev/chat/${action}`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: JSON.stringify(body),
    });

  test('should record the chat a card went into and verify openings from it only', async () => {
    const alice = await cloud.login('alice');
    const bob = await cloud.login('bob');
    const made = cloud.updatable.create({ openid: findDemoUser('alice')!.openId }) as { body: Buffer };
    const { activity_id: activityId } = JSON.parse(made.body.toString()) as { activity_id: string };
    expect((await post('share', alice, { activityId, chatId: 'chat-alice-bob' })).status).toBe(200);
    expect(cloud.updatable.sharedInto(activityId, 'chat-alice-bob')).toBe(true);

    const fromChat = (await (await post('auth', bob, { activityId, chatId: 'chat-alice-bob' })).json()) as {
      valid: boolean;
      cloudID: string;
    };
    expect(fromChat).toEqual({ valid: true, cloudID: expect.stringMatching(/^local_/) });
    const forwarded = await (await post('auth', bob, { activityId, chatId: 'chat-bob-carol' })).json();
    expect(forwarded).toMatchObject({ valid: false });
  });

  test('should refuse a caller without a session, a malformed body and an unknown activity id', async () => {
    const alice = await cloud.login('alice');
    expect((await post('share', undefined, { activityId: 'a', chatId: 'c' })).status).toBe(401);
    expect((await post('auth', alice, { activityId: 'a' })).status).toBe(400);
    const unknown = await post('share', alice, { activityId: 'nope_local', chatId: 'chat-x' });
    expect(unknown.status).toBe(400);
    expect(cloud.updatable.sharedInto('nope_local', 'chat-x')).toBe(false);
  });
});

describe('wxacode.getUnlimited', () => {
  function read(png: Buffer): string | undefined {
    const image = PNG.sync.read(png);
    return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
  }

  test('should answer a PNG whose code reads as the page and the scene', async () => {
    const res = await openapi().wxacode.getUnlimited({
      scene: 'g7Hk2mQp9xZa4Lr8',
      page: 'pages/claim/index',
      width: 280,
    });
    expect(res.contentType).toBe('image/png');
    expect(read(res.buffer)).toBe('wxacode:pages/claim/index?scene=g7Hk2mQp9xZa4Lr8');
  });

  test('should refuse a scene over 32 characters or with a character WeChat does not allow (40169)', async () => {
    const get = (scene: string) => errCodeOf(openapi().wxacode.getUnlimited({ scene, page: 'pages/claim/index' }));
    expect(await get('a'.repeat(32))).toBeUndefined();
    expect(await get('a'.repeat(33))).toBe(40169);
    expect(await get('礼物')).toBe(40169);
    expect(await get('a b')).toBe(40169);
    expect(await get('')).toBe(40169);
  });

  test('should refuse a page the app does not have unless check_path is false, and a page with a slash or query (41030)', async () => {
    const get = (page: string, more: Record<string, unknown> = {}) =>
      errCodeOf(openapi().wxacode.getUnlimited({ scene: 'x', page, ...more }));
    expect(await get('pages/nope/index')).toBe(41030);
    expect(await get('pages/nope/index', { checkPath: false })).toBeUndefined();
    expect(await get('merchant/pages/join/index')).toBeUndefined();
    expect(await get('/pages/claim/index')).toBe(41030);
    expect(await get('pages/claim/index?t=1')).toBe(41030);
  });
});

describe('permissions', () => {
  test('should refuse a function an open API its config.json does not grant (-604101), and serve the ones it does', async () => {
    const own = await startTestCloud({ functionsDir: path.join(__dirname, '..', 'fixtures', 'openapi-functions') });
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const call = (group: string, name: string, req: object) =>
        own.runtime.invoke('caller', { group, name, req }, { openId: 'o-fn', appId: 'wx-test', source: 'wx_client' });
      expect(await call('subscribeMessage', 'send', message('o-fn'))).toEqual({ errCode: -604101 });
      expect(log).toHaveBeenCalledWith(expect.stringContaining('caller called subscribeMessage.send without it'));
      expect(await call('wxacode', 'getUnlimited', { scene: 'abc', page: 'pages/claim/index' })).toEqual({
        errCode: 0,
        contentType: 'image/png',
      });
    } finally {
      log.mockRestore();
      await own.close();
    }
  });
});
