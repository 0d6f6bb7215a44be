/**
 * The operator's card products: listing them (on sale or not), creating and updating one with its
 * generated faces, changing its stock by a signed delta and putting it on or off sale. Cards
 * already sold keep the terms their order copied, so a change here only affects new sales.
 */
import type { OperatorFaceView, OperatorProductView, SaveProductInput } from '../../../src/contracts/operator';
import type { Brand, CardFace, CardProduct } from '../../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { productIssues, productRefusalMessage, stockAfter } from '../../../src/domain/product-rules';
import { txAudit, writeAudit } from '../audit/audit-log';
import { storedFace } from '../catalog/face-files';
import { stampCatalog } from '../catalog/home-cache';
import { getDatabase, rows, updatedCount, type CallerContext } from '../cloud';
import { C } from '../collections';
import { randomToken } from '../secrets';
import { refuse, transaction, txAddMany, txGet, txSet } from '../tx';
import { adjustShardedStock, isSharded, newShards, withLiveStock } from '../orders/stock-shards';
import { requireAnyOperator, requireOperator } from './staff';

const PAGE = 1000;
const FALLBACK_COLORS: [string, string] = ['#2b6cb0', '#63b3ed'];

/** The gradient a face was drawn with: stored, or read back from its generated SVG. */
function faceColors(face: CardFace): [string, string] {
  if (face.colors) return face.colors;
  const svg = face.image.startsWith('data:image/svg+xml') ? decodeURIComponent(face.image) : '';
  const stops = [...svg.matchAll(/stop-color="(#[0-9a-f]{6})"/g)].map((m) => m[1]!);
  return stops.length >= 2 ? [stops[0]!, stops[1]!] : FALLBACK_COLORS;
}

export function productView(p: CardProduct): OperatorProductView {
  const faces: OperatorFaceView[] = p.faces.map((f) => ({
    id: f.id,
    name: f.name,
    theme: f.theme,
    image: f.image,
    blessing: f.blessing,
    colors: faceColors(f),
  }));
  return { ...p, bonus: p.bonus ?? null, faces };
}

/** The product with its live stock (a sharded product's is the sum of its shards). */
async function findProduct(productId: string): Promise<CardProduct | null> {
  const res = await getDatabase().collection(C.products).where({ _id: productId }).limit(1).get();
  return (await withLiveStock(rows<CardProduct>(res)))[0] ?? null;
}

/** The product, if the caller operates its brand (NOT_FOUND otherwise: another brand's stays unseen). */
export async function operatedProduct(openId: string, productId: string, brandId?: string): Promise<CardProduct> {
  const member = await requireAnyOperator(openId);
  const product = await findProduct(productId);
  const mine = product && member.brandIds.includes(product.brandId) && (brandId ?? product.brandId) === product.brandId;
  if (!mine) throw new DomainError(ErrorCode.NOT_FOUND, 'product not found');
  return product;
}

export async function listProducts(brandId: string): Promise<OperatorProductView[]> {
  const res = await getDatabase().collection(C.products).where({ brandId }).orderBy('sort', 'asc').limit(PAGE).get();
  return (await withLiveStock(rows<CardProduct>(res))).map(productView);
}

/** Refuses a face id the product doesn't have (a new face comes without one). */
function checkFaceIds(input: SaveProductInput, existing: readonly CardFace[]): void {
  const known = new Set(existing.map((f) => f.id));
  if (input.faces.some((f) => f.id !== undefined && !known.has(f.id))) {
    throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'faces.id: not a face of this product');
  }
}

/**
 * New faces get fresh ids; an existing face keeps its id, and every face is drawn again from its
 * inputs and stored (same inputs, same file: an unchanged face keeps its link). Before the
 * transaction that saves the product: storage is no part of one.
 */
async function buildFaces(
  input: SaveProductInput,
  brandName: string,
  productId: string,
  existing: CardFace[],
): Promise<CardFace[]> {
  checkFaceIds(input, existing);
  const slug = productId.replace(/^prod-/, '');
  return Promise.all(
    input.faces.map(async (f) => ({
      id: f.id ?? `face-${slug}-${randomToken(4)}`,
      name: f.name,
      theme: f.theme,
      colors: f.colors,
      blessing: f.blessing,
      image: await storedFace({ brandName, title: f.name, theme: f.theme, colors: f.colors }),
    })),
  );
}

function terms(
  input: SaveProductInput,
): Omit<CardProduct, '_id' | 'brandId' | 'brandName' | 'faces' | 'stock' | 'sort'> {
  return {
    name: input.name.trim(),
    kind: input.kind,
    denominations: input.denominations,
    customAmount: input.customAmount,
    validity: input.validity,
    usageRules: input.usageRules.map((r) => r.trim()),
    transferLimit: input.transferLimit,
    refundWindowDays: input.refundWindowDays,
    bonus: input.bonus,
    onSale: input.onSale,
    featured: input.featured,
  };
}

/** Creates (no productId) or updates a product after the product rules pass. */
export async function saveProduct(
  caller: CallerContext,
  input: SaveProductInput,
  at: number,
): Promise<OperatorProductView> {
  // Who may first, then what: a clerk learns nothing from the rules' answers.
  let current: CardProduct | null = null;
  if (input.productId === undefined) await requireOperator(caller.openId, input.brandId);
  else current = await operatedProduct(caller.openId, input.productId, input.brandId);
  const issue = productIssues({ ...input, stock: input.stock ?? null }, at)[0];
  if (issue) throw new DomainError(ErrorCode.PRODUCT_INVALID, productRefusalMessage(issue));
  const db = getDatabase();
  if (current === null) {
    const brand = rows<Brand>(await db.collection(C.brands).where({ _id: input.brandId }).limit(1).get())[0];
    if (!brand) throw new DomainError(ErrorCode.NOT_FOUND, 'brand not found');
    const count = (await db.collection(C.products).where({ brandId: input.brandId }).count()) as { total: number };
    const _id = `prod-${input.brandId.replace(/^brand-/, '')}-${randomToken(4)}`;
    const product: CardProduct = {
      _id,
      brandId: brand._id,
      brandName: brand.name,
      ...terms(input),
      faces: await buildFaces(input, brand.name, _id, []),
      stock: input.stock ?? null,
      sort: 1000 + count.total,
    };
    // Limited stock goes into shards, written with the product: no order writes the product.
    const shards = product.stock === null ? [] : newShards(_id, product.stock);
    if (shards.length > 0) product.stockShards = shards.length;
    return transaction(async (tx) => {
      if (await txGet<CardProduct>(tx, C.products, _id)) return refuse(ErrorCode.CONFLICT, 'id collision, retry');
      await txSet(tx, C.products, product);
      await stampCatalog(tx);
      await txAddMany(tx, C.productStock, shards);
      await txAudit(
        tx,
        caller,
        {
          role: 'operator',
          action: 'product.create',
          target: { kind: 'product', id: _id },
          brandId: brand._id,
          details: { name: product.name, onSale: product.onSale, stock: product.stock },
        },
        at,
      );
      return productView(product);
    });
  }
  if (input.stock !== undefined) {
    throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'stock: set on create only; adjust it by a delta');
  }
  const productId = current._id;
  // What the views show for a sharded product's stock (the stored field is not its stock).
  const liveStock = current.stock;
  const faces = await buildFaces(input, current.brandName, productId, current.faces);
  return transaction(async (tx) => {
    const stored = await txGet<CardProduct>(tx, C.products, productId);
    if (!stored) return refuse(ErrorCode.NOT_FOUND, 'product not found');
    // A face removed by another save meanwhile is not brought back under its old id.
    checkFaceIds(input, stored.faces);
    // brandId, brandName, stock and sort stay as they are; everything the editor shows is replaced.
    const next: CardProduct = { ...stored, _id: productId, ...terms(input), faces };
    await txSet(tx, C.products, next);
    await stampCatalog(tx);
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'product.update',
        target: { kind: 'product', id: productId },
        brandId: stored.brandId,
        details: { name: next.name, onSale: next.onSale, faces: next.faces.length },
      },
      at,
    );
    return productView(isSharded(next) ? { ...next, stock: liveStock } : next);
  });
}

/**
 * Adds `delta` (signed) to the remaining stock with one conditional update, so concurrent changes
 * and purchases can never take it below zero and no absolute value from a stale read is written.
 * A sharded product's change is one transaction over its shards (stock-shards.ts).
 */
export async function adjustStock(
  caller: CallerContext,
  productId: string,
  delta: number,
  at: number,
): Promise<OperatorProductView> {
  const product = await operatedProduct(caller.openId, productId);
  if (isSharded(product)) {
    const after = await adjustShardedStock(product, delta);
    if (after === null) throw new DomainError(ErrorCode.STOCK_TOO_LOW, 'stock would go below 0');
    await writeAudit(
      caller,
      {
        role: 'operator',
        action: 'product.stock',
        target: { kind: 'product', id: productId },
        brandId: product.brandId,
        details: { delta, stockAfter: after },
      },
      at,
    );
    return productView({ ...product, stock: after });
  }
  const db = getDatabase();
  const _ = db.command;
  const res = await db
    .collection(C.products)
    .where({ _id: productId, stock: _.gte(Math.max(0, -delta)) })
    .update({ data: { stock: _.inc(delta) } });
  const after = (await findProduct(productId)) ?? product;
  if (updatedCount(res) !== 1) {
    if (after.stock === null) throw new DomainError(ErrorCode.STOCK_UNLIMITED, 'stock is unlimited');
    if (stockAfter(after.stock, delta) === null)
      throw new DomainError(ErrorCode.STOCK_TOO_LOW, 'stock would go below 0');
    throw new DomainError(ErrorCode.CONFLICT, 'stock changed, retry');
  }
  await writeAudit(
    caller,
    {
      role: 'operator',
      action: 'product.stock',
      target: { kind: 'product', id: productId },
      brandId: product.brandId,
      details: { delta, stockAfter: after.stock },
    },
    at,
  );
  return productView(after);
}

export async function setOnSale(
  caller: CallerContext,
  productId: string,
  onSale: boolean,
  at: number,
): Promise<OperatorProductView> {
  const product = await operatedProduct(caller.openId, productId);
  return transaction(async (tx) => {
    const stored = await txGet<CardProduct>(tx, C.products, productId);
    if (!stored) return refuse(ErrorCode.NOT_FOUND, 'product not found');
    const next = { ...stored, _id: productId, onSale };
    await txSet(tx, C.products, next);
    await stampCatalog(tx);
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'product.sale',
        target: { kind: 'product', id: productId },
        brandId: product.brandId,
        details: { onSale },
      },
      at,
    );
    // `product` came with its live stock; a sharded product's stored field is not it.
    return productView(isSharded(next) ? { ...next, stock: product.stock } : next);
  });
}
