/**
 * The forms' rough edges (issue 19, item 5), measured in the H5 build at 375 px: the blessing field
 * stays inside its box with no resize grip, typed search text sits in the middle of its bar, the bind
 * page's hint and labels have lines of their own, 批量制卡 picks the only product and says why its
 * button can't be pressed, the till's code field asks for the number pad, and a friend claiming
 * finds her name filled in from her profile.
 */
import type { Locator, Page } from 'playwright-core';
import type { GiftsActions } from '../../src/contracts/gifts';
import { paidCard, signIn, text, visible } from './support/people';
import { h5Stage, phonePerTest } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
let page: Page;

phonePerTest(stage, (p) => (page = p));

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

test('should keep the buy sheet’s blessing inside its field, with no resize grip', async () => {
  await signIn(stage.cloud, page, 'alice');
  await page.goto(`${stage.cloud.url}/pages/brand/index?id=brand-lanshan-coffee`);
  await visible(page, 'buy').click();
  const field = page.locator('.buy-sheet__blessing').filter({ visible: true }).first();
  const area = field.locator('textarea');
  await area.waitFor();
  const [outer, inner] = [await box(field), await box(area)];
  expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
  expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(await area.evaluate((e) => getComputedStyle(e).resize)).toBe('none');
});

test('should centre typed search text in its bar', async () => {
  await page.goto(`${stage.cloud.url}/pages/search/index`);
  const input = page.locator('.search__input input').filter({ visible: true }).first();
  await input.fill('咖啡');
  const [bar, field] = [await box(page.locator('.search__input').filter({ visible: true }).first()), await box(input)];
  expect(Math.abs(field.y + field.height / 2 - (bar.y + bar.height / 2))).toBeLessThanOrEqual(1);
});

test('should give the bind page’s hint and labels lines of their own', async () => {
  await signIn(stage.cloud, page, 'alice');
  await page.goto(`${stage.cloud.url}/pages/bind/index`);
  const hint = await box(text(page, '刮开卡背涂层'));
  const label = await box(text(page, '卡号', true));
  expect(label.y).toBeGreaterThanOrEqual(hint.y + hint.height);
});

test('should pick the only product for 批量制卡, and say why the button waits when there are two', async () => {
  await signIn(stage.cloud, page, 'dave');
  await page.goto(`${stage.cloud.url}/merchant/pages/batch/index?brandId=brand-huixian-market`);
  await visible(page, 'batch-product').first().waitFor();
  await expect(visible(page, 'batch-product').first().getAttribute('class')).resolves.toContain('chip--active');
  await expect(visible(page, 'batch-why').count()).resolves.toBe(0);

  const dave = await stage.cloud.login('dave');
  await stage.cloud.call(
    'merchant',
    {
      action: 'saveProduct',
      brandId: 'brand-lanshan-coffee',
      name: '第二张咖啡卡',
      kind: 'bearer',
      denominations: [5_000],
      customAmount: null,
      faces: [{ name: '早安', theme: 'thanks', colors: ['#6b3e26', '#d69e2e'], blessing: '早安' }],
      validity: { type: 'afterActivation', months: 36 },
      usageRules: ['全国蓝山咖啡门店可用'],
      transferLimit: 1,
      refundWindowDays: 7,
      bonus: null,
      stock: null,
      onSale: true,
      featured: false,
    },
    dave,
  );
  await page.goto(`${stage.cloud.url}/merchant/pages/batch/index?brandId=brand-lanshan-coffee`);
  await visible(page, 'batch-why').filter({ hasText: '先选择要制卡的卡券' }).waitFor();
  await visible(page, 'batch-product').first().click();
  await expect(visible(page, 'batch-why').count()).resolves.toBe(0);
});

test('should ask for the number pad on the till’s code field', async () => {
  await signIn(stage.cloud, page, 'carol');
  await page.goto(`${stage.cloud.url}/merchant/pages/scan/index`);
  const input = visible(page, 'clerk-entry').locator('input');
  await input.waitFor();
  expect(await input.evaluate((e: HTMLInputElement) => [e.type, e.inputMode])).toEqual(['text', 'numeric']);
});

test('should fill the friend’s name from her profile when she signs in to claim, and let it be changed', async () => {
  const alice = await stage.cloud.login('alice');
  const cardId = await paidCard(stage.cloud, alice, 10_000);
  const sent = await stage.cloud.call<{ ok: true; data: GiftsActions['send']['output'] }>(
    'gifts',
    {
      action: 'send',
      cardId,
      mode: 'single',
      blessing: '生日快乐',
      senderName: '林小满',
      requestId: `e2e-f-${Date.now()}`,
    },
    alice,
  );
  await page.goto(`${stage.cloud.url}/pages/claim/index?t=${sent.data.token}`);
  // The envelope first: one tap opens it, the next claims (and asks her to sign in).
  await visible(page, 'claim-open').click();
  await visible(page, 'claim').click();
  await visible(page, 'login-bob').click();
  await page.waitForURL(/\/pages\/claim\/index/);
  const name = visible(page, 'claim-name').locator('input');
  await name.waitFor();
  expect(await name.inputValue()).not.toBe('');
  await name.fill('阿博');
  await expect(name.inputValue()).resolves.toBe('阿博');
  await expect(visible(page, 'claim').getAttribute('aria-disabled')).resolves.toBe('false');
});

test('should say how long to wait after too many wrong card numbers or PINs', async () => {
  const bob = await stage.cloud.login('bob');
  for (let i = 0; i < 5; i++)
    await stage.cloud.call('wallet', { action: 'bind', cardNumber: '2345 6789 2345 678' + i, pin: '00000000' }, bob);
  await signIn(stage.cloud, page, 'bob');
  await page.goto(`${stage.cloud.url}/pages/bind/index`);
  await visible(page, 'card-number').locator('input').fill('2345 6789 2345 6789');
  await visible(page, 'pin').locator('input').fill('12345678');
  await visible(page, 'bind-submit').click();
  await visible(page, 'bind-error').filter({ hasText: '请 10 分钟后再试' }).waitFor();
});
