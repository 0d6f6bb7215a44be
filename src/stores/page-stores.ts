/**
 * Stores only some pages need, made by the first of them that asks (one per root store) rather
 * than with the root store, so the home page's first load doesn't carry them: the gift store (the
 * gift, share, claim and sent-gifts pages) and the pay-code store (the in-store pay code page).
 */
import { GiftsService } from '../services/gifts-service';
import { screen } from '../services/screen';
import { WalletService } from '../services/wallet-service';
import { useStores } from './context';
import { GiftStore } from './gift-store';
import { PayCodeStore } from './pay-code-store';
import type { RootStore } from './root-store';
import { SplitPayStore } from './split-pay-store';
import { realTicker } from './ticker';

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
  return new PayCodeStore(wallet, screen, realTicker, new SplitPayStore(wallet, root.payments));
});

/** The gift store, for a page under the StoreProvider. */
export function useGifts(): GiftStore {
  return giftsOf(useStores());
}

/** The pay-code store, for a page under the StoreProvider. */
export function usePayCode(): PayCodeStore {
  return payCodeOf(useStores());
}
