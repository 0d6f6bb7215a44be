/**
 * The `catalog` function, called through the gateway exactly as the H5 app calls it, running on
 * the real wx-server-sdk against the local cloud with the seed catalog.
 */
import type { Envelope } from '../../../src/contracts/envelope';
import type { CatalogActions, ProductSummary } from '../../../src/contracts/catalog';
import type { Brand, CardProduct } from '../../../src/domain/catalog';
import { CATEGORY_IDS } from '../../../src/domain/catalog';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

type Out<A extends keyof CatalogActions> = CatalogActions[A]['output'];

let cloud: TestCloud;
let brands: Brand[];
let products: CardProduct[];

async function all<T>(collectionName: string): Promise<T[]> {
  const res = (await cloud.db.handle({
    action: 'database.getDocument',
    collectionName,
    queryType: 'WHERE',
    query: '{}',
    limit: 1000,
  })) as {
    data: { list: string[] };
  };
  return res.data.list.map((s) => JSON.parse(s) as T);
}

async function ok<A extends keyof CatalogActions>(action: A, input: object = {}): Promise<Out<A>> {
  const env = await cloud.call<Envelope<Out<A>>>('catalog', { action, ...input });
  if (!env.ok) throw new Error(`${action} failed: ${env.error.code} ${env.error.message}`);
  return env.data;
}

beforeAll(async () => {
  cloud = await startTestCloud();
  brands = await all<Brand>('brands');
  products = await all<CardProduct>('products');
});

afterAll(async () => {
  await cloud.close();
});

function expectSummary(p: ProductSummary): void {
  // A link to the face in cloud storage, not the picture itself.
  expect(p.cover.image).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/storage\/[\w-]+\/faces\/[0-9a-f]{32}\.svg$/);
  expect(p.brandName).toBe(brands.find((b) => b._id === p.brandId)?.name);
  expect(Number.isInteger(p.fromPrice) && p.fromPrice > 0).toBe(true);
  expect(p.onSale).toBe(true);
}

test('should open the home page with all categories, featured cards and theme shelves', async () => {
  const home = await ok('home');
  expect(home.categories.map((c) => c._id).sort()).toEqual([...CATEGORY_IDS].sort());
  const featured = products
    .filter((p) => p.featured && p.onSale)
    .map((p) => p._id)
    .sort();
  expect(home.featured.map((p) => p._id).sort()).toEqual(featured);
  expect(home.themes.length).toBeGreaterThanOrEqual(3);
  for (const shelf of home.themes) {
    expect(shelf.products.length).toBeGreaterThan(0);
    shelf.products.forEach(expectSummary);
  }
  home.featured.forEach(expectSummary);
  // Each cover's link shows that face: the seed stored every face in cloud storage.
  const cover = home.featured[0]!;
  const face = products.find((p) => p._id === cover._id)!.faces.find((f) => f.name === cover.cover.name)!;
  const served = await fetch(cover.cover.image);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  const svg = await served.text();
  expect(svg).toContain(`>${cover.brandName}</text>`);
  expect(svg).toContain(`>${face.name}</text>`);
});

test('should list a category with only its brands and their products on sale', async () => {
  const dining = await ok('category', { category: 'dining' });
  const expectedBrands = brands
    .filter((b) => b.category === 'dining')
    .map((b) => b._id)
    .sort();
  expect(dining.category._id).toBe('dining');
  expect(dining.brands.map((b) => b._id).sort()).toEqual(expectedBrands);
  const expectedProducts = products
    .filter((p) => p.onSale && expectedBrands.includes(p.brandId))
    .map((p) => p._id)
    .sort();
  expect(dining.products.map((p) => p._id).sort()).toEqual(expectedProducts);
});

test('should shelve a theme with the face of that theme as each cover', async () => {
  const shelf = await ok('theme', { theme: 'birthday' });
  expect(shelf.products.length).toBeGreaterThan(0);
  for (const s of shelf.products) {
    const product = products.find((p) => p._id === s._id)!;
    const face = product.faces.find((f) => f.theme === 'birthday')!;
    expect(s.cover).toEqual({ image: face.image, name: face.name });
  }
});

test('should find a brand by its Chinese name, by part of it, and by its pinyin keyword', async () => {
  const brand = brands[0]!;
  for (const keyword of [brand.name, brand.name.slice(0, 2), brand.keywords[0]!.toUpperCase()]) {
    const res = await ok('search', { keyword });
    expect(res.brands.map((b) => b._id)).toContain(brand._id);
    expect(res.products.some((p) => p.brandId === brand._id)).toBe(true);
  }
});

test('should treat regular-expression characters in a keyword literally', async () => {
  for (const keyword of ['.*', '(', '[a-z]+', '\\']) {
    const res = await ok('search', { keyword });
    expect(res.brands).toEqual([]);
    expect(res.products).toEqual([]);
  }
});

test('should show a brand with its products, and a product with its brand', async () => {
  const product = products.find((p) => p.onSale)!;
  const page = await ok('brand', { brandId: product.brandId });
  expect(page.brand._id).toBe(product.brandId);
  expect(page.products.map((p) => p._id)).toContain(product._id);
  expect(page.products.every((p) => p.onSale)).toBe(true);
  const detail = await ok('product', { productId: product._id });
  expect(detail.product.faces.every((f) => f.blessing.length > 0)).toBe(true);
  expect(detail.brand._id).toBe(product.brandId);
});

test('should answer NOT_FOUND for an unknown brand and for a product off sale', async () => {
  const missing = await cloud.call<Envelope<unknown>>('catalog', { action: 'brand', brandId: 'brand-does-not-exist' });
  expect(missing).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'brand not found' } });
  const offSale = products.find((p) => !p.onSale);
  expect(offSale).toBeDefined();
  const res = await cloud.call<Envelope<unknown>>('catalog', { action: 'product', productId: offSale!._id });
  expect(res).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'product not found' } });
});

describe('bad input gets a stable error code and touches no data', () => {
  const cases: [string, unknown, string][] = [
    ['no action', {}, 'INVALID_ARGUMENT'],
    ['action of the wrong type', { action: 5 }, 'INVALID_ARGUMENT'],
    ['unknown action', { action: 'dropTables' }, 'UNKNOWN_ACTION'],
    ['an inherited property as action', { action: 'toString' }, 'UNKNOWN_ACTION'],
    ['__proto__ as action', { action: '__proto__' }, 'UNKNOWN_ACTION'],
    ['unknown field', { action: 'home', admin: true }, 'INVALID_ARGUMENT'],
    ['missing field', { action: 'brand' }, 'INVALID_ARGUMENT'],
    ['operator object as id', { action: 'brand', brandId: { $gt: '' } }, 'INVALID_ARGUMENT'],
    ['operator object as keyword', { action: 'search', keyword: { $regex: '.*' } }, 'INVALID_ARGUMENT'],
    ['number as id', { action: 'product', productId: 42 }, 'INVALID_ARGUMENT'],
    ['malformed id', { action: 'brand', brandId: 'Brand/../x' }, 'INVALID_ARGUMENT'],
    ['oversized id', { action: 'brand', brandId: 'a'.repeat(65) }, 'INVALID_ARGUMENT'],
    ['oversized keyword', { action: 'search', keyword: '咖'.repeat(31) }, 'INVALID_ARGUMENT'],
    ['blank keyword', { action: 'search', keyword: '   ' }, 'INVALID_ARGUMENT'],
    ['unknown category', { action: 'category', category: 'weapons' }, 'INVALID_ARGUMENT'],
    ['unknown theme', { action: 'theme', theme: { $ne: null } }, 'INVALID_ARGUMENT'],
  ];

  test.each(cases)('%s', async (_name, body, code) => {
    cloud.db.resetStats();
    const res = await cloud.call<Envelope<unknown>>('catalog', body);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe(code);
      expect(typeof res.error.message).toBe('string');
    }
    // Refused before any use case ran: not a single database call, so nothing written.
    expect(cloud.db.stats().calls).toBe(0);
  });
});

test('should ignore the userInfo the mini-program SDK adds to every call', async () => {
  const res = await cloud.call<Envelope<Out<'categories'>>>('catalog', {
    action: 'categories',
    userInfo: { appId: 'x', openId: 'y' },
  });
  expect(res.ok).toBe(true);
});
