/**
 * Demo merchant staff: the operator and the clerk demo users work for two seed brands. Roles are
 * documents the functions check, keyed by the member's OPENID.
 */
import type { StaffMember } from '../../core/merchant/staff';
import { DEMO_USERS } from '../gateway/demo-users';

function openIdOf(user: string): string {
  const found = DEMO_USERS.find((u) => u.user === user);
  if (!found) throw new Error(`no demo user ${user}`);
  return found.openId;
}

export function seedStaff(): StaffMember[] {
  return [
    {
      _id: openIdOf('dave'),
      role: 'operator',
      brandIds: ['brand-lanshan-coffee', 'brand-huixian-market'],
      storeIds: [],
      name: '赵运营',
    },
    {
      _id: openIdOf('carol'),
      role: 'clerk',
      brandIds: ['brand-lanshan-coffee'],
      storeIds: ['store-lanshan-coffee-1'],
      name: '陈店员',
    },
  ];
}
