/** The catalog store against a fake transport: states, errors with codes, retry, search. */
import type { Envelope } from '../../src/contracts/envelope';
import { ApiError } from '../../src/services/api-error';
import { RootStore } from '../../src/stores/root-store';
import { fakeTransport } from './support/fake-transport';

const home = {
  categories: [{ _id: 'dining', name: '餐饮', icon: 'dining', sort: 1 }],
  featured: [{ _id: 'p1' }],
  themes: [],
};

test('should go from loading to ready and ask the catalog function for home', async () => {
  const { transport, calls } = fakeTransport([{ ok: true, data: home }]);
  const { catalog } = new RootStore(transport);
  expect(catalog.home.status).toBe('idle');
  const pending = catalog.loadHome();
  expect(catalog.home.status).toBe('loading');
  await pending;
  expect(catalog.home.status).toBe('ready');
  expect(catalog.home.data).toEqual(home);
  expect(calls).toEqual([{ name: 'catalog', data: { action: 'home' } }]);
});

test('should show empty when the home page has nothing to shelve', async () => {
  const { transport } = fakeTransport([{ ok: true, data: { categories: [], featured: [], themes: [] } }]);
  const { catalog } = new RootStore(transport);
  await catalog.loadHome();
  expect(catalog.home.status).toBe('empty');
});

test('should keep the error code of a failed call and recover on retry', async () => {
  const { transport } = fakeTransport([
    { ok: false, error: { code: 'NOT_FOUND', message: 'brand not found' } },
    new ApiError('NETWORK', 'offline'),
    { ok: true, data: { brand: { _id: 'b1' }, products: [{ _id: 'x' }, { _id: 'y' }] } },
  ]);
  const { catalog } = new RootStore(transport);
  await catalog.loadBrand('b1');
  expect(catalog.brand.status).toBe('error');
  expect(catalog.brand.errorCode).toBe('NOT_FOUND');
  await catalog.loadBrand('b1');
  expect(catalog.brand.errorCode).toBe('NETWORK');
  await catalog.loadBrand('b1');
  expect(catalog.brand.status).toBe('ready');
  expect(catalog.brand.errorCode).toBeUndefined();
  expect(catalog.selectedProduct?._id).toBe('x');
  catalog.selectProduct('y');
  expect(catalog.selectedProduct?._id).toBe('y');
});

test('should treat a malformed answer as an internal error', async () => {
  const { transport } = fakeTransport([{ nonsense: true } as unknown as Envelope<unknown>]);
  const { catalog } = new RootStore(transport);
  await catalog.loadHome();
  expect(catalog.home.errorCode).toBe('INTERNAL');
});

test('should search for the trimmed keyword and clear results for a blank one', async () => {
  const { transport, calls } = fakeTransport([
    { ok: true, data: { keyword: '咖啡', brands: [{ _id: 'b' }], products: [] } },
    { ok: true, data: { keyword: 'zz', brands: [], products: [] } },
  ]);
  const { catalog } = new RootStore(transport);
  await catalog.searchFor('  咖啡 ');
  expect(calls[0]!.data).toEqual({ action: 'search', keyword: '咖啡' });
  expect(catalog.search.status).toBe('ready');
  await catalog.searchFor('zz');
  expect(catalog.search.status).toBe('empty');
  await catalog.searchFor('   ');
  expect(catalog.search.status).toBe('idle');
  expect(calls).toHaveLength(2);
});

test('should let only the latest search settle the results', async () => {
  let releaseSlow: (v: Envelope<unknown>) => void = () => undefined;
  const slow = () => new Promise<Envelope<unknown>>((r) => (releaseSlow = r));
  const { transport } = fakeTransport([
    slow,
    { ok: true, data: { keyword: 'new', brands: [{ _id: 'new' }], products: [] } },
  ]);
  const { catalog } = new RootStore(transport);
  const first = catalog.searchFor('old');
  await catalog.searchFor('new');
  releaseSlow({ ok: true, data: { keyword: 'old', brands: [{ _id: 'old' }], products: [] } });
  await first;
  expect(catalog.search.data?.keyword).toBe('new');
});
