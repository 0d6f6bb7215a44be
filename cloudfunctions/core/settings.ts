/**
 * Deployment settings: a rule's default, overridable by the function's environment (envVariables in
 * cloudbaserc.json; FUNCTION_SETTINGS locally). A malformed setting stops the function rather than
 * let it run on a guess.
 */
export function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer in [${min}, ${max}]`);
  return n;
}
