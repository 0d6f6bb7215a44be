/**
 * The profile on the mini-program build in the headless simulator (issue 21, item 3): from the
 * wallet, alice taps 用微信头像 (`<button open-type="chooseAvatar">`: WeChat's avatar sheet gives a
 * temp file, which the page compresses and reads as base64) and types her nickname into the
 * `type="nickname"` field; saved in the cloud, the friend's claim page shows her avatar and nickname
 * on the sealed envelope.
 */
import { calls } from '../cloud/support/calls';
import { weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();
const { sendGift } = calls(() => stage.cloud);

/** The picture picked in WeChat's avatar sheet: a JPEG's first bytes and some more. */
const PICKED = Uint8Array.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  ...Array.from({ length: 2000 }, (_, i) => i % 251),
  0xff,
  0xd9,
]);
const PICKED_URL = `data:image/jpeg;base64,${Buffer.from(PICKED).toString('base64')}`;

test('should take the WeChat avatar and nickname once and show them on the friend’s envelope', async () => {
  const alice = await stage.phone('alice', 'pages/wallet/index', {}, { chooseAvatar: () => PICKED });
  await alice.tap('头像和昵称');
  await alice.waitForRoute('pages/profile/index');
  await alice.tap('用微信头像');
  expect(alice.calls.map((c) => c.api)).toEqual(expect.arrayContaining(['chooseAvatar', 'compressImage']));
  await alice.waitFor((e) => e.tag === 'wx-image' && e.attr.src === PICKED_URL, 'the chosen avatar');
  const nickname = await alice.field('填写昵称');
  // WeChat's nickname field: it offers the WeChat nickname above the keyboard.
  expect(nickname.attr.type).toBe('nickname');
  await alice.type(nickname, '小满同学');
  await alice.tap('保存');
  await alice.waitForRoute('pages/wallet/index');
  expect(alice.errors).toEqual([]);

  const { token } = await sendGift('o-demo-alice', { senderName: '小满同学' });
  const bob = await stage.phone('bob', 'pages/claim/index', { t: token });
  await bob.waitForText('小满同学 送你一张礼品卡');
  await bob.waitFor((e) => e.tag === 'wx-image' && e.attr.src === PICKED_URL, 'her avatar on the envelope');
  await bob.tap('開');
  // The claimer's name starts from his account's (he chose no profile), and he may change it.
  expect((await bob.field('让对方知道是谁领取了')).attr.value).toBe('周一鸣');
  expect(bob.errors).toEqual([]);
});
