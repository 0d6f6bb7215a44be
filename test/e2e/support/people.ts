/**
 * What the journeys start from: finding what is on screen by test id or text,
 * signing in as a demo user the way a visitor does, and a paid card bought through the gateway.
 */
import type { Page } from 'playwright-core';
import type { MerchantActions } from '../../../src/contracts/merchant';
import type { OrdersActions } from '../../../src/contracts/orders';
import type { WalletActions } from '../../../src/contracts/wallet';
import { COFFEE, face, requestId, waitFor } from '../../cloud/support/calls';
import type { TestCloud } from '../../cloud/support/local-cloud';

export const visible = (p: Page, testId: string) => p.getByTestId(testId).filter({ visible: true });

/** The first text on screen that contains `t` (or is exactly `t`). */
export const text = (p: Page, t: string, exact = false) => p.getByText(t, { exact }).filter({ visible: true }).first();

/**
 * Answers the app's subscribe-message sheet, which H5 shows on a tap that leads to a message
 * (sending or claiming a gift, buying) in place of WeChat's dialog.
 */
export async function answerConsent(p: Page, accept: boolean): Promise<void> {
  await visible(p, accept ? 'consent-allow' : 'consent-reject').click();
  await visible(p, 'consent-sheet').waitFor({ state: 'detached' });
}

/** From the wallet tab's sign-in button to the demo user's row, and back. */
export async function signIn(cloud: TestCloud, p: Page, user: string): Promise<void> {
  await p.goto(`${cloud.url}/pages/wallet/index`);
  await visible(p, 'state-action').click();
  await p.waitForURL(/\/pages\/login\/index/);
  await visible(p, `login-${user}`).click();
  await p.waitForURL((u) => !u.pathname.includes('/pages/login/'));
  await visible(p, 'total-balance').waitFor();
}

/** A paid 蓝山咖啡 card of `amount` fen for the holder of `token`, bought as the app does; its id. */
export async function paidCard(cloud: TestCloud, token: string, amount: number): Promise<string> {
  const created = await cloud.call<{ ok: true; data: OrdersActions['create']['output'] }>(
    'orders',
    {
      action: 'create',
      productId: COFFEE,
      faceId: face(COFFEE),
      amount,
      quantity: 1,
      purpose: 'self',
      requestId: `e2e-${amount}-${Math.random().toString(36).slice(2)}`,
    },
    token,
  );
  await fetch(`${cloud.url}/api/test/pay/confirm`, {
    method: 'POST',
    body: JSON.stringify({ outTradeNo: created.data.order._id }),
  });
  return waitFor('the card', async () => {
    const d = await cloud.call<{ ok: true; data: OrdersActions['detail']['output'] }>(
      'orders',
      { action: 'detail', orderId: created.data.order._id },
      token,
    );
    return d.data.cards[0]?._id;
  });
}

/**
 * A paid 蓝山咖啡 card of `bought` fen spent down to `left` by carol at the till, as an earlier visit to
 * the shop would leave it; its id.
 */
export async function spentCard(cloud: TestCloud, token: string, bought: number, left: number): Promise<string> {
  const cardId = await paidCard(cloud, token, bought);
  const pc = await cloud.call<{ ok: true; data: WalletActions['payCode']['output'] }>(
    'wallet',
    { action: 'payCode', cardId },
    token,
  );
  const spent = await cloud.call<{ ok: boolean; data: MerchantActions['redeem']['output'] }>(
    'merchant',
    {
      action: 'redeem',
      payCode: pc.data.payCode.qr,
      storeId: 'store-lanshan-coffee-1',
      amount: bought - left,
      requestId: requestId(),
    },
    await cloud.login('carol'),
  );
  if (spent.data?.redemption.balanceAfter !== left)
    throw new Error(`the card was not spent down: ${JSON.stringify(spent)}`);
  return cardId;
}
