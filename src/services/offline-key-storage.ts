/**
 * The offline pay code keys this device holds, one per card, in the platform's storage
 * (Taro.setStorage: the mini-program's and the browser's local storage), and this device's random
 * id, which the cloud binds each key to so a lost phone's keys can be revoked from another device.
 */
import Taro from '@tarojs/taro';
import type { OfflineKeyView } from '../contracts/wallet';
import { OFFLINE_KEY_PREFIX as KEY_PREFIX } from './offline-key-names';

const DEVICE_ID = 'gcp-device-id';

export interface OfflineKeyStorage {
  load(cardId: string): OfflineKeyView | undefined;
  save(key: OfflineKeyView): Promise<void>;
  remove(cardId: string): Promise<void>;
  /** This device's id, made on first use. */
  deviceId(): string;
  /** What the card page lists this device as. */
  deviceName(): string;
}

function isKeyView(v: unknown): v is OfflineKeyView {
  const k = v as Partial<OfflineKeyView> | null;
  return (
    typeof k === 'object' &&
    k !== null &&
    typeof k.cardId === 'string' &&
    typeof k.keyNo === 'string' &&
    typeof k.secret === 'string' &&
    typeof k.expiresAt === 'number' &&
    typeof k.renewAt === 'number'
  );
}

function randomId(): string {
  let id = 'dev-';
  for (let i = 0; i < 24; i++) id += Math.floor(Math.random() * 36).toString(36);
  return id;
}

export const offlineKeyStorage: OfflineKeyStorage = {
  load(cardId) {
    try {
      const v = Taro.getStorageSync(KEY_PREFIX + cardId) as unknown;
      return isKeyView(v) && v.cardId === cardId ? v : undefined;
    } catch {
      return undefined;
    }
  },
  async save(key) {
    await Taro.setStorage({ key: KEY_PREFIX + key.cardId, data: key });
  },
  async remove(cardId) {
    await Taro.removeStorage({ key: KEY_PREFIX + cardId }).catch(() => undefined);
  },
  deviceId() {
    try {
      const stored = Taro.getStorageSync(DEVICE_ID) as unknown;
      if (typeof stored === 'string' && stored !== '') return stored;
    } catch {
      // No storage to read: a fresh id below.
    }
    const id = randomId();
    Taro.setStorageSync(DEVICE_ID, id);
    return id;
  },
  deviceName() {
    try {
      const info = Taro.getSystemInfoSync();
      return [info.brand, info.model]
        .filter((s) => s && s !== 'unknown')
        .join(' ')
        .slice(0, 40);
    } catch {
      return '';
    }
  },
};
