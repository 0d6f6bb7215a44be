/**
 * Gifting on the mini-program build in the headless simulator: alice gifts a card with a blessing,
 * the share page hands WeChat a share card (onShareAppMessage: title, the claim page's path, and a
 * PNG of the card face drawn on an offscreen canvas); carol opens that path and dave a scanned link
 * of it (`q`), both seeing the gift, and
 * bob — another phone — scans the page's 小程序码 and claims it from its scene into his wallet,
 * each through wx.cloud.callFunction as themselves.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { parseUrl } from '../../tools/weapp-sim/src/logic';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { paidCard } from '../e2e/support/people';
import { weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();
const acceptAll = { subscribe: (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'accept' as const])) };

/** Every database call of the local cloud waits this long (its test mode's faults). */
async function slowCloud(dbDelayMs: number): Promise<void> {
  const res = await fetch(`${stage.cloud.url}/api/test/faults`, {
    method: 'POST',
    body: JSON.stringify({ dbDelayMs }),
  });
  expect(res.ok).toBe(true);
}

test('should send a gift from the card page, land on it from the share card and claim it from the 小程序码', async () => {
  const cardId = await paidCard(stage.cloud, await stage.cloud.login('alice'), 10_000);
  const alice = await stage.phone('alice', 'pages/card/index', { id: cardId }, acceptAll);
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

  // The face's PNG is made as the page opens; sharing before it is ready shares without it.
  const shareCard = await alice.shareWhen((card) => card.imageUrl !== undefined);
  expect(shareCard.title).toBe('林小满 送你一张礼品卡，快来领取吧');
  expect(String(shareCard.path)).toMatch(/^\/pages\/claim\/index\?t=[0-9a-f]{24}\.[A-Za-z0-9_-]{22}$/);
  expect(String(shareCard.path)).not.toContain(cardId);
  // WeChat takes no data: image: the face was drawn and exported as a file.
  expect(String(shareCard.imageUrl)).toMatch(/^wxfile:\/\//);
  expect(alice.errors).toEqual([]);

  // A friend opening the share card lands on the gift (without claiming it).
  const { route, query } = parseUrl(String(shareCard.path));
  const carol = await stage.phone('carol', route, query, acceptAll);
  await carol.waitForText('林小满 送你一张礼品卡');
  expect(carol.errors).toEqual([]);
  // So does one scanning an ordinary QR code of the claim link: WeChat passes the whole URL as `q`.
  const link = `https://gift.example.com${String(shareCard.path)}`;
  const dave = await stage.phone('dave', 'pages/claim/index', { q: encodeURIComponent(link) }, acceptAll);
  await dave.waitForText('林小满 送你一张礼品卡');
  expect(dave.errors).toEqual([]);

  // Bob scans the page's 小程序码: WeChat opens the claim page with its scene, URL-encoded.
  const codeImage = await alice.waitFor(
    (e) => e.tag === 'wx-image' && String(e.attr.src).startsWith('data:image/png;base64,'),
    'the 小程序码',
  );
  const code = PNG.sync.read(Buffer.from(String(codeImage.attr.src).split(',')[1]!, 'base64'));
  const scanned = jsQR(new Uint8ClampedArray(code.data), code.width, code.height)?.data ?? '';
  const scene = /^wxacode:pages\/claim\/index\?scene=(.+)$/.exec(scanned)?.[1];
  expect(scene).toBeDefined();
  const bob = await stage.phone('bob', 'pages/claim/index', { scene: encodeURIComponent(scene!) }, acceptAll);
  await bob.waitForText('林小满 送你一张礼品卡');
  expect(bob.text()).toContain('阿博，生日快乐！咖啡我请');
  await bob.type(await bob.field('让对方知道是谁领取了'), '阿博');
  await bob.tap('领取到卡包');
  await bob.waitForText('¥100 已放入你的卡包');
  expect(bob.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});
