/**
 * The weapp half of `npm run screenshots`: the mini-program build with a cloud env
 * (dist/weapp-cloud) run by the headless simulator (tools/weapp-sim) against the same local cloud,
 * each page drawn by the render layer at 375 pt into screenshots/weapp/, and beside its H5
 * picture of the same name in screenshots/side-by-side/ (H5 left, mini-program right).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalCloud } from '../cloudfunctions/local';
import { phoneContext } from '../test/e2e/support/browser';
import { WeappSim } from '../tools/weapp-sim/src/sim';
import { screenshotPage } from '../tools/weapp-sim/src/view';
import { ACCEPT_SUBSCRIPTIONS } from '../tools/weapp-sim/src/wx-api';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'weapp-cloud');
const OUT = path.join(ROOT, 'screenshots');

type Open = (user: string, route: string, query?: Record<string, string>) => Promise<WeappSim>;

/** A paid card of `yuan` for `user`, bought through the mini-program's own purchase path. */
async function buyCard(open: Open, user: string, yuan: string): Promise<WeappSim> {
  const phone = await open(user, 'pages/brand/index', { id: 'brand-lanshan-coffee' });
  await phone.tap('立即购买');
  await phone.type(await phone.field('整数金额'), yuan);
  await phone.tap('去支付');
  await phone.waitForText('支付成功');
  return phone;
}

export async function weappScreenshots(browser: Browser, cloud: LocalCloud): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) throw new Error('no weapp cloud build: run npm run build:weapp-cloud');
  fs.mkdirSync(path.join(OUT, 'weapp'), { recursive: true });
  fs.mkdirSync(path.join(OUT, 'side-by-side'), { recursive: true });
  const tab = await (await phoneContext(browser)).newPage();
  const names: string[] = [];
  const shoot = async (phone: WeappSim, name: string): Promise<void> => {
    await phone.settle(300);
    await screenshotPage(phone, tab, path.join(OUT, 'weapp', `${name}.png`));
    names.push(name);
    console.log(`  screenshots/weapp/${name}.png`);
  };
  const phones: WeappSim[] = [];
  const options = (user: string) => ({ distDir: DIST, cloudUrl: cloud.url, user, answers: ACCEPT_SUBSCRIPTIONS });
  const kept = (phone: WeappSim): WeappSim => {
    phones.push(phone);
    return phone;
  };
  const open: Open = async (user, route, query = {}) => kept(await WeappSim.launch(options(user), route, query));

  const home = await open('alice', 'pages/home/index');
  await home.waitForText('精选好礼');
  await shoot(home, '01-home');
  await home.tap('餐饮');
  await home.waitForText('礼品卡');
  await shoot(home, '02-category-dining');
  for (const [name, id] of [
    ['05-brand', 'brand-rongcheng-hotpot'],
    ['06-brand-two-products', 'brand-yishang-fashion'],
  ] as const) {
    const brand = await open('alice', 'pages/brand/index', { id });
    await brand.waitForText('使用须知');
    await shoot(brand, name);
  }
  const buyer = await open('alice', 'pages/brand/index', { id: 'brand-huixian-market' });
  await buyer.tap('立即购买');
  await buyer.waitForText('购买礼品卡');
  await buyer.tap('¥1,000', -1);
  await buyer.waitForText('合计¥1,000');
  await shoot(buyer, '10-buy-sheet');

  const paid = await buyCard(open, 'alice', '100');
  await shoot(paid, '12-result');
  await paid.tap('去卡包');
  await paid.waitForText('¥100');
  await shoot(paid, '13-wallet');
  await paid.tap('¥100');
  await paid.waitForText('交易记录');
  await shoot(paid, '14-card');
  await paid.tap('到店付款');
  await paid.waitForDrawing();
  await shoot(paid, '18-paycode');

  const orders = await open('alice', 'pages/orders/index');
  await orders.waitForText('¥100');
  await shoot(orders, '15-orders');
  const till = await open('carol', 'merchant/pages/scan/index');
  await till.waitForText('扫码收款');
  await shoot(till, '19-till-scan');

  const giver = await buyCard(open, 'alice', '50');
  await giver.tap('去卡包');
  await giver.tap('¥50');
  await giver.tap('送给朋友');
  await giver.waitForText('生成礼品');
  await shoot(giver, 'weapp-gift');
  await giver.tap('生成礼品');
  await giver.waitForText('待领取');
  await shoot(giver, 'weapp-share');
  // A single gift is private: bob opens the card in the chat alice sent it into.
  const card = await giver.sendCard({ chat: 'chat-alice-bob' }, (c) => c.activityId !== undefined);
  const claimer = kept(await WeappSim.openCard(options('bob'), card));
  await claimer.waitForText('送你一张礼品卡');
  await shoot(claimer, 'weapp-claim');

  for (const phone of phones) phone.close();
  await sideBySide(browser, names);
}

/** Each weapp picture beside the H5 picture of the same name, when H5 has one. */
async function sideBySide(browser: Browser, names: string[]): Promise<void> {
  const page: Page = await (await browser.newContext({ viewport: { width: 790, height: 812 } })).newPage();
  for (const name of names) {
    const h5 = path.join(OUT, `${name}.png`);
    if (!fs.existsSync(h5)) continue;
    const img = (file: string) => `data:image/png;base64,${fs.readFileSync(file).toString('base64')}`;
    await page.setContent(`<body style="margin:0;display:flex;gap:40px;background:#ddd;font:14px sans-serif">
      <figure style="margin:0;width:375px"><figcaption>H5</figcaption><img src="${img(h5)}" style="width:375px"></figure>
      <figure style="margin:0;width:375px"><figcaption>小程序 (weapp-sim)</figcaption>
      <img src="${img(path.join(OUT, 'weapp', `${name}.png`))}" style="width:375px"></figure></body>`);
    await page.screenshot({ path: path.join(OUT, 'side-by-side', `${name}.png`), fullPage: true });
    console.log(`  screenshots/side-by-side/${name}.png`);
  }
}
