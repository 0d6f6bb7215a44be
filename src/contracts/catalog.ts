/**
 * The `catalog` cloud function: actions, their inputs and their outputs. Read-only and public
 * (no identity needed). Limits on inputs live here so the function and the UI agree on them.
 */
import type { Brand, CardProduct, Category, CategoryId, ThemeId } from '../domain/catalog';
import type { Fen } from '../domain/money';

export const CATALOG_FUNCTION = 'catalog';

export const CATALOG_LIMITS = {
  /** Longest search keyword, in characters. */
  keywordMax: 30,
  /** Longest id accepted for a brand or product. */
  idMax: 64,
} as const;

/** A product as listed: the cover face only, and what a shelf needs to show a price. */
export interface ProductSummary {
  _id: string;
  brandId: string;
  brandName: string;
  name: string;
  kind: CardProduct['kind'];
  cover: { image: string; name: string };
  themes: ThemeId[];
  /** The smallest amount one card can be bought for. */
  fromPrice: Fen;
  onSale: boolean;
}

export interface BrandSummary {
  _id: string;
  name: string;
  category: CategoryId;
  logo: string;
  slogan: string;
  color: string;
  /** Number of products on sale. */
  productCount: number;
}

/** Products with a face of one theme. The UI names the theme from its strings table. */
export interface ThemeShelf {
  theme: ThemeId;
  products: ProductSummary[];
}

export interface CatalogActions {
  home: {
    input: Record<string, never>;
    output: { categories: Category[]; featured: ProductSummary[]; themes: ThemeShelf[] };
  };
  categories: { input: Record<string, never>; output: { categories: Category[] } };
  category: {
    input: { category: CategoryId };
    output: { category: Category; brands: BrandSummary[]; products: ProductSummary[] };
  };
  theme: { input: { theme: ThemeId }; output: ThemeShelf };
  search: {
    input: { keyword: string };
    output: { keyword: string; brands: BrandSummary[]; products: ProductSummary[] };
  };
  brand: { input: { brandId: string }; output: { brand: Brand; products: CardProduct[] } };
  product: { input: { productId: string }; output: { brand: Brand; product: CardProduct } };
}

export type CatalogAction = keyof CatalogActions;
export const CATALOG_ACTIONS: readonly CatalogAction[] = [
  'home',
  'categories',
  'category',
  'theme',
  'search',
  'brand',
  'product',
];

/** What the client sends: `{ action, ...input }`. */
export type CatalogRequest<A extends CatalogAction = CatalogAction> = { action: A } & CatalogActions[A]['input'];
