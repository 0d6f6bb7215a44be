/** The words' rule numbers are the rules' own: a sentence says what the setting that decides it says. */
import { laterErrors } from '../../src/strings/zh-CN.errors-later';
import { cardStrings } from '../../src/strings/zh-CN.card';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CODE_LENGTH, PIN_LENGTH } from '../../src/domain/codes';
import { GIFT_RULES } from '../../src/domain/gift';
import { WECHAT_PAY_CLOSE_AFTER_MS } from '../../src/domain/order';
import { EXPORT_MAX_DAYS } from '../../src/domain/report-days';
import { PAY_CODE_LENGTH } from '../../src/domain/redemption';
import { PURCHASE_RULES } from '../../src/domain/rules';
import { OPERATOR_LIMITS } from '../../src/contracts/operator';
import { REPORT_LIMITS } from '../../src/contracts/reports';
import { PRODUCT_LIMITS } from '../../src/domain/product-rules';
import { ruleSpan, ruleYuan, zhCN } from '../../src/strings/zh-CN';
import { giftingStrings } from '../../src/strings/zh-CN.gifting';
import { merchantStrings } from '../../src/strings/zh-CN.merchant';

describe('rule numbers in sentences', () => {
  test('should say a rule’s length in the unit a person would use', () => {
    expect(ruleSpan(30 * 60_000)).toBe('30 分钟');
    expect(ruleSpan(90 * 60_000)).toBe('90 分钟');
    expect(ruleSpan(24 * 3_600_000)).toBe('24 小时');
    expect(ruleSpan(7 * 86_400_000)).toBe('7 天');
    expect(ruleYuan(1_000_000)).toBe('1 万元');
    expect(ruleYuan(5_000_000)).toBe('5 万元');
    expect(ruleYuan(500_000)).toBe('5000 元');
  });

  test('should take each number from the rule that decides it', () => {
    expect(zhCN.gift.windowNote).toContain(`${ruleSpan(GIFT_RULES.claimWindowMs)}内领取`);
    expect(zhCN.errors.GIFT_DAILY_LIMIT).toContain(`每天最多 ${GIFT_RULES.dailyLimit} 次`);
    expect(zhCN.buy.realNameTitle).toContain(ruleYuan(PURCHASE_RULES.realNameDailyFen));
    expect(zhCN.errors.REAL_NAME_REQUIRED).toContain(ruleYuan(PURCHASE_RULES.realNameDailyFen));
    expect(zhCN.orders.cancelling).toContain(ruleSpan(WECHAT_PAY_CLOSE_AFTER_MS));
    expect(cardStrings.bind.hint).toContain(`${CODE_LENGTH} 位卡号和 ${PIN_LENGTH} 位卡密`);
    expect(zhCN.merchant.manualPlaceholder).toContain(`${PAY_CODE_LENGTH} 位数字`);
    expect(laterErrors.EXPORT_TOO_LARGE).toContain(`${REPORT_LIMITS.exportRowsMax} 行`);
    expect(laterErrors.EXPORT_RANGE_TOO_LONG).toContain(`${EXPORT_MAX_DAYS} 天`);
    expect(giftingStrings.gifting.sealNote('5月20日 09:00')).toContain(
      `开启后 ${ruleSpan(GIFT_RULES.claimWindowMs)}内有效`,
    );
  });

  test('should take the staff pages’ numbers from the product, invite, batch and report rules', () => {
    const { rules } = merchantStrings.operator;
    expect(rules.name).toContain(`最多 ${PRODUCT_LIMITS.nameMax} 字`);
    expect(rules.faceCount).toContain(`${PRODUCT_LIMITS.facesMin}–${PRODUCT_LIMITS.facesMax} 张`);
    expect(rules.usageRules).toContain(`最多 ${PRODUCT_LIMITS.usageRulesMax} 条`);
    expect(rules.refundWindow).toContain(`0–${PRODUCT_LIMITS.refundWindowDaysMax}`);
    expect(merchantStrings.operator.team.inviteOnce).toContain(`${OPERATOR_LIMITS.inviteTtlDays} 天内有效`);
    expect(merchantStrings.operator.join.codePlaceholder).toContain(`${OPERATOR_LIMITS.inviteCodeLength} 位`);
    expect(merchantStrings.operator.batch.count).toContain(`最多 ${OPERATOR_LIMITS.batchMax}`);
    expect(merchantStrings.reports.console.kpi.expiring).toContain(`${REPORT_LIMITS.expiringSoonDays} 天内`);
    expect(merchantStrings.reports.reviews.emptyHint).toContain(ruleYuan(PURCHASE_RULES.largeAmountDailyFen));
  });

  test('should type no rule number into a sentence by hand', () => {
    // A digit before a unit inside a quoted or templated string: a number that would go stale. The
    // dashboard's ranges are the exception: their keys are the numbers, checked against DashboardDays.
    for (const file of fs.readdirSync(path.join(__dirname, '../../src/strings'))) {
      const source = fs.readFileSync(path.join(__dirname, '../../src/strings', file), 'utf8');
      const typed =
        source.match(/(['`])[^'`\n]*\d\s*(分钟|小时|天|次|位|万元|元|行|秒|个月|年|份|张|字)[^'`\n]*\1/g) ?? [];
      expect(typed.filter((t) => !/^'近 \d+ 天'$/.test(t))).toEqual([]);
    }
  });
});
