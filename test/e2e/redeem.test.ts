/**
 * Paying in store in headless Chromium on the real H5 build, with the holder and the clerk in two
 * browser contexts: alice opens the pay code of her 蓝山咖啡 card; the test reads the QR code off her
 * screen as a scanner would (a screenshot of it, decoded with jsQR); carol, a clerk of 蓝山咖啡, enters
 * that payload on the till (headless Chromium has no camera, and the manual field takes a whole
 * payload as well as the 16 digits), takes ¥37.50, and alice's screen shows the payment and her new
 * balance live. The same payload again is refused as used; today's list shows the redemption, and
 * reversing it there gives the money back. Someone without a staff role gets the staff-only screen.
 * An amount above ¥500 waits for alice's confirmation on her screen; and with a fake camera that
 * sees alice's code, the till's H5 scanner (getUserMedia + jsQR) reads it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { WalletActions } from '../../src/contracts/wallet';
import { groupPayCode } from '../../src/domain/redemption';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey, launchBrowser } from './support/browser';
import { qrCamera } from './support/fake-camera';
import { paidCard, signIn, visible } from './support/people';
import { readQr } from './support/read-qr';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
const { pageErrors } = stage;

/** What a scanner reads off the element (test/e2e/support/read-qr.ts). */
const scan = (shown: Page, testId: string): Promise<string> => readQr(stage.browser, shown, testId);

/** Alice signs in, gets a paid card of `amount` fen, opens its pay code; what a scanner reads off it. */
async function showPayCode(alice: Page, amount: number): Promise<string> {
  await signIn(stage.cloud, alice, 'alice');
  const cardId = await paidCard(stage.cloud, await stage.cloud.login('alice'), amount);
  await alice.goto(`${stage.cloud.url}/pages/paycode/index?cardId=${cardId}`);
  await visible(alice, 'qr-code').waitFor();
  return scan(alice, 'pay-qr');
}

/** On the till: the code typed or pasted into the manual field, looked up. */
async function enterCode(p: Page, text: string): Promise<void> {
  await visible(p, 'clerk-entry').locator('input').fill(text);
  await visible(p, 'clerk-lookup').click();
}

test('should pay in store: the clerk takes an amount off the scanned code and the holder sees it live', async () => {
  const alice = await stage.phone();
  const carol = await stage.phone();
  await journey(alice, 'redeem-holder', async () => {
    await signIn(stage.cloud, alice, 'alice');
    const aliceToken = await stage.cloud.login('alice');
    const cardId = await paidCard(stage.cloud, aliceToken, 10_000);

    // 1. Someone without a staff role finds the till closed to them.
    await alice.goto(`${stage.cloud.url}/merchant/pages/scan/index`);
    await alice.getByText('仅限商户店员使用').filter({ visible: true }).first().waitFor();

    // 2. Alice opens her card and shows its pay code; the digits are masked until she taps them.
    await alice.goto(`${stage.cloud.url}/pages/card/index?id=${cardId}`);
    await visible(alice, 'pay-entry').click();
    await alice.waitForURL(/\/pages\/paycode\/index/);
    await visible(alice, 'qr-code').waitFor();
    expect(await visible(alice, 'pay-balance').textContent()).toBe('¥100.00');
    const payload = await scan(alice, 'pay-qr');
    expect(payload).toMatch(/^GCP1\.[1-9]\d{15}\.[0-9a-f]{16}$/);
    const code = payload.split('.')[1]!;
    expect(await visible(alice, 'pay-digits').textContent()).toContain(`•••• ${code.slice(-4)}`);
    await visible(alice, 'pay-digits').click();
    expect(await visible(alice, 'pay-digits').textContent()).toContain(groupPayCode(code));

    // 3. Carol, a clerk of 蓝山咖啡 国贸店, reaches the till from her wallet and enters the payload.
    await journey(carol, 'redeem-clerk', async () => {
      await signIn(stage.cloud, carol, 'carol');
      await visible(carol, 'merchant-entry').click();
      await carol.waitForURL(/\/merchant\/pages\/scan\/index/);
      expect(await visible(carol, 'clerk-store').textContent()).toBe('蓝山咖啡 国贸店');
      // No camera in headless Chromium: the till says so and points to the manual field.
      await visible(carol, 'clerk-scan').click();
      await carol.getByText('请手动输入付款码').filter({ visible: true }).first().waitFor();
      await enterCode(carol, payload);
      await visible(carol, 'clerk-card').filter({ hasText: `•••• ` }).waitFor();
      expect(await visible(carol, 'clerk-balance').textContent()).toBe('¥100');
      // More than the card and WeChat Pay's part after it (split payment) is caught on the till.
      await visible(carol, 'clerk-amount').locator('input').fill('2100.01');
      await visible(carol, 'clerk-amount-problem').filter({ hasText: '超出卡内余额与微信支付上限 ¥2,100' }).waitFor();
      await visible(carol, 'clerk-amount').locator('input').fill('37.50');
      await visible(carol, 'clerk-redeem').click();
      await visible(carol, 'clerk-done').filter({ hasText: '收款成功' }).waitFor();
      expect(await visible(carol, 'clerk-done-amount').textContent()).toBe('¥37.50');
      expect(await visible(carol, 'clerk-balance-after').textContent()).toBe('卡内剩余 ¥62.50');
    });

    // 4. Alice's screen shows the payment and her balance without her touching it.
    await visible(alice, 'pay-result').filter({ hasText: '支付成功' }).filter({ hasText: '国贸店' }).waitFor();
    expect(await visible(alice, 'pay-result-amount').textContent()).toBe('¥37.50');
    expect(await visible(alice, 'pay-balance').textContent()).toBe('¥62.50');

    await journey(carol, 'redeem-clerk-again', async () => {
      // 5. The same payload a second time: used.
      await visible(carol, 'clerk-next').click();
      await enterCode(carol, payload);
      await visible(carol, 'clerk-refused').waitFor();
      expect(await visible(carol, 'clerk-refused-title').textContent()).toBe('付款码已使用');
      // What to do next, not the title again; and the code was typed, so the way on is to type again.
      await visible(carol, 'clerk-refused').filter({ hasText: '请顾客刷新付款码后重新出示' }).waitFor();
      expect(await visible(carol, 'clerk-rescan').textContent()).toBe('重新输入');

      // 6. Today's list has it with the totals; reversing it there gives the money back.
      await visible(carol, 'clerk-rescan').click();
      await visible(carol, 'clerk-history-entry').click();
      await carol.waitForURL(/\/merchant\/pages\/history\/index/);
      await visible(carol, 'history-row').filter({ hasText: '¥37.50' }).waitFor();
      expect(await visible(carol, 'history-net').textContent()).toBe('37.50');
      await visible(carol, 'history-reverse').click();
      await carol.getByText('确认撤销', { exact: true }).filter({ visible: true }).click();
      await visible(carol, 'history-row').filter({ hasText: '已撤销' }).waitFor();
      expect(await visible(carol, 'history-net').textContent()).toBe('0.00');
    });

    const detail = await stage.cloud.call<{ ok: true; data: WalletActions['detail']['output'] }>(
      'wallet',
      { action: 'detail', cardId },
      aliceToken,
    );
    expect(detail.data.card.balance).toBe(10_000);
    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});

test('should wait for the holder to confirm an amount above ¥500 on her own screen', async () => {
  const alice = await stage.phone();
  const carol = await stage.phone();
  await journey(alice, 'redeem-confirm', async () => {
    const payload = await showPayCode(alice, 100_000);

    await signIn(stage.cloud, carol, 'carol');
    await carol.goto(`${stage.cloud.url}/merchant/pages/scan/index`);
    await enterCode(carol, payload);
    await visible(carol, 'clerk-amount').locator('input').fill('600');
    await carol.getByText('超过 ¥500 需顾客在手机上确认').filter({ visible: true }).waitFor();
    await visible(carol, 'clerk-redeem').click();
    await visible(carol, 'clerk-waiting').filter({ hasText: '等待顾客确认' }).waitFor();

    await visible(alice, 'pay-confirm').filter({ hasText: '蓝山咖啡 国贸店 向你收款' }).waitFor();
    expect(await visible(alice, 'pay-confirm-amount').textContent()).toBe('¥600');
    await visible(alice, 'pay-confirm-button').click();
    await visible(alice, 'pay-result').waitFor();
    expect(await visible(alice, 'pay-balance').textContent()).toBe('¥400.00');

    await visible(carol, 'clerk-done').filter({ hasText: '收款成功' }).waitFor();
    expect(await visible(carol, 'clerk-balance-after').textContent()).toBe('卡内剩余 ¥400');
    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});

test('should scan the pay code with the camera on H5', async () => {
  const alice = await stage.phone();
  await journey(alice, 'redeem-camera', async () => {
    const payload = await showPayCode(alice, 5_000);

    // Carol's phone: a browser whose camera sees Alice's screen.
    const camera = await launchBrowser(qrCamera(payload, path.join(stage.cloud.dataDir, 'pay-code.y4m')));
    try {
      const carol = await stage.phone(camera);
      await journey(carol, 'redeem-camera-clerk', async () => {
        await signIn(stage.cloud, carol, 'carol');
        await carol.goto(`${stage.cloud.url}/merchant/pages/scan/index`);
        await visible(carol, 'clerk-scan').click();
        await visible(carol, 'clerk-card').waitFor();
        expect(await visible(carol, 'scanner').count()).toBe(0);
        // All of this card (its code may spend alice's other 蓝山咖啡 cards too: 全部 would take theirs).
        await visible(carol, 'clerk-amount').locator('input').fill('50');
        await visible(carol, 'clerk-redeem').click();
        await visible(carol, 'clerk-done').filter({ hasText: '卡内剩余 ¥0' }).waitFor();
      });
    } finally {
      await camera.close();
    }
    await visible(alice, 'pay-result').waitFor();
    expect(await visible(alice, 'pay-balance').textContent()).toBe('¥0.00');
    expect(pageErrors).toEqual([]);
  });
});
