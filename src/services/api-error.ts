/** The one error type the UI sees from a cloud call: a stable code plus a message. */
import type { ErrorCode } from '../domain/errors';

/** UI-side code for a call that never got an answer (offline, gateway down). */
export const NETWORK = 'NETWORK';

export type ClientErrorCode = ErrorCode | typeof NETWORK;

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The stable code of whatever a call threw: an ApiError's own, else INTERNAL (a bug, not an answer). */
export function errorCodeOf(e: unknown): string {
  return e instanceof ApiError ? e.code : 'INTERNAL';
}
