/**
 * The messages adapter — the only one, production's — through the real wx-server-sdk against the
 * local cloud, which answers subscribeMessage.send as WeChat does: every value the adapter writes is
 * in the format WeChat checks, a user without an acceptance (43101) is skipped quietly, other
 * failures are logged, and the rest of a batch still goes. Then the gifts flow: a claim tells the
 * sender once when she accepted, and nobody when she refused.
 */
import { LOCAL_TEMPLATE_IDS } from '../../../src/contracts/subscribe-templates';
import type { GiftsActions } from '../../../src/contracts/gifts';
import { fen } from '../../../src/domain/money';
import {
  amountValue,
  chinaTime,
  thing,
  toSubscribeMessage,
  WechatMessages,
  type SubscribeMessageApi,
} from '../../../cloudfunctions/core/messages/wechat-messages';
import type { Message } from '../../../cloudfunctions/core/messages/port';
import { validValue } from '../../../cloudfunctions/local/openapi/template-fields';
import { calls } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { connectSdk } from '../support/sdk';

jest.setTimeout(120_000);

let cloud: TestCloud;
let api: SubscribeMessageApi;
const { ok, sendGift } = calls(() => cloud);

beforeAll(async () => {
  cloud = await startTestCloud();
  const { sdk } = connectSdk(cloud);
  api = (sdk as unknown as { openapi: { subscribeMessage: SubscribeMessageApi } }).openapi.subscribeMessage;
});

afterAll(async () => {
  await cloud.close();
});

const message = (to: string, over: Partial<Message> = {}): Message => ({
  to,
  kind: 'giftClaimed',
  page: 'pages/gifts/index?tab=sent',
  fields: {
    card: '蓝山咖啡 心意咖啡卡（可转赠一次的礼品卡）',
    amount: fen(100_000),
    who: '阿博',
    at: Date.UTC(2026, 10, 24, 4, 5),
    note: '已领取',
  },
  ...over,
});

const templates = { giftClaimed: LOCAL_TEMPLATE_IDS.giftClaimed, giftReturned: LOCAL_TEMPLATE_IDS.giftReturned };

async function accept(openId: string, accepted: string[], rejected: string[] = []): Promise<void> {
  const res = await fetch(`${cloud.url}/api/test/subscribe`, {
    method: 'POST',
    body: JSON.stringify({ openId, accepted, rejected }),
  });
  expect(res.status).toBe(200);
}

describe('the values', () => {
  test('should write amounts with a sign and two decimals and no separators, things of 1–20 characters, China time', () => {
    expect(amountValue(fen(100_000))).toBe('¥1000.00');
    expect(amountValue(fen(5))).toBe('¥0.05');
    expect(amountValue(fen(1_000_000_00))).toBe('¥1000000.00');
    expect(thing('蓝山咖啡 心意咖啡卡（可转赠一次的礼品卡）')).toBe('蓝山咖啡 心意咖啡卡（可转赠一次的礼品…');
    expect([...thing('😀'.repeat(30))]).toHaveLength(20);
    expect(thing('  ')).toBe('-');
    expect(chinaTime(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01 00:30');
  });

  test('should fill every template key with a value the local cloud takes as WeChat does', () => {
    const kinds: Message['kind'][] = [
      'giftReceived',
      'giftClaimed',
      'giftReturned',
      'cardExpiring',
      'extensionDecided',
    ];
    for (const kind of kinds) {
      const { data } = toSubscribeMessage(message('o-1', { kind }), 't', 'formal');
      expect(Object.keys(data).sort()).toEqual(['amount2', 'thing1', 'thing3', 'thing5', 'time4']);
      for (const [key, { value }] of Object.entries(data)) expect([key, validValue(key, value)]).toEqual([key, true]);
    }
  });
});

describe('through the SDK', () => {
  test('should skip a user who did not accept (43101) quietly, leaving nothing in the outbox', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await new WechatMessages(api, templates).send([message('m-never')]);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    expect(cloud.outbox.list('m-never')).toEqual([]);
  });

  test('should send one message per acceptance, and still send the rest of a batch when one is refused', async () => {
    await accept('m-once', [LOCAL_TEMPLATE_IDS.giftClaimed]);
    await new WechatMessages(api, templates).send([message('m-once'), message('m-once'), message('m-never-2')]);
    const box = cloud.outbox.list('m-once');
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({
      kind: 'giftClaimed',
      data: {
        thing1: '蓝山咖啡 心意咖啡卡（可转赠一次的礼品…',
        amount2: '¥1000.00',
        thing3: '阿博',
        time4: '2026-11-24 12:05',
        thing5: '已领取',
      },
    });
  });

  test('should log any other failure (here a template id WeChat does not know: 40037) and go on', async () => {
    await accept('m-wrong', [LOCAL_TEMPLATE_IDS.giftClaimed, LOCAL_TEMPLATE_IDS.giftReturned]);
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await new WechatMessages(api, { giftClaimed: 'tmpl-from-another-app', giftReturned: templates.giftReturned }).send([
      message('m-wrong'),
      message('m-wrong', { kind: 'giftReturned' }),
    ]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('giftClaimed not sent (40037)'), expect.anything());
    log.mockRestore();
    expect(cloud.outbox.list('m-wrong').map((m) => m.kind)).toEqual(['giftReturned']);
  });

  test('should not send a kind without a configured template', async () => {
    await accept('m-none', [LOCAL_TEMPLATE_IDS.giftReceived]);
    await new WechatMessages(api, templates).send([message('m-none', { kind: 'giftReceived' })]);
    expect(cloud.outbox.list('m-none')).toEqual([]);
  });
});

describe('the gifts flow', () => {
  type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

  async function sendAndClaim(sender: string, friend: string): Promise<void> {
    const sent = await sendGift(sender, {}, fen(100_000));
    await ok<Out<'claim'>>(friend, 'gifts', { action: 'claim', token: sent.token, name: '阿博' });
  }

  test('should tell a sender who accepted exactly once that her gift was claimed, amount as WeChat takes it', async () => {
    await accept('m-alice', [LOCAL_TEMPLATE_IDS.giftClaimed, LOCAL_TEMPLATE_IDS.giftReturned]);
    await sendAndClaim('m-alice', 'm-bob');
    const box = cloud.outbox.list('m-alice');
    expect(box).toHaveLength(1);
    expect(box[0]).toMatchObject({ kind: 'giftClaimed', page: 'pages/gifts/index?tab=sent' });
    expect(box[0]!.fields).toMatchObject({ amount: '¥1000.00', who: '阿博', note: '你送出的礼品卡已被领取' });
    // Bob never accepted giftReceived: nothing for him, and his claim went through all the same.
    expect(cloud.outbox.list('m-bob')).toEqual([]);
  });

  test('should tell a sender who refused nothing, with no error to anyone', async () => {
    await accept('m-carol', [], [LOCAL_TEMPLATE_IDS.giftClaimed, LOCAL_TEMPLATE_IDS.giftReturned]);
    // The functions run in worker threads, whose console reaches this process's stderr.
    const written: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      await sendAndClaim('m-carol', 'm-dan');
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      stderr.mockRestore();
    }
    expect(cloud.outbox.list('m-carol')).toEqual([]);
    expect(written.join('')).not.toMatch(/not sent/);
  });
});
