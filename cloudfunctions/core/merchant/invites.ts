/**
 * Clerks join by a one-time invite. The code is shown once, to the operator who made it, and kept
 * only as a keyed hash; it is valid for a week and once. Joining consumes the invite in the same
 * transaction that makes the clerk, so one code makes one clerk however many try it at once; every
 * failure answers the same INVITE_INVALID, and failures are throttled per caller.
 */
import { randomBytes } from 'node:crypto';
import type { ClerkProfileView } from '../../../src/contracts/merchant';
import {
  OPERATOR_LIMITS,
  type CreatedInvite,
  type InviteState,
  type InviteView,
  type OperatorStoreView,
} from '../../../src/contracts/operator';
import type { Brand } from '../../../src/domain/catalog';
import { codeFromBytes, normalizeCode } from '../../../src/domain/codes';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { txAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import { toClerkProfileView } from '../redeem/views';
import { keyedHash, randomToken } from '../secrets';
import { failureGuard, type ThrottleRule } from '../throttle';
import { refuse, transaction, txGet, txSet, txUpdate } from '../tx';
import { wxacode } from '../wxacode';
import type { StaffMember } from './staff';
import { storesOf } from './stores-admin';

export const INVITE_RULES = {
  codeLength: OPERATOR_LIMITS.inviteCodeLength,
  ttlMs: OPERATOR_LIMITS.inviteTtlDays * 86_400_000,
  /** Failed joins allowed per caller and window. */
  joinFailures: { tries: 5, windowMs: 10 * 60_000 } satisfies ThrottleRule,
} as const;

export const JOIN_PAGE = '/merchant/pages/join/index';

export interface Invite {
  _id: string;
  brandId: string;
  codeHash: string;
  storeIds: string[];
  state: 'open' | 'used' | 'revoked';
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  joinedBy: string | null;
  joinedName: string | null;
  joinedAt: number | null;
}

const codeHashOf = (code: string): string => keyedHash('invite', code);

function newCode(): string {
  for (;;) {
    const code = codeFromBytes(randomBytes(32), INVITE_RULES.codeLength);
    if (code) return code;
  }
}

export function inviteState(inv: Invite, at: number): InviteState {
  if (inv.state !== 'open') return inv.state;
  return at > inv.expiresAt ? 'expired' : 'open';
}

export function inviteView(inv: Invite, brand: Brand | null, at: number): InviteView {
  const stores = inv.storeIds.map(
    (id): OperatorStoreView => brand?.stores.find((s) => s.id === id) ?? { id, name: '', address: '' },
  );
  return {
    id: inv._id,
    stores,
    state: inviteState(inv, at),
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    joinedName: inv.joinedName,
    joinedAt: inv.joinedAt,
  };
}

async function brandOf(brandId: string): Promise<Brand> {
  const brand = rows<Brand>(await getDatabase().collection(C.brands).where({ _id: brandId }).limit(1).get())[0];
  if (!brand) throw new DomainError(ErrorCode.NOT_FOUND, 'brand not found');
  return brand;
}

export async function createInvite(
  caller: CallerContext,
  brandId: string,
  storeIds: string[],
  at: number,
): Promise<CreatedInvite> {
  const brand = await brandOf(brandId);
  storesOf(brand, storeIds);
  const code = newCode();
  const invite: Invite = {
    _id: `inv-${randomToken(8)}`,
    brandId,
    codeHash: codeHashOf(code),
    storeIds: [...new Set(storeIds)],
    state: 'open',
    createdBy: caller.openId,
    createdAt: at,
    expiresAt: at + INVITE_RULES.ttlMs,
    joinedBy: null,
    joinedName: null,
    joinedAt: null,
  };
  await transaction(async (tx) => {
    await txSet(tx, C.invites, invite);
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'invite.create',
        target: { kind: 'invite', id: invite._id },
        brandId,
        details: { stores: invite.storeIds.join(',') },
      },
      at,
    );
    return true;
  });
  // The code is shown once, so its 小程序码 is made now or never; without one the link still works.
  const image = await wxacode(JOIN_PAGE, code).catch((e: unknown) => {
    console.error('invite 小程序码 not made:', e instanceof Error ? e.message : e);
    return null;
  });
  return { id: invite._id, code, path: `${JOIN_PAGE}?code=${code}`, expiresAt: invite.expiresAt, wxacode: image };
}

export async function listInvites(brandId: string, at: number): Promise<InviteView[]> {
  const brand = await brandOf(brandId);
  const res = await getDatabase()
    .collection(C.invites)
    .where({ brandId })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get();
  return rows<Invite>(res).map((inv) => inviteView(inv, brand, at));
}

export async function revokeInvite(
  caller: CallerContext,
  brandId: string,
  id: string,
  at: number,
): Promise<InviteView> {
  const brand = await brandOf(brandId);
  const invite = await transaction(async (tx) => {
    const inv = await txGet<Invite>(tx, C.invites, id);
    if (!inv || inv.brandId !== brandId) return refuse(ErrorCode.NOT_FOUND, 'invite not found');
    if (inviteState(inv, at) !== 'open') return refuse(ErrorCode.CONFLICT, 'invite is no longer open');
    await txUpdate(tx, C.invites, id, { state: 'revoked' });
    await txAudit(
      tx,
      caller,
      { role: 'operator', action: 'invite.revoke', target: { kind: 'invite', id }, brandId },
      at,
    );
    return { ...inv, state: 'revoked' as const };
  });
  return inviteView(invite, brand, at);
}

/** Adds the brand's stores to a member (a new one, or a clerk of other brands). */
function joined(
  member: StaffMember | null,
  openId: string,
  name: string,
  brand: Brand,
  storeIds: string[],
): StaffMember {
  const stores = storesOf(brand, storeIds).map((s) => ({
    id: s.id,
    name: s.name,
    brandId: brand._id,
    brandName: brand.name,
  }));
  const kept = (member?.stores ?? []).filter((s) => s.brandId !== brand._id);
  return {
    _id: openId,
    role: 'clerk',
    brandIds: [...new Set([...(member?.brandIds ?? []), brand._id])],
    stores: [...kept, ...stores],
    name,
  };
}

/** The caller becomes a clerk of the invite's brand at its stores. */
export async function joinStaff(
  caller: CallerContext,
  typed: string,
  name: string,
  at: number,
): Promise<ClerkProfileView> {
  const code = normalizeCode(typed);
  const hash = codeHashOf(code);
  // Where-queries are not allowed in a transaction: find the invite's id first, check it inside.
  const found = rows<Invite>(await getDatabase().collection(C.invites).where({ codeHash: hash }).limit(1).get())[0];
  const member = await transaction(async (tx) => {
    const guard = await failureGuard(
      tx,
      `join-${keyedHash('user', caller.openId).slice(0, 32)}`,
      at,
      INVITE_RULES.joinFailures,
    );
    if (!guard.open) return refuse(ErrorCode.RATE_LIMITED, 'too many tries, wait a few minutes');
    const inv = found ? await txGet<Invite>(tx, C.invites, found._id) : null;
    const brand = inv ? await txGet<Brand>(tx, C.brands, inv.brandId) : null;
    if (!inv || !brand || inv.codeHash !== hash || inviteState(inv, at) !== 'open') {
      await guard.fail();
      return refuse(ErrorCode.INVITE_INVALID, 'invite code not valid');
    }
    const existing = await txGet<StaffMember>(tx, C.staff, caller.openId);
    // One role per member: an operator (of this brand or another) joining as a clerk would
    // either demote themselves or become an operator of this brand.
    if (existing?.role === 'operator') return refuse(ErrorCode.FORBIDDEN, 'operators do not join as clerks');
    const storeIds = inv.storeIds.filter((id) => brand.stores.some((s) => s.id === id));
    const next = joined(existing, caller.openId, name, brand, storeIds);
    await txSet(tx, C.staff, next);
    await txUpdate(tx, C.invites, inv._id, {
      state: 'used',
      joinedBy: caller.openId,
      joinedName: name,
      joinedAt: at,
    });
    await txAudit(
      tx,
      caller,
      {
        role: 'clerk',
        action: 'staff.join',
        target: { kind: 'invite', id: inv._id },
        brandId: brand._id,
        details: { name, stores: storeIds.join(',') },
      },
      at,
    );
    return next;
  });
  return toClerkProfileView(member);
}
