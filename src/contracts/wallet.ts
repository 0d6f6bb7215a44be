/**
 * The `wallet` cloud function: my cards, one card with its history, binding a card by card number
 * + PIN, refunding an unused card, and my profile (the nickname and avatar friends see on my gifts).
 */
import type { CardKind } from '../domain/catalog';
import type { CardState, WalletGroup } from '../domain/card';
import type { ExtensionState } from '../domain/expiry';
import type { LedgerType } from '../domain/ledger';
import type { Fen } from '../domain/money';
import type { Profile } from '../domain/profile';
import type { PayCodeStatus } from '../domain/redemption';
import type { PaymentRequest } from './orders';
import type { SplitReceiptView } from './split-pay';

export const WALLET_FUNCTION = 'wallet';

export const WALLET_LIMITS = {
  idMax: 64,
  /** Card number as typed: 16 characters plus spaces or dashes. */
  cardNumberMax: 24,
  pinMax: 12,
  /** The holder's note on an extension request. */
  noteMax: 100,
  /** The app's random id of itself (offline pay code keys are per device), and its model's name ('' when unknown). */
  deviceIdMax: 64,
  deviceNameMax: 40,
} as const;

export interface CardView {
  _id: string;
  brandId: string;
  brandName: string;
  productId: string;
  productName: string;
  kind: CardKind;
  face: { id: string; name: string; image: string };
  blessing: string;
  state: CardState;
  group: WalletGroup;
  balance: Fen;
  initialValue: Fen;
  paidValue: Fen;
  bonusValue: Fen;
  last4: string;
  activatedAt: number;
  expiresAt: number | null;
  refundableUntil: number | null;
  /** Whether a refund may be asked now. */
  refundable: boolean;
  /** How many more times the card may be given (0: 送给朋友 is not offered). */
  transfersLeft: number;
  /** Reached this holder as a gift: its blessing is the sender's words, not the holder's own. */
  fromGift: boolean;
}

export interface HistoryEntryView {
  _id: string;
  type: LedgerType;
  /** Signed change in fen. */
  amount: number;
  balanceAfter: Fen;
  at: number;
  /** Where: a store's name, or empty for online. */
  storeName: string;
}

export type RefundStatus = 'requested' | 'succeeded' | 'failed';

export interface RefundView {
  refundNo: string;
  cardId: string;
  orderId: string;
  /** Money going back: the card's paid value (bonus never). */
  amount: Fen;
  status: RefundStatus;
  requestedAt: number;
  completedAt?: number;
}

/** A pay code to show in store. */
export interface PayCodeView {
  /** 16 digits, for the clerk to type when the QR code can't be scanned. */
  code: string;
  /** What the QR code encodes. */
  qr: string;
  expiresAt: number;
  /** Fetch the next code at this time (before this one expires). */
  refreshAt: number;
  /** The cloud's time, so the screen counts down without trusting the phone's clock. */
  now: number;
  balance: Fen;
}

/** What became of a pay code, for the holder's screen to follow live. */
export interface PayStatusView {
  code: string;
  status: PayCodeStatus;
  /** Pending or completed: the amount the store asked for, and where. */
  amount: Fen | null;
  storeName: string | null;
  /** Completed: the card's balance after it. */
  balanceAfter: Fen | null;
  /** Pending: confirm before then. */
  confirmBy: number | null;
  at: number | null;
  now: number;
  /** A split payment's receipt (cards, WeChat Pay part, total); absent for a one-card code. */
  split?: SplitReceiptView;
}

/**
 * An offline pay code key for one card on this device (domain/offline-code.ts), with what the
 * offline cap allows as of now. The secret is shown once, here: the cloud keeps no copy of it.
 */
export interface OfflineKeyView {
  cardId: string;
  keyNo: string;
  /** 64 hex characters. */
  secret: string;
  issuedAt: number;
  /** Ask for the next key from then on (while online). */
  renewAt: number;
  /** Codes from this key are refused after then. */
  expiresAt: number;
  dailyCap: Fen;
  /** Left of the cap on `capDay` (a China day, YYYYMMDD) when the key was issued. */
  capLeft: Fen;
  capDay: string;
  balance: Fen;
  now: number;
}

/** A device holding offline keys for a card, as the card page lists them to revoke a lost phone. */
export interface OfflineDeviceView {
  deviceId: string;
  deviceName: string;
  /** Its latest key's issue. */
  issuedAt: number;
  /** All its keys revoked. */
  revoked: boolean;
}

/** My extension request for an expired card, and what became of it. */
export interface CardExtensionView {
  id: string;
  state: ExtensionState;
  /** What expired and an approval gives back. */
  amount: Fen;
  requestedAt: number;
  decidedAt: number | null;
  /** Approved: the card's new expiry. */
  newExpiresAt: number | null;
}

/** A card's expiry as its page shows it. */
export interface CardExpiryView {
  /** Past its expiry now (whether or not the daily sweep has recorded it). */
  expired: boolean;
  /** Lost to expiry (0 when nothing was). */
  expiredAmount: Fen;
  /** Whole days left when the expiry is within 30 days; null otherwise. */
  daysLeft: number | null;
  /** Whether an extension may be asked now. */
  extendable: boolean;
  /** The latest extension request, if any. */
  extension: CardExtensionView | null;
}

export interface WalletActions {
  list: {
    input: Record<string, never>;
    /** `staff`: the caller is a clerk or operator (the mini-program has no session to say so). */
    output: { cards: CardView[]; totalBalance: Fen; counts: Record<WalletGroup, number>; staff: boolean };
  };
  detail: {
    input: { cardId: string };
    output: { card: CardView; history: HistoryEntryView[]; refund: RefundView | null; expiry: CardExpiryView };
  };
  /** Asks the card's merchant to give an expired card's balance back (one request per expiry). */
  requestExtension: { input: { cardId: string; note?: string }; output: { extension: CardExtensionView } };
  bind: { input: { cardNumber: string; pin: string }; output: { card: CardView } };
  refund: { input: { cardId: string }; output: { card: CardView; refund: RefundView } };
  /** A fresh pay code for one of my usable cards (throttled). */
  /**
   * A pay code for the card; with `payWith` (my other cards of its brand, in the order they pay) a
   * split code: the bill is taken from those cards too and the rest asked of me through WeChat Pay.
   */
  payCode: { input: { cardId: string; payWith?: string[] }; output: { payCode: PayCodeView } };
  payStatus: { input: { code: string }; output: { status: PayStatusView } };
  /** The holder accepts or declines a pending amount above the confirmation threshold. */
  confirmPay: { input: { code: string }; output: { status: PayStatusView } };
  declinePay: { input: { code: string }; output: { status: PayStatusView } };
  /** A fresh offline key for one of my usable cards on this device (throttled). */
  offlineKey: {
    input: { cardId: string; deviceId: string; deviceName: string };
    output: { key: OfflineKeyView };
  };
  /** The devices holding unexpired offline keys for my card, newest first. */
  offlineDevices: { input: { cardId: string }; output: { devices: OfflineDeviceView[] } };
  /** Revokes every offline key of one device for my card (a lost phone); idempotent. */
  revokeOfflineDevice: {
    input: { cardId: string; deviceId: string };
    output: { devices: OfflineDeviceView[] };
  };
  /** My nickname and avatar, or null before I chose them. */
  profile: { input: Record<string, never>; output: { profile: Profile | null } };
  /** Sets my nickname and avatar (domain/profile.ts: the avatar's kinds and byte cap). */
  saveProfile: { input: Profile; output: { profile: Profile } };
  /** WeChat Pay's request for the remainder of a pending split payment (then confirmPay once paid). */
  payRemainder: { input: { code: string }; output: { status: PayStatusView; payment: PaymentRequest } };
}
