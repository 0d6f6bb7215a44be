/**
 * Time for use cases. In the cloud this is the machine clock; the local cloud in test mode passes
 * an offset per invocation (LOCAL_CLOCK_OFFSET_MS) so tests can travel in time through the same code.
 */
export function now(): number {
  const offset = Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0);
  return Date.now() + (Number.isFinite(offset) ? offset : 0);
}
