/**
 * The browse journey on the mini-program build in the headless simulator: the real bundle's pages
 * rendered through WeChat's own template compiler, data from the local cloud through
 * wx.cloud.callFunction — home → category → brand, with the page stack WeChat keeps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isElement, type VElement } from '../../tools/weapp-sim/src/render';
import { treeToHtml } from '../../tools/weapp-sim/src/view';
import { WeappSim } from '../../tools/weapp-sim/src/sim';
import { WEAPP_CLOUD_DIR, weappStage } from './support/stage';

jest.setTimeout(60_000);

const stage = weappStage();

test('should browse from home through a category to a brand page on the mini-program', async () => {
  const phone = await stage.phone('alice');
  await phone.waitForText('精选好礼');
  for (const name of ['餐饮', '零售', '娱乐', '商超', '电商']) expect(phone.text()).toContain(name);
  expect(phone.calls.map((c) => c.api)).toContain('cloud.init');
  // Each category drawn as its icon, a PNG the package carries (WeChat's <image> shows it).
  const images: string[] = [];
  const collect = (e: VElement): void => {
    if (e.tag === 'wx-image' && typeof e.attr.src === 'string') images.push(e.attr.src);
    for (const c of e.children) if (isElement(c)) collect(c);
  };
  collect(phone.render());
  for (const id of ['dining', 'retail', 'entertainment', 'supermarket', 'ecommerce']) {
    const src = images.find((i) => i.endsWith(`/assets/categories/${id}.png`));
    expect(src).toBeDefined();
    expect(fs.existsSync(path.join(WEAPP_CLOUD_DIR, src!.replace(/^\//, '')))).toBe(true);
  }
  // The simulator's screen shows them as the package's files (what `npm run screenshots` takes).
  expect(treeToHtml(phone, phone.render()).html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(5);

  await phone.tap('餐饮');
  await phone.waitForRoute('pages/category/index');
  expect(phone.page().options).toEqual({ id: 'dining' });
  await phone.waitForText('蓉城老火锅');
  expect(phone.text()).toContain('蓝山咖啡');
  expect(phone.text()).not.toContain('星光影城');

  await phone.tap('蓉城老火锅');
  await phone.waitForRoute('pages/brand/index');
  await phone.waitForText('使用须知');
  for (const price of ['¥200', '¥500', '¥1,000']) expect(phone.text()).toContain(price);
  expect(phone.text()).toContain('春熙路店');
  expect(phone.stackRoutes()).toEqual(['pages/home/index', 'pages/category/index', 'pages/brand/index']);

  // Back twice: the brand and category pages unload, home shows again as it was.
  await phone.navigateBackAndSettle(2);
  expect(phone.stackRoutes()).toEqual(['pages/home/index']);
  await phone.waitForText('精选好礼');
  expect(phone.errors).toEqual([]);
});

test('should fail loudly on a wx API the simulator does not model, naming it', async () => {
  const phone = await stage.phone('alice');
  const wx = phone.logic.context.wx as Record<string, () => unknown>;
  expect(() => wx.chooseLocation!()).toThrow('wx.chooseLocation is not simulated');
  expect(phone.errors.map((e) => e.message)).toEqual([expect.stringContaining('wx.chooseLocation')]);
});

test('should run the build without a cloud env too, its calls reaching the gateway through wx.request', async () => {
  const phone = await WeappSim.launch({
    distDir: path.join(WEAPP_CLOUD_DIR, '..', 'weapp'),
    cloudUrl: stage.cloud.url,
    user: 'alice',
  });
  try {
    await phone.waitForText('精选好礼');
    expect(phone.calls.map((c) => c.api)).not.toContain('cloud.init');
    expect(phone.errors).toEqual([]);
  } finally {
    phone.close();
  }
});
