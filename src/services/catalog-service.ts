/** Typed calls to the `catalog` function: unwraps the envelope, throws ApiError on failure. */
import type { CatalogAction, CatalogActions } from '../contracts/catalog';
import { CATALOG_FUNCTION } from '../contracts/catalog';
import type { Envelope } from '../contracts/envelope';
import { ApiError } from './api-error';
import type { Transport } from './transport-types';

type In<A extends CatalogAction> = CatalogActions[A]['input'];
type Out<A extends CatalogAction> = CatalogActions[A]['output'];

function isEnvelope(v: unknown): v is Envelope<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

export class CatalogService {
  constructor(private readonly transport: Transport) {}

  private async call<A extends CatalogAction>(action: A, input: In<A>): Promise<Out<A>> {
    const res = await this.transport.call(CATALOG_FUNCTION, { action, ...input });
    if (!isEnvelope(res)) throw new ApiError('INTERNAL', 'malformed answer');
    if (!res.ok) throw new ApiError(res.error.code, res.error.message);
    return res.data as Out<A>;
  }

  home = () => this.call('home', {});
  category = (category: In<'category'>['category']) => this.call('category', { category });
  search = (keyword: string) => this.call('search', { keyword });
  brand = (brandId: string) => this.call('brand', { brandId });
}
