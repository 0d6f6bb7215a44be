/** What an avatar may be (domain/profile.ts): a drawn default, a cloud file id, or an image within its byte cap. */
import { AVATAR_PRESETS, AVATAR_TEXT_MAX, PROFILE_LIMITS, avatarProblem, avatarSrc } from '../../src/domain/profile';

const image = (bytes: number, type = 'png'): string =>
  `data:image/${type};base64,${Buffer.alloc(bytes, 1).toString('base64')}`;

test('should take the drawn defaults, cloud file ids and images up to the byte cap', () => {
  for (const id of AVATAR_PRESETS) expect(avatarProblem(`preset:${id}`)).toBeNull();
  expect(avatarProblem('cloud://prod-1a2b.7072-prod-1a2b-1300000000/avatars/o-abc.jpg')).toBeNull();
  // Each padding length counts right at the cap: 0, 1 and 2 bytes short of a multiple of 3.
  for (const less of [0, 1, 2]) expect(avatarProblem(image(PROFILE_LIMITS.avatarBytesMax - less, 'jpeg'))).toBeNull();
  expect(avatarProblem(image(PROFILE_LIMITS.avatarBytesMax + 1, 'jpeg'))).toBe('tooLarge');
  expect(image(PROFILE_LIMITS.avatarBytesMax, 'jpeg').length).toBeLessThanOrEqual(AVATAR_TEXT_MAX);
});

test('should refuse anything else', () => {
  for (const bad of [
    '',
    'preset:',
    'preset:unicorn',
    'https://example.com/me.png',
    'data:image/svg+xml;base64,PHN2Zz4=',
    'data:image/png;base64,a b',
    'data:image/png;base64,abcde',
    'data:text/html;base64,PGgxPg==',
    'cloud://env/../secret',
    'cloud://env.bucket/a/../b',
    `cloud://env.bucket/${'a'.repeat(PROFILE_LIMITS.fileIdMax)}`,
  ])
    expect([bad, avatarProblem(bad)]).toEqual([bad, expect.stringMatching(/format|tooLarge/)]);
});

test('should draw a preset, and show any other avatar as it is', () => {
  expect(avatarSrc('preset:panda')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
  expect(avatarSrc('preset:panda')).not.toBe(avatarSrc('preset:bear'));
  expect(avatarSrc('cloud://env.bucket/a.jpg')).toBe('cloud://env.bucket/a.jpg');
});
