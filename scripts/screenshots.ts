/**
 * `npm run screenshots`: renders every H5 page at 375×812 with the demo data into screenshots/ —
 * browsing, then a demo holder's purchase from the buy sheet to the wallet, then paying in store
 * with the holder's pay code and the clerk's till side by side, then the operator's pages, a clerk
 * joining by invite, a card's expiry and extension, and gifting's faces (every drawn face of the
 * catalog, the profile page, the buy sheet's 送朋友 preview, the envelope with the sender's avatar
 * and the opened card with her words) — for design review; then the mini-program
 * build's pages through the weapp simulator, each beside its H5 picture (weapp-screenshots.ts).
 * Needs the H5 build (npm run build:h5), the weapp cloud build (npm run build:weapp-cloud) and
 * Debian's chromium.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../cloudfunctions/local';
import type { Browser } from 'playwright-core';
import { seedCatalog } from '../cloudfunctions/local/seed/catalog';
import { gatewayDriver } from '../test/bench/support';
import { launchBrowser, phoneContext } from '../test/e2e/support/browser';
import { weappScreenshots } from './weapp-screenshots';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'screenshots');

/** Page name → path, and what to wait for before the picture is taken. */
const SHOTS: { name: string; path: string; ready: string; type?: string }[] = [
  { name: '01-home', path: '/', ready: '精选好礼' },
  { name: '02-category-dining', path: '/pages/category/index?id=dining', ready: '礼品卡' },
  { name: '03-search-results', path: '/pages/search/index', ready: '星光影城', type: '影城' },
  { name: '04-search-empty', path: '/pages/search/index', ready: '没有找到', type: '不存在的品牌' },
  { name: '05-brand', path: '/pages/brand/index?id=brand-rongcheng-hotpot', ready: '使用须知' },
  { name: '06-brand-two-products', path: '/pages/brand/index?id=brand-yishang-fashion', ready: '使用须知' },
];

/** The holder's pages, in the order a purchase goes through them. */
async function signedInJourney(browser: Browser, url: string): Promise<void> {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const byId = (id: string) => page.getByTestId(id).filter({ visible: true });
  const shoot = async (name: string, fullPage = true): Promise<void> => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
    console.log(`  screenshots/${name}.png`);
  };
  // Signing in from the wallet tab, the way a visitor does: the login page returns to the wallet.
  await page.goto(`${url}/pages/wallet/index`);
  await byId('state-action').click();
  await byId('login-alice').waitFor();
  await shoot('08-login');
  await byId('login-alice').click();
  await page.waitForURL((u) => !u.pathname.includes('/pages/login/'));
  await page.getByText('这里还没有卡').filter({ visible: true }).first().waitFor();
  await shoot('09-wallet-empty');
  await page.goto(`${url}/pages/brand/index?id=brand-huixian-market`);
  await byId('buy').click();
  await byId('buy-sheet').getByText('¥1,000', { exact: true }).click();
  await shoot('10-buy-sheet', false);
  await byId('pay').click();
  // The app's subscribe-message sheet (H5's stand-in for WeChat's dialog).
  await byId('consent-allow').click();
  await byId('confirm-pay').waitFor();
  await shoot('11-pay-sheet');
  await byId('confirm-pay').click();
  await page.getByText('支付成功').filter({ visible: true }).first().waitFor();
  await shoot('12-result');
  await byId('to-wallet').click();
  await byId('wallet-card').first().waitFor();
  await shoot('13-wallet');
  await byId('wallet-card').first().click();
  await byId('card-balance').waitFor();
  await shoot('14-card');
  await page.goto(`${url}/pages/orders/index`);
  await byId('order-row').first().waitFor();
  await shoot('15-orders');
  await page.goto(`${url}/pages/bind/index`);
  await byId('card-number').waitFor();
  await shoot('16-bind');
  await context.close();
}

/** A new phone signed in as `user` from the wallet tab, with test-id lookup and a screenshot helper. */
async function signedInPhone(browser: Browser, url: string, user: string) {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  const byId = (id: string) => page.getByTestId(id).filter({ visible: true });
  await page.goto(`${url}/pages/wallet/index`);
  await byId('state-action').click();
  await byId(`login-${user}`).click();
  await page.waitForURL((u) => !u.pathname.includes('/pages/login/'));
  const shoot = async (name: string, fullPage = false): Promise<void> => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
    console.log(`  screenshots/${name}.png`);
  };
  return { context, page, byId, shoot };
}

/** Paying in store: alice's pay code and carol's till (and dave's, with several stores), step by step. */
async function storeJourney(browser: Browser, url: string): Promise<void> {
  const person = (user: string) => signedInPhone(browser, url, user);
  const gateway = gatewayDriver(url);
  const aliceToken = (await gateway.post('/api/dev/login', { user: 'alice' })).token as string;
  const small = await gateway.cardOf(aliceToken, 10_000);
  const large = await gateway.cardOf(aliceToken, 100_000);
  const alice = await person('alice');
  const carol = await person('carol');
  const typedCode = async (): Promise<string> => {
    await alice.byId('pay-digits').click();
    return ((await alice.byId('pay-digits').textContent()) ?? '').replace(/\D/g, '');
  };

  await alice.page.goto(`${url}/merchant/pages/scan/index`);
  await alice.page.getByText('仅限商户店员使用').filter({ visible: true }).first().waitFor();
  await alice.shoot('17-till-staff-only');
  await alice.page.goto(`${url}/pages/paycode/index?cardId=${small}`);
  await alice.byId('qr-code').waitFor();
  await alice.shoot('18-paycode');

  await carol.page.goto(`${url}/merchant/pages/scan/index`);
  await carol.byId('clerk-scan').waitFor();
  await carol.shoot('19-till-scan');
  const code = await typedCode();
  await carol.byId('clerk-entry').locator('input').fill(code);
  await carol.byId('clerk-lookup').click();
  await carol.byId('clerk-amount').locator('input').fill('37.50');
  await carol.shoot('20-till-amount');
  await carol.byId('clerk-redeem').click();
  await carol.byId('clerk-done').waitFor();
  await carol.shoot('21-till-done');
  await alice.byId('pay-result').waitFor();
  await alice.shoot('22-paycode-paid');
  await carol.byId('clerk-next').click();
  await carol.byId('clerk-entry').locator('input').fill(code);
  await carol.byId('clerk-lookup').click();
  await carol.byId('clerk-refused').waitFor();
  await carol.shoot('23-till-refused');

  await alice.page.goto(`${url}/pages/paycode/index?cardId=${large}`);
  await alice.byId('qr-code').waitFor();
  await carol.byId('clerk-rescan').click();
  await carol
    .byId('clerk-entry')
    .locator('input')
    .fill(await typedCode());
  await carol.byId('clerk-lookup').click();
  await carol.byId('clerk-amount').locator('input').fill('600');
  await carol.byId('clerk-redeem').click();
  await carol.byId('clerk-waiting').waitFor();
  await carol.shoot('24-till-waiting');
  await alice.byId('pay-confirm').waitFor();
  await alice.shoot('25-paycode-confirm');
  await alice.byId('pay-confirm-button').click();
  await carol.byId('clerk-done').waitFor();

  await carol.page.goto(`${url}/merchant/pages/history/index`);
  await carol.byId('history-row').first().waitFor();
  await carol.shoot('26-till-history');
  const dave = await person('dave');
  await dave.page.goto(`${url}/merchant/pages/scan/index`);
  await dave.byId('clerk-scan').waitFor();
  await dave.shoot('27-till-stores');
  await dave.page.goto(`${url}/pages/wallet/index`);
  await dave.byId('merchant-entry').waitFor();
  await dave.shoot('28-wallet-staff');
  for (const p of [alice, carol, dave]) await p.context.close();
}

/** The operator's pages (dave), a clerk joining by invite (bob), and a card's expiry and extension. */
async function operatorJourney(browser: Browser, cloud: LocalCloud): Promise<void> {
  const url = cloud.url;
  const person = (user: string) => signedInPhone(browser, url, user);
  const dave = await person('dave');
  await dave.page.goto(`${url}/pages/wallet/index`);
  await dave.byId('console-entry').waitFor();
  await dave.shoot('29-wallet-operator');
  await dave.byId('console-entry').click();
  await dave.byId('console-brand-brand-lanshan-coffee').click();
  await dave.byId('console-kpi-sold').waitFor();
  await dave.byId('chart-day').last().click();
  await dave.shoot('30-console', true);
  await dave.page.goto(`${url}/merchant/pages/products/index?brandId=brand-lanshan-coffee`);
  await dave.byId('product-row').first().waitFor();
  await dave.shoot('31-products', true);
  await dave.byId('product-new').click();
  await dave.byId('product-name').waitFor();
  await dave.byId('product-name').locator('input').fill('冬日暖饮卡');
  await dave.byId('product-save').click();
  await dave.shoot('32-product-editor', true);
  await dave.page.goto(`${url}/merchant/pages/team/index?brandId=brand-lanshan-coffee`);
  await dave.byId('store-row').first().waitFor();
  await dave.byId('invite-store').first().click();
  await dave.byId('invite-create').click();
  const code = ((await dave.byId('invite-code').textContent()) ?? '').replace(/\s/g, '');
  await dave.shoot('33-team', true);
  const bob = await person('bob');
  await bob.page.goto(`${url}/merchant/pages/join/index?code=${code}`);
  await bob.byId('join-name').waitFor();
  await bob.shoot('34-join');
  await dave.page.goto(`${url}/merchant/pages/batch/index?brandId=brand-lanshan-coffee`);
  await dave.byId('batch-product').first().click();
  await dave.byId('batch-amount').locator('input').fill('200');
  await dave.byId('batch-count').locator('input').fill('3');
  await dave.byId('batch-issue').click();
  await dave.byId('batch-card').first().waitFor();
  await dave.shoot('35-batch', true);
  for (const tab of ['reconcile', 'export', 'audit', 'reviews']) {
    await dave.page.goto(`${url}/merchant/pages/reports/index?brandId=brand-lanshan-coffee`);
    await dave.byId(`reports-tab-${tab}`).click();
    if (tab === 'reconcile') {
      await dave.byId('reports-reconcile').click();
      await dave.byId('reconciliation').first().waitFor();
    }
    await dave.shoot(`36-reports-${tab}`, true);
  }

  // Three years on, alice's cards have expired; she asks for an extension and dave decides it.
  cloud.clock.advance(37 * 31 * 86_400_000);
  const swept = await cloud.runtime.invoke(
    'merchant',
    { Type: 'Timer', TriggerName: 'merchantJobs', Time: '', Message: '' },
    { openId: '', appId: cloud.config.appId, source: 'wx_trigger' },
    cloud.clock.offsetMs,
  );
  console.log(`  (expiry sweep: ${JSON.stringify(swept)})`);
  // Signed in after the jump, on phones of their own: sessions, like everything else, follow the
  // cloud's clock, and the old ones have expired there.
  const alice = await person('alice');
  const later = await person('dave');
  await alice.page.goto(`${url}/pages/wallet/index`);
  await alice.byId('total-balance').waitFor();
  await alice.page.getByText('已过期').filter({ visible: true }).first().click();
  await alice.byId('wallet-card').first().click();
  await alice.byId('expiry-panel').waitFor();
  await alice.shoot('37-card-expired', true);
  await alice.byId('extension-request').click();
  await alice.byId('extension-sheet').waitFor();
  await alice.byId('extension-confirm').click();
  await alice.byId('consent-allow').click();
  await alice.byId('extension-state').waitFor();
  await alice.shoot('38-card-extension-pending', true);
  await later.page.goto(`${url}/merchant/pages/extensions/index?brandId=brand-lanshan-coffee`);
  await later.byId('extension-item').first().waitFor();
  await later.shoot('39-extensions', true);
  for (const p of [dave, bob, alice, later]) await p.context.close();
}

/** Gifting's faces: every drawn face of the catalog, a profile, and a gift from the buy sheet to the friend's envelope. */
async function facesJourney(browser: Browser, url: string): Promise<void> {
  const gallery = await phoneContext(browser);
  const page = await gallery.newPage();
  const faces = seedCatalog().products.flatMap((p) => p.faces.map((f) => ({ ...f, product: p.name })));
  await page.setContent(
    '<body style="margin:0;padding:8px;display:grid;grid-template-columns:1fr 1fr;gap:8px;background:#f5f6f8;font:11px sans-serif">' +
      faces
        .map(
          (f) =>
            `<figure style="margin:0"><img src="${f.image}" style="width:100%;display:block;border-radius:8px"><figcaption>${f.product} · ${f.name}</figcaption></figure>`,
        )
        .join('') +
      '</body>',
  );
  await page.screenshot({ path: path.join(OUT, '40-faces.png'), fullPage: true });
  console.log('  screenshots/40-faces.png');
  await gallery.close();

  const alice = await signedInPhone(browser, url, 'alice');
  await alice.page.goto(`${url}/pages/wallet/index`);
  await alice.byId('profile-entry').click();
  await alice.byId('profile-preset-fox').click();
  await alice.byId('profile-nickname').locator('input').fill('小满');
  await alice.shoot('41-profile');
  await alice.byId('profile-save').click();
  await alice.page.waitForURL(/\/pages\/wallet\/index/);
  await alice.page.goto(`${url}/pages/brand/index?id=brand-maiduo-bakery`);
  await alice.byId('buy').click();
  await alice.byId('face-option').filter({ hasText: '花好月圆' }).click();
  await alice.byId('buy-sheet').getByText('送朋友', { exact: true }).click();
  await alice.byId('gift-preview').scrollIntoViewIfNeeded();
  await alice.shoot('42-buy-sheet-gift-preview');
  await alice.byId('pay').click();
  await alice.byId('consent-allow').click();
  await alice.byId('confirm-pay').click();
  await alice.byId('gift-send').click();
  await alice.byId('consent-allow').click();
  const link = ((await alice.byId('share-link').textContent()) ?? '').trim();
  await alice.shoot('43-share-with-words', true);
  const bob = await signedInPhone(browser, url, 'bob');
  await bob.page.goto(link);
  await bob.byId('claim-envelope').waitFor();
  await bob.shoot('44-claim-envelope-avatar');
  await bob.byId('claim-open').click();
  await bob.byId('card-face-message').waitFor();
  await bob.shoot('45-claim-opened-words', true);
  for (const p of [alice, bob]) await p.context.close();
}

async function main(): Promise<void> {
  const h5Dir = path.join(ROOT, 'dist', 'h5');
  if (!fs.existsSync(path.join(h5Dir, 'index.html'))) throw new Error('no H5 build: run npm run build:h5 first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcc-shots-'));
  const cloud = await startLocalCloud({ port: 0, mode: 'test', dataDir, h5Dir });
  const browser = await launchBrowser();
  fs.mkdirSync(OUT, { recursive: true });
  try {
    for (const shot of SHOTS) {
      const context = await phoneContext(browser);
      const page = await context.newPage();
      await page.goto(`${cloud.url}${shot.path}`);
      if (shot.type) await page.locator('input').first().fill(shot.type);
      await page.getByText(shot.ready).filter({ visible: true }).first().waitFor();
      await page.waitForTimeout(300); // let images decode
      const file = path.join(OUT, `${shot.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`  ${path.relative(ROOT, file)}`);
      await context.close();
    }
    // The error state: the catalog unreachable.
    const context = await phoneContext(browser);
    const page = await context.newPage();
    await page.route('**/api/functions/**', (route) => route.abort('failed'));
    await page.goto(`${cloud.url}/`);
    await page.getByText('重新加载').filter({ visible: true }).first().waitFor();
    await page.screenshot({ path: path.join(OUT, '07-home-error.png') });
    console.log('  screenshots/07-home-error.png');
    await context.close();
    await signedInJourney(browser, cloud.url);
    await storeJourney(browser, cloud.url);
    await operatorJourney(browser, cloud);
    await facesJourney(browser, cloud.url);
    // The mini-program build's pages, and each beside its H5 picture.
    await weappScreenshots(browser, cloud);
  } finally {
    await browser.close();
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
