/** H5: no privacy authorization to ask for (the browser has its own prompts); copying is the browser's. */
import Taro from '@tarojs/taro';
import type { PrivacyService } from './privacy-types';

export const privacy: PrivacyService = {
  listen() {
    // Nothing asks on H5.
  },
  async require() {
    return true;
  },
  async openContract() {
    // No mini-program privacy guide on H5.
  },
  async copy(text) {
    try {
      await Taro.setClipboardData({ data: text });
      return true;
    } catch {
      return false;
    }
  },
};
