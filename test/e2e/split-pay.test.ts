/**
 * Split payment at the till in headless Chromium on the real H5 build, holder and clerk in two
 * browser contexts: alice shows the pay code of her ¥30 蓝山咖啡 card; carol enters a ¥45 bill; the
 * cloud takes the ¥30 off the card and alice's phone asks for the ¥15 left, which she pays on the
 * local cloud's pay sheet; both screens then show the same receipt (the card's part and balance
 * after, the WeChat Pay part, the total), and the money invariants hold.
 */
import type { Page } from 'playwright-core';
import type { WalletActions } from '../../src/contracts/wallet';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { signIn, spentCard, visible } from './support/people';
import { readQr } from './support/read-qr';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
const { pageErrors } = stage;

const texts = async (p: Page, testId: string): Promise<string[]> =>
  (await visible(p, testId).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

test('should pay a ¥45 bill with a ¥30 card and the rest through the pay sheet, with one receipt on both phones', async () => {
  const alice = await stage.phone();
  const carol = await stage.phone();
  await journey(alice, 'split-holder', async () => {
    await signIn(stage.cloud, alice, 'alice');
    const aliceToken = await stage.cloud.login('alice');
    const cardId = await spentCard(stage.cloud, aliceToken, 5_000, 3_000);

    // 1. Alice shows the pay code of her ¥30 card (her only 蓝山咖啡 card: no other cards to choose).
    await alice.goto(`${stage.cloud.url}/pages/paycode/index?cardId=${cardId}`);
    await visible(alice, 'qr-code').waitFor();
    expect(await visible(alice, 'pay-balance').textContent()).toBe('¥30.00');
    expect(await visible(alice, 'pay-cards').count()).toBe(0);
    const payload = await readQr(stage.browser, alice, 'pay-qr');

    // 2. Carol enters a ¥45 bill: the till says the ¥15 beyond the card goes to WeChat Pay.
    await journey(carol, 'split-clerk', async () => {
      await signIn(stage.cloud, carol, 'carol');
      await carol.goto(`${stage.cloud.url}/merchant/pages/scan/index`);
      await visible(carol, 'clerk-entry').locator('input').fill(payload);
      await visible(carol, 'clerk-lookup').click();
      await visible(carol, 'clerk-card').waitFor();
      expect(await visible(carol, 'clerk-balance').textContent()).toBe('¥30');
      await visible(carol, 'clerk-amount').locator('input').fill('45');
      await visible(carol, 'clerk-split-note').filter({ hasText: '差额 ¥15 将请顾客微信支付' }).waitFor();
      await visible(carol, 'clerk-redeem').click();
      await visible(carol, 'clerk-waiting').filter({ hasText: '等待顾客微信支付' }).waitFor();
      expect(await visible(carol, 'clerk-waiting-amount').textContent()).toBe('¥15');
    });

    // 3. Alice's phone asks for the ¥15 left, the card's ¥30 already taken; she pays on the pay sheet.
    await visible(alice, 'pay-remainder').filter({ hasText: '蓝山咖啡 国贸店 收款 ¥45' }).waitFor();
    expect(await visible(alice, 'pay-remainder-amount').textContent()).toBe('¥15');
    // The two new screens, kept for whoever reviews them (test-results/e2e/).
    await alice.screenshot({ path: 'test-results/e2e/split-pay-remainder.png' });
    expect(await texts(alice, 'split-receipt-card')).toEqual([expect.stringMatching(/余额 ¥0.*¥30$/)]);
    await visible(alice, 'pay-remainder-button').click();
    await visible(alice, 'pay-local-sheet').filter({ hasText: '本地模拟支付' }).waitFor();
    expect(await visible(alice, 'pay-local-amount').textContent()).toBe('¥15');
    await visible(alice, 'pay-local-confirm').click();

    // 4. One receipt on both phones: the card's part and balance after, the WeChat Pay part, the total.
    await visible(alice, 'pay-result').filter({ hasText: '支付成功' }).waitFor();
    expect(await visible(alice, 'pay-result-amount').textContent()).toBe('¥45.00');
    expect(await texts(alice, 'split-receipt-card')).toEqual([expect.stringMatching(/余额 ¥0.*¥30$/)]);
    expect(await texts(alice, 'split-receipt-wechat')).toEqual(['微信支付¥15']);
    expect(await visible(alice, 'split-receipt-total').textContent()).toBe('¥45');
    expect(await visible(alice, 'pay-balance').textContent()).toBe('¥0.00');

    await visible(carol, 'clerk-done').filter({ hasText: '收款成功' }).waitFor();
    expect(await visible(carol, 'clerk-done-amount').textContent()).toBe('¥45');
    expect(await texts(carol, 'split-receipt-card')).toEqual([expect.stringMatching(/余额 ¥0.*¥30$/)]);
    expect(await texts(carol, 'split-receipt-wechat')).toEqual(['微信支付¥15']);
    expect(await visible(carol, 'split-receipt-total').textContent()).toBe('¥45');
    await carol.screenshot({ path: 'test-results/e2e/split-pay-till-receipt.png' });

    const detail = await stage.cloud.call<{ ok: true; data: WalletActions['detail']['output'] }>(
      'wallet',
      { action: 'detail', cardId },
      aliceToken,
    );
    expect(detail.data.card.balance).toBe(0);
    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});
