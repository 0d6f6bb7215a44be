/** Pay codes and redemptions as the holder and the clerk see them. */
import type { PayStatusView } from '../../../src/contracts/wallet';
import type { ClerkProfileView, RedemptionTotals, RedemptionView } from '../../../src/contracts/merchant';
import type { StaffMember } from '../merchant/staff';
import { redeemRules } from './settings';
import { type RedeemRules, type Redemption } from '../../../src/domain/redemption';
import { fen, subtractFen, sumFen, type Fen } from '../../../src/domain/money';
import { splitStatus, toSplitReceipt } from './split';

const debited = (r: Redemption): boolean => r.state === 'completed' || r.state === 'reversed';

export function toPayStatusView(r: Redemption, now: number): PayStatusView {
  const status = splitStatus(r, now);
  const split = toSplitReceipt(r);
  return {
    ...(split && { split }),
    code: r._id,
    status,
    amount: r.amount ?? null,
    storeName: r.storeName ?? null,
    balanceAfter: debited(r) ? (r.balanceAfter ?? null) : null,
    confirmBy: status === 'pending' ? (r.confirmBy ?? null) : null,
    at: r.at ?? null,
    now,
  };
}

export function toRedemptionView(r: Redemption, now: number, rules: RedeemRules): RedemptionView {
  const split = toSplitReceipt(r);
  return {
    ...(split && { split }),
    id: r._id,
    status: splitStatus(r, now),
    amount: r.amount ?? fen(0),
    balanceAfter: debited(r) ? (r.balanceAfter ?? null) : null,
    storeName: r.storeName ?? '',
    clerkName: r.clerkName ?? '',
    brandName: r.brandName ?? '',
    last4: r.last4 ?? '',
    usedAt: r.usedAt ?? r.mintedAt,
    at: r.at ?? null,
    confirmBy: r.state === 'pending' ? (r.confirmBy ?? null) : null,
    reversibleUntil: r.state === 'completed' && r.at !== undefined ? r.at + rules.reverseWindowMs : null,
    reversedAt: r.reversedAt ?? null,
  };
}

/** A day's totals: what was redeemed (reversed ones included) and what of it was reversed. */
export function redemptionTotals(list: readonly Redemption[]): RedemptionTotals {
  const made = list.filter(debited);
  const reversed = list.filter((r) => r.state === 'reversed');
  const sum = (rs: Redemption[]): Fen => sumFen(rs.map((r) => r.amount ?? fen(0)));
  const [amount, reversedAmount] = [sum(made), sum(reversed)];
  return {
    count: made.length,
    amount,
    reversedCount: reversed.length,
    reversedAmount,
    net: subtractFen(amount, reversedAmount),
  };
}

/** What a staff member sees of themselves: name, role, the stores they take payments at. */
export function toClerkProfileView(member: StaffMember): ClerkProfileView {
  return {
    name: member.name,
    role: member.role,
    stores: member.stores.filter((s) => member.brandIds.includes(s.brandId)),
    confirmAbove: redeemRules().confirmAboveFen,
  };
}
