/**
 * No dead ends on H5 (issue 19, item 2): the mini-program has WeChat's title bar, H5 has to draw its
 * own — back on a page reached from another, home on a page opened from a link — and the pages that
 * end a journey (a bad gift link, an empty wallet) offer the way on. The visitor sees who is signed
 * in and can sign out to switch accounts.
 */
import type { Page } from 'playwright-core';
import { signIn, text, visible } from './support/people';
import { h5Stage, phonePerTest } from './support/stage';

jest.setTimeout(120_000);

const stage = h5Stage();
let page: Page;

phonePerTest(stage, (p) => (page = p));

const bar = (p: Page) => p.locator('#taro-navigation-bar');
const onHome = (p: Page) => p.waitForURL((u) => u.pathname === '/' || u.pathname === '/pages/home/index');

test('should give a page opened from a link a titled bar with a way home', async () => {
  await page.goto(`${stage.cloud.url}/pages/brand/index?id=brand-rongcheng-hotpot`);
  await text(page, '使用须知').waitFor();
  await expect(bar(page).isVisible()).resolves.toBe(true);
  await expect(bar(page).locator('.taro-navigation-bar-title').textContent()).resolves.toBeTruthy();
  await expect(bar(page).locator('.taro-navigation-bar-back').isVisible()).resolves.toBe(false);
  await bar(page).locator('.taro-navigation-bar-home').click();
  await onHome(page);
  await text(page, '精选好礼').waitFor();
});

test('should give a page reached from another a back control that returns to it', async () => {
  await page.goto(`${stage.cloud.url}/`);
  await page.getByRole('link', { name: '餐饮', exact: true }).click();
  await page.waitForURL(/\/pages\/category\/index/);
  const back = bar(page).locator('.taro-navigation-bar-back');
  await back.waitFor();
  // WeChat's size for a thing to tap: the control is at least 44 px square.
  const box = await back.boundingBox();
  expect([box!.width >= 44, box!.height >= 44]).toEqual([true, true]);
  await back.click();
  await onHome(page);
  await text(page, '精选好礼').waitFor();
});

test('should take a visitor with a bad gift link somewhere useful', async () => {
  await page.goto(`${stage.cloud.url}/pages/claim/index?t=not-a-real-token`);
  await text(page, '礼品链接无效').waitFor();
  await visible(page, 'state-action').click();
  await onHome(page);
  await text(page, '精选好礼').waitFor();
});

test('should show who is signed in, offer shopping on an empty wallet, and sign out to switch accounts', async () => {
  await signIn(stage.cloud, page, 'bob');
  await expect(visible(page, 'account').textContent()).resolves.toContain('当前账号：');
  const bobSees = (await visible(page, 'account').textContent()) ?? '';
  await visible(page, 'sign-out').click();
  await text(page, '登录后查看卡包').waitFor();
  // Signing in as someone else shows that person, not the last one.
  await visible(page, 'state-action').click();
  await visible(page, 'login-alice').click();
  await page.waitForURL((u) => u.pathname.includes('/pages/wallet/'));
  await visible(page, 'account').waitFor();
  expect(await visible(page, 'account').textContent()).not.toEqual(bobSees);
  // alice has no cards on a fresh cloud: the empty wallet leads to the shop.
  await text(page, '这里还没有卡').waitFor();
  await visible(page, 'state-action').click();
  await onHome(page);
  await text(page, '精选好礼').waitFor();
});

test('should ask for a staff profile only of staff, as the session says (issue 19, item 10)', async () => {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/functions/merchant')) asked.push(r.postData() ?? '');
  });
  await signIn(stage.cloud, page, 'alice');
  await page.waitForLoadState('networkidle');
  expect(asked.filter((b) => b.includes('"profile"'))).toEqual([]);
  await visible(page, 'sign-out').click();
  await visible(page, 'state-action').click();
  await visible(page, 'login-dave').click();
  await visible(page, 'merchant-entry').waitFor();
  expect(asked.filter((b) => b.includes('"profile"'))).toHaveLength(1);
});
