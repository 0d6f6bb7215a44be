/**
 * How the local cloud refuses an event it won't hand to a function (nested too deep): exactly as the
 * function itself refuses bad input, the envelope `{ ok: false, error: { code: 'INVALID_ARGUMENT' } }`
 * as the function's result. That is the one shape callers already treat as a refusal with a stable
 * code: the app's gateway transport (src/services/gateway-transport.ts) hands a 200 `result` to the
 * contracts, which read the code, while any other status becomes a generic INTERNAL error; a calling
 * function reads `callFunction`'s `result` the same way. The attack tests hold every junk input to
 * this answer.
 */
export interface Refusal {
  ok: false;
  error: { code: 'INVALID_ARGUMENT'; message: string };
}

export function invalidEventRefusal(message: string): Refusal {
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message } };
}
