/**
 * Stores only some pages need, made by the first of them that asks (one per root store) rather
 * than with the root store, so the home page's first load doesn't carry them: the gift store (the
 * gift, share, claim and sent-gifts pages), the pay-code store (the in-store pay code page) and the
 * card page's devices holding offline pay code keys, and the profile store (the gift pages and the
 * profile page).
 */
import { useEffect } from 'react';
import { GiftsService } from '../services/gifts-service';
import { network } from '../services/network';
import { OfflineKeyService } from '../services/offline-key-service';
import { offlineKeyStorage } from '../services/offline-key-storage';
import { screen } from '../services/screen';
import { WalletService } from '../services/wallet-service';
import { useStores } from './context';
import { GiftStore } from './gift-store';
import { OfflineDevicesStore } from './offline-devices-store';
import { OfflinePay } from './offline-pay';
import { PayCodeStore } from './pay-code-store';
import { realTicker } from './ticker';
import { ProfileStore } from './profile-store';
import type { RootStore } from './root-store';
import { SplitPayStore } from './split-pay-store';

function perRoot<T>(make: (root: RootStore) => T): (root: RootStore) => T {
  const made = new WeakMap<RootStore, T>();
  return (root) => {
    let store = made.get(root);
    if (store === undefined) {
      store = make(root);
      made.set(root, store);
    }
    return store;
  };
}

export const giftsOf = perRoot((root) => new GiftStore(new GiftsService(root.transport, root.http)));
export const payCodeOf = perRoot((root) => {
  const wallet = new WalletService(root.transport);
  const pay = new OfflinePay(new OfflineKeyService(root.transport), offlineKeyStorage);
  const split = new SplitPayStore(wallet, root.payments);
  return new PayCodeStore(wallet, screen, realTicker, { offline: { pay, network }, split });
});

export const offlineDevicesOf = perRoot(
  (root) => new OfflineDevicesStore(new OfflineKeyService(root.transport), offlineKeyStorage),
);
export const profileOf = perRoot((root) => new ProfileStore(new WalletService(root.transport)));

/** The gift store, for a page under the StoreProvider. */
export function useGifts(): GiftStore {
  return giftsOf(useStores());
}

/**
 * My profile, loaded for whoever is signed in (nothing is asked before): the gift, claim and profile
 * pages and the buy sheet's preview of a gift.
 */
export function useProfile(): ProfileStore {
  const root = useStores();
  const store = profileOf(root);
  const { session } = root;
  const who = session.signedIn ? (session.session?.user.user ?? 'platform') : '';
  useEffect(() => {
    if (who !== '') void store.loadFor(who);
    else store.forget();
  }, [store, who]);
  return store;
}

/** The pay-code store, for a page under the StoreProvider. */
export function usePayCode(): PayCodeStore {
  return payCodeOf(useStores());
}

/** The card page's devices with offline pay code keys, for a page under the StoreProvider. */
export function useOfflineDevices(): OfflineDevicesStore {
  return offlineDevicesOf(useStores());
}
