/** Mini-program: WeChat's own scanning screen, camera only (a photo of a pay code is no proof of presence). */
import Taro from '@tarojs/taro';
import type { Scanner } from './scanner-types';

const errMsg = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { errMsg?: unknown }).errMsg === 'string'
    ? (e as { errMsg: string }).errMsg
    : '';

export const scanner: Scanner = {
  async scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      return { kind: 'scanned', text: res.result };
    } catch (e) {
      const msg = errMsg(e);
      if (/cancel/i.test(msg)) return { kind: 'cancelled' };
      return { kind: 'unavailable', reason: /auth|deny|denied|permission/i.test(msg) ? 'denied' : 'no-camera' };
    }
  },
};
