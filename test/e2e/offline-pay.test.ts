/**
 * The offline pay code in headless Chromium on the real H5 build: alice opens the pay code of her
 * 蓝山咖啡 card while online (her phone gets its offline key), then her browser loses the network;
 * the page says it is offline and what the offline cap allows, and shows a code derived on the
 * phone, which carol's till (another browser context, online) takes ¥25 with. The same code again is
 * refused as used; the code moves to the next window with the network still off; and back online,
 * the page shows online codes again.
 */
import type { Page } from 'playwright-core';
import type { WalletActions } from '../../src/contracts/wallet';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { paidCard, signIn, visible } from './support/people';
import { readQr } from './support/read-qr';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
const { pageErrors } = stage;

/**
 * What a scanner reads off the pay code once its image is decoded: the QR is an image whose source
 * changes with each code, and a screenshot taken between the change and its decoding shows none.
 */
async function scan(shown: Page): Promise<string> {
  await visible(shown, 'qr-code').evaluate(async (el) => {
    const img = el instanceof HTMLImageElement ? el : el.querySelector('img');
    await img?.decode();
  });
  return readQr(stage.browser, shown, 'pay-qr');
}

async function enterCode(p: Page, text: string): Promise<void> {
  await visible(p, 'clerk-entry').locator('input').fill(text);
  await visible(p, 'clerk-lookup').click();
}

/** What a scanner reads off alice's screen once it shows another code than `shown` (a window is 30 s). */
async function nextCode(alice: Page, shown: string): Promise<string> {
  for (let tries = 0; tries < 25; tries++) {
    const now = await scan(alice);
    if (now !== shown) return now;
    await alice.waitForTimeout(2_000);
  }
  throw new Error('the offline code never moved to the next window');
}

test('should show an offline code with the network cut, which the clerk redeems online once', async () => {
  const alice = await stage.phone();
  const carol = await stage.phone();
  await journey(alice, 'offline-holder', async () => {
    await signIn(stage.cloud, alice, 'alice');
    const aliceToken = await stage.cloud.login('alice');
    const cardId = await paidCard(stage.cloud, aliceToken, 10_000);

    // 1. Online: an online code, and this phone is given its offline key for the card.
    await alice.goto(`${stage.cloud.url}/pages/paycode/index?cardId=${cardId}`);
    await visible(alice, 'qr-code').waitFor();
    expect(await scan(alice)).toMatch(/^GCP1\.[1-9]\d{15}\.[0-9a-f]{16}$/);
    await alice.waitForFunction(
      (id) => Object.keys(localStorage).some((k) => k.includes(`gcp-offline-key:${id}`)),
      cardId,
    );

    // 2. The network goes: the page says so, with what the offline cap allows (the balance, below ¥200).
    await alice.context().setOffline(true);
    await visible(alice, 'pay-offline').filter({ hasText: '今日离线最多可付 ¥100.00' }).waitFor();
    const payload = await scan(alice);
    await alice.screenshot({ path: 'test-results/e2e/offline-pay-code.png' });
    expect(payload).toMatch(/^GCP1\.0\d{15}\.[0-9a-f]{16}$/);

    // 3. Carol's till is online: it takes ¥25 with the offline code, bounded by the offline cap.
    await journey(carol, 'offline-clerk', async () => {
      await signIn(stage.cloud, carol, 'carol');
      await carol.goto(`${stage.cloud.url}/merchant/pages/scan/index`);
      await enterCode(carol, payload);
      await visible(carol, 'clerk-note').filter({ hasText: '离线付款码：本次最多收款 ¥200' }).waitFor();
      await visible(carol, 'clerk-amount').locator('input').fill('25');
      await visible(carol, 'clerk-redeem').click();
      await visible(carol, 'clerk-done').filter({ hasText: '收款成功' }).waitFor();
      expect(await visible(carol, 'clerk-balance-after').textContent()).toBe('卡内剩余 ¥75');
      // 4. The same offline code again: refused, with its own title.
      await visible(carol, 'clerk-next').click();
      await enterCode(carol, payload);
      await visible(carol, 'clerk-refused').waitFor();
      expect(await visible(carol, 'clerk-refused-title').textContent()).toBe('离线付款码已使用');
    });

    // 5. Still offline, the code moves on to the next 30-second window by itself.
    const next = await nextCode(alice, payload);
    expect(next).toMatch(/^GCP1\.0\d{15}\.[0-9a-f]{16}$/);
    expect(next.split('.')[1]!.slice(1, 8)).toBe(payload.split('.')[1]!.slice(1, 8));
    expect(await visible(alice, 'pay-offline').count()).toBe(1);

    // 6. Back online: online codes again.
    await alice.context().setOffline(false);
    await visible(alice, 'pay-offline').waitFor({ state: 'detached' });
    expect(await scan(alice)).toMatch(/^GCP1\.[1-9]\d{15}\.[0-9a-f]{16}$/);

    const detail = await stage.cloud.call<{ ok: true; data: WalletActions['detail']['output'] }>(
      'wallet',
      { action: 'detail', cardId },
      aliceToken,
    );
    expect(detail.data.card.balance).toBe(7_500);
    await checkMoneyInvariants(stage.cloud);

    // 7. Signing out forgets the keys: the next person on this phone gets no codes from them.
    const offlineKeys = () =>
      alice.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('gcp-offline-key:')).length);
    expect(await offlineKeys()).toBe(1);
    await alice.goto(`${stage.cloud.url}/pages/wallet/index`);
    await visible(alice, 'sign-out').click();
    await visible(alice, 'state-action').waitFor();
    expect(await offlineKeys()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
