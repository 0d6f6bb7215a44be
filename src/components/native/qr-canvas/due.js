/**
 * When a pay code falls due, on the phone's clock but decided by the cloud's. Plain CommonJS so the
 * native QR canvas can require it as is, and the React PayQr (H5, tests) imports the same lines.
 */

/**
 * The phone-clock time at which `code` must be replaced: its refresh time when the cloud set one
 * before expiry, else its expiry. `code.now` is the cloud's clock when it answered and `arrivedAt`
 * the phone's clock then, so a phone set minutes off still replaces the code on time.
 */
function localDueTime(code, arrivedAt) {
  const due = code.refreshAt > 0 && code.refreshAt < code.expiresAt ? code.refreshAt : code.expiresAt;
  return due - code.now + arrivedAt;
}

/** Whole seconds left until `dueTime` (phone clock) at `localNow`; 0 once due. */
function secondsUntil(dueTime, localNow) {
  return Math.max(0, Math.ceil((dueTime - localNow) / 1000));
}

module.exports = { localDueTime, secondsUntil };
