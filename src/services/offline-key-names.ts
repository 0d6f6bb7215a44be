/**
 * Where the offline pay code keys live in the platform's storage, apart from offline-key-storage.ts
 * so that signing out (on the first load) can forget them without loading the rest.
 */
import Taro from '@tarojs/taro';

export const OFFLINE_KEY_PREFIX = 'gcp-offline-key:';

/**
 * Forgets every offline key this device holds: they were issued to the account signing out, and
 * the next person on this phone must not be shown codes derived from them.
 */
export function forgetOfflineKeys(): void {
  try {
    for (const key of Taro.getStorageInfoSync().keys) {
      if (key.startsWith(OFFLINE_KEY_PREFIX)) Taro.removeStorageSync(key);
    }
  } catch {
    // No storage to read: nothing is held.
  }
}
