/**
 * Unguessable hex for the local cloud's generated ids, invocation tokens and request ids. randomUUID
 * draws from a pooled buffer of entropy, far cheaper per call than randomBytes on these hot paths.
 */
import { randomUUID } from 'node:crypto';

/** 32 hex characters (122 random bits), or the first `length` of them. */
export function randomHex(length = 32): string {
  return randomUUID().replace(/-/g, '').slice(0, length);
}
