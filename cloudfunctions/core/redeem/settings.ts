/**
 * The in-store payment rules of this deployment: the domain's defaults, each overridable by the
 * function's environment (REDEEM_CODE_TTL_MS, REDEEM_MINT_LIMIT, REDEEM_CONFIRM_ABOVE_FEN,
 * REDEEM_REVERSE_WINDOW_MS). A malformed setting stops the function rather than run on a guess.
 */
import { AMOUNT_MAX } from '../../../src/domain/catalog';
import { fen } from '../../../src/domain/money';
import { REDEEM_RULES, type RedeemRules } from '../../../src/domain/redemption';
import { intSetting as setting } from '../settings';

let rules: RedeemRules | undefined;

export function redeemRules(): RedeemRules {
  rules ??= {
    ...REDEEM_RULES,
    // A code lives at most 60 s (product rule); the screen refreshes at half its life.
    codeTtlMs: setting('REDEEM_CODE_TTL_MS', REDEEM_RULES.codeTtlMs, 10_000, 60_000),
    mintLimit: setting('REDEEM_MINT_LIMIT', REDEEM_RULES.mintLimit, 1, 100_000),
    confirmAboveFen: fen(setting('REDEEM_CONFIRM_ABOVE_FEN', REDEEM_RULES.confirmAboveFen, 0, AMOUNT_MAX)),
    reverseWindowMs: setting('REDEEM_REVERSE_WINDOW_MS', REDEEM_RULES.reverseWindowMs, 0, 24 * 3_600_000),
  };
  rules.refreshMs = Math.min(REDEEM_RULES.refreshMs, Math.floor(rules.codeTtlMs / 2));
  return rules;
}
