/**
 * The offline pay code: what the holder's phone shows with no network. While online, the app holds
 * a key per card and device issued by the cloud (a key number and a 32-byte secret); offline it
 * derives, every 30-second window, HMAC-SHA256(secret, card | key number | window) and shows it in
 * the online code's shape: 16 digits and a `GCP1.<digits>.<16 hex>` QR payload. The digits are "0",
 * the key number (7), a one-time number from the MAC (7) and a Luhn digit: online codes never start
 * with 0, so the cloud tells the two apart by the first digit. The QR's hex is 64 more bits of the
 * same MAC, so a scanned code is checked far beyond the 7 typed digits.
 *
 * The clerk's till verifies online: a window of ±1 period, each window's code spendable once, and
 * a daily offline cap per card. The HMAC is a parameter here: the app passes the pure-TS one
 * (domain/sha256.ts), the cloud Node's.
 */
import type { Fen } from './money';
import { luhnDigit, payQrText, PAY_CODE_LENGTH, PAY_QR_PREFIX } from './redemption';
import { chinaDay } from './rules';
import { fromHex, hmacSha256, toHex, utf8 } from './sha256';

export interface OfflineRules {
  /** Offline redemptions of one card in one China day may add up to this; beyond, an online code. */
  dailyCapFen: Fen;
  /** The app asks for a new key once its key is this old (while it is online). */
  rotateMs: number;
  /** A key derives valid codes this long from its issue (longer than rotateMs: days without signal). */
  keyTtlMs: number;
  /** Keys a holder may be issued per window. */
  issueLimit: number;
  issueWindowMs: number;
  /** Expired keys are deleted this long after they expired (their redemptions stay: they are the record). */
  keepExpiredMs: number;
}

export const OFFLINE_RULES: OfflineRules = {
  dailyCapFen: 20_000 as Fen,
  // Replaced every 7 days (product.md's rule); a phone that stays without signal past its renewal
  // still pays offline for two more days.
  rotateMs: 7 * 24 * 3_600_000,
  keyTtlMs: 9 * 24 * 3_600_000,
  issueLimit: 30,
  issueWindowMs: 10 * 60_000,
  keepExpiredMs: 24 * 3_600_000,
};

export const OFFLINE_WINDOW_MS = 30_000;
/** A code is accepted in its own window and the one before and after it (clock drift, a slow scan). */
export const OFFLINE_DRIFT_WINDOWS = 1;
/**
 * How far back and ahead the cloud looks for the window of a code that matches no acceptable one:
 * a match there is an expired code (a clear answer to the clerk), no match is a forged one.
 */
export const OFFLINE_LOOKBACK_WINDOWS = 240;
/** Offline codes start with this digit; online ones never do. */
export const OFFLINE_CODE_PREFIX = '0';
export const OFFLINE_KEY_NO_DIGITS = 7;
const OTP_DIGITS = PAY_CODE_LENGTH - 2 - OFFLINE_KEY_NO_DIGITS;
const SECRET_HEX = 64;

export const offlineWindowOf = (at: number): number => Math.floor(at / OFFLINE_WINDOW_MS);
export const offlineWindowStart = (window: number): number => window * OFFLINE_WINDOW_MS;

export function isOfflineKeyNo(keyNo: string): boolean {
  return keyNo.length === OFFLINE_KEY_NO_DIGITS && /^[0-9]+$/.test(keyNo);
}

/** What the MAC is taken over: the card, the key and the window, never anything the phone may change. */
export function offlineMessage(cardId: string, keyNo: string, window: number): Uint8Array {
  return utf8(`gcp-offline-1|${cardId}|${keyNo}|${window}`);
}

/** The code's digits and the QR's tag from a window's MAC (32 bytes). */
export function offlineCodeFromMac(keyNo: string, mac: Uint8Array): { code: string; tag: string } {
  // RFC 4226's truncation: 31 bits of the MAC as a number, its last digits the one-time number.
  const n = (((mac[0]! & 0x7f) << 24) | (mac[1]! << 16) | (mac[2]! << 8) | mac[3]!) % 10 ** OTP_DIGITS;
  const body = OFFLINE_CODE_PREFIX + keyNo + String(n).padStart(OTP_DIGITS, '0');
  return { code: body + luhnDigit(body), tag: toHex(mac.slice(8, 16)) };
}

/** An offline key as the app keeps it: enough to derive codes with no network. */
export interface OfflineKeyMaterial {
  cardId: string;
  keyNo: string;
  /** 64 hex characters. */
  secret: string;
}

export interface OfflineCode {
  code: string;
  qr: string;
  /** The next code is due then (the window's end). */
  refreshAt: number;
  /** The clerk's till accepts it until then. */
  expiresAt: number;
}

/** The code the phone shows at `now` (its own clock); null when the key material is malformed. */
export function deriveOfflineCode(key: OfflineKeyMaterial, now: number): OfflineCode | null {
  const secret = key.secret.length === SECRET_HEX ? fromHex(key.secret) : null;
  if (!secret || !isOfflineKeyNo(key.keyNo)) return null;
  const window = offlineWindowOf(now);
  const { code, tag } = offlineCodeFromMac(
    key.keyNo,
    hmacSha256(secret, offlineMessage(key.cardId, key.keyNo, window)),
  );
  return {
    code,
    qr: payQrText(code, tag),
    refreshAt: offlineWindowStart(window + 1),
    expiresAt: offlineWindowStart(window + 1 + OFFLINE_DRIFT_WINDOWS),
  };
}

/** An offline code as a clerk scanned (with its tag) or typed it (spaces allowed). */
export interface OfflineInput {
  code: string;
  keyNo: string;
  tag: string | null;
}

export function isWellFormedOfflineCode(code: string): boolean {
  return (
    code.length === PAY_CODE_LENGTH &&
    code.startsWith(OFFLINE_CODE_PREFIX) &&
    /^[0-9]+$/.test(code) &&
    luhnDigit(code.slice(0, -1)) === code.charAt(code.length - 1)
  );
}

/** An offline code from what a clerk scanned or typed; null when it is not one (maybe an online code). */
export function parseOfflineInput(input: string): OfflineInput | null {
  const text = input.trim();
  const parts = text.split('.');
  const scanned = parts.length === 3 && parts[0] === PAY_QR_PREFIX && /^[0-9a-f]{16}$/.test(parts[2]!);
  const code = scanned ? parts[1]! : text.replace(/[\s-]/g, '');
  if (!isWellFormedOfflineCode(code)) return null;
  return { code, keyNo: code.slice(1, 1 + OFFLINE_KEY_NO_DIGITS), tag: scanned ? parts[2]! : null };
}

/** Whether a window's MAC produced this input: the tag when scanned, the digits when typed. */
export function offlineInputMatches(input: OfflineInput, mac: Uint8Array): boolean {
  const derived = offlineCodeFromMac(input.keyNo, mac);
  return input.tag === null ? derived.code === input.code : derived.tag === input.tag;
}

/** What an offline key's holder may still spend offline today, as of what the cloud last said. */
export function offlineAllowance(key: { dailyCap: Fen; capLeft: Fen; capDay: string; balance: Fen }, now: number): Fen {
  const left = chinaDay(now) === key.capDay ? key.capLeft : key.dailyCap;
  return Math.min(left, key.balance) as Fen;
}

export type OfflineRefusal =
  | 'OFFLINE_CODE_REPLAYED'
  | 'OFFLINE_CODE_EXPIRED'
  | 'OFFLINE_CAP_EXCEEDED'
  | 'OFFLINE_KEY_REVOKED'
  | 'OFFLINE_KEY_UNKNOWN';
