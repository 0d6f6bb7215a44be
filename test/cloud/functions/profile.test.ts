/**
 * Profiles (issue 21, item 3) through the real SDK against the local cloud: a nickname and an avatar
 * chosen once — a drawn default, a cloud file id, or an image as a data: URL within the byte cap —
 * kept per person, shown to a friend on the sender's gift; every bad input refused with
 * INVALID_ARGUMENT and nothing written.
 */
import type { GiftsActions } from '../../../src/contracts/gifts';
import type { WalletActions } from '../../../src/contracts/wallet';
import { PROFILE_LIMITS } from '../../../src/domain/profile';
import { allDocs } from '../support/money-invariants';
import { calls } from '../support/calls';
import type { TestCloud } from '../support/local-cloud';
import { cloudPerFile } from '../support/cloud-per-file';

jest.setTimeout(120_000);

let cloud: TestCloud;
const { ok, code, sendGift } = calls(() => cloud);

type Out<A extends keyof WalletActions> = WalletActions[A]['output'];

cloudPerFile((c) => (cloud = c));

/** A base64 data: URL of `bytes` bytes. */
const image = (bytes: number, type = 'jpeg'): string =>
  `data:image/${type};base64,${Buffer.alloc(bytes, 7).toString('base64')}`;

const save = (who: string, profile: Record<string, unknown>) => ({ who, body: { action: 'saveProfile', ...profile } });

test('should keep the nickname and avatar one chose, and show them to a friend on their gift', async () => {
  expect(await ok<Out<'profile'>>('p-alice', 'wallet', { action: 'profile' })).toEqual({ profile: null });
  const saved = await ok<Out<'saveProfile'>>('p-alice', 'wallet', {
    action: 'saveProfile',
    nickname: ' 小满\u200b ',
    avatar: 'preset:fox',
  });
  expect(saved).toEqual({ profile: { nickname: '小满', avatar: 'preset:fox' } });
  const jpeg = image(PROFILE_LIMITS.avatarBytesMax);
  await ok('p-alice', 'wallet', { action: 'saveProfile', nickname: '林小满', avatar: jpeg });
  expect(await ok<Out<'profile'>>('p-alice', 'wallet', { action: 'profile' })).toEqual({
    profile: { nickname: '林小满', avatar: jpeg },
  });
  await ok('p-dan', 'wallet', {
    action: 'saveProfile',
    nickname: '阿丹',
    avatar: 'cloud://env-1.bucket/avatars/dan.jpg',
  });

  // A friend opening her gift sees her avatar; someone without a profile gives none (the app draws the default).
  const { token } = await sendGift('p-alice');
  const landing = await ok<GiftsActions['view']['output']>('p-bob', 'gifts', { action: 'view', token });
  expect(landing.gift.senderAvatar).toBe(jpeg);
  const other = await sendGift('p-erin');
  const plain = await ok<GiftsActions['view']['output']>('p-bob', 'gifts', { action: 'view', token: other.token });
  expect(plain.gift).not.toHaveProperty('senderAvatar');
  expect(await allDocs(cloud, 'profiles')).toHaveLength(2);
});

test.each([
  ['an empty nickname', { nickname: ' \u200b ', avatar: 'preset:cat' }],
  ['a nickname past its bound', { nickname: '名'.repeat(PROFILE_LIMITS.nicknameMax + 1), avatar: 'preset:cat' }],
  ['a nickname with a newline', { nickname: '小\n满', avatar: 'preset:cat' }],
  ['an unknown preset', { nickname: '小满', avatar: 'preset:dragon' }],
  ['an image one byte past the cap', { nickname: '小满', avatar: image(PROFILE_LIMITS.avatarBytesMax + 1) }],
  ['an image of another type', { nickname: '小满', avatar: image(100, 'svg+xml') }],
  ['an external URL', { nickname: '小满', avatar: 'https://example.com/a.png' }],
  ['a javascript: URL', { nickname: '小满', avatar: 'javascript:alert(1)' }],
  ['a broken base64 body', { nickname: '小满', avatar: 'data:image/png;base64,abc' }],
  ['a malformed file id', { nickname: '小满', avatar: 'cloud://env/../../etc' }],
  ['an operator object', { nickname: { $gt: '' }, avatar: 'preset:cat' }],
  ['a missing avatar', { nickname: '小满' }],
  ['an extra field', { nickname: '小满', avatar: 'preset:cat', openId: 'p-victim' }],
])('should refuse %s and write nothing', async (_what, profile) => {
  const { who, body } = save('p-refused', profile);
  expect(await code(who, 'wallet', body)).toBe('INVALID_ARGUMENT');
  expect(await allDocs(cloud, 'profiles', { _id: who })).toEqual([]);
});

test('should leave a saved profile as it was when a change is refused, and need a caller', async () => {
  await ok('p-kept', 'wallet', { action: 'saveProfile', nickname: '留着', avatar: 'preset:panda' });
  expect(await code('p-kept', 'wallet', { action: 'saveProfile', nickname: '换了', avatar: image(200_000) })).toBe(
    'INVALID_ARGUMENT',
  );
  expect(await ok<Out<'profile'>>('p-kept', 'wallet', { action: 'profile' })).toEqual({
    profile: { nickname: '留着', avatar: 'preset:panda' },
  });
  expect(await code('', 'wallet', { action: 'saveProfile', nickname: '无名', avatar: 'preset:cat' })).toBe(
    'UNAUTHENTICATED',
  );
});
