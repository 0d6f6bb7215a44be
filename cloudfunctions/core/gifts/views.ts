/** Gifts as their sender, a token holder and a claimer see them. */
import type { Gift } from '../../../src/domain/gift';
import { bestShare, OPEN_GIFT_STATES } from '../../../src/domain/gift';
import type { GiftLandingView, ReceivedGiftView, SentGiftView, ThanksView } from '../../../src/contracts/gifts';
import { giftToken } from './tokens';

export function toSentView(g: Gift, thanks: ThanksView[] = []): SentGiftView {
  const view: SentGiftView = {
    _id: g._id,
    senderName: g.senderName,
    mode: g.mode,
    shareMode: g.shareMode,
    whole: g.whole,
    brandName: g.brandName,
    productName: g.productName,
    face: g.face,
    blessing: g.blessing,
    amount: g.amount,
    sharesTotal: g.shares.length,
    claimedCount: g.claimedCount,
    claimedAmount: g.claimedAmount,
    claims: g.shares
      .filter((s) => s.claimedBy !== undefined)
      .map((s) => ({ name: s.claimerName ?? '', amount: s.amount, at: s.claimedAt ?? 0 })),
    state: g.state,
    createdAt: g.createdAt,
    expiresAt: g.expiresAt,
    thanks,
  };
  if (g.opensAt !== undefined) view.opensAt = g.opensAt;
  if (g.chat) view.chat = { private: g.chat.private };
  if (g.endedAt !== undefined) view.endedAt = g.endedAt;
  if (OPEN_GIFT_STATES.includes(g.state)) view.token = giftToken(g._id);
  return view;
}

export function toLandingView(g: Gift, caller: string, now: number, thanks: ThanksView | null = null): GiftLandingView {
  const share = caller === '' ? undefined : g.shares.find((s) => s.claimedBy === caller);
  const view: GiftLandingView = {
    senderName: g.senderName,
    brandName: g.brandName,
    productName: g.productName,
    face: g.face,
    blessing: g.blessing,
    mode: g.mode,
    amount: g.amount,
    sharesTotal: g.shares.length,
    sharesLeft: g.shares.length - g.claimedCount,
    state: g.state,
    expiresAt: g.expiresAt,
    now,
    mine: {
      isSender: caller !== '' && caller === g.sender,
      claimedAmount: share ? share.amount : null,
      cardId: share?.cardId ?? null,
      thanks,
    },
  };
  if (g.opensAt !== undefined) view.opensAt = g.opensAt;
  // A group gift's claims are for its claimers and its sender to see.
  if (g.mode === 'group' && (share !== undefined || view.mine.isSender)) {
    const best = bestShare(g);
    view.claims = g.shares
      .map((s, i) => ({ s, best: i === best }))
      .filter(({ s }) => s.claimedBy !== undefined)
      .sort((a, b) => (a.s.claimedAt ?? 0) - (b.s.claimedAt ?? 0))
      .map(({ s, best: isBest }) => ({
        name: s.claimerName ?? '',
        amount: s.amount,
        at: s.claimedAt ?? 0,
        best: isBest,
      }));
  }
  return view;
}

export function toReceivedViews(g: Gift, claimer: string): ReceivedGiftView[] {
  return g.shares
    .filter((s) => s.claimedBy === claimer)
    .map((s) => ({
      giftId: g._id,
      senderName: g.senderName,
      brandName: g.brandName,
      productName: g.productName,
      face: g.face,
      blessing: g.blessing,
      amount: s.amount,
      claimedAt: s.claimedAt ?? 0,
      cardId: s.cardId ?? '',
    }));
}
