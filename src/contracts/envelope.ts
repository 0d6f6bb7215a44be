/**
 * The result envelope every cloud function answers with. A function never throws to its caller:
 * expected failures and internal errors alike come back as `{ ok: false, error }`.
 */
import type { ErrorCode } from '../domain/errors';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function success<T>(data: T): Envelope<T> {
  return { ok: true, data };
}

export function failure(code: ErrorCode, message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}
