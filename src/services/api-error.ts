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
