/**
 * The buying journey in headless Chromium on the real H5 build: a demo holder signs in, buys two
 * cards (one with a custom amount and her own blessing), pays on the simulated WeChat Pay sheet,
 * finds them in the wallet with their balances and history, refunds one, and binds a card bought
 * offline by its card number and PIN.
 */
import type { Page } from 'playwright-core';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { answerConsent, text, visible } from './support/people';
import { h5Stage } from './support/stage';

jest.setTimeout(120_000);

const stage = h5Stage();
let page: Page;

beforeAll(async () => {
  page = await stage.phone();
});

async function buyOnBrandPage(p: Page, choose: () => Promise<void>): Promise<void> {
  await p.goto(`${stage.cloud.url}/pages/brand/index?id=brand-lanshan-coffee`);
  await visible(p, 'buy').click();
  await visible(p, 'buy-sheet').waitFor();
  await choose();
  await visible(p, 'pay').click();
  await answerConsent(p, true);
  await p.waitForURL(/\/pages\/pay\/index/);
  await text(p, '本地模拟支付').waitFor();
  await visible(p, 'confirm-pay').click();
  await p.waitForURL(/\/pages\/result\/index/);
  await text(p, '支付成功', true).waitFor();
}

test('should buy two cards, see them in the wallet, refund one and bind a card by number and PIN', async () => {
  await journey(page, 'buy-wallet-refund-bind', async () => {
    // Buying needs an identity: the first tap leads to sign-in.
    await page.goto(`${stage.cloud.url}/pages/brand/index?id=brand-lanshan-coffee`);
    await visible(page, 'buy').click();
    await page.waitForURL(/\/pages\/login\/index/);
    await visible(page, 'login-alice').click();
    await page.waitForURL(/\/pages\/brand\/index/);

    // A denomination card.
    await buyOnBrandPage(page, async () => {
      await visible(page, 'buy-sheet').getByText('¥100', { exact: true }).click();
      expect(await visible(page, 'total').textContent()).toBe('¥100');
    });

    // A custom amount with her own blessing; an amount outside the range is refused on the sheet.
    await buyOnBrandPage(page, async () => {
      const amount = visible(page, 'custom-amount').locator('input');
      await amount.fill('20');
      await text(page, '请输入 ¥50–¥1,000 之间的整元金额').waitFor();
      await amount.fill('88');
      const blessing = visible(page, 'blessing').locator('textarea');
      await blessing.fill('阿满，生日快乐！咖啡管够');
      expect(await visible(page, 'total').textContent()).toBe('¥88');
    });

    await visible(page, 'to-wallet').click();
    await page.waitForURL(/\/pages\/wallet\/index/);
    await text(page, '188').waitFor();
    expect(await visible(page, 'total-balance').textContent()).toBe('188.00');
    expect(await visible(page, 'wallet-card').count()).toBe(2);

    // The custom card: its blessing and its history, with the balance after each entry.
    await visible(page, 'wallet-card').filter({ hasText: '¥88' }).click();
    await page.waitForURL(/\/pages\/card\/index/);
    await text(page, '阿满，生日快乐！咖啡管够', false).waitFor();
    await text(page, '购卡激活', true).waitFor();
    await text(page, '余额 88.00', true).waitFor();

    // Refund it: the confirmation states the amount, then the card is voided.
    await visible(page, 'refund').click();
    await text(page, '将退回 ¥88 至原支付账户，卡片立即作废。', true).waitFor();
    await page.getByText('确认退款', { exact: true }).filter({ visible: true }).last().click();
    await visible(page, 'refund-status')
      .filter({ hasText: /已退款|退款处理中/ })
      .waitFor();
    await text(page, '退款作废', true).waitFor();
    expect(await visible(page, 'card-balance').textContent()).toBe('0.00');

    // A card sold offline: the operator issues it, the holder binds it.
    const dave = await stage.cloud.login('dave');
    const issued = await stage.cloud.call<{ ok: boolean; data: { cards: { cardNumber: string; pin: string }[] } }>(
      'merchant',
      {
        action: 'issueBatch',
        productId: 'prod-lanshan-coffee-card',
        amount: 20_000,
        count: 1,
        requestId: `e2e-${Date.now()}-batch`,
      },
      dave,
    );
    const { cardNumber, pin } = issued.data.cards[0]!;
    await page.goto(`${stage.cloud.url}/pages/bind/index`);
    await visible(page, 'card-number').locator('input').fill(cardNumber);
    await visible(page, 'pin').locator('input').fill('00000000');
    await visible(page, 'bind-submit').click();
    await text(page, '卡号或卡密不正确，或该卡无法绑定', true).waitFor();
    await visible(page, 'pin').locator('input').fill(pin);
    await visible(page, 'bind-submit').click();
    await page.waitForURL(/\/pages\/card\/index/);
    expect(await visible(page, 'card-balance').textContent()).toBe('200.00');
    await text(page, '绑定实体卡', true).waitFor();

    await checkMoneyInvariants(stage.cloud);
    expect(stage.pageErrors).toEqual([]);
  });
});
