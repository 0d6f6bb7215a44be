/**
 * A person's profile, the WeChat way: a nickname and an avatar chosen once (the mini-program's
 * `chooseAvatar` button and nickname field; on H5 an image file or one of the drawn default avatars),
 * shown to the friends they send gifts to. Pure rules shared by the profile page and the cloud: what
 * an avatar may be, how big, and the drawn defaults.
 */
import { svgDataUri } from './svg-uri';

export const PROFILE_LIMITS = {
  /** Same bound as a gift's sender name, which the nickname prefills. */
  nicknameMax: 20,
  /** An uploaded avatar as a data: URL: its decoded bytes (a 132 px JPEG is 5–15 kB). */
  avatarBytesMax: 48 * 1024,
  /** A cloud storage file id (cloud://env.bucket/path). */
  fileIdMax: 256,
} as const;

/** The longest avatar text a request may carry: a data: URL of the largest image, base64 (4 per 3 bytes). */
export const AVATAR_TEXT_MAX = 40 + Math.ceil(PROFILE_LIMITS.avatarBytesMax / 3) * 4;

/** The drawn default avatars, picked by `preset:<id>`. */
export const AVATAR_PRESETS = ['cat', 'bear', 'bunny', 'fox', 'panda', 'chick'] as const;
export type AvatarPreset = (typeof AVATAR_PRESETS)[number];

export interface Profile {
  nickname: string;
  /** `preset:<id>`, a `cloud://` file id, or a `data:image/…;base64,` URL within the byte cap. */
  avatar: string;
}

const DATA_URL = /^data:image\/(png|jpeg|webp);base64,([A-Za-z0-9+/]+={0,2})$/;
// cloud://<env>.<bucket>/<path>: each path segment a name (dots only inside it, so no `.` or `..`).
const FILE_ID = /^cloud:\/\/[A-Za-z0-9-]+\.[A-Za-z0-9-]+(?:\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)+$/;

/** Why an avatar can't be stored, or null when it can. */
export function avatarProblem(avatar: string): 'format' | 'tooLarge' | null {
  if (avatar.startsWith('preset:'))
    return (AVATAR_PRESETS as readonly string[]).includes(avatar.slice(7)) ? null : 'format';
  if (avatar.startsWith('cloud://'))
    return avatar.length <= PROFILE_LIMITS.fileIdMax && FILE_ID.test(avatar) ? null : 'format';
  if (avatar.length > AVATAR_TEXT_MAX) return 'tooLarge';
  const m = DATA_URL.exec(avatar);
  if (!m) return 'format';
  const b64 = m[2]!;
  if (b64.length % 4 !== 0) return 'format';
  const bytes = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  return bytes <= PROFILE_LIMITS.avatarBytesMax ? null : 'tooLarge';
}

const PRESET_LOOK: Record<AvatarPreset, { ground: string; face: string; ears: string }> = {
  cat: { ground: '#e3e8ef', face: '#8d96a3', ears: 'M22 40 L28 14 L44 30Z M74 40 L68 14 L52 30Z' },
  bear: { ground: '#e6dcd2', face: '#9a6b4f', ears: '' },
  bunny: { ground: '#fde2ea', face: '#ffffff', ears: '' },
  fox: { ground: '#ffe1cc', face: '#e8743b', ears: 'M20 44 L24 10 L44 32Z M76 44 L72 10 L52 32Z' },
  panda: { ground: '#dff1e6', face: '#ffffff', ears: '' },
  chick: { ground: '#fff4c2', face: '#ffd23f', ears: '' },
};

/** A drawn default avatar (96 × 96) as a data: URI. */
export function presetAvatarArt(id: AvatarPreset): string {
  const look = PRESET_LOOK[id];
  const round = (cx: number, cy: number, r: number, fill: string): string =>
    `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/>`;
  const extra =
    id === 'bear'
      ? round(26, 30, 12, look.face) + round(70, 30, 12, look.face)
      : id === 'panda'
        ? round(26, 30, 12, '#2d2d2d') + round(70, 30, 12, '#2d2d2d')
        : id === 'bunny'
          ? '<ellipse cx="36" cy="22" rx="8" ry="20" fill="#fff"/><ellipse cx="60" cy="22" rx="8" ry="20" fill="#fff"/>'
          : '';
  const eyes =
    id === 'panda'
      ? round(38, 50, 8, '#2d2d2d') + round(58, 50, 8, '#2d2d2d') + round(38, 50, 3, '#fff') + round(58, 50, 3, '#fff')
      : round(38, 50, 4, '#2d2d2d') + round(58, 50, 4, '#2d2d2d');
  const mouth = id === 'chick' ? '<path d="M42 60 L54 60 L48 68Z" fill="#f08a24"/>' : round(48, 62, 3, '#d9534f');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">` +
    `<circle cx="48" cy="48" r="48" fill="${look.ground}"/>${extra}` +
    (look.ears ? `<path d="${look.ears}" fill="${look.face}"/>` : '') +
    `${round(48, 54, 28, look.face)}${eyes}${mouth}` +
    `${round(30, 62, 5, '#ff9fb0')}${round(66, 62, 5, '#ff9fb0')}</svg>`;
  return svgDataUri(svg);
}

/** What an `<Image>` shows for a stored avatar: a preset drawn here, anything else as it is. */
export function avatarSrc(avatar: string): string {
  const preset = avatar.startsWith('preset:') ? (avatar.slice(7) as AvatarPreset) : undefined;
  return preset && AVATAR_PRESETS.includes(preset) ? presetAvatarArt(preset) : avatar;
}
