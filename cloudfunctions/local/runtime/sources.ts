/**
 * The SOURCE values WeChat Cloud reports in getWXContext(), as the local cloud sets them. The list
 * and the chain rule are from the Cloud.getWXContext reference (shared/platform.md, first table):
 * there is no `wx_timer` or `wx_server` in WeChat, so functions checking SOURCE against those would
 * pass here and fail there.
 */

/** A call from the mini-program: the gateway stands in for the WeChat client. */
export const CLIENT_SOURCE = 'wx_client';

/** A timer trigger's invocation. */
export const TRIGGER_SOURCE = 'wx_trigger';

/** WeChat Pay's payment and refund notifications to the callback function. */
export const PAY_CALLBACK_SOURCE = 'wx_paycallback';

/** What a function → function call appends to its caller's source. */
export const CHAIN_SUFFIX = 'scf';

/**
 * The SOURCE of a function called by another function: the caller's chain plus `scf`
 * (`wx_client,scf`, and `wx_client,scf,scf` one call further); plain `scf` when the caller is not one
 * of this cloud's invocations (a test process holding the credentials).
 */
export function chainedSource(callerSource: string | undefined): string {
  return callerSource ? `${callerSource},${CHAIN_SUFFIX}` : CHAIN_SUFFIX;
}

/** `TRIGGER_SRC` for an invocation: `timer` for a timer trigger's, unset otherwise (SCF timer docs). */
export function triggerSrcFor(source: string): string | undefined {
  return source === TRIGGER_SOURCE ? 'timer' : undefined;
}
