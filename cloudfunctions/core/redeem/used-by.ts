/** What a clerk's request sets on the pay code it uses, whichever kind of code (one card, split, offline). */
import type { Redemption } from '../../../src/domain/redemption';
import type { Fen } from '../../../src/domain/money';
import type { StaffMember, StaffStore } from '../merchant/staff';

/** What a clerk's redeem request sets on the code it uses: the amount, the store, the clerk, when. */
export function usedBy(
  staff: StaffMember,
  store: StaffStore,
  req: { amount: Fen; requestId: string },
  clock: number,
): Partial<Redemption> {
  return {
    amount: req.amount,
    storeId: store.id,
    storeName: store.name,
    clerk: staff._id,
    clerkName: staff.name,
    requestId: req.requestId,
    usedAt: clock,
    updatedAt: clock,
  };
}
