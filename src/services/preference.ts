/** A small choice remembered on this device (the clerk's store), in the platform's storage. */
import Taro from '@tarojs/taro';

export interface Preference {
  load(): string | undefined;
  save(value: string): void;
}

export function preference(key: string): Preference {
  return {
    load() {
      try {
        const v = Taro.getStorageSync(key) as unknown;
        return typeof v === 'string' && v !== '' ? v : undefined;
      } catch {
        return undefined;
      }
    },
    save(value) {
      Taro.setStorageSync(key, value);
    },
  };
}
