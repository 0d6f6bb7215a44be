/**
 * Gifting on the mini-program build in the headless simulator: alice gifts a card with a blessing,
 * the share page hands WeChat a private share card (onShareAppMessage: title, the claim page's path,
 * a PNG of the card face drawn on an offscreen canvas; updateShareMenu: private, with the cloud's
 * activity id) and sends it into her chat with bob. A single gift is private: carol, opening the card
 * forwarded into her own chat, dave scanning a link of it (`q`) and anyone scanning the page's
 * 小程序码 (`scene`) are refused — the page resolved the gift and the cloud said it opens only in
 * its chat; bob opens the card in the chat it was sent to (scene 1007, shareTicket →
 * wx.authPrivateMessage → cloudID) and claims it into his wallet, each phone calling
 * wx.cloud.callFunction as its own user. A group gift is open to whoever has it: bob claims a share
 * from its 小程序码's scene.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { paidCard } from '../e2e/support/people';
import type { WeappSim } from '../../tools/weapp-sim/src/sim';
import { ACCEPT_SUBSCRIPTIONS } from '../../tools/weapp-sim/src/wx-api';
import { weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();

/** Every database call of the local cloud waits this long (its test mode's faults). */
async function slowCloud(dbDelayMs: number): Promise<void> {
  const res = await fetch(`${stage.cloud.url}/api/test/faults`, {
    method: 'POST',
    body: JSON.stringify({ dbDelayMs }),
  });
  expect(res.ok).toBe(true);
}

/** The share page's 小程序码, read off its picture: the claim page's scene it opens with. */
async function miniCodeScene(sender: WeappSim): Promise<string> {
  const codeImage = await sender.waitFor(
    (e) => e.tag === 'wx-image' && String(e.attr.src).startsWith('data:image/png;base64,'),
    'the 小程序码',
  );
  const code = PNG.sync.read(Buffer.from(String(codeImage.attr.src).split(',')[1]!, 'base64'));
  const scanned = jsQR(new Uint8ClampedArray(code.data), code.width, code.height)?.data ?? '';
  const scene = /^wxacode:pages\/claim\/index\?scene=(.+)$/.exec(scanned)?.[1];
  expect(scene).toBeDefined();
  return scene!;
}

test('should send a private gift from the card page and open it only in the chat it was sent to', async () => {
  const cardId = await paidCard(stage.cloud, await stage.cloud.login('alice'), 10_000);
  const alice = await stage.phone('alice', 'pages/card/index', { id: cardId }, ACCEPT_SUBSCRIPTIONS);
  // On a slow network the page's reload of the card answers after the sender has typed: what she
  // typed must survive it (it was reset to the card's own blessing, the bug this found).
  await slowCloud(400);
  await alice.tap('送给朋友');
  await alice.waitForRoute('pages/gift/index');
  await alice.type(await alice.field('祝福'), '阿博，生日快乐！咖啡我请');
  await alice.settle(1500);
  await slowCloud(0);
  expect((await alice.field('祝福')).attr.value).toBe('阿博，生日快乐！咖啡我请');
  expect((await alice.field('你的名字')).attr.value).toBe('林小满');
  await alice.tap('生成礼品');
  await alice.waitForRoute('pages/share/index');
  await alice.waitForText('待领取');

  // The face's PNG is made as the page opens; sharing before it is ready shares without it. The card
  // is declared private once the cloud made its activity id.
  const shareCard = await alice.sendCard(
    { chat: 'chat-alice-bob' },
    (card) => card.imageUrl !== undefined && card.activityId !== undefined,
  );
  expect(shareCard.title).toBe('林小满 送你一张礼品卡，快来领取吧');
  expect(shareCard.path).toMatch(/^\/pages\/claim\/index\?t=[0-9a-f]{24}\.[A-Za-z0-9_-]{22}$/);
  expect(shareCard.path).not.toContain(cardId);
  // WeChat takes no data: image: the face was drawn and exported as a file.
  expect(shareCard.imageUrl).toMatch(/^wxfile:\/\//);
  expect(shareCard).toMatchObject({ isPrivate: true, withShareTicket: true });
  expect(alice.errors).toEqual([]);

  // The card forwarded into carol's chat does not open: WeChat verifies it was not sent there.
  const carol = await stage.openCard(
    'carol',
    shareCard,
    { chat: 'chat-carol-erin', group: false },
    ACCEPT_SUBSCRIPTIONS,
  );
  await carol.waitForText('这份礼品是私密的，只能在收到它的微信聊天里打开');
  expect(carol.text()).not.toContain('林小满 送你一张礼品卡');
  expect(carol.errors).toEqual([]);
  // Nor does an ordinary QR code of the claim link: WeChat passes the whole URL as `q`, the page
  // finds the gift in it, and without a chat the cloud refuses it.
  const link = `https://gift.example.com${shareCard.path}`;
  const dave = await stage.phone('dave', 'pages/claim/index', { q: encodeURIComponent(link) }, ACCEPT_SUBSCRIPTIONS);
  await dave.waitForText('这份礼品是私密的，只能在收到它的微信聊天里打开');
  expect(dave.errors).toEqual([]);

  // The page's 小程序码: WeChat opens the claim page with its scene, URL-encoded; the scene resolves
  // to the gift, which opens only in its chat.
  const scene = await miniCodeScene(alice);
  const scanner = await stage.phone(
    'bob',
    'pages/claim/index',
    { scene: encodeURIComponent(scene) },
    ACCEPT_SUBSCRIPTIONS,
  );
  await scanner.waitForText('这份礼品是私密的，只能在收到它的微信聊天里打开');
  expect(scanner.errors).toEqual([]);

  // Bob opens the card in the chat alice sent it to, and claims it.
  const bob = await stage.openCard('bob', shareCard, undefined, ACCEPT_SUBSCRIPTIONS);
  await bob.waitForText('林小满 送你一张礼品卡');
  // The gift arrives sealed: a tap on 開 opens the envelope.
  await bob.tap('開');
  await bob.waitForText('阿博，生日快乐！咖啡我请');
  await bob.type(await bob.field('让对方知道是谁领取了'), '阿博');
  await bob.tap('领取到卡包');
  await bob.waitForText('¥100 已放入你的卡包');
  expect(bob.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});

test('should claim a share of a group gift from its 小程序码, whose scene WeChat passes URL-encoded', async () => {
  const cardId = await paidCard(stage.cloud, await stage.cloud.login('alice'), 10_000);
  const alice = await stage.phone('alice', 'pages/card/index', { id: cardId }, ACCEPT_SUBSCRIPTIONS);
  await alice.tap('送给朋友');
  await alice.waitForRoute('pages/gift/index');
  // Three equal shares of the whole ¥100.
  await alice.tap('群礼品');
  await alice.type(await alice.field('最多'), '100');
  await alice.tap('平均分');
  await alice.tap('生成礼品');
  await alice.waitForRoute('pages/share/index');
  const scene = await miniCodeScene(alice);

  // A group gift is open to whoever has it: bob scans the code and claims a share.
  const bob = await stage.phone('bob', 'pages/claim/index', { scene: encodeURIComponent(scene) }, ACCEPT_SUBSCRIPTIONS);
  await bob.waitForText('林小满 送你一张礼品卡');
  await bob.tap('開');
  await bob.type(await bob.field('让对方知道是谁领取了'), '阿博');
  await bob.tap('领取到卡包');
  // ¥100 in three equal shares is 33.34 + 33.33 + 33.33, and a claimer lands on a random free share
  // (cloudfunctions/core/gifts/claim-share.ts): either amount is his, nothing else.
  await bob.waitForText(/¥33\.3[34] 已放入你的卡包/);
  expect(bob.errors).toEqual([]);
  expect(alice.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});
