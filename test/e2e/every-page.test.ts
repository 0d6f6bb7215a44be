/**
 * Every H5 page at 375 px with demo data (issue 19, items 2 and 6): no sideways scroll, no text
 * running off the right edge (outside a row meant to scroll sideways), no field spilling out of its
 * box, and every text at WCAG AA contrast — 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold) —
 * against the background it is drawn on. axe-core is not a dependency: the page measures itself,
 * compositing the backgrounds (colours, the stops of gradients, opacity) of the text's ancestors.
 * Disabled buttons are held to AA too: a person still has to read what they would do.
 */
import type { Page } from 'playwright-core';
import { prepayIdOf, type OrdersActions } from '../../src/contracts/orders';
import type { CatalogActions } from '../../src/contracts/catalog';
import type { GiftsActions } from '../../src/contracts/gifts';
import { CATEGORY_IDS } from '../../src/domain/catalog';
import { COFFEE, face } from '../cloud/support/calls';
import { paidCard, signIn } from './support/people';
import { checkPicturedTexts, checkSvgTexts, svgPicturesOf, type PicturedText } from './support/picture-contrast';
import { h5Stage } from './support/stage';

jest.setTimeout(240_000);

const stage = h5Stage();
const WIDTH = 375;

interface Finding {
  page: string;
  problem: string;
}

/**
 * Measured in the page: what is wrong with it, one line per finding; and the texts drawn over a
 * picture (an image, a canvas, a CSS background image), marked `data-pictured` for their pixels to
 * be measured (support/picture-contrast.ts): colours alone can't say what is behind them.
 */
function audit(width: number): { found: string[]; pictured: PicturedText[] } {
  type RGBA = [number, number, number, number];
  const parse = (c: string): RGBA[] =>
    Array.from(c.matchAll(/rgba?\(([^)]+)\)/g)).map((m) => {
      const [r, g, b, a] = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r!, g!, b!, a === undefined || Number.isNaN(a) ? 1 : a];
    });
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3] + under[3] * (1 - top[3]);
    if (a === 0) return [0, 0, 0, 0];
    const mix = (i: number) => (top[i]! * top[3] + under[i]! * under[3] * (1 - top[3])) / a;
    return [mix(0), mix(1), mix(2), a];
  };
  const luminance = ([r, g, b]: RGBA): number => {
    const lin = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a: RGBA, b: RGBA) => {
    const [x, y] = [luminance(a), luminance(b)];
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const shown = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  /** The possible backgrounds behind `el` (several under a gradient), and the opacity it is drawn with. */
  const backdrops = (el: Element): { under: RGBA[]; opacity: number } | null => {
    const layers: RGBA[][] = [];
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      opacity *= Number(s.opacity);
      if (/url\(/.test(s.backgroundImage)) return null; // a picture: nothing to measure against
      const stops = parse(s.backgroundImage);
      if (stops.length > 0) layers.push(stops);
      const colour = parse(s.backgroundColor)[0];
      if (colour && colour[3] > 0) layers.push([colour]);
      if (colour && colour[3] === 1 && stops.length === 0) break;
    }
    let under: RGBA[] = [[255, 255, 255, 1]];
    for (const layer of layers.reverse()) under = layer.flatMap((top) => under.map((u) => over(top, u)));
    return { under, opacity };
  };
  const inSideways = (el: Element): boolean => {
    for (let e: Element | null = el.parentElement; e; e = e.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth) return true;
    }
    return false;
  };
  const pictures = Array.from(document.querySelectorAll('body *'))
    .filter((e) => e.tagName === 'IMG' || e.tagName === 'CANVAS' || /url\(/.test(getComputedStyle(e).backgroundImage))
    .filter(shown)
    .map((e) => e.getBoundingClientRect());
  const overPicture = (box: DOMRect): boolean =>
    pictures.some(
      (p) =>
        Math.min(p.right, box.right) - Math.max(p.left, box.left) > 2 &&
        Math.min(p.bottom, box.bottom) - Math.max(p.top, box.top) > 2,
    );
  const found: string[] = [];
  const pictured: PicturedText[] = [];
  const root = document.scrollingElement!;
  if (root.scrollWidth > width + 1) found.push(`scrolls sideways: ${root.scrollWidth} px wide`);
  const seen = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    const words = (n.textContent ?? '').trim();
    if (!el || !words || seen.has(el) || !shown(el) || el.closest('svg, script, style')) continue;
    seen.add(el);
    const label = words.slice(0, 24);
    const range = document.createRange();
    range.selectNodeContents(n);
    const box = range.getBoundingClientRect();
    if (box.right > width + 1 && !inSideways(el)) found.push(`“${label}” runs off the right edge (${box.right} px)`);
    const s = getComputedStyle(el);
    const colour = parse(s.color)[0];
    if (!colour) continue;
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    if (overPicture(box)) {
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      el.setAttribute('data-pictured', String(pictured.length));
      pictured.push({
        index: pictured.length,
        label,
        colour: [colour[0], colour[1], colour[2], colour[3] * opacity],
        need,
      });
      continue;
    }
    const back = backdrops(el);
    if (!back) continue;
    const worst = Math.min(
      ...back.under.map((u) => ratio(over([colour[0], colour[1], colour[2], colour[3] * back.opacity], u), u)),
    );
    if (worst < need) found.push(`“${label}” contrast ${worst.toFixed(2)} < ${need} (${s.color}, ${size}px)`);
  }
  for (const host of Array.from(document.querySelectorAll('taro-input-core, taro-textarea-core'))) {
    const control = host.querySelector('input, textarea');
    if (!control || !shown(host)) continue;
    const [h, c] = [host.getBoundingClientRect(), control.getBoundingClientRect()];
    if (c.bottom > h.bottom + 1 || c.right > h.right + 1 || c.left < h.left - 1 || c.top < h.top - 1)
      found.push(`a field spills out of its box (${host.className})`);
  }
  return { found, pictured };
}

/** Waits for the page's data (no skeleton), then measures it. */
async function check(p: Page, url: string, name: string, findings: Finding[], before?: () => Promise<void>) {
  await p.goto(`${stage.cloud.url}${url}`);
  if (before) await before();
  await p.waitForFunction(() => !document.querySelector('.taro_page_show [aria-busy="true"], .state-view--loading'), {
    timeout: 10_000,
  });
  await p.waitForTimeout(400);
  // Card faces are pictures loaded by their links: the words over them are measured once they show.
  await p.waitForFunction(() => Array.from(document.images).every((i) => i.complete), { timeout: 10_000 });
  const { found, pictured } = await p.evaluate(audit, WIDTH);
  found.push(...(await checkPicturedTexts(p, pictured)));
  for (const picture of await svgPicturesOf(p)) {
    if (svgSeen.has(picture.src)) continue;
    svgSeen.add(picture.src);
    found.push(...(await checkSvgTexts(await scratchPage(), picture.src, picture.width, picture.name)));
  }
  for (const problem of found) findings.push({ page: name, problem });
}

/** SVG pictures measured already (a face shows on many pages), and the blank page they are measured on. */
const svgSeen = new Set<string>();
let scratch: Page | undefined;
async function scratchPage(): Promise<Page> {
  scratch ??= await stage.phone();
  return scratch;
}

test('should fit 375 px with readable text and fields in their boxes on every page', async () => {
  const findings: Finding[] = [];
  const { cloud } = stage;
  const alice = await cloud.login('alice');
  const cardId = await paidCard(cloud, alice, 10_000);
  const spare = await paidCard(cloud, alice, 5_000);
  const gift = await cloud.call<{ ok: true; data: GiftsActions['send']['output'] }>(
    'gifts',
    {
      action: 'send',
      cardId: spare,
      mode: 'single',
      blessing: '生日快乐',
      senderName: '林小满',
      requestId: 'e2e-pages-gift',
    },
    alice,
  );
  const pending = await cloud.call<{ ok: true; data: OrdersActions['create']['output'] }>(
    'orders',
    {
      action: 'create',
      productId: COFFEE,
      faceId: face(COFFEE),
      amount: 10_000,
      quantity: 1,
      purpose: 'self',
      requestId: 'e2e-pages-pending',
    },
    alice,
  );
  const orders = await cloud.call<{ ok: true; data: OrdersActions['list']['output'] }>(
    'orders',
    { action: 'list' },
    alice,
  );
  const paidOrder = orders.data.orders.find((o) => o.status === 'paid')!._id;

  const visitor = await stage.phone();
  for (const [name, url] of [
    ['home', '/'],
    ['category', '/pages/category/index?id=dining'],
    ['brand', '/pages/brand/index?id=brand-yishang-fashion'],
    ['login', '/pages/login/index'],
    ['claim', `/pages/claim/index?t=${gift.data.token}`],
    ['claim-bad-link', '/pages/claim/index?t=nope'],
  ] as const)
    await check(visitor, url, name, findings);
  // Every brand's banner: its words on the brand's own colour.
  for (const category of CATEGORY_IDS) {
    const answer = await cloud.call<{ ok: true; data: CatalogActions['category']['output'] }>('catalog', {
      action: 'category',
      category,
    });
    for (const b of answer.data.brands)
      if (b._id !== 'brand-yishang-fashion')
        await check(visitor, `/pages/brand/index?id=${b._id}`, `brand ${b._id}`, findings);
  }
  await check(visitor, '/pages/search/index', 'search', findings, () => visitor.locator('input').first().fill('咖啡'));

  const holder = await stage.phone();
  await signIn(cloud, holder, 'alice');
  for (const [name, url] of [
    ['wallet', '/pages/wallet/index'],
    ['card', `/pages/card/index?id=${cardId}`],
    ['gift', `/pages/gift/index?cardId=${cardId}`],
    ['share', `/pages/share/index?giftId=${gift.data.gift._id}`],
    ['gifts', '/pages/gifts/index'],
    ['paycode', `/pages/paycode/index?cardId=${cardId}`],
    ['orders', '/pages/orders/index'],
    ['order', `/pages/order/index?id=${paidOrder}`],
    ['result', `/pages/result/index?orderId=${paidOrder}`],
    ['pay', `/pages/pay/index?token=${prepayIdOf(pending.data.payment!)}&orderId=${pending.data.order._id}`],
    ['bind', '/pages/bind/index'],
    ['profile', '/pages/profile/index'],
    ['till-staff-only', '/merchant/pages/scan/index'],
  ] as const)
    await check(holder, url, name, findings);
  await check(holder, '/pages/brand/index?id=brand-lanshan-coffee', 'buy-sheet', findings, async () => {
    await holder.getByTestId('buy').filter({ visible: true }).click();
    await holder.getByTestId('buy-sheet').filter({ visible: true }).waitFor();
  });

  const clerk = await stage.phone();
  await signIn(cloud, clerk, 'carol');
  await check(clerk, '/merchant/pages/scan/index', 'till', findings);
  await check(clerk, '/merchant/pages/history/index', 'till-history', findings);

  const operator = await stage.phone();
  await signIn(cloud, operator, 'dave');
  const brand = 'brandId=brand-lanshan-coffee';
  for (const [name, url] of [
    ['console', '/merchant/pages/console/index'],
    ['products', `/merchant/pages/products/index?${brand}`],
    ['product', `/merchant/pages/product/index?${brand}`],
    ['team', `/merchant/pages/team/index?${brand}`],
    ['batch', `/merchant/pages/batch/index?${brand}`],
    ['reports', `/merchant/pages/reports/index?${brand}`],
    ['extensions', `/merchant/pages/extensions/index?${brand}`],
    ['join', '/merchant/pages/join/index?code=ABCDEFGH'],
  ] as const)
    await check(operator, url, name, findings);

  expect(findings.map((f) => `${f.page}: ${f.problem}`)).toEqual([]);
  // The words drawn inside card faces were measured: faces shown by their links in cloud storage.
  expect([...svgSeen].filter((src) => /\/storage\/.+\/faces\/.+\.svg$/.test(src)).length).toBeGreaterThan(5);
  expect(stage.pageErrors).toEqual([]);
});
