/**
 * The catalog function's actions: browsing is public and read-only. Each action validates its
 * input (strict schemas), reads through the repository and shapes the result for the client.
 */
import { CATEGORY_IDS, THEME_IDS, type CardProduct } from '../../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { CATALOG_LIMITS, type CatalogActions } from '../../../src/contracts/catalog';
import { getDatabase } from '../cloud';
import { action, type ActionsFor } from '../router';
import { idSchema, z } from '../validate';
import { CatalogRepository } from './catalog-repository';
import { cachedHome } from './home-cache';
import { brandNames, toBrandSummary, toProductSummary } from './summaries';

type Out<A extends keyof CatalogActions> = CatalogActions[A]['output'];

const empty = z.object({}).strict();
const repo = (): CatalogRepository => new CatalogRepository(getDatabase());

function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
}

/** Theme shelves in THEME_IDS order, skipping themes no product has. */
function shelves(products: CardProduct[], names: Map<string, string>): Out<'home'>['themes'] {
  return THEME_IDS.map((theme) => ({
    theme,
    products: products
      .filter((p) => p.faces.some((f) => f.theme === theme))
      .map((p) => toProductSummary(p, names.get(p.brandId) ?? '', theme)),
  })).filter((shelf) => shelf.products.length > 0);
}

export const catalogActions = {
  home: action({
    access: 'public',
    input: empty,
    run: (): Promise<Out<'home'>> =>
      cachedHome(async () => {
        const r = repo();
        const [categories, brands, products] = await Promise.all([r.categories(), r.brands(), r.products()]);
        const names = brandNames(brands);
        return {
          categories,
          featured: products.filter((p) => p.featured).map((p) => toProductSummary(p, names.get(p.brandId) ?? '')),
          themes: shelves(products, names),
        };
      }),
  }),

  categories: action({
    access: 'public',
    input: empty,
    run: async (): Promise<Out<'categories'>> => ({ categories: await repo().categories() }),
  }),

  category: action({
    access: 'public',
    input: z.object({ category: z.enum(CATEGORY_IDS) }).strict(),
    run: async ({ category }): Promise<Out<'category'>> => {
      const r = repo();
      const [categories, brands] = await Promise.all([r.categories(), r.brands({ category })]);
      const found = categories.find((c) => c._id === category);
      if (!found) throw notFound('category');
      const products = brands.length === 0 ? [] : await r.products({ brandIds: brands.map((b) => b._id) });
      const names = brandNames(brands);
      return {
        category: found,
        brands: brands.map((b) => toBrandSummary(b, products)),
        products: products.map((p) => toProductSummary(p, names.get(p.brandId) ?? '')),
      };
    },
  }),

  theme: action({
    access: 'public',
    input: z.object({ theme: z.enum(THEME_IDS) }).strict(),
    run: async ({ theme }): Promise<Out<'theme'>> => {
      const r = repo();
      const [brands, products] = await Promise.all([r.brands(), r.products({ theme })]);
      const names = brandNames(brands);
      return { theme, products: products.map((p) => toProductSummary(p, names.get(p.brandId) ?? '', theme)) };
    },
  }),

  search: action({
    access: 'public',
    input: z
      .object({
        keyword: z
          .string()
          .max(CATALOG_LIMITS.keywordMax)
          .transform((k) => k.trim()),
      })
      .strict()
      .refine((v) => v.keyword.length > 0, { message: 'keyword: required', path: ['keyword'] }),
    run: async ({ keyword }): Promise<Out<'search'>> => {
      const r = repo();
      const [matchedBrands, allBrands, namedProducts] = await Promise.all([
        r.brands({ keyword }),
        r.brands(),
        r.products({ keyword }),
      ]);
      // A brand match brings its products; a product-name match brings its brand's name.
      const brandProducts =
        matchedBrands.length === 0 ? [] : await r.products({ brandIds: matchedBrands.map((b) => b._id) });
      const byId = new Map<string, CardProduct>();
      for (const p of [...brandProducts, ...namedProducts]) byId.set(p._id, p);
      const products = [...byId.values()];
      const names = brandNames(allBrands);
      return {
        keyword,
        brands: matchedBrands.map((b) => toBrandSummary(b, products)),
        products: products.map((p) => toProductSummary(p, names.get(p.brandId) ?? '')),
      };
    },
  }),

  brand: action({
    access: 'public',
    input: z.object({ brandId: idSchema(CATALOG_LIMITS.idMax) }).strict(),
    run: async ({ brandId }): Promise<Out<'brand'>> => {
      const r = repo();
      const [brand, products] = await Promise.all([r.brand(brandId), r.products({ brandIds: [brandId] })]);
      if (!brand) throw notFound('brand');
      return { brand, products };
    },
  }),

  product: action({
    access: 'public',
    input: z.object({ productId: idSchema(CATALOG_LIMITS.idMax) }).strict(),
    run: async ({ productId }): Promise<Out<'product'>> => {
      const r = repo();
      const product = await r.product(productId);
      if (!product) throw notFound('product');
      const brand = await r.brand(product.brandId);
      if (!brand) throw notFound('brand');
      return { brand, product };
    },
  }),
} satisfies ActionsFor<CatalogActions>;
