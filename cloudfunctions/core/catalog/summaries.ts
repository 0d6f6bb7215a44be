/** Shapes catalog documents into the list views the client shows (contracts/catalog.ts). */
import type { Brand, CardProduct, ThemeId } from '../../../src/domain/catalog';
import { productThemes } from '../../../src/domain/catalog';
import { fen, minFen, type Fen } from '../../../src/domain/money';
import type { BrandSummary, ProductSummary } from '../../../src/contracts/catalog';

/** The smallest amount one card of the product sells for. */
export function fromPrice(product: Pick<CardProduct, 'denominations' | 'customAmount'>): Fen {
  const [first, ...rest] = [...product.denominations, ...(product.customAmount ? [product.customAmount.min] : [])];
  return first === undefined ? fen(0) : minFen(first, ...rest);
}

export function toProductSummary(product: CardProduct, brandName: string, theme?: ThemeId): ProductSummary {
  // On a themed shelf the cover is the face of that theme; elsewhere the product's first face.
  const face = (theme && product.faces.find((f) => f.theme === theme)) || product.faces[0];
  return {
    _id: product._id,
    brandId: product.brandId,
    brandName,
    name: product.name,
    kind: product.kind,
    cover: { image: face?.image ?? '', name: face?.name ?? '' },
    themes: productThemes(product),
    fromPrice: fromPrice(product),
    onSale: product.onSale,
  };
}

export function toBrandSummary(brand: Brand, products: readonly CardProduct[]): BrandSummary {
  return {
    _id: brand._id,
    name: brand.name,
    category: brand.category,
    logo: brand.logo,
    slogan: brand.slogan,
    color: brand.color,
    productCount: products.filter((p) => p.brandId === brand._id).length,
  };
}

/** Brand names by id, for summaries. */
export function brandNames(brands: readonly Brand[]): Map<string, string> {
  return new Map(brands.map((b) => [b._id, b.name]));
}
