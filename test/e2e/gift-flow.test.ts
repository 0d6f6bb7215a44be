/**
 * Gifting the WeChat way in headless Chromium on the real H5 build (issue 21): the holder buys a
 * card 送朋友 as a group gift, pays, and lands straight on the send step with the face, blessing
 * and shares she chose in the buy sheet; sending leads to sharing, a friend claims a share and
 * thanks her with a suggested line and a sticker, which she reads in her sent list and on the gift.
 * A sealed birthday gift stays an envelope with a countdown until the test clock reaches its opening,
 * when the trigger tells both and the friend claims it.
 */
import type { Page } from 'playwright-core';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { waitFor } from '../cloud/support/calls';
import { answerConsent, paidCard, signIn, text, visible } from './support/people';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

/** The animation the opened card is revealed with. */
const revealAnimation = (p: Page): Promise<string> =>
  visible(p, 'card-face').evaluate((el) => getComputedStyle(el).animationName);

const stage = h5Stage();
const { pageErrors } = stage;

/** Buys a ¥100 蓝山咖啡 card to give to a group of `shares`, with `blessing`; resolves on the send step. */
async function buyToGift(p: Page, shares: number, blessing: string): Promise<void> {
  await p.goto(`${stage.cloud.url}/pages/brand/index?id=brand-lanshan-coffee`);
  await visible(p, 'buy').click();
  await visible(p, 'buy-sheet').getByText('¥100', { exact: true }).click();
  await visible(p, 'blessing').locator('textarea').fill(blessing);
  await visible(p, 'buy-sheet').getByText('送朋友', { exact: true }).click();
  await visible(p, 'plan-mode-group').click();
  for (let n = 3; n < shares; n++) await visible(p, 'plan-shares-more').click();
  expect(await visible(p, 'plan-shares').textContent()).toBe(String(shares));
  await visible(p, 'plan-share-equal').click();
  await visible(p, 'pay').click();
  await answerConsent(p, true);
  await p.waitForURL(/\/pages\/pay\/index/);
  await visible(p, 'confirm-pay').click();
  // Paid: straight on to the send step, not the result page's 去卡包.
  await p.waitForURL(/\/pages\/gift\/index\?.*from=order/);
  await visible(p, 'send-step').waitFor();
}

test('should go from buying 送朋友 to sending a group gift with what was chosen, then to sharing', async () => {
  const alice = await stage.phone();
  const bob = await stage.phone();
  await journey(alice, 'buy-to-send', async () => {
    await signIn(stage.cloud, alice, 'alice');
    await buyToGift(alice, 4, '周末快乐，咖啡我请');

    // Chosen in the buy sheet: a group gift of 4 equal shares of the whole ¥100, the blessing as typed.
    await visible(alice, 'gift-mode-group').and(alice.locator('.chip--active')).waitFor();
    expect(await visible(alice, 'gift-shares').textContent()).toBe('4');
    await text(alice, '平均分').and(alice.locator('.chip--active')).waitFor();
    expect(await visible(alice, 'gift-amount').locator('input').inputValue()).toBe('100');
    expect(await visible(alice, 'gift-blessing').locator('textarea').inputValue()).toBe('周末快乐，咖啡我请');
    await visible(alice, 'card-face-message')
      .filter({ hasText: '周末快乐，咖啡我请' })
      .filter({ hasText: '— 林小满' })
      .waitFor();
    await visible(alice, 'gift-send').click();
    await answerConsent(alice, true);
    await alice.waitForURL(/\/pages\/share\/index/);
    await visible(alice, 'share-amount').filter({ hasText: '¥100' }).waitFor();
    const link = (await visible(alice, 'share-link').textContent())!.trim();

    // A friend opens the link and claims a quarter.
    await signIn(stage.cloud, bob, 'bob');
    await bob.goto(link);
    // The envelope with her name; one tap opens it, one more claims it.
    await visible(bob, 'claim-from').filter({ hasText: '林小满 送你一张礼品卡' }).waitFor();
    // He asks his phone for reduced motion: the card is revealed without the animation.
    await bob.emulateMedia({ reducedMotion: 'reduce' });
    await visible(bob, 'claim-open').click();
    await visible(bob, 'claim-blessing').filter({ hasText: '周末快乐，咖啡我请' }).waitFor();
    expect(await revealAnimation(bob)).toBe('none');
    // Her words and name are on the card, as she saw them when sending.
    await visible(bob, 'card-face-message')
      .filter({ hasText: '周末快乐，咖啡我请' })
      .filter({ hasText: '— 林小满' })
      .waitFor();
    await visible(bob, 'claim-name').locator('input').fill('阿博');
    await visible(bob, 'claim').click();
    await answerConsent(bob, true);
    await visible(bob, 'claim-success').filter({ hasText: '¥25 已放入你的卡包' }).waitFor();
    // Who got how much, for those who claimed.
    await visible(bob, 'claim-claims').filter({ hasText: '已领取 1/4 份' }).waitFor();
    await visible(bob, 'claim-claim').filter({ hasText: '阿博' }).filter({ hasText: '¥25' }).waitFor();

    // He says thank you: a suggested line and a sticker; once only.
    await visible(bob, 'thanks-suggestion').filter({ hasText: '破费啦，改天请你喝咖啡' }).click();
    await visible(bob, 'sticker-cheers').click();
    await visible(bob, 'thanks-send').click();
    await visible(bob, 'thanks-sent').filter({ hasText: '破费啦，改天请你喝咖啡' }).waitFor();
    await bob.reload();
    await visible(bob, 'thanks-sent').waitFor();
    expect(await visible(bob, 'thanks-form').count()).toBe(0);

    // Alice reads it in her sent list and on the gift's page, and was told (she accepted at sending).
    await alice.goto(`${stage.cloud.url}/pages/gifts/index`);
    const sentGift = visible(alice, 'sent-gift').filter({ hasText: '阿博 的感谢' });
    await sentGift.filter({ hasText: '破费啦，改天请你喝咖啡' }).waitFor();
    await visible(alice, 'outbox-message').filter({ hasText: '破费啦，改天请你喝咖啡' }).waitFor();
    await sentGift.click();
    await alice.waitForURL(/\/pages\/share\/index/);
    await visible(alice, 'share-thanks').filter({ hasText: '🥂' }).waitFor();
    // The state its WeChat chat card shows, on H5 too.
    await visible(alice, 'share-card-state').filter({ hasText: '领取中 1/4' }).waitFor();

    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});

test('should keep a birthday gift sealed until its day, tell both at the opening, and let the friend claim it then', async () => {
  const alice = await stage.phone();
  const bob = await stage.phone();
  await journey(alice, 'sealed-birthday', async () => {
    await signIn(stage.cloud, alice, 'alice');
    await signIn(stage.cloud, bob, 'bob');
    const aliceToken = await stage.cloud.login('alice');
    const cardId = await paidCard(stage.cloud, aliceToken, 8_800);

    // Sealed until the day after tomorrow, 09:00 China time.
    await alice.goto(`${stage.cloud.url}/pages/card/index?id=${cardId}`);
    await visible(alice, 'gift-entry').click();
    await visible(alice, 'gift-blessing').locator('textarea').fill('阿博，生日快乐！');
    await visible(alice, 'seal-sealed').click();
    expect(await visible(alice, 'seal-time').textContent()).toBe('09:00');
    await visible(alice, 'seal-later').click();
    await visible(alice, 'gift-send').click();
    await answerConsent(alice, true);
    await alice.waitForURL(/\/pages\/share\/index/);
    await visible(alice, 'share-opens').filter({ hasText: '09:00' }).waitFor();
    const link = (await visible(alice, 'share-link').textContent())!.trim();

    // Bob meets an envelope: no amount, no blessing, a countdown; he asks to be reminded.
    await bob.goto(link);
    await visible(bob, 'claim-countdown')
      .filter({ hasText: /距开启还有 \d 天/ })
      .waitFor();
    expect(await visible(bob, 'claim').count()).toBe(0);
    expect(await text(bob, '阿博，生日快乐！').count()).toBe(0);
    await visible(bob, 'claim-remind').click();
    await answerConsent(bob, true);
    await visible(bob, 'claim-reminded').waitFor();

    // The test clock reaches the opening; the gifts trigger announces it.
    const sent = await stage.cloud.call<{ data: { gifts: { opensAt?: number }[] } }>(
      'gifts',
      { action: 'sent' },
      aliceToken,
    );
    const opensAt = sent.data.gifts[0]!.opensAt!;
    await fetch(`${stage.cloud.url}/api/test/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: opensAt - stage.cloud.clock.now() + 1_000 }),
    });
    await waitFor('the opening to be announced', async () => {
      await fetch(`${stage.cloud.url}/api/test/triggers/tick`, { method: 'POST', body: '{}' });
      return stage.cloud.outbox.list('o-demo-bob').some((m) => m.kind === 'giftOpened') ? true : undefined;
    });
    expect(stage.cloud.outbox.list('o-demo-alice').filter((m) => m.kind === 'giftOpened')).toHaveLength(1);

    // Now it opens: the blessing, 23 hours left of a window that started at the opening, and the claim.
    await bob.reload();
    await visible(bob, 'claim-open').click();
    await visible(bob, 'claim-blessing').filter({ hasText: '阿博，生日快乐！' }).waitFor();
    expect(await revealAnimation(bob)).toBe('claim-reveal');
    await visible(bob, 'claim-time-left').filter({ hasText: '23 小时' }).waitFor();
    await visible(bob, 'claim-name').locator('input').fill('阿博');
    await visible(bob, 'claim').click();
    await answerConsent(bob, true);
    await visible(bob, 'claim-success').filter({ hasText: '¥88 已放入你的卡包' }).waitFor();

    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});
