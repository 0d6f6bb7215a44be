/**
 * The operator's journey in headless Chromium on the real H5 build: dave opens 商户工作台 from the
 * wallet tab, creates a card product with a new face of his own, alice finds it on the brand page
 * and buys it on the pay sheet, and dave's dashboard shows the sale: the sold figure and today's
 * bar of the chart both grow by what she paid. Then his team and batch pages: an invite bob joins
 * by its code, and a batch of card numbers shown once.
 */
import type { Page } from 'playwright-core';
import type { CatalogActions } from '../../src/contracts/catalog';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { answerConsent, signIn, text, visible } from './support/people';
import { h5Stage } from './support/stage';

jest.setTimeout(150_000);

const stage = h5Stage();
let dave: Page;
let alice: Page;

beforeAll(async () => {
  dave = await stage.phone();
  alice = await stage.phone();
});

/** Today's figures on the console: the sold KPI and today's (the last) sold bar with its height. */
async function todaysSales(p: Page): Promise<{ kpi: number; bar: number; height: string }> {
  await visible(p, 'console-kpi-sold').waitFor();
  // A bar of ¥0 has no height, so it is found through its day's column, which always shows.
  const bar = visible(p, 'chart-day').last().getByTestId('chart-bar-sold');
  return {
    kpi: Number(await visible(p, 'console-kpi-sold').getAttribute('data-value')),
    bar: Number(await bar.getAttribute('data-value')),
    height: await bar.evaluate((el) => (el as HTMLElement).style.height),
  };
}

test('should let an operator create a product with a new face, sell it, and see the sale on the dashboard', async () => {
  await journey(dave, 'operator-product-sale-dashboard', async () => {
    await signIn(stage.cloud, dave, 'dave');
    await visible(dave, 'console-entry').click();
    await dave.waitForURL(/\/merchant\/pages\/console\/index/);
    await visible(dave, 'console-brand-brand-lanshan-coffee').click();
    const before = await todaysSales(dave);

    // A new product: one ¥100 denomination and a face of its own with its blessing.
    await visible(dave, 'console-menu-products').click();
    await dave.waitForURL(/\/merchant\/pages\/products\/index/);
    await visible(dave, 'product-new').click();
    await dave.waitForURL(/\/merchant\/pages\/product\/index/);
    await visible(dave, 'product-name').locator('input').fill('冬日暖饮卡');
    await visible(dave, 'product-denomination-input').locator('input').fill('100');
    await visible(dave, 'product-denomination-add').click();
    await visible(dave, 'product-denomination').filter({ hasText: '¥100' }).waitFor();
    await visible(dave, 'face-name').locator('input').fill('初雪');
    await visible(dave, 'face-blessing').locator('textarea, input').first().fill('初雪的日子，请你喝一杯热可可。');
    await visible(dave, 'product-save').click();
    await dave.waitForURL(/\/merchant\/pages\/products\/index/);
    await visible(dave, 'product-row').filter({ hasText: '冬日暖饮卡' }).waitFor();

    // On the brand page for holders, with its face and blessing.
    const brand = await stage.cloud.call<{ ok: true; data: CatalogActions['brand']['output'] }>('catalog', {
      action: 'brand',
      brandId: 'brand-lanshan-coffee',
    });
    const product = brand.data.products.find((x) => x.name === '冬日暖饮卡');
    expect(product?.faces.map((f) => [f.name, f.blessing])).toEqual([['初雪', '初雪的日子，请你喝一杯热可可。']]);

    await signIn(stage.cloud, alice, 'alice');
    await alice.goto(`${stage.cloud.url}/pages/brand/index?id=brand-lanshan-coffee&product=${product!._id}`);
    await text(alice, '冬日暖饮卡').waitFor();
    await visible(alice, 'buy').click();
    // Its only denomination is already chosen; its face brings its blessing.
    expect(await visible(alice, 'total').textContent()).toBe('¥100');
    await text(alice, '初雪的日子，请你喝一杯热可可。').waitFor();
    await visible(alice, 'pay').click();
    await answerConsent(alice, false);
    await alice.waitForURL(/\/pages\/pay\/index/);
    await visible(alice, 'confirm-pay').click();
    await alice.waitForURL(/\/pages\/result\/index/);
    await text(alice, '支付成功', true).waitFor();

    // Back on the console: the sale is in the KPI and in today's bar, which grew.
    await dave.goto(`${stage.cloud.url}/merchant/pages/console/index`);
    await visible(dave, 'console-brand-brand-lanshan-coffee').click();
    await dave.waitForFunction(
      (kpi) => Number(document.querySelector('[data-testid="console-kpi-sold"]')?.getAttribute('data-value')) > kpi,
      before.kpi,
    );
    const after = await todaysSales(dave);
    expect(after.kpi).toBe(before.kpi + 10_000);
    expect(after.bar).toBe(before.bar + 10_000);
    expect(after.height).not.toBe(before.height);
    // The chart has a scale: the tallest bar's value at its top line (issue 19, item 7).
    await visible(dave, 'chart-scale').filter({ hasText: '¥' }).waitFor();
    expect(stage.pageErrors).toEqual([]);
  });
  await checkMoneyInvariants(stage.cloud);
});

test('should let an operator invite a clerk who joins by the code, and issue a batch of cards shown once', async () => {
  const operator = await stage.phone();
  await journey(operator, 'operator-team-batch', async () => {
    await signIn(stage.cloud, operator, 'dave');
    await operator.goto(`${stage.cloud.url}/merchant/pages/team/index?brandId=brand-lanshan-coffee`);
    await visible(operator, 'invite-store').first().click();
    await visible(operator, 'invite-create').click();
    const code = (await visible(operator, 'invite-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9 -]{8,}$/);
    await visible(operator, 'invite-row').first().waitFor();

    const bob = await stage.phone();
    await signIn(stage.cloud, bob, 'bob');
    await bob.goto(`${stage.cloud.url}/merchant/pages/join/index`);
    await visible(bob, 'join-code').locator('input').fill(code);
    await visible(bob, 'join-name').locator('input').fill('小波');
    await visible(bob, 'join-submit').click();
    await visible(bob, 'join-done').waitFor();

    await operator.goto(`${stage.cloud.url}/merchant/pages/batch/index?brandId=brand-lanshan-coffee`);
    await visible(operator, 'batch-product').first().click();
    await visible(operator, 'batch-amount').locator('input').fill('100');
    await visible(operator, 'batch-count').locator('input').fill('3');
    await visible(operator, 'batch-issue').click();
    await visible(operator, 'batch-warning').waitFor();
    expect(await visible(operator, 'batch-card').count()).toBe(3);
    // What was issued, as the batch's file says it.
    expect(await visible(operator, 'batch-what').textContent()).toContain('面值 ¥100');
    expect(stage.pageErrors).toEqual([]);
  });
  await checkMoneyInvariants(stage.cloud);
});
