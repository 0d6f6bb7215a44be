/**
 * The operator's brands and their stores. Stores live in the brand document and as copies (with
 * names) in the staff documents of the people working there, so a rename updates both.
 */
import type { OperatorBrandView, OperatorStoreView } from '../../../src/contracts/operator';
import { OPERATOR_LIMITS } from '../../../src/contracts/operator';
import type { Brand } from '../../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { txAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import { refuse, transaction, txGet, txUpdate } from '../tx';
import { requireAnyOperator, type StaffMember } from './staff';

export function brandView(b: Brand): OperatorBrandView {
  return { id: b._id, name: b.name, color: b.color, logo: b.logo, stores: b.stores };
}

/** The caller's brands, as an operator (FORBIDDEN for anyone else). */
export async function myBrands(openId: string): Promise<OperatorBrandView[]> {
  const member = await requireAnyOperator(openId);
  const db = getDatabase();
  const res = await db
    .collection(C.brands)
    .where({ _id: db.command.in(member.brandIds) })
    .orderBy('sort', 'asc')
    .limit(100)
    .get();
  return rows<Brand>(res).map(brandView);
}

/** The next free `store-<brand slug>-<n>`. */
function nextStoreId(brand: Brand): string {
  const slug = brand._id.replace(/^brand-/, '');
  const taken = new Set(brand.stores.map((s) => s.id));
  for (let n = brand.stores.length + 1; ; n++) {
    const id = `store-${slug}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export async function addStore(
  caller: CallerContext,
  brandId: string,
  name: string,
  address: string,
  at: number,
): Promise<OperatorStoreView> {
  return transaction(async (tx) => {
    const brand = await txGet<Brand>(tx, C.brands, brandId);
    if (!brand) return refuse(ErrorCode.NOT_FOUND, 'brand not found');
    if (brand.stores.length >= OPERATOR_LIMITS.storesMax) return refuse(ErrorCode.INVALID_ARGUMENT, 'too many stores');
    const store = { id: nextStoreId(brand), name, address };
    await txUpdate(tx, C.brands, brandId, { stores: [...brand.stores, store] });
    await txAudit(
      tx,
      caller,
      { role: 'operator', action: 'store.create', target: { kind: 'store', id: store.id }, brandId, details: { name } },
      at,
    );
    return store;
  });
}

/**
 * Renames a store: the brand document and its audit entry in one transaction, then each staff
 * copy. Copies are updated after the brand so that a clerk joining meanwhile (who reads the brand
 * in their join) either got the new name or is found by the query that follows.
 */
export async function updateStore(
  caller: CallerContext,
  brandId: string,
  storeId: string,
  name: string,
  address: string,
  at: number,
): Promise<OperatorStoreView> {
  const store = await transaction(async (tx) => {
    const brand = await txGet<Brand>(tx, C.brands, brandId);
    const old = brand?.stores.find((s) => s.id === storeId);
    if (!brand || !old) return refuse(ErrorCode.NOT_FOUND, 'store not found');
    const next = { id: storeId, name, address };
    await txUpdate(tx, C.brands, brandId, { stores: brand.stores.map((s) => (s.id === storeId ? next : s)) });
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'store.update',
        target: { kind: 'store', id: storeId },
        brandId,
        details: { name, previousName: old.name },
      },
      at,
    );
    return next;
  });
  const holders = rows<StaffMember>(
    await getDatabase().collection(C.staff).where({ 'stores.id': storeId }).limit(1000).get(),
  );
  for (const h of holders) {
    await transaction(async (tx) => {
      const member = await txGet<StaffMember>(tx, C.staff, h._id);
      if (!member) return true;
      const stores = member.stores.map((s) => (s.id === storeId && s.brandId === brandId ? { ...s, name } : s));
      await txUpdate(tx, C.staff, h._id, { stores });
      return true;
    });
  }
  return store;
}

/** Throws NOT_FOUND unless every id is one of the brand's stores; answers them in the given order. */
export function storesOf(brand: Brand, storeIds: readonly string[]): OperatorStoreView[] {
  return storeIds.map((id) => {
    const s = brand.stores.find((x) => x.id === id);
    if (!s) throw new DomainError(ErrorCode.NOT_FOUND, 'store not found');
    return s;
  });
}
