/**
 * The operator's catalog management through the real SDK against the local cloud: products with
 * generated faces that holders can then buy, the product rules, stock by signed delta under
 * concurrency, stores, clerk invites (once, concurrent, throttled, expiring), removing clerks,
 * roles and brand isolation, strict inputs and the audit log.
 */
import type { CatalogActions } from '../../../src/contracts/catalog';
import { MERCHANT_FUNCTION, type MerchantActions } from '../../../src/contracts/merchant';
import type { SaveProductInput } from '../../../src/contracts/operator';
import type { CardProduct } from '../../../src/domain/catalog';
import type { AuditEntry } from '../../../cloudfunctions/core/audit/audit-log';
import { cardFaceArt, cardFaceSvg, facePath } from '../../../cloudfunctions/core/catalog/face-art';
import { seedCatalog } from '../../../cloudfunctions/local/seed';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { calls } from '../support/calls';
import { startTestCloud, type TestCloud } from '../support/local-cloud';
import { allDocs, checkMoneyInvariants } from '../support/money-invariants';
import { fen } from '../../../src/domain/money';

jest.setTimeout(180_000);

const DAVE = 'o-demo-dave'; // operator of 蓝山咖啡 and 惠鲜超市
const CAROL = 'o-demo-carol'; // clerk of 蓝山咖啡 at store-lanshan-coffee-1
const OTHER_OP = 'o-test-linli-operator'; // operator of 邻里便利店 only, inserted below
const COFFEE_BRAND = 'brand-lanshan-coffee';
const MARKET_BRAND = 'brand-huixian-market';
const LINLI_BRAND = 'brand-linli-store';

let cloud: TestCloud;
const { as, ok, code, buy, client } = calls(() => cloud);
const m = <A extends keyof MerchantActions & string>(openId: string, action: A, input: MerchantActions[A]['input']) =>
  client<MerchantActions>(openId, MERCHANT_FUNCTION)(action, input);
const refused = (openId: string, action: keyof MerchantActions, input: object) =>
  code(openId, 'merchant', { action, ...input });

beforeAll(async () => {
  cloud = await startTestCloud();
  const brand = seedCatalog().brands.find((b) => b._id === LINLI_BRAND)!;
  const doc = {
    _id: OTHER_OP,
    role: 'operator',
    brandIds: [LINLI_BRAND],
    stores: brand.stores.map((s) => ({ id: s.id, name: s.name, brandId: LINLI_BRAND, brandName: brand.name })),
    name: '邻里运营',
  };
  await cloud.db.handle({ action: 'database.insertDocument', collectionName: 'staff', data: [JSON.stringify(doc)] });
});

afterAll(async () => {
  await cloud.close();
});

afterEach(async () => {
  await checkMoneyInvariants(cloud);
});

const newProduct = (over: Partial<SaveProductInput> = {}): SaveProductInput => ({
  brandId: COFFEE_BRAND,
  name: '测试咖啡卡',
  kind: 'bearer',
  denominations: [fen(5_000), fen(10_000)],
  customAmount: { min: fen(5_000), max: fen(50_000) },
  faces: [{ name: '早安咖啡', theme: 'thanks', colors: ['#6b3e26', '#d69e2e'], blessing: '早安，来杯咖啡吧' }],
  validity: { type: 'afterActivation', months: 36 },
  usageRules: ['全国蓝山咖啡门店可用'],
  transferLimit: 2,
  refundWindowDays: 7,
  bonus: null,
  stock: null,
  onSale: true,
  featured: false,
  ...over,
});

const audit = async (action: string): Promise<AuditEntry[]> =>
  (await allDocs<AuditEntry>(cloud, 'audit')).filter((e) => e.action === action);

const products = async (): Promise<CardProduct[]> => allDocs<CardProduct>(cloud, 'products');

describe('the seed art', () => {
  test('should still be drawn by the seed from core/catalog/face-art.ts', () => {
    const coffee = seedCatalog().products.find((p) => p._id === 'prod-lanshan-coffee-card')!;
    const f = coffee.faces[0]!;
    expect(f.image).toBe(
      cardFaceArt({ brandName: '蓝山咖啡', title: f.name, theme: f.theme, colors: ['#1f6f5c', '#4fb08f'] }),
    );
  });
});

describe('products', () => {
  test('should create a product with a new face that shows on the brand page and that a holder can buy', async () => {
    const { product } = await m(DAVE, 'saveProduct', newProduct());
    expect(product._id).toMatch(/^prod-lanshan-coffee-[0-9a-f]{8}$/);
    expect(product.brandName).toBe('蓝山咖啡');
    const faceId = product.faces[0]!.id;
    expect(faceId).toMatch(/^face-lanshan-coffee-[0-9a-f]+-[0-9a-f]{8}$/);
    expect(product.faces[0]!.colors).toEqual(['#6b3e26', '#d69e2e']);
    // The face is a file in cloud storage, named by its content, and the product links to it.
    const drawn = cardFaceSvg({
      brandName: '蓝山咖啡',
      title: newProduct().faces[0]!.name,
      theme: newProduct().faces[0]!.theme,
      colors: ['#6b3e26', '#d69e2e'],
    });
    expect(product.faces[0]!.image).toBe(cloud.storage.publicUrl(cloud.storage.fileIdOf(facePath(drawn))));
    const served = await fetch(product.faces[0]!.image);
    expect(served.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(await served.text()).toBe(drawn);

    const page = await ok<CatalogActions['brand']['output']>('r-anyone', 'catalog', {
      action: 'brand',
      brandId: COFFEE_BRAND,
    });
    expect(page.products.map((p) => p._id)).toContain(product._id);

    const bought = await buy('r-buyer', { productId: product._id, faceId, amount: fen(10_000) });
    expect(bought.cards[0]).toMatchObject({ productId: product._id, balance: 10_000 });

    // An update changes the product for new sales; brand and face ids stay, the sold card keeps its terms.
    const { product: updated } = await m(DAVE, 'saveProduct', {
      ...newProduct({ name: '新名字咖啡卡', transferLimit: 5 }),
      productId: product._id,
      stock: undefined,
      faces: [
        { ...newProduct().faces[0]!, id: faceId },
        { name: '生日', theme: 'birthday', colors: ['#000000', '#ffffff'], blessing: '生日快乐' },
      ],
    });
    expect(updated).toMatchObject({
      _id: product._id,
      brandId: COFFEE_BRAND,
      brandName: '蓝山咖啡',
      name: '新名字咖啡卡',
    });
    expect(updated.faces[0]!.id).toBe(faceId);
    expect(updated.faces[0]!.image).toBe(product.faces[0]!.image);
    expect(updated.faces[1]!.id).not.toBe(faceId);
    expect((await fetch(updated.faces[1]!.image)).status).toBe(200);
    const card = (await allDocs<{ _id: string; productName: string; transferLimit: number }>(cloud, 'cards')).find(
      (c) => c._id === bought.cards[0]!._id,
    )!;
    expect(card).toMatchObject({ productName: '测试咖啡卡', transferLimit: 2 });

    expect((await audit('product.create')).some((e) => e.target.id === product._id && e.actor === DAVE)).toBe(true);
    expect((await audit('product.update')).some((e) => e.target.id === product._id)).toBe(true);

    // Off sale: gone from the brand page, still in the operator's list.
    await m(DAVE, 'setOnSale', { productId: product._id, onSale: false });
    const after = await ok<CatalogActions['brand']['output']>('r-anyone', 'catalog', {
      action: 'brand',
      brandId: COFFEE_BRAND,
    });
    expect(after.products.map((p) => p._id)).not.toContain(product._id);
    const mine = await m(DAVE, 'products', { brandId: COFFEE_BRAND });
    expect(mine.products.find((p) => p._id === product._id)).toMatchObject({ onSale: false });
    expect((await audit('product.sale')).some((e) => e.target.id === product._id && e.details.onSale === false)).toBe(
      true,
    );
    // Seed faces carry no stored colours: the list reads them back from their art.
    expect(mine.products.find((p) => p._id === 'prod-lanshan-coffee-card')!.faces[0]!.colors).toEqual([
      '#1f6f5c',
      '#4fb08f',
    ]);
  });

  test('should show a product created, renamed or taken off sale on the catalog home at once', async () => {
    // Each instance keeps the home answer while the catalog is unchanged (core/catalog/home-cache.ts).
    const home = () => ok<CatalogActions['home']['output']>('r-anyone', 'catalog', { action: 'home' });
    const featured = async (id: string) => (await home()).featured.find((p) => p._id === id);
    const before = await home();
    expect(await home()).toEqual(before);
    const { product } = await m(DAVE, 'saveProduct', newProduct({ name: '首页咖啡卡', featured: true }));
    expect(await featured(product._id)).toMatchObject({ name: '首页咖啡卡' });
    await m(DAVE, 'saveProduct', {
      ...newProduct({ name: '首页新名咖啡卡', featured: true }),
      productId: product._id,
      stock: undefined,
      faces: product.faces.map((f) => ({
        id: f.id,
        name: f.name,
        theme: f.theme,
        colors: f.colors,
        blessing: f.blessing,
      })),
    });
    expect(await featured(product._id)).toMatchObject({ name: '首页新名咖啡卡' });
    await m(DAVE, 'setOnSale', { productId: product._id, onSale: false });
    expect(await featured(product._id)).toBeUndefined();
    expect((await home()).themes.flatMap((t) => t.products).map((p) => p._id)).not.toContain(product._id);
  });

  test('should refuse products that break a rule, with the rule named, and write nothing', async () => {
    const before = (await products()).length;
    const auditBefore = (await allDocs(cloud, 'audit')).length;
    const bad: [Partial<SaveProductInput>, string][] = [
      [{ denominations: [fen(10_000), fen(5_000)] }, 'denominationOrder'],
      [{ kind: 'bearer', denominations: [fen(200_000)], customAmount: null }, 'denominationCap'],
      [{ customAmount: { min: fen(1_000), max: fen(5_000) } }, 'customMin'],
      [{ denominations: [], customAmount: null }, 'amountsRequired'],
      [{ validity: { type: 'afterActivation', months: 12 } }, 'bearerValidity'],
      [{ bonus: { minAmount: fen(5_000), amount: fen(5_000) } }, 'bonus'],
      [{ customAmount: { min: fen(5_050), max: fen(10_000) } }, 'customWholeYuan'],
    ];
    for (const [over, rule] of bad) {
      const env = await as(DAVE, 'merchant', { action: 'saveProduct', ...newProduct(over) });
      expect(env.ok).toBe(false);
      if (!env.ok) {
        expect(env.error.code).toBe('PRODUCT_INVALID');
        expect(env.error.message).toContain(rule);
      }
    }
    // Seven faces or eleven transfers never reach the rules: the schema bounds them.
    const f = newProduct().faces[0]!;
    expect(await refused(DAVE, 'saveProduct', newProduct({ faces: Array.from({ length: 7 }, () => f) }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await refused(DAVE, 'saveProduct', newProduct({ transferLimit: 11 }))).toBe('INVALID_ARGUMENT');
    expect((await products()).length).toBe(before);
    expect((await allDocs(cloud, 'audit')).length).toBe(auditBefore);
  });

  test('should change stock by a signed delta, never below zero even under 20 concurrent decrements', async () => {
    const { product } = await m(DAVE, 'saveProduct', newProduct({ name: '限量卡', stock: 10 }));
    expect(product.stock).toBe(10);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        as(DAVE, 'merchant', { action: 'adjustStock', productId: product._id, delta: -1 }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.code))).toEqual(
      Array(10).fill('STOCK_TOO_LOW'),
    );
    // The live stock (the sum of its shards), as the operator sees it.
    const listed = await m(DAVE, 'products', { brandId: COFFEE_BRAND });
    expect(listed.products.find((p) => p._id === product._id)!.stock).toBe(0);
    expect((await m(DAVE, 'adjustStock', { productId: product._id, delta: 5 })).product.stock).toBe(5);
    expect(await refused(DAVE, 'adjustStock', { productId: product._id, delta: -6 })).toBe('STOCK_TOO_LOW');
    expect((await audit('product.stock')).filter((e) => e.target.id === product._id)).toHaveLength(11);
    // Unlimited stock has nothing to adjust; absolute values and zero are not deltas.
    expect(await refused(DAVE, 'adjustStock', { productId: 'prod-lanshan-coffee-card', delta: 1 })).toBe(
      'STOCK_UNLIMITED',
    );
    expect(await refused(DAVE, 'adjustStock', { productId: product._id, delta: 0 })).toBe('INVALID_ARGUMENT');
    expect(await refused(DAVE, 'adjustStock', { productId: product._id, stock: 3 })).toBe('INVALID_ARGUMENT');
  });
});

describe('stores', () => {
  test('should add a store and rename one in the brand and in the staff copies', async () => {
    const { store } = await m(DAVE, 'addStore', { brandId: COFFEE_BRAND, name: '新店', address: '北京市某路 1 号' });
    expect(store.id).toMatch(/^store-lanshan-coffee-\d+$/);
    const { brands } = await m(DAVE, 'myBrands', {});
    expect(brands.map((b) => b.id).sort()).toEqual([MARKET_BRAND, COFFEE_BRAND]);
    expect(brands.find((b) => b.id === COFFEE_BRAND)!.stores.map((s) => s.id)).toContain(store.id);

    await m(DAVE, 'updateStore', {
      brandId: COFFEE_BRAND,
      storeId: 'store-lanshan-coffee-1',
      name: '改名店',
      address: '上海市某路 2 号',
    });
    const profile = await m(CAROL, 'profile', {});
    expect(profile.profile.stores.find((s) => s.id === 'store-lanshan-coffee-1')!.name).toBe('改名店');
    const page = await ok<CatalogActions['brand']['output']>('r-anyone', 'catalog', {
      action: 'brand',
      brandId: COFFEE_BRAND,
    });
    expect(page.brand.stores.find((s) => s.id === 'store-lanshan-coffee-1')).toMatchObject({
      name: '改名店',
      address: '上海市某路 2 号',
    });
    expect((await audit('store.create')).some((e) => e.target.id === store.id)).toBe(true);
    expect((await audit('store.update')).some((e) => e.target.id === 'store-lanshan-coffee-1')).toBe(true);
    expect(
      await refused(DAVE, 'updateStore', { brandId: COFFEE_BRAND, storeId: 'store-x', name: 'a', address: 'b' }),
    ).toBe('NOT_FOUND');
  });
});

describe('clerk invites', () => {
  test('should come with a 小程序码 of the join page whose scene is the code, and the scene joins', async () => {
    const inv = (await m(DAVE, 'createInvite', { brandId: COFFEE_BRAND, storeIds: ['store-lanshan-coffee-2'] })).invite;
    const png = PNG.sync.read(Buffer.from(inv.wxacode!.replace(/^data:image\/png;base64,/, ''), 'base64'));
    const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
    expect(text).toBe(`wxacode:merchant/pages/join/index?scene=${inv.code}`);
    const scene = new URLSearchParams(text!.split('?')[1]).get('scene')!;
    const joined = await m('r-scan', 'joinStaff', { code: scene, name: '小扫' });
    expect(joined.profile.stores.map((s) => s.id)).toEqual(['store-lanshan-coffee-2']);
  });

  const invite = async (storeIds = ['store-lanshan-coffee-2'], brandId = COFFEE_BRAND) =>
    (await m(DAVE, 'createInvite', { brandId, storeIds })).invite;

  test('should make one clerk of one code, once, even under concurrent joins', async () => {
    const inv = await invite();
    expect(inv.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(inv.path).toBe(`/merchant/pages/join/index?code=${inv.code}`);
    expect(inv.expiresAt - cloud.clock.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    // The code is stored only as a keyed hash.
    const stored = JSON.stringify(await allDocs(cloud, 'invites'));
    expect(stored).not.toContain(inv.code);

    const joined = await m('r-eve', 'joinStaff', { code: inv.code.toLowerCase(), name: '小伊' });
    expect(joined.profile).toMatchObject({ name: '小伊', role: 'clerk' });
    expect(joined.profile.stores.map((s) => s.id)).toEqual(['store-lanshan-coffee-2']);
    const profile = await m('r-eve', 'profile', {});
    expect(profile.profile.stores.map((s) => s.id)).toEqual(['store-lanshan-coffee-2']);
    expect(await refused('r-frank', 'joinStaff', { code: inv.code, name: '小弗' })).toBe('INVITE_INVALID');

    const race = await invite(['store-lanshan-coffee-1']);
    const answers = await Promise.all(
      ['r-j1', 'r-j2', 'r-j3', 'r-j4', 'r-j5', 'r-j6'].map((u) =>
        as(u, 'merchant', { action: 'joinStaff', code: race.code, name: u }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'INVITE_INVALID')).toBe(true);
    const clerks = (await allDocs<{ _id: string }>(cloud, 'staff')).filter((s) => s._id.startsWith('r-j'));
    expect(clerks).toHaveLength(1);

    const { invites } = await m(DAVE, 'invites', { brandId: COFFEE_BRAND });
    const listed = invites.find((i) => i.id === inv.id)!;
    expect(listed).toMatchObject({ state: 'used', joinedName: '小伊' });
    expect(JSON.stringify(invites)).not.toContain(inv.code);
    expect((await audit('staff.join')).filter((e) => e.brandId === COFFEE_BRAND).length).toBeGreaterThanOrEqual(2);
    expect((await audit('invite.create')).some((e) => e.target.id === inv.id)).toBe(true);
  });

  test('should merge a clerk of another brand, refuse operators, and honour revocation', async () => {
    const coffee = await invite(['store-lanshan-coffee-3']);
    const market = await invite(['store-huixian-market-1'], MARKET_BRAND);
    await m('r-gina', 'joinStaff', { code: coffee.code, name: '吉娜' });
    const both = await m('r-gina', 'joinStaff', { code: market.code, name: '吉娜' });
    expect(both.profile.stores.map((s) => s.id).sort()).toEqual(['store-huixian-market-1', 'store-lanshan-coffee-3']);

    const own = await invite();
    expect(await refused(DAVE, 'joinStaff', { code: own.code, name: '赵' })).toBe('FORBIDDEN');
    expect(await refused(OTHER_OP, 'joinStaff', { code: own.code, name: '邻' })).toBe('FORBIDDEN');

    const revoked = await invite();
    const r = await m(DAVE, 'revokeInvite', { brandId: COFFEE_BRAND, id: revoked.id });
    expect(r.invite.state).toBe('revoked');
    expect(await refused('r-hank', 'joinStaff', { code: revoked.code, name: '汉克' })).toBe('INVITE_INVALID');
    expect((await audit('invite.revoke')).some((e) => e.target.id === revoked.id)).toBe(true);
  });

  test('should throttle wrong codes per caller', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await refused('r-guesser', 'joinStaff', { code: `WRONG${i}XX`, name: '猜' })).toBe('INVITE_INVALID');
    }
    const good = await invite();
    expect(await refused('r-guesser', 'joinStaff', { code: good.code, name: '猜' })).toBe('RATE_LIMITED');
    // Someone else is not held back by the guesser's failures.
    expect((await m('r-ivy', 'joinStaff', { code: good.code, name: '艾薇' })).profile.role).toBe('clerk');
  });

  test('should remove a clerk from the brand, keeping their other brand, and never an operator', async () => {
    const { staff } = await m(DAVE, 'staff', { brandId: COFFEE_BRAND });
    expect(staff.find((s) => s.me)).toMatchObject({ name: '赵运营', role: 'operator' });
    expect(staff.some((s) => s.id.startsWith('o-') || s.id.startsWith('r-'))).toBe(false);
    const gina = staff.find((s) => s.name === '吉娜')!;
    const eve = staff.find((s) => s.name === '小伊')!;
    await m(DAVE, 'removeClerk', { brandId: COFFEE_BRAND, staffId: gina.id });
    const left = await m('r-gina', 'profile', {});
    expect(left.profile.stores.map((s) => s.id)).toEqual(['store-huixian-market-1']);
    await m(DAVE, 'removeClerk', { brandId: COFFEE_BRAND, staffId: eve.id });
    expect(await refused('r-eve', 'profile', {})).toBe('FORBIDDEN');
    expect((await allDocs<{ _id: string }>(cloud, 'staff')).some((s) => s._id === 'r-eve')).toBe(false);
    const me = staff.find((s) => s.me)!;
    expect(await refused(DAVE, 'removeClerk', { brandId: COFFEE_BRAND, staffId: me.id })).toBe('FORBIDDEN');
    expect((await audit('staff.remove')).filter((e) => e.brandId === COFFEE_BRAND)).toHaveLength(2);
  });

  test('should expire after 7 days', async () => {
    const inv = await invite();
    cloud.clock.advance(7 * 86_400_000 + 60_000);
    expect(await refused('r-late', 'joinStaff', { code: inv.code, name: '迟到' })).toBe('INVITE_INVALID');
    const { invites } = await m(DAVE, 'invites', { brandId: COFFEE_BRAND });
    expect(invites.find((i) => i.id === inv.id)!.state).toBe('expired');
  });
});

describe('access', () => {
  const everyAction = (productId: string): [keyof MerchantActions, object][] => [
    ['myBrands', {}],
    ['products', { brandId: COFFEE_BRAND }],
    ['saveProduct', newProduct()],
    ['saveProduct', { ...newProduct(), productId, stock: undefined }],
    ['adjustStock', { productId, delta: 1 }],
    ['setOnSale', { productId, onSale: false }],
    ['addStore', { brandId: COFFEE_BRAND, name: '店', address: '址' }],
    ['updateStore', { brandId: COFFEE_BRAND, storeId: 'store-lanshan-coffee-1', name: '店', address: '址' }],
    ['createInvite', { brandId: COFFEE_BRAND, storeIds: ['store-lanshan-coffee-1'] }],
    ['invites', { brandId: COFFEE_BRAND }],
    ['revokeInvite', { brandId: COFFEE_BRAND, id: 'inv-0000' }],
    ['staff', { brandId: COFFEE_BRAND }],
    ['removeClerk', { brandId: COFFEE_BRAND, staffId: '0'.repeat(24) }],
  ];

  test('should answer FORBIDDEN to a clerk and a holder on every operator action, changing nothing', async () => {
    const before = JSON.stringify(await products());
    for (const [action, input] of everyAction('prod-lanshan-coffee-card')) {
      expect([action, await refused(CAROL, action, input)]).toEqual([action, 'FORBIDDEN']);
      expect([action, await refused('r-holder', action, input)]).toEqual([action, 'FORBIDDEN']);
    }
    expect(JSON.stringify(await products())).toBe(before);
  });

  test("should show an operator of another brand nothing of dave's brands", async () => {
    const { brands } = await m(OTHER_OP, 'myBrands', {});
    expect(brands.map((b) => b.id)).toEqual([LINLI_BRAND]);
    const before = JSON.stringify(await products());
    for (const [action, input] of everyAction('prod-lanshan-coffee-card').slice(1)) {
      const answer = await refused(OTHER_OP, action, input);
      expect([action, ['FORBIDDEN', 'NOT_FOUND'].includes(answer)]).toEqual([action, true]);
    }
    // Even naming their own brand, another brand's product is not found.
    expect(
      await refused(OTHER_OP, 'saveProduct', {
        ...newProduct({ brandId: LINLI_BRAND }),
        productId: 'prod-lanshan-coffee-card',
        stock: undefined,
      }),
    ).toBe('NOT_FOUND');
    expect(
      await refused(OTHER_OP, 'createInvite', { brandId: LINLI_BRAND, storeIds: ['store-lanshan-coffee-1'] }),
    ).toBe('NOT_FOUND');
    const { invites } = await m(DAVE, 'invites', { brandId: COFFEE_BRAND });
    expect(await refused(OTHER_OP, 'revokeInvite', { brandId: LINLI_BRAND, id: invites[0]!.id })).toBe('NOT_FOUND');
    expect(JSON.stringify(await products())).toBe(before);
    // Their own brand works.
    expect((await m(OTHER_OP, 'products', { brandId: LINLI_BRAND })).products.length).toBeGreaterThan(0);
  });

  test('should refuse bad input with INVALID_ARGUMENT', async () => {
    const bad: object[] = [
      { ...newProduct(), extra: 1 },
      { ...newProduct(), brandId: { $gt: '' } },
      { ...newProduct(), name: 'x'.repeat(31) },
      { ...newProduct(), denominations: [100.5] },
      { ...newProduct(), customAmount: { min: 5000.5, max: 10_000 } },
      { ...newProduct(), faces: [{ ...newProduct().faces[0], colors: ['red', '#000000'] }] },
      { ...newProduct(), faces: [{ ...newProduct().faces[0], extra: true }] },
      { ...newProduct(), validity: { type: 'fixedDate', until: { $gt: '' } } },
    ];
    for (const input of bad) expect(await refused(DAVE, 'saveProduct', input)).toBe('INVALID_ARGUMENT');
    expect(await refused(DAVE, 'adjustStock', { productId: 'prod-lanshan-coffee-card', delta: 1.5 })).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await refused(DAVE, 'products', { brandId: { $gt: '' } })).toBe('INVALID_ARGUMENT');
    expect(await refused(DAVE, 'addStore', { brandId: COFFEE_BRAND, name: 'x'.repeat(21), address: 'a' })).toBe(
      'INVALID_ARGUMENT',
    );
    expect(await refused(DAVE, 'createInvite', { brandId: COFFEE_BRAND, storeIds: [] })).toBe('INVALID_ARGUMENT');
    expect(await refused('r-x', 'joinStaff', { code: { $gt: '' }, name: 'a' })).toBe('INVALID_ARGUMENT');
    expect(await refused('r-x', 'joinStaff', { code: 'ABCDEFGH', name: 'a'.repeat(21) })).toBe('INVALID_ARGUMENT');
    expect(await refused('', 'joinStaff', { code: 'ABCDEFGH', name: 'a' })).toBe('UNAUTHENTICATED');
  });
});
