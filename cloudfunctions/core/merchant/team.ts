/**
 * A brand's people: its operators and clerks with their stores, and removing a clerk from the
 * brand. Members are shown by an opaque per-brand id, never their OPENID.
 */
import type { StaffView } from '../../../src/contracts/operator';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { txAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import { keyedHash } from '../secrets';
import { refuse, transaction, txGet, txUpdate } from '../tx';
import type { StaffMember } from './staff';

const staffIdOf = (brandId: string, openId: string): string => keyedHash('staff', `${brandId}:${openId}`).slice(0, 24);

async function membersOf(brandId: string): Promise<StaffMember[]> {
  const res = await getDatabase().collection(C.staff).where({ brandIds: brandId }).limit(1000).get();
  return rows<StaffMember>(res);
}

export async function listStaff(openId: string, brandId: string): Promise<StaffView[]> {
  const members = await membersOf(brandId);
  const views = members.map((m): StaffView => ({
    id: staffIdOf(brandId, m._id),
    name: m.name,
    role: m.role,
    stores: m.stores.filter((s) => s.brandId === brandId).map((s) => ({ id: s.id, name: s.name, address: '' })),
    me: m._id === openId,
  }));
  // Operators first, then clerks, each by name.
  return views.sort((a, b) =>
    a.role === b.role ? a.name.localeCompare(b.name, 'zh-CN') : a.role === 'operator' ? -1 : 1,
  );
}

/** The clerk loses the brand and its stores; a member left with no brand is removed. */
export async function removeClerk(caller: CallerContext, brandId: string, staffId: string, at: number): Promise<void> {
  const target = (await membersOf(brandId)).find((m) => staffIdOf(brandId, m._id) === staffId);
  if (!target) throw new DomainError(ErrorCode.NOT_FOUND, 'staff member not found');
  if (target.role !== 'clerk') throw new DomainError(ErrorCode.FORBIDDEN, 'operators are not removed here');
  await transaction(async (tx) => {
    const m = await txGet<StaffMember>(tx, C.staff, target._id);
    if (!m || !m.brandIds.includes(brandId)) return refuse(ErrorCode.NOT_FOUND, 'staff member not found');
    if (m.role !== 'clerk') return refuse(ErrorCode.FORBIDDEN, 'operators are not removed here');
    const brandIds = m.brandIds.filter((b) => b !== brandId);
    if (brandIds.length === 0) await tx.collection(C.staff).doc(m._id).remove();
    else await txUpdate(tx, C.staff, m._id, { brandIds, stores: m.stores.filter((s) => s.brandId !== brandId) });
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'staff.remove',
        target: { kind: 'staff', id: staffId },
        brandId,
        details: { name: m.name, removedDocument: brandIds.length === 0 },
      },
      at,
    );
    return true;
  });
}
