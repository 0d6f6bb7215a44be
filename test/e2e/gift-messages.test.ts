/**
 * Subscribe messages and the gift's 小程序码 in headless Chromium on the real H5 build: alice sends a
 * gift and allows the message in the app's consent sheet; bob reads the 小程序码 off her share page
 * (a screenshot decoded with jsQR), opens the claim page through its `?scene=` and claims — alice
 * gets exactly one "claimed" message. A second gift whose message alice refuses is claimed too: no
 * message, and no error for anyone.
 */
import type { Page } from 'playwright-core';
import { findDemoUser } from '../../cloudfunctions/local/gateway/demo-users';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { answerConsent, paidCard, signIn, visible } from './support/people';
import { readQr } from './support/read-qr';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
const { pageErrors } = stage;

/** What a scanner reads off the element (test/e2e/support/read-qr.ts). */
const readCode = (shown: Page, testId: string): Promise<string> => readQr(stage.browser, shown, testId);

/** Alice gifts a card from its page, answering the consent sheet; resolves on the share page. */
async function gift(alice: Page, cardId: string, allow: boolean): Promise<void> {
  await alice.goto(`${stage.cloud.url}/pages/card/index?id=${cardId}`);
  await visible(alice, 'gift-entry').click();
  await alice.waitForURL(/\/pages\/gift\/index/);
  await visible(alice, 'gift-blessing').locator('textarea').fill('一起喝咖啡');
  await visible(alice, 'gift-send').click();
  await answerConsent(alice, allow);
  await alice.waitForURL(/\/pages\/share\/index/);
}

/** Bob opens the envelope on the claim page he is on and claims, refusing his own message; resolves when it is his. */
async function claim(bob: Page): Promise<void> {
  await visible(bob, 'claim-open').click();
  await visible(bob, 'claim-name').locator('input').fill('阿博');
  await visible(bob, 'claim').click();
  await answerConsent(bob, false);
  await visible(bob, 'claim-success').waitFor();
}

async function claimedMessagesTo(openId: string): Promise<{ kind: string; fields: Record<string, string> }[]> {
  const res = await fetch(`${stage.cloud.url}/api/test/outbox`);
  const { messages } = (await res.json()) as {
    messages: { to: string; kind: string; fields: Record<string, string> }[];
  };
  return messages.filter((m) => m.to === openId && m.kind === 'giftClaimed');
}

test('should tell the sender once when a gift opened from its 小程序码 is claimed, and never after she refused', async () => {
  const alice = await stage.phone();
  const bob = await stage.phone();
  const aliceId = findDemoUser('alice')!.openId;
  await journey(alice, 'gift-messages', async () => {
    await signIn(stage.cloud, alice, 'alice');
    await signIn(stage.cloud, bob, 'bob');
    const aliceToken = await stage.cloud.login('alice');
    const first = await paidCard(stage.cloud, aliceToken, 10_000);
    const second = await paidCard(stage.cloud, aliceToken, 5_000);

    // 1. Alice allows the message; bob scans the 小程序码 off her share page and claims.
    await gift(alice, first, true);
    const scanned = await readCode(alice, 'share-wxacode');
    const m = /^wxacode:(pages\/claim\/index)\?scene=([0-9A-Za-z]{20})$/.exec(scanned);
    expect(m).not.toBeNull();
    // WeChat opens the page with the scene URL-encoded in options.scene.
    await bob.goto(`${stage.cloud.url}/${m![1]}?scene=${encodeURIComponent(m![2]!)}`);
    await visible(bob, 'claim-from').filter({ hasText: '送你一张礼品卡' }).waitFor();
    await claim(bob);
    const told = await claimedMessagesTo(aliceId);
    expect(told).toHaveLength(1);
    expect(told[0]!.fields).toMatchObject({ amount: '¥100.00', who: '阿博', note: '你送出的礼品卡已被领取' });
    await alice.goto(`${stage.cloud.url}/pages/gifts/index`);
    await visible(alice, 'outbox-message').filter({ hasText: '你送出的礼品卡已被领取' }).waitFor();

    // 2. Alice refuses; bob claims by the link all the same, and nobody is told or shown an error.
    await gift(alice, second, false);
    const link = (await visible(alice, 'share-link').textContent())!.trim();
    await bob.goto(link);
    await claim(bob);
    await visible(bob, 'claim-success').filter({ hasText: '¥50 已放入你的卡包' }).waitFor();
    expect(await claimedMessagesTo(aliceId)).toHaveLength(1);
    await alice.goto(`${stage.cloud.url}/pages/gifts/index`);
    await visible(alice, 'sent-gift').filter({ hasText: '¥50' }).filter({ hasText: '已领取' }).waitFor();
    expect(await visible(alice, 'outbox-message').count()).toBe(1);

    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});
