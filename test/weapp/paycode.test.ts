/**
 * Paying in store on the mini-program build in the headless simulator: alice's pay code page runs
 * the native QR canvas component (src/components/native/qr-canvas) on a Canvas 2D node; the test
 * decodes what it drew with jsQR, as a scanner would; carol, a clerk of 蓝山咖啡, scans it on the
 * till (wx.scanCode answers with that payload), takes ¥37.50, and alice's page shows the payment.
 * The page is also shown in headless Chromium, and the code is read off that picture too.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser } from 'playwright-core';
import { screenshotPage } from '../../tools/weapp-sim/src/view';
import { launchBrowser, phoneContext } from '../e2e/support/browser';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { paidCard } from '../e2e/support/people';
import { weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

/** What a scanner reads off a picture of the phone's screen. */
function readScreen(png: Buffer): string {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data), width, height)?.data ?? '';
}

test('should show a pay code the clerk scans and redeems, the holder seeing the payment live', async () => {
  const cardId = await paidCard(stage.cloud, await stage.cloud.login('alice'), 10_000);
  const alice = await stage.phone('alice', 'pages/card/index', { id: cardId });
  await alice.tap('到店付款');
  await alice.waitForRoute('pages/paycode/index');
  await alice.waitForText('卡内余额¥100');
  // The component draws once its canvas node answers the selector query; a scanner reads it back.
  const canvas = await alice.waitForDrawing();
  const payload = jsQR(canvas.pixels, canvas.width, canvas.height)?.data ?? '';
  expect(payload).toMatch(/^GCP1\.[1-9]\d{15}\.[0-9a-f]{16}$/);
  // The page shown in Chromium — WeChat's templates, its WXSS, the canvas replayed — shows the same code.
  const tab = await (await phoneContext(browser)).newPage();
  expect(readScreen(await screenshotPage(alice, tab))).toBe(payload);
  const digits = payload.split('.')[1]!;
  expect(alice.text()).toContain(`•••• ${digits.slice(-4)}`);
  // The screen is kept on and bright while the code shows.
  expect(alice.calls).toEqual(
    expect.arrayContaining([
      { api: 'setKeepScreenOn', args: { keepScreenOn: true } },
      { api: 'setScreenBrightness', args: { value: 1 } },
    ]),
  );

  const carol = await stage.tillScanning(payload);
  await carol.waitForText('卡内余额¥100');
  await carol.type(await carol.field('最多'), '37.50');
  await carol.tap('确认收款');
  await carol.waitForText('收款成功¥37.50');
  expect(carol.text()).toContain('卡内剩余 ¥62.50');

  await alice.waitForText('支付成功¥37.50');
  expect(alice.text()).toContain('卡内余额¥62.50');
  expect(alice.errors).toEqual([]);
  expect(carol.errors).toEqual([]);
  await checkMoneyInvariants(stage.cloud);
});
