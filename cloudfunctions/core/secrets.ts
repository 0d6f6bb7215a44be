/**
 * Keyed hashes and random codes. The secret comes from the function's configuration
 * (GIFTCARD_SECRET, at least 32 characters). Every function that hashes codes calls
 * `requireGiftcardSecret()` when it loads, so a deployment with a missing or short key fails every
 * invocation loudly (payment callbacks are then retried by WeChat Pay until it is fixed) instead of
 * taking money it could not turn into cards, or hashing codes with a guessable key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { codeFromBytes, pinFromBytes } from '../../src/domain/codes';

/** 32 characters: a 128-bit key written as hex is the weakest we accept (the local cloud derives 64 hex). */
export const MIN_SECRET_LENGTH = 32;

/** The configured key; throws, naming the variable and the rule, when it is missing or too short. */
export function requireGiftcardSecret(): string {
  const s = process.env.GIFTCARD_SECRET ?? '';
  if (s.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `GIFTCARD_SECRET must be at least ${MIN_SECRET_LENGTH} characters (it has ${s.length}): ` +
        "set it in the function's environment variables; this function refuses to run without it",
    );
  }
  return s;
}

function secret(): string {
  return requireGiftcardSecret();
}

/** HMAC-SHA256 of `purpose:value`, hex. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac('sha256', secret()).update(`${purpose}:${value}`).digest('hex');
}

/** HMAC-SHA256 of `purpose:value`, raw: 32 bytes that only the key's holder can compute. */
export function keyedBytes(purpose: string, value: string): Buffer {
  return createHmac('sha256', secret()).update(`${purpose}:${value}`).digest();
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function randomCode(): string {
  for (;;) {
    const code = codeFromBytes(randomBytes(32));
    if (code) return code;
  }
}

export function randomPin(): string {
  for (;;) {
    const pin = pinFromBytes(randomBytes(16));
    if (pin) return pin;
  }
}

export function randomToken(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}
