/**
 * A gift's 小程序码 scene: 20 letters and digits (WeChat allows 32 characters; a claim token is
 * 47), derived from the gift id under the function's key, so it is as unguessable as a token, the
 * same for a retried send, and stored on the gift (`scene`) to find the gift it opens.
 */
import { keyedHash } from '../secrets';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const GIFT_SCENE = /^[0-9A-Za-z]{20}$/;

export function giftScene(giftId: string): string {
  let n = BigInt(`0x${keyedHash('gift-scene', giftId)}`);
  let out = '';
  for (let i = 0; i < 20; i++) {
    out += BASE62[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}
