/** The operator's extension requests and the holder's request, against a fake transport. */
import type { ExtensionView } from '../../src/contracts/expiry';
import { ExtensionsService } from '../../src/services/extensions-service';
import { WalletService } from '../../src/services/wallet-service';
import { ExtensionsStore, EXTENSION_MONTH_CHOICES } from '../../src/stores/extensions-store';
import { WalletStore } from '../../src/stores/wallet-store';
import { fakeTransport, type Reply } from './support/fake-transport';
import { fen } from '../../src/domain/money';

const ok = (data: unknown): Reply => ({ ok: true, data });
const fail = (code: string): Reply => ({ ok: false, error: { code: code as never, message: '' } });

function req(id: string, state: ExtensionView['state'], over: Partial<ExtensionView> = {}): ExtensionView {
  return {
    id,
    brandId: 'brand-b',
    brandName: '蓝山咖啡',
    productName: '心意卡',
    face: { id: 'f', name: 'f', image: '' },
    last4: '7KQX',
    holder: 'o-de••••ce',
    amount: fen(8_800),
    expiredAt: 1,
    note: '',
    state,
    requestedAt: 2,
    decidedAt: state === 'pending' ? null : 3,
    months: state === 'approved' ? 6 : null,
    newExpiresAt: state === 'approved' ? 9 : null,
    decisionNote: '',
    ...over,
  };
}

function store(replies: Reply[]) {
  const fake = fakeTransport(replies);
  return { store: new ExtensionsStore(new ExtensionsService(fake.transport)), calls: fake.calls };
}

describe('extensions store', () => {
  test('should load a brand and split pending from decided', async () => {
    const { store: s, calls } = store([ok({ requests: [req('ext-a', 'pending'), req('ext-b', 'declined')] })]);
    await s.load('brand-b');
    expect(calls).toEqual([{ name: 'merchant', data: { action: 'extensions', brandId: 'brand-b' } }]);
    expect(s.pending.map((r) => r.id)).toEqual(['ext-a']);
    expect(s.decided.map((r) => r.id)).toEqual(['ext-b']);
    expect(s.list.status).toBe('ready');
  });

  test('should show the empty state and the error code', async () => {
    const { store: s } = store([ok({ requests: [] }), fail('FORBIDDEN')]);
    await s.load('brand-b');
    expect(s.list.status).toBe('empty');
    await s.load('brand-b');
    expect(s.list).toMatchObject({ status: 'error', errorCode: 'FORBIDDEN' });
  });

  test('should approve with 6 months by default, or the months chosen, and put the answer in the list', async () => {
    const { store: s, calls } = store([
      ok({ requests: [req('ext-a', 'pending'), req('ext-b', 'pending')] }),
      ok({ request: req('ext-a', 'approved') }),
      ok({ request: req('ext-b', 'approved', { months: 12 }) }),
    ]);
    await s.load('brand-b');
    s.open('ext-a', true);
    expect(s.months).toBe(6);
    expect(s.current?.id).toBe('ext-a');
    expect(await s.confirm()).toBe(true);
    expect(calls[1]!.data).toEqual({
      action: 'decideExtension',
      brandId: 'brand-b',
      id: 'ext-a',
      approve: true,
      months: 6,
    });
    expect(s.deciding).toBeNull();
    s.open('ext-b', true);
    s.setMonths(12);
    s.setMonths(25); // not a choice: ignored
    s.setNote('  老顾客 ');
    await s.confirm();
    expect(calls[2]!.data).toEqual({
      action: 'decideExtension',
      brandId: 'brand-b',
      id: 'ext-b',
      approve: true,
      months: 12,
      note: '老顾客',
    });
    expect(s.pending).toEqual([]);
    expect(s.decided.map((r) => [r.id, r.months])).toEqual([
      ['ext-a', 6],
      ['ext-b', 12],
    ]);
    expect(EXTENSION_MONTH_CHOICES[0]).toBe(1);
    expect(EXTENSION_MONTH_CHOICES.at(-1)).toBe(24);
  });

  test('should decline without months', async () => {
    const { store: s, calls } = store([
      ok({ requests: [req('ext-a', 'pending')] }),
      ok({ request: req('ext-a', 'declined') }),
    ]);
    await s.load('brand-b');
    s.open('ext-a', false);
    expect(await s.confirm()).toBe(true);
    expect(calls[1]!.data).toEqual({ action: 'decideExtension', brandId: 'brand-b', id: 'ext-a', approve: false });
    expect(s.decided[0]!.state).toBe('declined');
  });

  test('should keep the sheet open with the code on failure, and reload when someone decided first', async () => {
    const { store: s, calls } = store([
      ok({ requests: [req('ext-a', 'pending')] }),
      fail('NETWORK'),
      fail('EXTENSION_DECIDED'),
      ok({ requests: [req('ext-a', 'approved')] }),
    ]);
    await s.load('brand-b');
    s.open('ext-a', true);
    expect(await s.confirm()).toBe(false);
    expect(s.action.errorCode).toBe('NETWORK');
    expect(s.deciding).not.toBeNull();
    expect(await s.confirm()).toBe(false);
    expect(s.action.errorCode).toBe('EXTENSION_DECIDED');
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toHaveLength(4);
    expect(s.decided.map((r) => r.state)).toEqual(['approved']);
  });
});

describe('wallet store extension request', () => {
  test('should send the trimmed note, then reload the card', async () => {
    const fake = fakeTransport([
      ok({ extension: { id: 'ext-c' } }),
      ok({ card: {}, history: [], refund: null, expiry: {} }),
    ]);
    const wallet = new WalletStore(new WalletService(fake.transport));
    expect(await wallet.requestExtension('c1', '  出差 ')).toBe(true);
    expect(fake.calls.map((c) => c.data)).toEqual([
      { action: 'requestExtension', cardId: 'c1', note: '出差' },
      { action: 'detail', cardId: 'c1' },
    ]);
  });

  test('should omit an empty note and keep the error code on failure', async () => {
    const fake = fakeTransport([fail('NOT_EXPIRED')]);
    const wallet = new WalletStore(new WalletService(fake.transport));
    expect(await wallet.requestExtension('c1', '   ')).toBe(false);
    expect(fake.calls.map((c) => c.data)).toEqual([{ action: 'requestExtension', cardId: 'c1' }]);
    expect(wallet.action.errorCode).toBe('NOT_EXPIRED');
  });
});
