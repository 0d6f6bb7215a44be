/**
 * Demo merchant staff: the operator and the clerk demo users work for two seed brands. Roles are
 * documents the functions check, keyed by the member's OPENID; each store carries its brand and
 * names from the seed catalog.
 */
import type { Brand } from '../../../src/domain/catalog';
import type { StaffMember, StaffStore } from '../../core/merchant/staff';
import { DEMO_USERS } from '../gateway/demo-users';

function openIdOf(user: string): string {
  const found = DEMO_USERS.find((u) => u.user === user);
  if (!found) throw new Error(`no demo user ${user}`);
  return found.openId;
}

function storesOf(brands: readonly Brand[], brandId: string, only?: readonly string[]): StaffStore[] {
  const brand = brands.find((b) => b._id === brandId);
  if (!brand) throw new Error(`no seed brand ${brandId}`);
  return brand.stores
    .filter((s) => !only || only.includes(s.id))
    .map((s) => ({ id: s.id, name: s.name, brandId, brandName: brand.name }));
}

export function seedStaff(brands: readonly Brand[]): StaffMember[] {
  return [
    {
      _id: openIdOf('dave'),
      role: 'operator',
      brandIds: ['brand-lanshan-coffee', 'brand-huixian-market'],
      stores: [...storesOf(brands, 'brand-lanshan-coffee'), ...storesOf(brands, 'brand-huixian-market')],
      name: '赵运营',
    },
    {
      _id: openIdOf('carol'),
      role: 'clerk',
      brandIds: ['brand-lanshan-coffee'],
      stores: storesOf(brands, 'brand-lanshan-coffee', ['store-lanshan-coffee-1']),
      name: '陈店员',
    },
  ];
}
