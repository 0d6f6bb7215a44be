/** The operator's stores (products and the editor, team, batch) against a fake operator service. */
import type { ClerkProfileView } from '../../src/contracts/merchant';
import type { InviteView, OperatorBrandView, OperatorProductView, StaffView } from '../../src/contracts/operator';
import { ApiError } from '../../src/services/api-error';
import type { OperatorApi } from '../../src/services/operator-service';
import { BatchStore, batchCsv } from '../../src/stores/batch-store';
import { OperatorStore } from '../../src/stores/operator-store';
import { TeamStore } from '../../src/stores/team-store';
import { fen } from '../../src/domain/money';

const NOW = Date.UTC(2026, 11, 1, 4);

const brand = (id: string, stores = [{ id: `${id}-s1`, name: '一号店', address: '某路 1 号' }]): OperatorBrandView => ({
  id,
  name: id === 'b1' ? '蓝山咖啡' : '惠鲜超市',
  color: '#1f6f5c',
  logo: 'data:,',
  stores,
});

const product = (over: Partial<OperatorProductView> = {}): OperatorProductView => ({
  _id: 'p1',
  brandId: 'b1',
  brandName: '蓝山咖啡',
  name: '咖啡卡',
  kind: 'bearer',
  denominations: [5_000, 10_000] as never,
  customAmount: null,
  faces: [
    {
      id: 'f1',
      name: '生日',
      theme: 'birthday',
      image: 'data:,',
      blessing: '生日快乐',
      colors: ['#111111', '#222222'],
    },
  ],
  validity: { type: 'never' },
  usageRules: ['门店可用'],
  transferLimit: 1,
  refundWindowDays: 7,
  bonus: null,
  stock: 10,
  onSale: true,
  featured: false,
  sort: 1,
  ...over,
});

const profile: ClerkProfileView = {
  name: '小伊',
  role: 'clerk',
  stores: [{ id: 'b1-s1', name: '一号店', brandId: 'b1', brandName: '蓝山咖啡' }],
  confirmAbove: fen(50_000),
};

type Calls = { [K in keyof OperatorApi]: jest.Mock };

function fakeApi(): OperatorApi & Calls {
  const invite: InviteView = {
    id: 'inv-1',
    stores: [],
    state: 'open',
    createdAt: NOW,
    expiresAt: NOW + 7 * 86_400_000,
    joinedName: null,
    joinedAt: null,
  };
  const staff: StaffView[] = [
    { id: 'a'.repeat(24), name: '赵运营', role: 'operator', stores: [], me: true },
    { id: 'b'.repeat(24), name: '陈店员', role: 'clerk', stores: [], me: false },
  ];
  return {
    myBrands: jest.fn(async () => ({ brands: [brand('b1'), brand('b2')] })),
    products: jest.fn(async () => ({ products: [product()] })),
    saveProduct: jest.fn(async (input) => ({
      product: product({ _id: input.productId ?? 'p-new', name: input.name, stock: input.stock ?? 10 }),
    })),
    adjustStock: jest.fn(async (_id, delta: number) => ({ product: product({ stock: 10 + delta }) })),
    setOnSale: jest.fn(async (_id, onSale: boolean) => ({ product: product({ onSale }) })),
    addStore: jest.fn(async (_b, name: string, address: string) => ({ store: { id: 'b1-s2', name, address } })),
    updateStore: jest.fn(async (_b, id: string, name: string, address: string) => ({ store: { id, name, address } })),
    createInvite: jest.fn(async () => ({
      invite: {
        id: 'inv-1',
        code: 'ABCDEFGH',
        path: '/merchant/pages/join/index?code=ABCDEFGH',
        expiresAt: NOW,
        wxacode: null,
      },
    })),
    invites: jest.fn(async () => ({ invites: [invite] })),
    revokeInvite: jest.fn(async () => ({ invite: { ...invite, state: 'revoked' as const } })),
    joinStaff: jest.fn(async () => ({ profile })),
    staff: jest.fn(async () => ({ staff })),
    removeClerk: jest.fn(async () => ({ removed: true as const })),
    issueBatch: jest.fn(async (_p: string, _a: number, count: number, _r: string) => ({
      cards: Array.from({ length: count }, (_, i) => ({
        cardNumber: `AAAA BBBB CCCC 000${i}`,
        pin: `1234567${i}`,
        last4: `000${i}`,
      })),
    })),
  };
}

let api: ReturnType<typeof fakeApi>;
let store: OperatorStore;
let team: TeamStore;
let batch: BatchStore;

beforeEach(() => {
  api = fakeApi();
  store = new OperatorStore(api, () => NOW);
  team = new TeamStore(api, store);
  batch = new BatchStore(api, store, () => NOW);
});

describe('the operator store', () => {
  test('should make the brand a page was opened for current before the brand list arrives', async () => {
    let answer: (v: { brands: OperatorBrandView[] }) => void = () => undefined;
    api.myBrands.mockImplementationOnce(() => new Promise((r) => (answer = r)));
    const loading = store.loadProducts('b2');
    expect(store.brandId).toBe('b2');
    answer({ brands: [brand('b1'), brand('b2')] });
    await loading;
    expect(store.brandId).toBe('b2');
    // A brand that isn't the operator's gives way to their first once the list says so.
    const other = new OperatorStore(fakeApi(), () => NOW);
    await other.loadProducts('b-stranger');
    expect(other.brandId).toBe('b1');
  });

  test('should pick the asked brand, or the first one, and load its products', async () => {
    await store.loadProducts('b2');
    expect(store.brandId).toBe('b2');
    expect(api.products).toHaveBeenCalledWith('b2');
    await store.loadProducts('b-unknown');
    expect(store.brandId).toBe('b2');
    expect(store.products.status).toBe('ready');
    const fresh = new OperatorStore(api, () => NOW);
    await fresh.loadBrands();
    expect(fresh.brandId).toBe('b1');
  });

  test('should toggle sale and adjust stock from the answers', async () => {
    await store.loadProducts('b1');
    await store.toggleSale('p1');
    expect(api.setOnSale).toHaveBeenCalledWith('p1', false);
    expect(store.products.data![0]!.onSale).toBe(false);
    await store.adjustStock('p1', -3);
    expect(api.adjustStock).toHaveBeenCalledWith('p1', -3);
    expect(store.products.data![0]!.stock).toBe(7);
    api.adjustStock.mockRejectedValueOnce(new ApiError('STOCK_TOO_LOW', ''));
    await store.adjustStock('p1', -100);
    expect(store.action.errorCode).toBe('STOCK_TOO_LOW');
    expect(store.products.data![0]!.stock).toBe(7);
  });

  test('should keep denomination chips ascending and unique, and refuse bad ones', async () => {
    await store.openEditor('b1');
    for (const y of ['100', '50', '100']) {
      store.edit('denominationText', y);
      expect(store.addDenomination()).toBe(true);
    }
    expect(store.draft.denominations).toEqual([5_000, 10_000]);
    store.edit('denominationText', '12.5');
    expect(store.addDenomination()).toBe(false);
    store.removeDenomination(5_000);
    expect(store.draft.denominations).toEqual([10_000]);
  });

  test('should show the product rules as messages once saving is tried, and not call the cloud', async () => {
    await store.openEditor('b1');
    expect(store.issueFor('name')).toBeUndefined();
    expect(await store.save()).toBe(false);
    expect(api.saveProduct).not.toHaveBeenCalled();
    expect(store.issueFor('name')).toBe('请填写名称（最多 30 字）');
    expect(store.issueFor('denominations')).toBe('至少设置一个面值或自定义金额');
    expect(store.issueFor('faces.0')).toBe('请填写祝福语（最多 60 字）');
    store.edit('kind', 'bearer');
    store.edit('validityType', 'afterActivation');
    store.edit('months', '12');
    expect(store.issueFor('validity')).toBe('不记名卡有效期不少于 3 年');
    store.edit('customEnabled', true);
    store.edit('customMin', '10');
    expect(store.issueFor('customAmount')).toBe('自定义金额最低 ¥50');
  });

  test('should save a new product with its stock, and an existing one without stock', async () => {
    await store.openEditor('b1');
    store.edit('name', '新卡');
    store.edit('denominationText', '100');
    store.addDenomination();
    store.editFace(0, { blessing: '祝你开心', colors: ['#2b6cb0', '#63b3ed'] });
    store.addFace();
    store.editFace(1, { blessing: '生日快乐' });
    store.edit('stockLimited', true);
    store.edit('stock', '20');
    store.edit('usageRules', '门店可用\n\n  线上可用 ');
    expect(store.issues).toEqual([]);
    expect(await store.save()).toBe(true);
    const input = api.saveProduct.mock.calls[0]![0];
    expect(input).toMatchObject({
      brandId: 'b1',
      name: '新卡',
      denominations: [10_000],
      customAmount: null,
      stock: 20,
      usageRules: ['门店可用', '线上可用'],
      validity: { type: 'never' },
    });
    expect(input.faces).toHaveLength(2);
    expect(input.faces[1].theme).not.toBe(input.faces[0].theme);
    expect('productId' in input).toBe(false);
    expect(store.products.data!.map((p) => p._id)).toContain('p-new');

    await store.loadProducts('b1');
    await store.openEditor('b1', 'p1');
    expect(store.draft).toMatchObject({ productId: 'p1', name: '咖啡卡', denominations: [5_000, 10_000] });
    expect(store.draft.faces[0]).toMatchObject({ id: 'f1', colors: ['#111111', '#222222'] });
    store.edit('name', '咖啡卡二代');
    expect(await store.save()).toBe(true);
    const update = api.saveProduct.mock.calls[1]![0];
    expect(update).toMatchObject({ productId: 'p1', name: '咖啡卡二代' });
    expect('stock' in update).toBe(false);
  });

  test('should show a cloud refusal of a save', async () => {
    await store.loadProducts('b1');
    await store.openEditor('b1', 'p1');
    api.saveProduct.mockRejectedValueOnce(new ApiError('PRODUCT_INVALID', 'rule bonus (bonus)'));
    expect(await store.save()).toBe(false);
    expect(store.action.errorCode).toBe('PRODUCT_INVALID');
  });
});

describe('the team store', () => {
  test('should add and rename stores, make and revoke invites, and remove clerks', async () => {
    await team.loadTeam('b1');
    expect(team.staff.data).toHaveLength(2);
    expect(team.invites.data).toHaveLength(1);
    expect(await team.addStore(' 二号店 ', '某路 2 号')).toBe(true);
    expect(api.addStore).toHaveBeenCalledWith('b1', '二号店', '某路 2 号');
    expect(store.brand!.stores.map((s) => s.name)).toEqual(['一号店', '二号店']);
    await team.updateStore('b1-s1', '旗舰店', '某路 1 号');
    expect(store.brand!.stores[0]!.name).toBe('旗舰店');

    expect(await team.createInvite([])).toBe(false);
    expect(await team.createInvite(['b1-s1'])).toBe(true);
    expect(team.createdInvite).toMatchObject({ code: 'ABCDEFGH' });
    await team.revokeInvite('inv-1');
    expect(team.invites.data![0]!.state).toBe('revoked');
    expect(team.createdInvite).toBeNull();

    await team.removeClerk('b'.repeat(24));
    expect(api.removeClerk).toHaveBeenCalledWith('b1', 'b'.repeat(24));
    expect(team.staff.data!.map((s) => s.name)).toEqual(['赵运营']);
  });

  test('should join with a normalised code and keep the profile', async () => {
    expect(await team.join(' abcd-efgh ', ' 小伊 ')).toBe(true);
    expect(api.joinStaff).toHaveBeenCalledWith('ABCDEFGH', '小伊');
    expect(team.joined).toEqual(profile);
    api.joinStaff.mockRejectedValueOnce(new ApiError('INVITE_INVALID', ''));
    expect(await team.join('WRONGAAA', '小伊')).toBe(false);
    expect(team.action.errorCode).toBe('INVITE_INVALID');
  });
});

describe('the batch store', () => {
  test('should issue a batch once, as CSV, and forget it', async () => {
    expect(await batch.issue('p1', '100', '101')).toBe(false);
    expect(await batch.issue('p1', 'abc', '3')).toBe(false);
    expect(api.issueBatch).not.toHaveBeenCalled();
    await store.loadProducts('b1');
    expect(await batch.issue('p1', '100', '2')).toBe(true);
    expect(api.issueBatch).toHaveBeenCalledWith('p1', 10_000, 2, expect.stringMatching(/^b[a-z0-9]{16,}$/));
    // Excel on Chinese Windows reads it as UTF-8 (BOM) and every row says what card it is.
    expect(batch.csv).toBe(
      '\uFEFF卡号,卡密,卡券,面值（元）,制卡日期\r\n' +
        'AAAA BBBB CCCC 0000,12345670,咖啡卡,100.00,2026-12-01\r\n' +
        'AAAA BBBB CCCC 0001,12345671,咖啡卡,100.00,2026-12-01\r\n',
    );
    batch.forget();
    expect(batch.cards).toBeNull();
    // A product named like a formula is written as text.
    const one = [{ cardNumber: 'AAAA', pin: '1', last4: 'AAAA' }];
    expect(batchCsv(one, { productName: '=咖啡卡', amount: 5_000 as never, issuedAt: NOW })).toBe(
      "\uFEFF卡号,卡密,卡券,面值（元）,制卡日期\r\nAAAA,1,'=咖啡卡,50.00,2026-12-01\r\n",
    );
  });

  test('should retry a failed batch with the same request id, and start a new batch with a new one', async () => {
    api.issueBatch.mockRejectedValueOnce(new ApiError('NETWORK', ''));
    expect(await batch.issue('p1', '100', '45')).toBe(false);
    batch.forget(); // leaving the page keeps the unfinished batch pending
    expect(await batch.issue('p1', '100', '45')).toBe(true);
    const [first, retry] = api.issueBatch.mock.calls.map((c) => c[3]);
    expect(retry).toBe(first);
    expect(await batch.issue('p1', '100', '45')).toBe(true);
    const another = api.issueBatch.mock.calls[2]![3];
    expect(another).not.toBe(first);
    api.issueBatch.mockRejectedValueOnce(new ApiError('NETWORK', ''));
    expect(await batch.issue('p1', '100', '3')).toBe(false);
    expect(await batch.issue('p1', '200', '3')).toBe(true);
    const [failed, changed] = api.issueBatch.mock.calls.slice(3).map((c) => c[3]);
    expect(changed).not.toBe(failed);
  });
});
