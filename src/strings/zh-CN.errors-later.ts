/**
 * Error messages only the staff pages (the till, reports, the operator console) and a card's own
 * pages (the pay code, its extension) meet: kept out of zh-CN.ts so the first page's JavaScript
 * doesn't carry them (the H5 first-load budget, test/e2e/support/first-load.ts). zh-CN.card.ts and
 * zh-CN.merchant.ts import this module, which adds them to errorMessage's table; zh-CN.ts checks
 * that the two tables together have every error code.
 */
import type { ErrorCode } from '../domain/errors';
import { EXPORT_MAX_DAYS } from '../domain/report-days';
import { REPORT_LIMITS } from '../contracts/reports';
import { registerErrorMessages } from './zh-CN';

export const laterErrors = {
  PAY_CODE_INVALID: '无效的付款码，请让顾客刷新后重新出示',
  PAY_CODE_EXPIRED: '付款码已过期，请让顾客刷新后重新出示',
  PAY_CODE_USED: '付款码已使用，请让顾客刷新后重新出示',
  WRONG_MERCHANT: '该卡不能在本店使用',
  PAY_DECLINED: '顾客已拒绝本次付款',
  // The till's screens for these (zh-CN.merchant.ts) say what to do next.
  OFFLINE_CODE_REPLAYED: '离线付款码已使用',
  OFFLINE_CODE_EXPIRED: '离线付款码已过期',
  OFFLINE_CAP_EXCEEDED: '超出离线付款额度',
  OFFLINE_KEY_REVOKED: '离线付款已停用',
  OFFLINE_KEY_UNKNOWN: '无法识别的离线付款码',
  SPLIT_TOO_MANY_CARDS: '一次最多用这么多张卡付款，请少选几张',
  SPLIT_CARD_INVALID: '所选的卡有一张不能在这里付款，请重新选择',
  REMAINDER_TOO_LARGE: '卡内余额加微信支付也不够，请减少收款金额',
  REMAINDER_UNPAID: '微信支付还没有完成，请完成支付',
  NOT_REVERSIBLE: '这笔收款无法撤销',
  // A deployment sets the window (REDEEM_REVERSE_WINDOW_MS): the receipt shows its end time.
  REVERSAL_WINDOW_PASSED: '已过撤销时限，这笔收款无法撤销',
  REVIEW_DECIDED: '这条复核记录已处理过',
  EXPORT_TOO_LARGE: `导出内容超过 ${REPORT_LIMITS.exportRowsMax} 行，请缩短日期范围后重试`,
  EXPORT_RANGE_TOO_LONG: `导出日期范围最长 ${EXPORT_MAX_DAYS} 天，请缩短后重试`,
  NOT_EXPIRED: '这张卡未过期，或过期时没有余额，无需申请延期',
  EXTENSION_DECIDED: '这个延期申请已经处理过了',
  PRODUCT_INVALID: '卡券设置不符合规则，请检查标红的项目',
  STOCK_UNLIMITED: '该卡券库存不限，无需调整',
  STOCK_TOO_LOW: '库存不足，减少后不能低于 0',
  INVITE_INVALID: '邀请码无效或已失效，请向运营人员索取新的邀请码',
} satisfies Partial<Record<ErrorCode, string>>;

registerErrorMessages(laterErrors);
