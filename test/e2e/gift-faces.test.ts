/**
 * Faces worth giving and the sender's profile in headless Chromium on the real H5 build (issue 21,
 * items 2 and 3): the giver picks an image file for her avatar and sets her nickname once; buying a
 * 春节 card 送朋友, the buy sheet shows the card as the friend will see it — her blessing and name
 * on the face — as do the share page and the claim page; the friend's envelope shows her avatar and
 * nickname, and his own name is prefilled from the default avatar and nickname he chose.
 */
import type { Page } from 'playwright-core';
import { encodePng } from '../../src/services/png-encoder';
import { checkMoneyInvariants } from '../cloud/support/money-invariants';
import { journey } from './support/browser';
import { answerConsent, signIn, visible } from './support/people';
import { h5Stage } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
const { pageErrors } = stage;

/** A 300 × 200 red-and-gold PNG, as a photo from the album. */
function photo(): Buffer {
  const w = 300;
  const h = 200;
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) rgba.set(i % w < 150 ? [200, 40, 40, 255] : [250, 200, 80, 255], i * 4);
  return Buffer.from(encodePng(w, h, rgba));
}

/** Opens the profile page from the wallet, sets the nickname, saves; `avatar` picks it. */
async function setProfile(p: Page, nickname: string, avatar: () => Promise<void>): Promise<void> {
  await p.goto(`${stage.cloud.url}/pages/wallet/index`);
  await visible(p, 'profile-entry').click();
  await p.waitForURL(/\/pages\/profile\/index/);
  await avatar();
  await visible(p, 'profile-nickname').locator('input').fill(nickname);
  await visible(p, 'profile-save').click();
  await p.waitForURL(/\/pages\/wallet\/index/);
}

test('should show the giver’s words, avatar and nickname on the card from the buy sheet to the claim page', async () => {
  const alice = await stage.phone();
  const bob = await stage.phone();
  await journey(alice, 'gift-faces', async () => {
    await signIn(stage.cloud, alice, 'alice');
    await setProfile(alice, '小满同学', async () => {
      const chooser = alice.waitForEvent('filechooser');
      await visible(alice, 'profile-pick-image').click();
      await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo() });
      // Cropped to a small square JPEG on the phone before it is stored.
      await alice.locator('.profile__head [data-testid="avatar"][src^="data:image/jpeg;base64,"]').waitFor();
    });

    // A 春节 face of 蓉城老火锅, 送朋友: the sheet shows the card as the friend will see it.
    await alice.goto(`${stage.cloud.url}/pages/brand/index?id=brand-rongcheng-hotpot`);
    await visible(alice, 'buy').click();
    await visible(alice, 'face-option').filter({ hasText: '福满新春' }).click();
    await visible(alice, 'blessing').locator('textarea').fill('过年好，火锅我请');
    await visible(alice, 'buy-sheet').getByText('送朋友', { exact: true }).click();
    const preview = visible(alice, 'gift-preview');
    await preview.scrollIntoViewIfNeeded();
    await preview
      .getByTestId('card-face-message')
      .filter({ hasText: '过年好，火锅我请' })
      .filter({ hasText: '— 小满同学' })
      .waitFor();
    await alice.screenshot({ path: 'test-results/e2e/gift-faces-buy-sheet.png' });
    await visible(alice, 'pay').click();
    await answerConsent(alice, true);
    await alice.waitForURL(/\/pages\/pay\/index/);
    await visible(alice, 'confirm-pay').click();
    await alice.waitForURL(/\/pages\/gift\/index\?.*from=order/);
    await visible(alice, 'gift-send').click();
    await answerConsent(alice, true);
    await alice.waitForURL(/\/pages\/share\/index/);
    // The share page's card carries the words too.
    await visible(alice, 'card-face-message')
      .filter({ hasText: '过年好，火锅我请' })
      .filter({ hasText: '— 小满同学' })
      .waitFor();
    const link = (await visible(alice, 'share-link').textContent())!.trim();

    // The friend chose a drawn default avatar and a nickname once.
    await signIn(stage.cloud, bob, 'bob');
    await setProfile(bob, '一鸣', () => visible(bob, 'profile-preset-panda').click());
    await bob.goto(link);
    // The sealed envelope: her avatar (the photo she picked) and her nickname.
    const envelope = visible(bob, 'claim-envelope');
    await envelope.locator('[data-testid="avatar"][src^="data:image/jpeg;base64,"]').waitFor();
    await envelope.getByTestId('claim-from').filter({ hasText: '小满同学 送你一张礼品卡' }).waitFor();
    await bob.screenshot({ path: 'test-results/e2e/gift-faces-envelope.png' });
    await visible(bob, 'claim-open').click();
    await visible(bob, 'card-face-message')
      .filter({ hasText: '过年好，火锅我请' })
      .filter({ hasText: '— 小满同学' })
      .waitFor();
    // His name comes from his profile, and he may change it.
    expect(await visible(bob, 'claim-name').locator('input').inputValue()).toBe('一鸣');
    await visible(bob, 'claim').click();
    await answerConsent(bob, true);
    await visible(bob, 'claim-success').filter({ hasText: '¥200 已放入你的卡包' }).waitFor();

    await checkMoneyInvariants(stage.cloud);
    expect(pageErrors).toEqual([]);
  });
});
