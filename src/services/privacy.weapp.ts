/**
 * Mini-program: WeChat's privacy authorization. The app takes over WeChat's question
 * (onNeedPrivacyAuthorization) to show its own sheet; requirePrivacyAuthorize asks before the ID
 * number is typed (a text field is no privacy API, so WeChat wouldn't ask by itself); copying goes
 * through setClipboardData, which WeChat holds until the user has answered.
 */
import Taro from '@tarojs/taro';
import type { PrivacyService } from './privacy-types';

export const privacy: PrivacyService = {
  listen(onRequest) {
    // Base library 2.32.3+; older clients have no privacy authorization and never ask.
    if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve, eventInfo) =>
      onRequest({ referrer: eventInfo?.referrer ?? '', resolve: (answer) => resolve(answer) }),
    );
  },
  // Taro passes these through unpromisified (they are not in its promise list): callbacks, then.
  require() {
    const ask = Taro.requirePrivacyAuthorize;
    if (typeof ask !== 'function') return Promise.resolve(true);
    // A failure is "privacy permission is not authorized": the user refused.
    return new Promise((resolve) => ask({ success: () => resolve(true), fail: () => resolve(false) }));
  },
  openContract() {
    const open = Taro.openPrivacyContract;
    if (typeof open !== 'function') return Promise.resolve();
    // A failure (nothing published yet) leaves the sheet's own text, which says what is collected.
    return new Promise((resolve) => open({ complete: () => resolve() }));
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
