/** Typed calls to the `catalog` function. */
import type { CatalogActions } from '../contracts/catalog';
import { CATALOG_FUNCTION } from '../contracts/catalog';
import { functionClient } from './function-client';
import type { Transport } from './transport-types';

export class CatalogService {
  private readonly call;

  constructor(transport: Transport) {
    this.call = functionClient<CatalogActions>(transport, CATALOG_FUNCTION);
  }

  home = () => this.call('home', {});
  category = (category: CatalogActions['category']['input']['category']) => this.call('category', { category });
  search = (keyword: string) => this.call('search', { keyword });
  brand = (brandId: string) => this.call('brand', { brandId });
}
