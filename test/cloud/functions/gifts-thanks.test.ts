/**
 * Thank-yous back (issue 21, item 6) through the real SDK against the local cloud: one per claim
 * (a single gift's claimer, each claimer of a group gift), under the blessing's text rules and with
 * a sticker of the fixed set; the sender sees them in the sent list and the claimer on the landing;
 * the sender is told when they accepted the message — with the money invariants after each test.
 */
import type { GiftsActions } from '../../../src/contracts/gifts';
import { allDocs } from '../support/money-invariants';
import { calls } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { as, ok, code, sendGift, subscribe } = calls(() => cloud);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

cloudPerFile((c) => (cloud = c));

const thank = (who: string, token: string, text = '谢谢你的礼物，太惊喜了！', sticker = 'hug') =>
  as<Out<'thank'>>(who, 'gifts', { action: 'thank', token, text, sticker });

test('should take one thank-you from the claimer, show it to the sender and tell them', async () => {
  await subscribe('t-alice', ['giftThanked']);
  const { token } = await sendGift('t-alice');
  // Before claiming, nobody may thank; nor may the sender.
  expect(await code('t-bob', 'gifts', { action: 'thank', token, text: '谢谢', sticker: 'hug' })).toBe('FORBIDDEN');
  await ok('t-bob', 'gifts', { action: 'claim', token, name: '阿博' });
  expect(await code('t-alice', 'gifts', { action: 'thank', token, text: '谢谢', sticker: 'hug' })).toBe('FORBIDDEN');
  expect(await code('t-carol', 'gifts', { action: 'thank', token, text: '谢谢', sticker: 'hug' })).toBe('FORBIDDEN');

  const sent = await thank('t-bob', token, '  收到啦，爱你哟\u200b ', 'heart');
  expect(sent).toEqual({
    ok: true,
    data: { thanks: { name: '阿博', text: '收到啦，爱你哟', sticker: 'heart', at: expect.any(Number) } },
  });
  expect(await code('t-bob', 'gifts', { action: 'thank', token, text: '再谢一次', sticker: 'cake' })).toBe(
    'THANKS_ALREADY_SENT',
  );

  const list = await ok<Out<'sent'>>('t-alice', 'gifts', { action: 'sent' });
  expect(list.gifts[0]!.thanks).toEqual([
    { name: '阿博', text: '收到啦，爱你哟', sticker: 'heart', at: expect.any(Number) },
  ]);
  const landing = await ok<Out<'view'>>('t-bob', 'gifts', { action: 'view', token });
  expect(landing.gift.mine.thanks).toMatchObject({ text: '收到啦，爱你哟', sticker: 'heart' });
  const others = await ok<Out<'view'>>('t-carol', 'gifts', { action: 'view', token });
  expect(others.gift.mine.thanks).toBeNull();

  const told = cloud.outbox.list('t-alice').filter((m) => m.kind === 'giftThanked');
  expect(told).toHaveLength(1);
  expect(told[0]!.fields).toMatchObject({ who: '阿博', note: '收到啦，爱你哟' });
});

test('should accept only one of three thank-yous racing from one claimer', async () => {
  const { token } = await sendGift('t-race');
  await ok('t-race-friend', 'gifts', { action: 'claim', token, name: '好友' });
  const answers = await Promise.all([
    thank('t-race-friend', token, '谢谢', 'hug'),
    thank('t-race-friend', token, '谢谢你', 'bow'),
    thank('t-race-friend', token, '多谢', 'cake'),
  ]);
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual([
    'THANKS_ALREADY_SENT',
    'THANKS_ALREADY_SENT',
  ]);
  const giftId = (await ok<Out<'sent'>>('t-race', 'gifts', { action: 'sent' })).gifts[0]!._id;
  expect(await allDocs(cloud, 'giftThanks', { giftId })).toHaveLength(1);
});

test('should take one thank-you from each claimer of a group gift', async () => {
  const { token } = await sendGift('t-group', { mode: 'group', shares: 3, shareMode: 'equal' });
  for (const who of ['t-g1', 't-g2']) await ok(who, 'gifts', { action: 'claim', token, name: who });
  expect((await thank('t-g1', token, '谢谢老板', 'cheers')).ok).toBe(true);
  expect((await thank('t-g2', token, '老板大气', 'flower')).ok).toBe(true);
  expect(await code('t-g1', 'gifts', { action: 'thank', token, text: '谢谢', sticker: 'hug' })).toBe(
    'THANKS_ALREADY_SENT',
  );
  expect(await code('t-g3', 'gifts', { action: 'thank', token, text: '谢谢', sticker: 'hug' })).toBe('FORBIDDEN');
  const list = await ok<Out<'sent'>>('t-group', 'gifts', { action: 'sent' });
  expect(list.gifts[0]!.thanks.map((t) => [t.name, t.sticker])).toEqual([
    ['t-g1', 'cheers'],
    ['t-g2', 'flower'],
  ]);
});

test('should refuse a sticker outside the set and text breaking the blessing rules, writing nothing', async () => {
  const { token } = await sendGift('t-rules');
  await ok('t-rules-friend', 'gifts', { action: 'claim', token, name: '好友' });
  const bad: [string, string][] = [
    ['谢谢', 'rocket'],
    ['', 'hug'],
    ['\u200b\u202e ', 'hug'],
    ['第一行\n第二行', 'hug'],
    ['谢'.repeat(61), 'hug'],
  ];
  for (const [text, sticker] of bad)
    expect(await code('t-rules-friend', 'gifts', { action: 'thank', token, text, sticker })).toBe('INVALID_ARGUMENT');
  expect(await allDocs(cloud, 'giftThanks', { claimer: 't-rules-friend' })).toEqual([]);
  expect((await thank('t-rules-friend', token, '谢'.repeat(60), 'bow')).ok).toBe(true);
});
