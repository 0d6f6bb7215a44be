/**
 * Reads of the catalog collections. The catalog is small (tens of brands, each with a few
 * products), so each read is one bounded query; nothing here writes.
 */
import type { Brand, CardProduct, Category, CategoryId, ThemeId } from '../../../src/domain/catalog';
import type { Database } from '../cloud';

import { C as COLLECTIONS } from '../collections';
import { withLiveStock } from '../orders/stock-shards';
import { rows } from '../cloud';

/** The cloud's largest page: the catalog fits in one. */
const PAGE = 1000;

/** Escapes a user keyword so it matches literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class CatalogRepository {
  constructor(private readonly db: Database) {}

  async categories(): Promise<Category[]> {
    return rows<Category>(await this.db.collection(COLLECTIONS.categories).orderBy('sort', 'asc').limit(PAGE).get());
  }

  async brands(filter: { category?: CategoryId; keyword?: string } = {}): Promise<Brand[]> {
    const _ = this.db.command;
    const conditions: object[] = [];
    if (filter.category) conditions.push({ category: filter.category });
    if (filter.keyword) {
      const re = this.db.RegExp({ regexp: escapeRegExp(filter.keyword), options: 'i' });
      conditions.push(_.or([{ name: re }, { keywords: re }]));
    }
    const query = this.db.collection(COLLECTIONS.brands);
    const where =
      conditions.length === 0 ? query : query.where(conditions.length === 1 ? conditions[0]! : _.and(conditions));
    return rows<Brand>(await where.orderBy('sort', 'asc').limit(PAGE).get());
  }

  async brand(id: string): Promise<Brand | null> {
    const res = await this.db.collection(COLLECTIONS.brands).where({ _id: id }).limit(1).get();
    return rows<Brand>(res)[0] ?? null;
  }

  /** Products on sale, optionally narrowed. */
  async products(
    filter: { brandIds?: string[]; featured?: boolean; theme?: ThemeId; keyword?: string } = {},
  ): Promise<CardProduct[]> {
    const _ = this.db.command;
    const where: Record<string, unknown> = { onSale: true };
    if (filter.brandIds) where.brandId = _.in(filter.brandIds);
    if (filter.featured !== undefined) where.featured = filter.featured;
    if (filter.theme) where['faces.theme'] = filter.theme;
    if (filter.keyword) where.name = this.db.RegExp({ regexp: escapeRegExp(filter.keyword), options: 'i' });
    // Sharded stock is shown as the sum of its shards.
    return withLiveStock(
      rows<CardProduct>(
        await this.db.collection(COLLECTIONS.products).where(where).orderBy('sort', 'asc').limit(PAGE).get(),
      ),
    );
  }

  async product(id: string): Promise<CardProduct | null> {
    const res = await this.db.collection(COLLECTIONS.products).where({ _id: id, onSale: true }).limit(1).get();
    return (await withLiveStock(rows<CardProduct>(res)))[0] ?? null;
  }
}
