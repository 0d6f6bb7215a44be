/**
 * A gift planned at purchase (送朋友): how the card bought will be given — to one friend, or as a
 * group gift of N shares cut equally or at random. The order keeps it, so that after paying the
 * buyer lands on the send step with it already chosen (face and blessing are the order's too).
 */
import { GIFT_RULES, type ShareMode } from './gift';

export type GiftPlan = { mode: 'single' } | { mode: 'group'; shares: number; shareMode: ShareMode };

/** A plan's shares are within the group gift's bounds; a single gift has none. */
function validGiftPlan(plan: GiftPlan): boolean {
  if (plan.mode === 'single') return true;
  return Number.isInteger(plan.shares) && plan.shares >= GIFT_RULES.minShares && plan.shares <= GIFT_RULES.maxShares;
}

/** The plan as the send step's query carries it (mode, shares, shareMode), and back. */
export function giftPlanQuery(plan: GiftPlan): Record<string, string> {
  return plan.mode === 'single'
    ? { mode: 'single' }
    : { mode: 'group', shares: String(plan.shares), shareMode: plan.shareMode };
}

export function giftPlanOfQuery(q: Readonly<Record<string, string | undefined>>): GiftPlan | undefined {
  if (q.mode === 'single') return { mode: 'single' };
  if (q.mode !== 'group') return undefined;
  const plan: GiftPlan = {
    mode: 'group',
    shares: Number(q.shares),
    shareMode: q.shareMode === 'equal' ? 'equal' : 'random',
  };
  return validGiftPlan(plan) ? plan : undefined;
}
