/** Merchant roles: staff documents keyed by OPENID, checked by every merchant action. */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';

export interface StaffMember {
  _id: string;
  role: 'operator' | 'clerk';
  brandIds: string[];
  storeIds: string[];
  name: string;
}

/** The caller as an operator of `brandId`, or FORBIDDEN. */
export async function requireOperator(openId: string, brandId: string): Promise<StaffMember> {
  const member = rows<StaffMember>(await getDatabase().collection(C.staff).where({ _id: openId }).limit(1).get())[0];
  if (!member || member.role !== 'operator' || !member.brandIds.includes(brandId)) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'only an operator of this brand may do this');
  }
  return member;
}
