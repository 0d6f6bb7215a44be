/**
 * The strings of a card's own pages — its detail and history, its expiry and extension, the pay code
 * shown at the till — kept apart from zh-CN.ts so the first page's JavaScript doesn't carry them
 * (the H5 first-load budget, test/e2e/support/first-load.ts). Same rules as zh-CN.ts.
 */
import type { LedgerType } from '../domain/ledger';
import type { ExtensionState } from '../domain/expiry';
import type { RefundStatus } from '../contracts/wallet';
import type { PayNotice } from '../stores/pay-code-store';

export const cardStrings = {
  card: {
    balance: '当前余额（元）',
    initialValue: '面值',
    bonus: '含赠送',
    code: '卡号',
    expires: '有效期至',
    neverExpires: '长期有效',
    history: '交易记录',
    online: '线上',
    physical: '实体卡',
    physicalActivate: '实体卡制卡',
    historyTypes: {
      ACTIVATE: '购卡激活',
      REDEEM: '门店消费',
      REFUND: '消费撤销',
      VOID: '退款作废',
      EXPIRE: '过期',
      REINSTATE: '延期恢复',
      GIFT_OUT: '转赠拆分',
      GIFT_IN: '转赠入卡',
      TRANSFER: '好友领取转入',
      GIFT_RETURN: '转赠退回',
      BIND: '绑定实体卡',
    } satisfies Record<LedgerType, string>,
    balanceAfter: (v: string) => `余额 ${v}`,
    refund: '申请退款',
    refundTitle: '确认退款',
    refundBody: (paid: string, bonus: string) =>
      bonus
        ? `将退回 ${paid} 至原支付账户，赠送的 ${bonus} 不退，卡片立即作废。`
        : `将退回 ${paid} 至原支付账户，卡片立即作废。`,
    refundConfirm: '确认退款',
    refundStatus: {
      requested: '退款处理中',
      succeeded: '已退款',
      failed: '退款失败，客服将联系你',
    } satisfies Record<RefundStatus, string>,
    refundableUntil: (date: string) => `${date} 前未使用可退`,
    pay: '到店付款',
  },
  payCode: {
    signIn: '登录后使用付款码',
    hint: '向店员出示付款码',
    showDigits: '查看数字',
    hideDigits: '隐藏数字',
    refreshIn: (seconds: number) => `${seconds} 秒后自动刷新`,
    refreshing: '正在刷新…',
    paused: '付款码已暂停刷新',
    pausedHint: '轻触刷新',
    refreshFailed: '付款码刷新失败，轻触重试',
    balance: '卡内余额',
    safety: '付款码仅用于当面付款，请勿截图或发送给他人',
    confirmTitle: '确认付款',
    confirmStore: (store: string) => `${store} 向你收款`,
    confirmBy: (seconds: number) => `请在 ${seconds} 秒内确认`,
    confirm: '确认支付',
    decline: '拒绝',
    confirming: '处理中…',
    paid: '支付成功',
    done: '完成',
    again: '继续付款',
    notices: {
      declined: '已拒绝本次收款，未扣款',
      confirmExpired: '收款请求已超时，未扣款',
    } satisfies Record<PayNotice, string>,
  },
  /** Offline pay codes: the pay code page with no network, and the card page's devices that hold keys. */
  offline: {
    badge: '离线付款码',
    allowance: (amount: string) => `当前无网络 · 今日离线最多可付 ${amount}`,
    overCap: '超出离线额度请联网后付款',
    noKey: '当前无网络。联网打开一次付款码后，本机即可离线付款',
    devicesTitle: '离线付款设备',
    devicesHint: '手机丢失时，可在这里停用它的离线付款码',
    thisDevice: '本机',
    unnamedDevice: '未命名设备',
    updated: (time: string) => `${time} 更新`,
    revoke: '停用',
    revoked: '已停用',
    revokeTitle: '停用这台设备的离线付款？',
    revokeBody: '停用后，这台设备上的离线付款码都不能再使用，联网后的付款码不受影响。',
    revokeConfirm: '确认停用',
  },
  expiry: {
    /** The holder's reminder message, and the card page's notice. */
    reminderNote: (days: number) => `还有 ${days} 天过期，请尽快使用`,
    expiresIn: (days: number) => `${days} 天后过期`,
    expiresInHint: '过期后余额将无法使用，可向商家申请延期',
    expired: '卡片已过期',
    expiredAmount: (v: string) => `过期金额 ${v}`,
    request: '申请延期',
    requestTitle: '申请延期',
    requestBody: (v: string) => `向商家申请恢复过期的 ${v}。审核通过后，余额将退回卡内并延长有效期。`,
    notePlaceholder: '补充说明（选填）',
    requestConfirm: '提交申请',
    cancel: '取消',
    states: { pending: '审核中', approved: '已延期', declined: '未通过' } satisfies Record<ExtensionState, string>,
    stateHint: {
      pending: '商家审核中，结果会通过消息通知你',
      approved: (date: string) => `已延期至 ${date}`,
      declined: '商家未通过本次延期申请',
    } satisfies Record<ExtensionState, unknown>,
    /** The holder's message when the operator decided (a subscribe message's thing: ≤ 20 characters). */
    approvedNote: (date: string) => `延期通过，有效期至 ${date}`,
    declinedNote: '延期申请未通过',
    /** The operator's page. */
    title: '延期申请',
    pending: '待审核',
    decided: '已处理',
    empty: '暂无延期申请',
    holder: (masked: string) => `持卡人 ${masked}`,
    amount: '过期金额',
    requestedAt: (t: string) => `申请于 ${t}`,
    expiredAt: (t: string) => `过期于 ${t}`,
    holderNote: (note: string) => `留言：${note}`,
    months: '延期时长',
    monthsValue: (n: number) => `${n} 个月`,
    approve: '同意延期',
    decline: '不同意',
    approveTitle: '同意延期',
    approveBody: (v: string, n: number) => `将恢复 ${v} 并延期 ${n} 个月，确认吗？`,
    declineTitle: '不同意延期',
    declineBody: '持卡人将收到未通过的通知，确认吗？',
    decisionPlaceholder: '备注（选填）',
    approvedUntil: (date: string) => `已延期 · 至 ${date}`,
    declinedAt: (t: string) => `未通过 · ${t}`,
  },
} as const;
