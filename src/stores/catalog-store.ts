/** Browsing state: the home page, a category, a search, and a brand page with its chosen product. */
import { makeAutoObservable } from 'mobx';
import type { CatalogActions } from '../contracts/catalog';
import { CATALOG_LIMITS } from '../contracts/catalog';
import type { CardProduct, CategoryId } from '../domain/catalog';
import type { CatalogService } from '../services/catalog-service';
import { AsyncView } from './async-view';

type Out<A extends keyof CatalogActions> = CatalogActions[A]['output'];

export class CatalogStore {
  readonly home = new AsyncView<Out<'home'>>((d) => d.featured.length === 0 && d.themes.length === 0);
  readonly category = new AsyncView<Out<'category'>>((d) => d.brands.length === 0);
  readonly search = new AsyncView<Out<'search'>>((d) => d.brands.length === 0 && d.products.length === 0);
  readonly brand = new AsyncView<Out<'brand'>>();
  keyword = '';
  selectedProductId: string | undefined = undefined;

  constructor(private readonly service: CatalogService) {
    makeAutoObservable<CatalogStore, 'service'>(this, {
      service: false,
      home: false,
      category: false,
      search: false,
      brand: false,
    });
  }

  loadHome(): Promise<void> {
    return this.home.run(() => this.service.home());
  }

  loadCategory(id: CategoryId): Promise<void> {
    return this.category.run(() => this.service.category(id));
  }

  /** Searches for the trimmed keyword; a blank keyword clears the results instead. */
  searchFor(keyword: string): Promise<void> {
    this.keyword = keyword;
    const k = keyword.trim().slice(0, CATALOG_LIMITS.keywordMax);
    if (k === '') {
      this.search.reset();
      return Promise.resolve();
    }
    return this.search.run(() => this.service.search(k));
  }

  async loadBrand(brandId: string): Promise<void> {
    this.selectedProductId = undefined;
    await this.brand.run(() => this.service.brand(brandId));
  }

  selectProduct(productId: string): void {
    this.selectedProductId = productId;
  }

  /** The product shown on the brand page: the chosen one, else the brand's first. */
  get selectedProduct(): CardProduct | undefined {
    const products = this.brand.data?.products ?? [];
    return products.find((p) => p._id === this.selectedProductId) ?? products[0];
  }
}
