/**
 * Stable error codes shared by the cloud functions and the UI. A code never changes meaning once
 * shipped; the UI maps each to a Chinese message in its strings table.
 */
export const ErrorCode = {
  /** Input failed validation: wrong type, range, unknown field, oversized string, operator object. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  /** The `action` is not one the function knows. */
  UNKNOWN_ACTION: 'UNKNOWN_ACTION',
  /** No such thing, or the caller may not know whether it exists. */
  NOT_FOUND: 'NOT_FOUND',
  /** No verified identity. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** Identity known, role or ownership missing. */
  FORBIDDEN: 'FORBIDDEN',
  /** Too many attempts; try later. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A concurrent change won; the caller may retry. */
  CONFLICT: 'CONFLICT',
  /** Something failed on our side; nothing was changed. */
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/** An expected failure of a use case, carried to the envelope as `{ code, message }`. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
