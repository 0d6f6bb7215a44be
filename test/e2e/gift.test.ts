/**
 * The gifting journey in headless Chromium on the real H5 build, with two people in two browser
 * contexts: the holder gifts a card with a blessing, her friend opens the link, claims it and sees
 * it in his wallet, the holder sees it claimed; a second gift nobody claims comes back to her after
 * the test clock passes the claim window; the sixth gift of a day is refused with a clear message.
 */
import type { Page } from 'playwright-core';
import { GIFT_RULES } from '../../src/domain/gift';
import { waitFor } from '../cloud/support/calls';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { answerConsent, paidCard, signIn, text, visible } from './support/people';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
const { pageErrors } = stage;

/** Fills and sends the gift form of a card; resolves on the share page. */
async function giftFromCardPage(p: Page, cardId: string, fill: () => Promise<void>): Promise<void> {
  await p.goto(`${stage.cloud.url}/pages/card/index?id=${cardId}`);
  await visible(p, 'gift-entry').click();
  await p.waitForURL(/\/pages\/gift\/index/);
  await visible(p, 'gift-blessing').waitFor();
  await fill();
  await visible(p, 'gift-send').click();
  // Told when it is claimed or comes back.
  await answerConsent(p, true);
}

test('should gift, claim, return an unclaimed gift and refuse the sixth gift of the day', async () => {
  const alice = await stage.phone();
  const bob = await stage.phone();
  await journey(alice, 'gift-claim-return', async () => {
    await signIn(stage.cloud, alice, 'alice');
    const aliceToken = await stage.cloud.login('alice');
    const first = await paidCard(stage.cloud, aliceToken, 10_000);
    const second = await paidCard(stage.cloud, aliceToken, 20_000);
    const third = await paidCard(stage.cloud, aliceToken, 5_000);

    // 1. Alice gifts her ¥100 card whole, with a blessing.
    await giftFromCardPage(alice, first, async () => {
      await visible(alice, 'gift-blessing').locator('textarea').fill('阿博，生日快乐！咖啡我请');
      expect(await visible(alice, 'gift-sender-name').locator('input').inputValue()).toBe('林小满');
    });
    await alice.waitForURL(/\/pages\/share\/index/);
    const link = (await visible(alice, 'share-link').textContent())!.trim();
    expect(link).toMatch(/\/pages\/claim\/index\?t=[0-9a-f]{24}\.[A-Za-z0-9_-]{22}$/);
    await visible(alice, 'qr-code').waitFor();
    expect(link).not.toContain(first);

    // 2. Bob opens the link, signs in, claims it and finds it in his wallet.
    await bob.goto(link);
    await visible(bob, 'claim-from').filter({ hasText: '林小满 送你一张礼品卡' }).waitFor();
    // The envelope first: one tap opens it.
    expect(await visible(bob, 'claim-blessing').count()).toBe(0);
    await visible(bob, 'claim-open').click();
    await visible(bob, 'claim-blessing').filter({ hasText: '阿博，生日快乐！咖啡我请' }).waitFor();
    await visible(bob, 'claim-time-left').filter({ hasText: '23 小时' }).waitFor();
    await visible(bob, 'claim').click();
    await bob.waitForURL(/\/pages\/login\/index/);
    await visible(bob, 'login-bob').click();
    await bob.waitForURL(/\/pages\/claim\/index/);
    await visible(bob, 'claim-name').locator('input').fill('阿博');
    await visible(bob, 'claim').click();
    await answerConsent(bob, true);
    await visible(bob, 'claim-success').filter({ hasText: '¥100 已放入你的卡包' }).waitFor();
    await visible(bob, 'claim-to-card').click();
    await bob.waitForURL(/\/pages\/card\/index/);
    expect(await visible(bob, 'card-balance').textContent()).toBe('100.00');
    await text(bob, '好友领取转入', true).waitFor();
    // The same link again: already his.
    await bob.goto(link);
    await visible(bob, 'claim-success').waitFor();

    // 3. Alice sees it claimed by Bob, and her outbox says so.
    await alice.goto(`${stage.cloud.url}/pages/gifts/index`);
    await visible(alice, 'sent-gift').filter({ hasText: '已领取' }).filter({ hasText: '阿博' }).waitFor();
    await visible(alice, 'outbox-message').filter({ hasText: '你送出的礼品卡已被领取' }).waitFor();

    // 4. A second gift — ¥30 split off the ¥200 card — that nobody claims.
    await giftFromCardPage(alice, second, async () => {
      await visible(alice, 'gift-part').click();
      await visible(alice, 'gift-amount').locator('input').fill('30');
    });
    await alice.waitForURL(/\/pages\/share\/index/);
    await visible(alice, 'share-amount').filter({ hasText: '¥30' }).waitFor();

    // 5. Gifts 3 to 5 of the day through the app's function; the sixth, on the form, is refused.
    for (let i = 0; i < GIFT_RULES.dailyLimit - 2; i++) {
      const sent = await stage.cloud.call<{ ok: boolean }>(
        'gifts',
        {
          action: 'send',
          cardId: third,
          mode: 'single',
          amount: 100,
          blessing: '',
          senderName: '小满',
          requestId: `e2e-daily-${i}-${Date.now()}`,
        },
        aliceToken,
      );
      expect(sent.ok).toBe(true);
    }
    await giftFromCardPage(alice, third, async () => {
      await visible(alice, 'gift-part').click();
      await visible(alice, 'gift-amount').locator('input').fill('1');
    });
    await visible(alice, 'gift-error').filter({ hasText: '今天的赠送次数已用完' }).waitFor();

    // 6. The window passes: the timer returns what nobody claimed, and Alice sees the ¥30 back.
    await fetch(`${stage.cloud.url}/api/test/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: GIFT_RULES.claimWindowMs + 120_000 }),
    });
    await fetch(`${stage.cloud.url}/api/test/triggers/tick`, { method: 'POST', body: '{}' });
    await waitFor('the return sweep', async () => {
      const sent = await stage.cloud.call<{ data: { gifts: { state: string }[] } }>(
        'gifts',
        { action: 'sent' },
        aliceToken,
      );
      return sent.data.gifts.every((g) => g.state === 'claimed' || g.state === 'returned') ? true : undefined;
    });
    await alice.goto(`${stage.cloud.url}/pages/gifts/index`);
    await visible(alice, 'sent-gift').filter({ hasText: '已退回' }).filter({ hasText: '¥30' }).waitFor();
    await visible(alice, 'outbox-message').filter({ hasText: '好友未在时限内领取，已退回卡包' }).first().waitFor();
    await alice.goto(`${stage.cloud.url}/pages/wallet/index`);
    // ¥170 left on the split card + ¥30 back + ¥47 left of the ¥50 card + ¥3 back.
    await visible(alice, 'total-balance')
      .filter({ hasText: /^250\.00$/ })
      .waitFor();
    // Bob's link to the first gift still shows it as his; a link to the returned one says it expired.
    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});
