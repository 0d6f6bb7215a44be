/** Typed calls to one cloud function's actions: unwraps the envelope, throws ApiError on failure. */
import type { Envelope } from '../contracts/envelope';
import { ApiError } from './api-error';
import type { Transport } from './transport-types';

function isEnvelope(v: unknown): v is Envelope<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';
}

/** `M` maps each action name to its `{ input, output }` (a contracts interface). */
export function functionClient<M extends { [A in keyof M]: { input: unknown; output: unknown } }>(
  transport: Transport,
  fn: string,
) {
  return async function call<A extends keyof M & string>(action: A, input: M[A]['input']): Promise<M[A]['output']> {
    const res = await transport.call(fn, { action, ...(input as object) });
    if (!isEnvelope(res)) throw new ApiError('INTERNAL', 'malformed answer');
    if (!res.ok) throw new ApiError(res.error.code, res.error.message);
    return res.data as M[A]['output'];
  };
}
