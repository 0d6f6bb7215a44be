/**
 * The clerk's store (the staff profile, the till, the scan history): one per root store, made by
 * the first page that asks — the wallet (for its staff entry) or a staff page — rather than with
 * the root store, so it, the scanner and the merchant service stay out of the home page's first load.
 */
import { MerchantService } from '../services/merchant-service';
import { preference } from '../services/preference';
import { scanner } from '../services/scanner';
import { ClerkStore } from './clerk-store';
import { useStores } from './context';
import type { RootStore } from './root-store';

const made = new WeakMap<RootStore, ClerkStore>();

export function clerkOf(root: RootStore): ClerkStore {
  let clerk = made.get(root);
  if (!clerk) {
    clerk = new ClerkStore(new MerchantService(root.transport), scanner, preference('gcc.clerkStore'));
    made.set(root, clerk);
  }
  return clerk;
}

/** The clerk's store, for a page under the StoreProvider. */
export function useClerk(): ClerkStore {
  return clerkOf(useStores());
}
