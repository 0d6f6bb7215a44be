/**
 * The browse journey in headless Chromium on the real H5 build, served by the local cloud with
 * the seed catalog: home → category → brand page, and search finding a brand.
 * `npm test` builds dist/h5 before this runs.
 */
import type { Page } from 'playwright-core';
import { journey } from './support/browser';
import { FIRST_LOAD_BUDGET, firstLoad } from './support/first-load';
import { h5Stage, phonePerTest } from './support/stage';

jest.setTimeout(60_000);

const stage = h5Stage();
let page: Page;

phonePerTest(stage, (p) => (page = p));

test('should browse from home through a category to a brand page with its denominations and rules', async () => {
  await journey(page, 'browse-category-brand', async () => {
    await page.goto(`${stage.cloud.url}/`);
    await page.getByText('精选好礼').filter({ visible: true }).first().waitFor();
    await page.getByText('生日祝福').filter({ visible: true }).first().waitFor();
    // All five categories are on the home page.
    for (const name of ['餐饮', '零售', '娱乐', '商超', '电商']) await page.getByRole('link', { name }).waitFor();

    await page.getByRole('link', { name: '餐饮', exact: true }).click();
    await page.waitForURL(/\/pages\/category\/index\?id=dining/);
    await page.getByRole('link', { name: '蓉城老火锅', exact: true }).waitFor();
    await page.getByRole('link', { name: '蓝山咖啡', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: '星光影城', exact: true }).count()).toBe(0);

    await page.getByRole('link', { name: '蓉城老火锅', exact: true }).click();
    await page.waitForURL(/\/pages\/brand\/index\?id=brand-rongcheng-hotpot/);
    await page.getByText('蓉城老火锅储值卡').filter({ visible: true }).first().waitFor();
    for (const price of ['¥200', '¥500', '¥1,000'])
      await page.getByText(price, { exact: true }).filter({ visible: true }).first().waitFor();
    await page.getByText('长期有效').filter({ visible: true }).first().waitFor();
    await page.getByText('记名卡').filter({ visible: true }).first().waitFor();
    await page.getByText('使用须知').filter({ visible: true }).first().waitFor();
    await page.getByText('春熙路店').filter({ visible: true }).first().waitFor();
    // The faces carousel shows the default blessing of the face on show.
    await page.getByText('默认祝福语', { exact: false }).filter({ visible: true }).first().waitFor();
  });
});

test('should draw each category as an icon of its own on home and on its page, not a character in a square', async () => {
  await page.goto(`${stage.cloud.url}/`);
  const names = ['餐饮', '零售', '娱乐', '商超', '电商'];
  for (const name of names) await page.getByRole('link', { name }).waitFor();
  const icons = await page.evaluate(
    (wanted) =>
      wanted.map((name) => {
        const link = Array.from(document.querySelectorAll('[role="link"]')).find((l) => l.textContent === name);
        const img = link?.querySelector('img');
        return { text: link?.textContent, src: img?.src ?? '', drawn: (img?.naturalWidth ?? 0) > 0 };
      }),
    names,
  );
  // Only the name is text (no glyph beside it); each icon is a drawn picture, loaded, one per category.
  expect(icons.map((i) => i.text)).toEqual(names);
  for (const icon of icons) {
    expect(icon.src).toMatch(/\/categories\/[a-z]+\.png$/);
    expect(icon.drawn).toBe(true);
  }
  expect(new Set(icons.map((i) => i.src)).size).toBe(names.length);

  await page.getByRole('link', { name: '娱乐', exact: true }).click();
  await page.waitForURL(/\/pages\/category\/index\?id=entertainment/);
  const header = page.locator('.taro_page_show .category__header img');
  await header.waitFor();
  expect(await header.evaluate((img) => (img as HTMLImageElement).src)).toBe(icons[2]!.src);
});

test('should find a brand by search, by Chinese name and by pinyin, and say so when nothing matches', async () => {
  await journey(page, 'search', async () => {
    await page.goto(`${stage.cloud.url}/`);
    await page.getByRole('search').click();
    await page.waitForURL(/\/pages\/search\/index/);
    const input = page.locator('input').first();
    await input.fill('影城');
    await page.getByRole('link', { name: '星光影城', exact: true }).waitFor();
    await input.fill('chaoshi');
    await page.getByRole('link', { name: '惠鲜超市', exact: true }).waitFor();
    await input.fill('不存在的品牌');
    await page.getByText('没有找到与“不存在的品牌”相关的品牌').filter({ visible: true }).first().waitFor();
    await input.fill('蓝山');
    await page.getByRole('link', { name: '蓝山咖啡', exact: true }).click();
    await page.waitForURL(/\/pages\/brand\/index\?id=brand-lanshan-coffee/);
    await page.getByText('蓝山咖啡心意卡').filter({ visible: true }).first().waitFor();
    await page.getByText('支持自定义金额 ¥50–¥1,000').filter({ visible: true }).first().waitFor();
  });
});

test('should show the error state with a retry when the catalog cannot be reached, then recover', async () => {
  await journey(page, 'error-retry', async () => {
    let fail = true;
    await page.route('**/api/functions/catalog', (route) => (fail ? route.abort('failed') : route.continue()));
    await page.goto(`${stage.cloud.url}/`);
    await page.getByText('网络不太顺畅，请检查网络后重试').filter({ visible: true }).first().waitFor();
    fail = false;
    await page.locator('.state-view__retry').filter({ visible: true }).click();
    await page.getByText('精选好礼').filter({ visible: true }).first().waitFor();
  });
});

test('should show the home page with at most 150 KB of JavaScript (gzip) on a first visit', async () => {
  await journey(page, 'first-load', async () => {
    const load = await firstLoad(page, stage.cloud.url);
    // The entry scripts (the home page is in the app chunk), no other page's.
    expect(load.scripts.length).toBeGreaterThanOrEqual(1);
    expect(load.scripts.every((s) => s.path.startsWith('/js/'))).toBe(true);
    expect(load.gzipBytes).toBeGreaterThan(0);
    expect(load.gzipBytes).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });
});
