/** Stores: view state and actions, given the platform services. */
import { createGatewayHttp } from '../services/gateway-http';
import { gatewayBase, platformIdentity, transport } from '../services/transport';
import { RootStore } from './root-store';

export { AsyncView, type ViewStatus } from './async-view';
export { CatalogStore } from './catalog-store';
export { StoreProvider, useStores } from './context';
export { RootStore } from './root-store';
export { OrdersStore } from './orders-store';
export { PurchaseStore } from './purchase-store';
export { SessionStore } from './session-store';
export { WalletStore } from './wallet-store';

export function createRootStore(): RootStore {
  return new RootStore(transport, createGatewayHttp(gatewayBase), !platformIdentity);
}
