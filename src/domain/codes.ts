/**
 * Card codes and PINs. A code is at least 16 characters from an alphabet without look-alikes
 * (no 0/O, 1/I/L), shown grouped by four and masked to its last four. Randomness is a parameter:
 * the caller passes bytes from a cryptographic source.
 */

/** 31 characters: digits 2–9 and capitals without I, L, O. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 16;
export const PIN_LENGTH = 8;

/** Maps random bytes to a code, rejecting bytes that would bias the alphabet. */
export function codeFromBytes(bytes: Uint8Array, length = CODE_LENGTH): string | null {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    out += CODE_ALPHABET[b % CODE_ALPHABET.length];
    if (out.length === length) return out;
  }
  return null;
}

/** Digits only, for a PIN typed on a phone keypad. */
export function pinFromBytes(bytes: Uint8Array, length = PIN_LENGTH): string | null {
  let out = '';
  for (const b of bytes) {
    if (b >= 250) continue;
    out += String(b % 10);
    if (out.length === length) return out;
  }
  return null;
}

/** What a person typed, made comparable: spaces and dashes dropped, upper case. */
export function normalizeCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function isWellFormedCode(code: string): boolean {
  if (code.length !== CODE_LENGTH) return false;
  for (const ch of code) if (!CODE_ALPHABET.includes(ch)) return false;
  return true;
}

/** "ABCD EFGH JKMN PQRS". */
export function groupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}

/** "•••• 7KQX". */
export function maskCode(last4: string): string {
  return `•••• ${last4}`;
}

/** An OPENID shown to staff: enough to tell holders apart, never the whole identifier. */
export function maskOpenId(openId: string): string {
  if (openId === '') return '';
  if (openId.length <= 6) return `${openId.slice(0, 1)}••••`;
  return `${openId.slice(0, 3)}••••${openId.slice(-3)}`;
}
