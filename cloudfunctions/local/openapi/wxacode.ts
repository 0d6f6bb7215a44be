/**
 * `wxacode.getUnlimited` as the local cloud answers it. The real one draws a round 小程序码 that only
 * the WeChat client reads; this one draws an ordinary QR code (PNG) of the text
 * `wxacode:<page>?scene=<scene>`, so a test (jsQR) or a person with any scanner can read what the
 * WeChat client would open: `page` with `options.scene` = scene. The checks are WeChat's:
 * `scene` 1–32 characters of digits, letters and !#$&'()*+,/:;=?@-._~ (40169; the code for a bad
 * character is not documented, 40169 is taken); `page` without a leading slash or query, and with
 * `check_path` (default true) one of the app's pages (41030).
 */
import QRCode from 'qrcode';
import { wxError } from './answers';
import type { OpenApiAnswer } from './codec';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = new Set(['release', 'trial', 'develop']);

/** The text the local 小程序码 encodes. */
export const wxacodeText = (page: string, scene: string): string => `wxacode:${page}?scene=${scene}`;

export async function getUnlimited(
  params: Record<string, unknown>,
  pages: () => ReadonlySet<string>,
): Promise<OpenApiAnswer> {
  const { scene, page, check_path: checkPath, env_version: envVersion, width } = params;
  if (typeof scene !== 'string' || !SCENE.test(scene))
    return wxError(40169, 'invalid length for scene, or the data is not json string');
  if (envVersion !== undefined && !(typeof envVersion === 'string' && ENV_VERSIONS.has(envVersion)))
    return wxError(40097, 'invalid args: env_version');
  const all = pages();
  // Without a page WeChat opens the main page (the first of app.config's pages).
  const target = page === undefined ? [...all][0]! : page;
  if (typeof target !== 'string' || target.startsWith('/') || target.includes('?') || target === '')
    return wxError(41030, 'invalid page');
  if (checkPath !== false && !all.has(target)) return wxError(41030, 'invalid page');
  const px = typeof width === 'number' && width >= 280 && width <= 1280 ? Math.round(width) : 430;
  const png = await QRCode.toBuffer(wxacodeText(target, scene), { type: 'png', width: px, margin: 2 });
  return { body: png, contentType: 'image/png' };
}
