/**
 * `npm run sim` for a person: the phone frame opens the mini-program build's home page in a
 * browser (title in the navigation bar, the tab bar), and a tap on a card opens its brand page.
 */
import type { Browser } from 'playwright-core';
import { startSimServer, type SimServer } from '../../tools/weapp-sim/src/serve';
import { launchBrowser } from '../e2e/support/browser';
import { WEAPP_CLOUD_DIR, weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();
let browser: Browser;
let sim: SimServer;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await startSimServer(WEAPP_CLOUD_DIR, stage.cloud.url, 0);
});

afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

test('should open the home page in the phone frame and open a brand page when a card is tapped', async () => {
  const page = await (await browser.newContext({ viewport: { width: 800, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${sim.url}/`);
  const screen = page.frameLocator('#screen');
  await screen.getByText('精选好礼').first().waitFor();
  expect(await page.locator('#title').textContent()).toBe('礼品卡中心');
  await page.getByRole('button', { name: '卡包' }).waitFor();

  await screen.getByText('蓝山咖啡心意卡').first().click();
  await screen.getByText('使用须知').first().waitFor();
  await page.locator('#title').filter({ hasText: '蓝山咖啡' }).waitFor();
  expect(await page.locator('#stack').textContent()).toBe('pages/home/index › pages/brand/index');
  expect(errors).toEqual([]);
});
