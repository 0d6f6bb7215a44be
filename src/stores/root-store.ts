/** All stores of the app, built from the platform services. */
import { CatalogService } from '../services/catalog-service';
import type { Transport } from '../services/transport-types';
import { CatalogStore } from './catalog-store';

export class RootStore {
  readonly catalog: CatalogStore;

  constructor(transport: Transport) {
    this.catalog = new CatalogStore(new CatalogService(transport));
  }
}
