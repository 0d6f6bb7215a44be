/**
 * Private, updatable share cards (issue 21, item 4) through the real SDK against the local cloud:
 * the share card's activity id comes from `updatableMessage.createActivityId`; a private single gift
 * opens only for someone whose WeChat verified (wx.authPrivateMessage → cloudID, resolved by the
 * function with cloud.getOpenData) that they opened it from the chat it was sent to — a forwarded
 * card, a borrowed cloud id or a bare link is GIFT_PRIVATE; and the chat card's states follow the
 * gift (setUpdatableMsg), as the local cloud records them — with the money invariants after each test.
 */
import type { GiftsActions } from '../../../src/contracts/gifts';
import { GIFT_RULES } from '../../../src/domain/gift';
import { calls } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { ok, code, sendGift, timer } = calls(() => cloud);

type Out<A extends keyof GiftsActions> = GiftsActions[A]['output'];

cloudPerFile((c) => (cloud = c));

/** The card's states as the local WeChat records them: 0 with claimed/shares, or 1 (ended). */
const states = (activityId: string) =>
  cloud.updatable
    .history(activityId)
    .map((s) => (s.state === 0 ? `0 ${s.params.member_count}/${s.params.room_limit}` : `1 ${s.params.version_type}`));

/** `openId` opens the card of `activityId` from `chat`: what wx.authPrivateMessage gives the app. */
const openFrom = (openId: string, activityId: string, chat: string) =>
  cloud.updatable.authPrivateMessage(cloud.openData, openId, activityId, chat).cloudID;

test('should open a private single gift only from the chat it was sent to, and end its chat card at the claim', async () => {
  const { gift, token } = await sendGift('c-alice');
  const card = await ok<Out<'shareCard'>>('c-alice', 'gifts', { action: 'shareCard', giftId: gift._id });
  expect(card.private).toBe(true);
  expect(await ok<Out<'shareCard'>>('c-alice', 'gifts', { action: 'shareCard', giftId: gift._id })).toEqual(card);
  expect(await code('c-mallory', 'gifts', { action: 'shareCard', giftId: gift._id })).toBe('NOT_FOUND');
  // Alice sends the card to her chat with Bob; Bob forwards... a private card can't be, so Carol's
  // chat never had it.
  expect(cloud.updatable.shareInto(card.activityId, 'chat-alice-bob')).toBe(true);
  expect(states(card.activityId)).toEqual(['0 0/1']);

  const carols = openFrom('c-carol', card.activityId, 'chat-carol');
  const bobs = openFrom('c-bob', card.activityId, 'chat-alice-bob');
  for (const [who, cloudId] of [
    ['c-carol', undefined],
    ['c-carol', carols],
    ['c-carol', bobs],
    ['c-carol', 'local_forged'],
  ] as const) {
    const proof = cloudId === undefined ? {} : { cloudId };
    expect(await code(who, 'gifts', { action: 'view', token, ...proof })).toBe('GIFT_PRIVATE');
    expect(await code(who, 'gifts', { action: 'claim', token, name: '卡罗', ...proof })).toBe('GIFT_PRIVATE');
  }
  // Its sender sees it anywhere.
  await ok('c-alice', 'gifts', { action: 'view', token });

  const view = await ok<Out<'view'>>('c-bob', 'gifts', { action: 'view', token, cloudId: bobs });
  expect(view.gift.state).toBe('open');
  await ok('c-bob', 'gifts', { action: 'claim', token, name: '阿博', cloudId: bobs });
  expect(states(card.activityId)).toEqual(['0 0/1', '1 release']);
  const list = await ok<Out<'sent'>>('c-alice', 'gifts', { action: 'sent' });
  expect(list.gifts[0]).toMatchObject({ state: 'claimed', chat: { private: true } });
});

test('should keep a group gift open to its chat, count its claims on the card until the last share, and end it once', async () => {
  const { gift, token } = await sendGift('c-group', { mode: 'group', shares: 3, shareMode: 'equal' });
  const card = await ok<Out<'shareCard'>>('c-group', 'gifts', { action: 'shareCard', giftId: gift._id });
  expect(card.private).toBe(false);
  for (const who of ['c-g1', 'c-g2', 'c-g3']) await ok(who, 'gifts', { action: 'claim', token, name: who });
  expect(states(card.activityId)).toEqual(['0 0/3', '0 1/3', '0 2/3', '1 release']);
  // The sweep that later ends the claimed gift leaves its ended card alone (WeChat refuses a second end).
  const set = jest.spyOn(cloud.updatable, 'set');
  cloud.clock.advance(GIFT_RULES.claimWindowMs + 60_000);
  await timer('gifts', 'giftReturner');
  expect(set).not.toHaveBeenCalled();
  set.mockRestore();
});

test('should end the chat card when the gift comes back or is cancelled', async () => {
  const single = await sendGift('c-back');
  const group = await sendGift('c-back', { mode: 'group', shares: 2, shareMode: 'random' });
  const singleCard = await ok<Out<'shareCard'>>('c-back', 'gifts', { action: 'shareCard', giftId: single.gift._id });
  const groupCard = await ok<Out<'shareCard'>>('c-back', 'gifts', { action: 'shareCard', giftId: group.gift._id });
  await ok('c-back', 'gifts', { action: 'cancel', giftId: single.gift._id });
  expect(states(singleCard.activityId)).toEqual(['0 0/1', '1 release']);
  await ok('c-back-friend', 'gifts', { action: 'claim', token: group.token, name: '好友' });
  cloud.clock.advance(GIFT_RULES.claimWindowMs + 60_000);
  await timer('gifts', 'giftReturner');
  expect(states(groupCard.activityId)).toEqual(['0 0/2', '0 1/2', '1 release']);
  // An ended gift gets no new card.
  expect(await code('c-back', 'gifts', { action: 'shareCard', giftId: single.gift._id })).toBe('GIFT_NOT_CANCELLABLE');
});
