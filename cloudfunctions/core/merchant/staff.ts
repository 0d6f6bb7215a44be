/**
 * Merchant roles: staff documents keyed by OPENID, checked by every merchant action. An operator
 * binds a clerk to stores; each store carries its brand and names, so redeeming needs no other read.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';

export interface StaffStore {
  id: string;
  name: string;
  brandId: string;
  brandName: string;
}

export interface StaffMember {
  _id: string;
  role: 'operator' | 'clerk';
  brandIds: string[];
  /** The stores where this member takes payments. */
  stores: StaffStore[];
  name: string;
}

/** The caller's staff document, or FORBIDDEN for anyone without a role. */
export async function requireStaff(openId: string): Promise<StaffMember> {
  const member = rows<StaffMember>(await getDatabase().collection(C.staff).where({ _id: openId }).limit(1).get())[0];
  if (!member) throw new DomainError(ErrorCode.FORBIDDEN, 'only merchant staff may do this');
  return member;
}

/** The caller as an operator of some brand: clerks and holders get FORBIDDEN before any lookup. */
export async function requireAnyOperator(openId: string): Promise<StaffMember> {
  const member = await requireStaff(openId);
  if (member.role !== 'operator') throw new DomainError(ErrorCode.FORBIDDEN, 'only an operator may do this');
  return member;
}

/** The caller as an operator of `brandId`, or FORBIDDEN. */
export async function requireOperator(openId: string, brandId: string): Promise<StaffMember> {
  const member = await requireAnyOperator(openId);
  if (!member.brandIds.includes(brandId)) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'only an operator of this brand may do this');
  }
  return member;
}

/** One of the member's stores, or FORBIDDEN: staff take payments only at their own stores. */
export function staffStore(member: StaffMember, storeId: string): StaffStore {
  const store = member.stores.find((s) => s.id === storeId);
  if (!store || !member.brandIds.includes(store.brandId)) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'not one of your stores');
  }
  return store;
}
