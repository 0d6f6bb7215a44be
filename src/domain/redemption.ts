/**
 * Paying in store. The holder's screen shows a pay code: a 16-digit number (15 random digits and a
 * Luhn check digit, so a mistyped digit is caught before any lookup) and a QR payload carrying the
 * same number with a keyed MAC, so a changed byte is refused before any lookup too. A code is valid
 * for at most 60 s and once. The clerk scans it and redeems an amount up to the balance; above a
 * threshold the holder confirms on their own screen first. A clerk of the card's merchant may
 * reverse a redemption for a while afterwards. Randomness and time are parameters here.
 */
import { ledgerEntryId } from './balance-change';
import type { Card } from './card';
import type { Fen } from './money';

export interface RedeemRules {
  /** A pay code is valid this long from when it was made. */
  codeTtlMs: number;
  /** The holder's screen fetches a fresh code this often, so a shown code is never near its end. */
  refreshMs: number;
  /** Pay codes a holder may make per window (the screen refreshing for 10 minutes makes 20). */
  mintLimit: number;
  mintWindowMs: number;
  /** Amounts above this need the holder's confirmation on their own screen. */
  confirmAboveFen: Fen;
  /** How long a redemption waits for the holder's confirmation. */
  confirmWindowMs: number;
  /** A redemption may be reversed by its merchant this long after it was made. */
  reverseWindowMs: number;
  /** Typed codes that match nothing, per clerk per window (a scanned code carries a MAC instead). */
  typedMisses: number;
  typedWindowMs: number;
  /** Unused codes are deleted this long after they expired (used ones are kept: they are the record). */
  keepUnusedMs: number;
}

export const REDEEM_RULES: RedeemRules = {
  codeTtlMs: 60_000,
  refreshMs: 30_000,
  mintLimit: 30,
  mintWindowMs: 10 * 60_000,
  confirmAboveFen: 50_000 as Fen,
  confirmWindowMs: 90_000,
  reverseWindowMs: 30 * 60_000,
  typedMisses: 10,
  typedWindowMs: 10 * 60_000,
  keepUnusedMs: 60 * 60_000,
};

export const PAY_CODE_LENGTH = 16;
/** QR payloads start with this, so a scanner tells our codes from any other QR code. */
export const PAY_QR_PREFIX = 'GCP1';

/** The Luhn check digit for a string of digits. */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A pay code from random bytes (unbiased digits, the first never 0), or null when they run out. */
export function payCodeFromBytes(bytes: Uint8Array): string | null {
  let body = '';
  for (const b of bytes) {
    if (b >= 250) continue;
    const digit = b % 10;
    if (body === '' && digit === 0) continue;
    body += String(digit);
    if (body.length === PAY_CODE_LENGTH - 1) return body + luhnDigit(body);
  }
  return null;
}

export function isWellFormedPayCode(code: string): boolean {
  return (
    code.length === PAY_CODE_LENGTH &&
    /^[1-9][0-9]+$/.test(code) &&
    luhnDigit(code.slice(0, -1)) === code.charAt(code.length - 1)
  );
}

/** "6214 5830 1127 4490": how the holder's screen shows it and the clerk types it. */
export function groupPayCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export function payQrText(code: string, mac: string): string {
  return `${PAY_QR_PREFIX}.${code}.${mac}`;
}

/**
 * What a clerk scanned or typed: a QR payload (code and MAC) or a typed code (spaces allowed).
 * null when it is neither; the MAC is checked by the cloud, which holds the key.
 */
export function parsePayInput(input: string): { code: string; mac: string | null } | null {
  const text = input.trim();
  const parts = text.split('.');
  if (parts.length === 3 && parts[0] === PAY_QR_PREFIX && /^[0-9a-f]{16}$/.test(parts[2]!)) {
    return isWellFormedPayCode(parts[1]!) ? { code: parts[1]!, mac: parts[2]! } : null;
  }
  const typed = text.replace(/[\s-]/g, '');
  return isWellFormedPayCode(typed) ? { code: typed, mac: null } : null;
}

/**
 * A pay code's life: `issued` when made; `pending` while the holder is asked to confirm a large
 * amount; `completed` once the balance was debited; `declined` by the holder; `reversed` by the
 * merchant. An issued code past its time, or a pending one past its confirmation window, is expired.
 */
export type RedemptionState = 'issued' | 'pending' | 'completed' | 'declined' | 'reversed';
export type PayCodeStatus = RedemptionState | 'expired';

/** A pay code and, once used, the redemption it made (one document: the code is the redemption's id). */
export interface Redemption {
  /** The pay code. */
  _id: string;
  cardId: string;
  owner: string;
  brandId: string;
  state: RedemptionState;
  mintedAt: number;
  expiresAt: number;
  /** Set when a clerk used the code. */
  amount?: Fen;
  balanceAfter?: Fen;
  storeId?: string;
  storeName?: string;
  clerk?: string;
  clerkName?: string;
  /** The clerk's request id: a retry of the same request returns this redemption. */
  requestId?: string;
  /** When the clerk used the code; the holder confirms before `confirmBy`. */
  usedAt?: number;
  confirmBy?: number;
  /** When the balance was debited (the REDEEM entry's time). */
  at?: number;
  /** Shown to the clerk; the code itself never is. */
  last4?: string;
  brandName?: string;
  reversedAt?: number;
  reversedBy?: string;
  updatedAt: number;
}

export function payCodeStatus(r: Pick<Redemption, 'state' | 'expiresAt' | 'confirmBy'>, now: number): PayCodeStatus {
  if (r.state === 'issued' && now > r.expiresAt) return 'expired';
  if (r.state === 'pending' && now > (r.confirmBy ?? 0)) return 'expired';
  return r.state;
}

/** The REDEEM entry of a redemption, and the REFUND entry of its reversal. */
export const redeemEntryId = (r: Pick<Redemption, '_id' | 'cardId'>): string =>
  ledgerEntryId(r.cardId, 'REDEEM', r._id);
export const reverseEntryId = (r: Pick<Redemption, '_id' | 'cardId'>): string =>
  ledgerEntryId(r.cardId, 'REFUND', r._id);

export type MintRefusal = 'CARD_NOT_ACTIVE' | 'CARD_EXPIRED' | 'INSUFFICIENT_BALANCE';

/** Whether the holder may show a pay code for this card now. */
export function mintRefusal(card: Pick<Card, 'state' | 'balance' | 'expiresAt'>, now: number): MintRefusal | null {
  if (card.state !== 'active') return 'CARD_NOT_ACTIVE';
  if (card.expiresAt !== null && now >= card.expiresAt) return 'CARD_EXPIRED';
  if (card.balance <= 0) return 'INSUFFICIENT_BALANCE';
  return null;
}

export type RedeemRefusal =
  'PAY_CODE_EXPIRED' | 'PAY_CODE_USED' | 'WRONG_MERCHANT' | 'CARD_NOT_ACTIVE' | 'CARD_EXPIRED' | 'INSUFFICIENT_BALANCE';

/**
 * Whether a store of brand `storeBrandId` may take `amount` off the card with this code now. The same
 * check runs again when the holder confirms a pending redemption.
 */
export function redeemRefusal(
  code: Pick<Redemption, 'state' | 'expiresAt' | 'confirmBy' | 'brandId' | 'owner'>,
  card: Pick<Card, 'state' | 'balance' | 'expiresAt' | 'brandId' | 'owner'>,
  storeBrandId: string,
  amount: number,
  now: number,
  confirming = false,
): RedeemRefusal | null {
  const status = payCodeStatus(code, now);
  if (status === 'expired') return 'PAY_CODE_EXPIRED';
  if (status !== (confirming ? 'pending' : 'issued')) return 'PAY_CODE_USED';
  // The card was gifted away since the code was made: the code went with its old holder.
  if (card.owner !== code.owner) return 'PAY_CODE_EXPIRED';
  if (card.brandId !== storeBrandId || code.brandId !== storeBrandId) return 'WRONG_MERCHANT';
  if (card.state !== 'active') return 'CARD_NOT_ACTIVE';
  if (card.expiresAt !== null && now >= card.expiresAt) return 'CARD_EXPIRED';
  if (amount > card.balance) return 'INSUFFICIENT_BALANCE';
  return null;
}

export function needsConfirmation(amount: number, rules: RedeemRules = REDEEM_RULES): boolean {
  return amount > rules.confirmAboveFen;
}

export type ReverseRefusal = 'NOT_REVERSIBLE' | 'REVERSAL_WINDOW_PASSED' | 'WRONG_MERCHANT' | 'CARD_NOT_ACTIVE';

/**
 * Whether a staff member of `brandIds` may reverse this redemption now. The card must be usable
 * or used up: a card locked in a gift or voided for a refund has no place to take the value back.
 */
export function reverseRefusal(
  r: Pick<Redemption, 'state' | 'at' | 'brandId'>,
  card: Pick<Card, 'state'>,
  brandIds: readonly string[],
  now: number,
  rules: RedeemRules = REDEEM_RULES,
): ReverseRefusal | null {
  if (!brandIds.includes(r.brandId)) return 'WRONG_MERCHANT';
  if (r.state !== 'completed' || r.at === undefined) return 'NOT_REVERSIBLE';
  if (now > r.at + rules.reverseWindowMs) return 'REVERSAL_WINDOW_PASSED';
  if (card.state !== 'active' && card.state !== 'used' && card.state !== 'expired') return 'CARD_NOT_ACTIVE';
  return null;
}
