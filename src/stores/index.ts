/** Stores: view state and actions, given the platform services. */
import { transport } from '../services/transport';
import { RootStore } from './root-store';

export { AsyncView, type ViewStatus } from './async-view';
export { CatalogStore } from './catalog-store';
export { StoreProvider, useStores } from './context';
export { RootStore } from './root-store';

export function createRootStore(): RootStore {
  return new RootStore(transport);
}
