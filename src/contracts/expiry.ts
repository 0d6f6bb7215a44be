/**
 * Card expiry in the `merchant` function: the operator's view of extension requests and the
 * decision on each (the holder asks through the `wallet` function).
 */
import type { ExtensionState } from '../domain/expiry';
import type { Fen } from '../domain/money';

export const EXPIRY_LIMITS = {
  idMax: 120,
  noteMax: 100,
  listMax: 100,
} as const;

/** An extension request as the brand's operator sees it: the holder masked, the card by its last 4. */
export interface ExtensionView {
  id: string;
  brandId: string;
  brandName: string;
  productName: string;
  face: { id: string; name: string; image: string };
  last4: string;
  /** The holder's id, masked. */
  holder: string;
  /** What expired and an approval gives back. */
  amount: Fen;
  expiredAt: number;
  note: string;
  state: ExtensionState;
  requestedAt: number;
  decidedAt: number | null;
  /** Approved: months given and the card's new expiry. */
  months: number | null;
  newExpiresAt: number | null;
  decisionNote: string;
}

export interface DecideExtensionInput {
  brandId: string;
  id: string;
  approve: boolean;
  /** Approve only: 1–24 months from approval (6 when omitted). */
  months?: number;
  note?: string;
}

export interface ExpiryOperatorActions {
  /** The brand's requests, pending first then the newest decided ones. */
  extensions: {
    input: { brandId: string; status?: ExtensionState };
    output: { requests: ExtensionView[] };
  };
  decideExtension: { input: DecideExtensionInput; output: { request: ExtensionView } };
}

/** What the daily expiry job reports. */
export interface ExpirySweepReport {
  /** Cards that became expired (their balance lost, an EXPIRE entry each). */
  expired: number;
  /** Cards past expiry with nothing on them, marked used up. */
  usedUp: number;
  /** Reminders sent (one per card and window). */
  reminded: number;
  /** Non-empty batches of ≤ 100 cards worked through, expiry and reminders together. */
  batches: number;
}
