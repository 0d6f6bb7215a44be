/**
 * Gift ids and claim tokens. A gift's id is derived from its sender and the client's request id
 * (a retried send finds the same gift); its claim token is the id plus a keyed MAC of it, so the
 * token can be checked without a lookup, can't be forged or guessed, and opens that one gift only.
 */
import { timingSafeEqual } from 'node:crypto';
import { keyedHash } from '../secrets';

const TOKEN = /^([0-9a-f]{24})\.([A-Za-z0-9_-]{22})$/;

export function giftIdFor(sender: string, requestId: string): string {
  return keyedHash('gift-id', `${sender}\u0000${requestId}`).slice(0, 24);
}

/**
 * Ids of the cards a gift makes: the card holding a split or group gift's value, and each claimed
 * share. Built from the gift's id (unique per sender and request), never from the source card's id:
 * a card made from a card made from a card must not come back to an id that already exists.
 */
export function giftPoolCardId(giftId: string): string {
  return `${giftId}-pool`;
}

/** The card a group gift's unclaimed shares come back onto, in its sender's wallet. */
export function giftBackCardId(giftId: string): string {
  return `${giftId}-back`;
}

export function giftShareCardId(giftId: string, index: number): string {
  return `${giftId}-s${String(index + 1).padStart(3, '0')}`;
}

function mac(giftId: string): string {
  return Buffer.from(keyedHash('gift-token', giftId), 'hex').subarray(0, 16).toString('base64url');
}

export function giftToken(giftId: string): string {
  return `${giftId}.${mac(giftId)}`;
}

/** The gift a token opens, or null for anything malformed or forged. */
export function giftIdFromToken(token: string): string | null {
  const m = TOKEN.exec(token);
  if (!m) return null;
  const given = Buffer.from(m[2]!);
  const expected = Buffer.from(mac(m[1]!));
  return given.length === expected.length && timingSafeEqual(given, expected) ? m[1]! : null;
}
