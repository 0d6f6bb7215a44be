/**
 * The offline pay code rules of this deployment: the domain's defaults, each overridable by the
 * function's environment (OFFLINE_DAILY_CAP_FEN, OFFLINE_KEY_ROTATE_MS, OFFLINE_KEY_TTL_MS). A
 * malformed setting stops the function rather than run on a guess.
 */
import { fen } from '../../../src/domain/money';
import { OFFLINE_RULES, type OfflineRules } from '../../../src/domain/offline-code';
import { intSetting as setting } from '../settings';

const HOUR = 3_600_000;
let rules: OfflineRules | undefined;

export function offlineRules(): OfflineRules {
  if (rules) return rules;
  const rotateMs = setting('OFFLINE_KEY_ROTATE_MS', OFFLINE_RULES.rotateMs, HOUR, 7 * 24 * HOUR);
  rules = {
    ...OFFLINE_RULES,
    // 0 turns offline payment off: every offline code is then over the cap.
    dailyCapFen: fen(setting('OFFLINE_DAILY_CAP_FEN', OFFLINE_RULES.dailyCapFen, 0, 1_000_000)),
    rotateMs,
    // A key outlives its rotation, so a phone that missed one renewal still pays.
    keyTtlMs: setting('OFFLINE_KEY_TTL_MS', Math.max(OFFLINE_RULES.keyTtlMs, rotateMs), rotateMs, 14 * 24 * HOUR),
  };
  return rules;
}
