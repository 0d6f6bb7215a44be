/**
 * Quick thumbs on H5: a tap or a Back while a page is still sliding in or out. Taro's H5 router
 * hid a page ~350 ms after it was left, even when it had come back meanwhile, leaving a blank screen
 * that only a reload cured (patches/@tarojs+router+*.patch). Each journey repeats the quick move 20
 * times, with the delay varied across the transition, and insists the page is there every time.
 */
import type { Page } from 'playwright-core';
import { signIn, visible } from './support/people';
import { h5Stage, phonePerTest } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
let page: Page;
const TIMES = 20;
const HOME = '/pages/home/index';
/** Spread over the router's animation (300 ms after a 50 ms delay) and a little past it. */
const delayOf = (i: number): number => Math.round((i * 400) / (TIMES - 1));

phonePerTest(stage, (p) => (page = p));

/** The page at `path` is the one shown, and it is not hidden (home is also the site's root). */
async function expectShown(p: Page, path: string): Promise<void> {
  await p.waitForURL((u) => u.pathname === path || (path === HOME && u.pathname === '/'));
  // Past the router's hide delay, so a late hide would have happened by now.
  await p.waitForTimeout(500);
  const hidden = await p.evaluate(
    (at) =>
      Array.from(document.querySelectorAll<HTMLElement>('.taro_page'))
        .filter((el) => el.id.split('?')[0] === at)
        .map((el) => el.classList.contains('taro_page_shade') || getComputedStyle(el).display === 'none'),
    path,
  );
  expect([path, hidden]).toEqual([path, [false]]);
}

test('should show the wallet every time Back is pressed while the next page slides in', async () => {
  await signIn(stage.cloud, page, 'alice');
  for (let i = 0; i < TIMES; i++) {
    await visible(page, 'bind-entry').click();
    await page.waitForTimeout(delayOf(i));
    await page.goBack();
    await expectShown(page, '/pages/wallet/index');
    await visible(page, 'total-balance').waitFor();
  }
});

test('should come back to the wallet, filled, when an account is picked as the sign-in page appears', async () => {
  for (let i = 0; i < TIMES; i++) {
    await page.goto(`${stage.cloud.url}/pages/wallet/index`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await visible(page, 'state-action').click();
    await visible(page, 'login-alice').click({ delay: delayOf(i) / 4 });
    await expectShown(page, '/pages/wallet/index');
    await visible(page, 'total-balance').waitFor();
  }
});

test('should open search every time it is tapped while home slides back in', async () => {
  await page.goto(`${stage.cloud.url}/`);
  for (let i = 0; i < TIMES; i++) {
    await page.getByRole('link', { name: '餐饮', exact: true }).click();
    await page.waitForURL(/\/pages\/category\/index/);
    await page.goBack();
    await page.waitForTimeout(delayOf(i) / 2);
    await page.getByRole('search').filter({ visible: true }).first().click();
    await expectShown(page, '/pages/search/index');
    await page.goBack();
    await expectShown(page, HOME);
  }
});
