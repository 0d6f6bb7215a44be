/**
 * The profile store against a fake transport: one load per signed-in person (a sign-in as someone
 * else loads theirs, signing out forgets it), the nickname the gift pages start from, and a refused
 * save that keeps what was there and says why.
 */
import { WalletService } from '../../src/services/wallet-service';
import { ProfileStore } from '../../src/stores/profile-store';
import { fakeTransport, type Reply } from './support/fake-transport';

const ok = (data: unknown): Reply => ({ ok: true, data });
const fail = (code: string): Reply => ({ ok: false, error: { code: code as never, message: '' } });

function store(replies: Reply[]) {
  const fake = fakeTransport(replies);
  return { store: new ProfileStore(new WalletService(fake.transport)), calls: fake.calls };
}

describe('profile store', () => {
  test('should load once per person, and the next person’s after a sign-in', async () => {
    const { store: s, calls } = store([
      ok({ profile: { nickname: '小满', avatar: 'preset:fox' } }),
      ok({ profile: null }),
    ]);
    await s.loadFor('alice');
    await s.loadFor('alice');
    expect(calls).toEqual([{ name: 'wallet', data: { action: 'profile' } }]);
    expect(s.nickname).toBe('小满');
    await s.loadFor('bob');
    expect(calls).toHaveLength(2);
    expect(s.profile).toBeNull();
    expect(s.nickname).toBe('');
  });

  test('should forget the last person’s profile when nobody is signed in', async () => {
    const { store: s } = store([ok({ profile: { nickname: '小满', avatar: 'preset:fox' } })]);
    await s.loadFor('alice');
    s.forget();
    expect(s.nickname).toBe('');
    expect(s.view.status).toBe('idle');
  });

  test('should keep the saved profile when a save is refused, and say why', async () => {
    const { store: s, calls } = store([
      ok({ profile: { nickname: '小满', avatar: 'preset:fox' } }),
      fail('INVALID_ARGUMENT'),
      ok({ profile: { nickname: '小满同学', avatar: 'preset:cat' } }),
    ]);
    await s.loadFor('alice');
    expect(await s.save({ nickname: '小满同学', avatar: 'data:image/gif;base64,R0lG' })).toBe(false);
    expect(s.errorCode).toBe('INVALID_ARGUMENT');
    expect(s.profile).toEqual({ nickname: '小满', avatar: 'preset:fox' });
    expect(await s.save({ nickname: '小满同学', avatar: 'preset:cat' })).toBe(true);
    expect(s.errorCode).toBeUndefined();
    expect(s.nickname).toBe('小满同学');
    expect(calls[2]).toEqual({
      name: 'wallet',
      data: { action: 'saveProfile', nickname: '小满同学', avatar: 'preset:cat' },
    });
  });
});
