/**
 * 送给朋友 only where it can succeed (issue 19, item 4), and the gift form's manners: a card with no
 * transfers left doesn't offer it and says why; a card that came as a gift starts the next gift from
 * a blessing of our own, not its sender's words; a refusal shows at the button, on screen; and the
 * form opened from the card page asks for neither the card again nor the brand twice (item 10).
 */
import type { Page } from 'playwright-core';
import type { GiftsActions } from '../../src/contracts/gifts';
import type { OrdersActions } from '../../src/contracts/orders';
import { face, MARKET, waitFor } from '../cloud/support/calls';
import { answerConsent, paidCard, signIn, text, visible } from './support/people';
import { h5Stage, phonePerTest } from './support/stage';

jest.setTimeout(180_000);

const stage = h5Stage();
let page: Page;

phonePerTest(stage, (p) => (page = p));

type Ok<T> = { ok: true; data: T };

/** Gives `cardId` whole from `from` to `to` through the gateway; the card id `to` now holds. */
async function giveWhole(cardId: string, from: string, to: string, blessing: string): Promise<string> {
  const sent = await stage.cloud.call<Ok<GiftsActions['send']['output']>>(
    'gifts',
    {
      action: 'send',
      cardId,
      mode: 'single',
      blessing,
      senderName: '林小满',
      requestId: `e2e-give-${Math.random().toString(36).slice(2)}`,
    },
    from,
  );
  const claimed = await stage.cloud.call<Ok<GiftsActions['claim']['output']>>(
    'gifts',
    { action: 'claim', token: sent.data.token, name: '阿博' },
    to,
  );
  return claimed.data.cardId;
}

/** A paid 惠鲜超市 card (two transfers allowed) of ¥50 for the holder of `token`. */
async function marketCard(token: string): Promise<string> {
  const created = await stage.cloud.call<Ok<OrdersActions['create']['output']>>(
    'orders',
    {
      action: 'create',
      productId: MARKET,
      faceId: face(MARKET, 'festival'),
      amount: 5_000,
      quantity: 1,
      purpose: 'self',
      requestId: `e2e-market-${Math.random().toString(36).slice(2)}`,
    },
    token,
  );
  await fetch(`${stage.cloud.url}/api/test/pay/confirm`, {
    method: 'POST',
    body: JSON.stringify({ outTradeNo: created.data.order._id }),
  });
  return waitFor('the card', async () => {
    const d = await stage.cloud.call<Ok<OrdersActions['detail']['output']>>(
      'orders',
      { action: 'detail', orderId: created.data.order._id },
      token,
    );
    return d.data.cards[0]?._id;
  });
}

/** The actions the page asks of each function, in order. */
function callsOf(p: Page): string[] {
  const seen: string[] = [];
  p.on('request', (r) => {
    const m = /\/api\/functions\/(\w+)/.exec(r.url());
    if (m) seen.push(`${m[1]}.${(JSON.parse(r.postData() ?? '{}') as { action?: string }).action}`);
  });
  return seen;
}

test('should not offer 送给朋友 on a card with no transfers left, and say why', async () => {
  const alice = await stage.cloud.login('alice');
  const bob = await stage.cloud.login('bob');
  // 蓝山咖啡 cards may be given once: the card bob received can't be given again.
  const received = await giveWhole(await paidCard(stage.cloud, alice, 10_000), alice, bob, '生日快乐');
  await signIn(stage.cloud, page, 'bob');
  await page.goto(`${stage.cloud.url}/pages/card/index?id=${received}`);
  await visible(page, 'card-balance').waitFor();
  await expect(visible(page, 'transfers-left').textContent()).resolves.toBe('转赠次数已用完，不能再送出');
  await expect(visible(page, 'gift-entry').count()).resolves.toBe(0);
  // The card came whole: its history says with how much (item 8).
  await visible(page, 'history-entry').filter({ hasText: '好友领取转入' }).filter({ hasText: '+100.00' }).waitFor();
  // Opened by its address all the same, the form is not offered either.
  await page.goto(`${stage.cloud.url}/pages/gift/index?cardId=${received}`);
  await text(page, '这张卡的转赠次数已用完').waitFor();
  await expect(visible(page, 'gift-send').count()).resolves.toBe(0);
});

test('should start a received card’s gift from our blessing, and the holder’s own card from hers', async () => {
  const alice = await stage.cloud.login('alice');
  const bob = await stage.cloud.login('bob');
  const received = await giveWhole(await marketCard(alice), alice, bob, '小满写给阿博的私房话');
  await signIn(stage.cloud, page, 'bob');
  await page.goto(`${stage.cloud.url}/pages/card/index?id=${received}`);
  await visible(page, 'gift-entry').click();
  const blessing = visible(page, 'gift-blessing').locator('textarea');
  await blessing.waitFor();
  await expect(blessing.inputValue()).resolves.toBe('送你一份心意，愿你喜欢');

  const own = await marketCard(bob);
  await page.goto(`${stage.cloud.url}/pages/card/index?id=${own}`);
  await visible(page, 'gift-entry').click();
  await page.waitForURL(/\/pages\/gift\/index/);
  await expect(visible(page, 'gift-blessing').locator('textarea').inputValue()).resolves.toBe(
    '新春快乐！年货备齐，福气满满。',
  );
});

test('should show a refusal at the button, on screen, and load the card and brand once', async () => {
  const token = await stage.cloud.login('alice');
  const cardId = await paidCard(stage.cloud, token, 10_000);
  await signIn(stage.cloud, page, 'alice');
  await page.goto(`${stage.cloud.url}/pages/card/index?id=${cardId}`);
  await visible(page, 'card-balance').waitFor();
  const calls = callsOf(page);
  await visible(page, 'gift-entry').click();
  await visible(page, 'gift-blessing').waitFor();
  await page.waitForLoadState('networkidle');
  expect(calls.filter((c) => c === 'wallet.detail' || c === 'catalog.brand')).toEqual(['catalog.brand']);

  // Meanwhile the card was given from elsewhere: sending it from this form is refused.
  const bob = await stage.cloud.login('bob');
  await giveWhole(cardId, token, bob, '另一处送出');
  await visible(page, 'gift-send').click();
  await answerConsent(page, true);
  const error = visible(page, 'gift-error');
  await error.waitFor();
  const box = (await error.boundingBox())!;
  expect([box.y >= 0, box.y + box.height <= 812]).toEqual([true, true]);
});
