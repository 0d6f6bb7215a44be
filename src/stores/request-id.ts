/**
 * A client request id: made once per user action and sent again on its retries, so the cloud makes
 * at most one effect of it. The prefix tells the kinds apart in the records (r order, g gift, m till).
 */
export function newRequestId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}
