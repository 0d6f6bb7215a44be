/**
 * The deployment's .env, which `tcb fn deploy` reads for cloudbaserc.json's {{env.NAME}}: every
 * name cloudbaserc.json uses must be there (envVariables replace what the console holds, so a
 * missing one would wipe a setting), the env id and merchant number set, and GIFTCARD_SECRET long
 * enough that the functions will load (cloudfunctions/core/secrets.ts refuses a shorter one).
 */
import { MIN_SECRET_LENGTH } from '../../cloudfunctions/core/secrets';

/** KEY=VALUE lines (quotes stripped, # comments and blank lines skipped). */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!.trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    value = quoted ? quoted[2]! : value.replace(/\s+#.*$/, '');
    out[m[1]!] = value;
  }
  return out;
}

/** Names that must hold a value, not only be present. */
const REQUIRED = ['ENV_ID', 'GIFTCARD_SECRET', 'WXPAY_SUB_MCH_ID'];

/** Findings about `env` (the parsed .env, or null when there is none) for cloudbaserc.json's text. */
export function checkDotEnv(rcText: string, env: Record<string, string> | null): string[] {
  if (!env) return ['.env: missing: cp .env.example .env and fill it in (tcb fn deploy reads it)'];
  const out: string[] = [];
  const used = new Set([...rcText.matchAll(/\{\{env\.([A-Za-z_][A-Za-z0-9_]*)\}\}/g)].map((m) => m[1]!));
  for (const name of [...used].sort())
    if (!(name in env))
      out.push(`.env: ${name} is missing (cloudbaserc.json uses it; envVariables replace the console's)`);
  for (const name of REQUIRED)
    if (used.has(name) && name in env && env[name] === '') out.push(`.env: ${name} is empty`);
  const secret = env.GIFTCARD_SECRET;
  if (secret && secret.length < MIN_SECRET_LENGTH)
    out.push(
      `.env: GIFTCARD_SECRET has ${secret.length} characters; the functions refuse fewer than ${MIN_SECRET_LENGTH}`,
    );
  return out;
}
