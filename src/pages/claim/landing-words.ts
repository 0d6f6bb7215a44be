/**
 * What the claim page says, by who is looking and what became of the gift. The gift's state decides
 * before who is looking does: the sender reopening a claimed gift is told it was claimed (not asked
 * to send the link on), a friend reopening a gift she claimed reads 你已领取 (领取成功 only right
 * after the claim), and someone too late is not welcomed with 收到一份礼品 above the refusal.
 */
import type { GiftLandingView } from '../../contracts/gifts';
import { errorMessage, strings } from '../../strings/zh-CN';

const s = strings.claim;

export type LandingRefusal = 'OWN_GIFT' | 'GIFT_CANCELLED' | 'GIFT_CLAIMED' | 'GIFT_ALL_CLAIMED' | 'GIFT_EXPIRED';

export interface LandingWords {
  title: string;
  /** Who sent it, as the viewer should read it; null for the sender herself. */
  from: string | null;
  /**
   * Why the viewer can't claim, or null (claimable, or claimed by the viewer). No message where
   * the title already says it (someone too late): the page offers the way on instead.
   */
  refusal: { code: LandingRefusal; message?: string; hint?: string } | null;
}

/** The state that stops a claim, whoever is looking, or null while the gift is open. */
function gone(g: GiftLandingView, left: number): Exclude<LandingRefusal, 'OWN_GIFT'> | null {
  if (g.state === 'cancelled') return 'GIFT_CANCELLED';
  if (g.state === 'claimed') return g.mode === 'group' ? 'GIFT_ALL_CLAIMED' : 'GIFT_CLAIMED';
  if (g.state === 'returning' || g.state === 'returned' || left < 0) return 'GIFT_EXPIRED';
  return null;
}

/**
 * `claimedHere`: the viewer's claim, and whether it was made on this visit; `left`: ms until the
 * gift expires, by the cloud's clock.
 */
export function landingWords(g: GiftLandingView, claimedHere: { justNow: boolean } | null, left: number): LandingWords {
  if (claimedHere) {
    return { title: claimedHere.justNow ? s.success : s.alreadyClaimed, from: s.sentYou(g.senderName), refusal: null };
  }
  const state = gone(g, left);
  if (g.mine.isSender) {
    const message = state ? s.senderSees[state] : errorMessage('OWN_GIFT');
    return {
      title: s.ownTitle,
      from: null,
      refusal: { code: state ?? 'OWN_GIFT', message, ...(state ? {} : { hint: s.ownHint }) },
    };
  }
  if (state) return { title: errorMessage(state), from: s.sentBy(g.senderName), refusal: { code: state } };
  return { title: s.title, from: s.sentYou(g.senderName), refusal: null };
}
