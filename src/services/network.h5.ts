/**
 * H5: the browser's `navigator.onLine` and its online/offline events. Taro's H5 getNetworkType reads
 * only the Network Information API, which never says "none", so it is not used here.
 */
import type { NetworkService } from './network-types';

const hasWindow = (): boolean => typeof window !== 'undefined' && typeof navigator !== 'undefined';

export const network: NetworkService = {
  online() {
    return Promise.resolve(!hasWindow() || navigator.onLine !== false);
  },
  watch(listener) {
    if (!hasWindow()) return () => undefined;
    const on = () => listener(true);
    const off = () => listener(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  },
};
