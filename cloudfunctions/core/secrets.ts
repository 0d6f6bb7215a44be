/**
 * Keyed hashes and random codes. The secret comes from the function's configuration
 * (GIFTCARD_SECRET); a function without it refuses to issue or look up codes rather than fall back
 * to a guessable key.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { codeFromBytes, pinFromBytes } from '../../src/domain/codes';

function secret(): string {
  const s = process.env.GIFTCARD_SECRET ?? '';
  if (s.length < 16) throw new Error('GIFTCARD_SECRET is not configured');
  return s;
}

/** HMAC-SHA256 of `purpose:value`, hex. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac('sha256', secret()).update(`${purpose}:${value}`).digest('hex');
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
