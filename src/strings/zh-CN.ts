/** Every string the user reads, in one place (zh-CN first; another language would mirror this object). */
import type { ErrorCode } from '../domain/errors';
import type { laterErrors } from './zh-CN.errors-later';
import type { CardKind, CategoryId, ThemeId, ValidityRule } from '../domain/catalog';
import type { WalletGroup } from '../domain/card';
import { GIFT_RULES, type GiftState, type ShareMode } from '../domain/gift';
import { WECHAT_PAY_CLOSE_AFTER_MS, type CloseReason, type OrderStatus } from '../domain/order';
import { PAY_CODE_LENGTH, type PayCodeStatus, type RedeemRefusal } from '../domain/redemption';
import { PURCHASE_RULES } from '../domain/rules';
import type { ConsentMoment } from '../contracts/subscribe-templates';
import type { StaffView } from '../contracts/operator';
import type { DemoUser } from '../services/account-service';
import type { CameraProblem } from '../services/scanner-types';
import type { AmountProblem } from '../stores/clerk-store';

/** A typed amount that is not one (letters, a second point, a third decimal): the buy sheet's and the till's. */
const AMOUNT_FORMAT = '请输入正确的金额，最多两位小数';

/** The client's own code for a call that never reached the cloud (services/api-error.ts). */
const NETWORK_ERROR = 'NETWORK';

// Rule numbers in sentences are the rules' own values (src/domain), never typed again here.

/** A rule's length in words: minutes, hours up to a day, whole days beyond ("30 分钟", "24 小时", "7 天"). */
export function ruleSpan(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes % 60 !== 0) return `${minutes} 分钟`;
  const hours = minutes / 60;
  return hours > 24 && hours % 24 === 0 ? `${hours / 24} 天` : `${hours} 小时`;
}

/** A rule's amount as said in a sentence: whole 万 where it is one ("1 万元"), else yuan ("5000 元"). */
export function ruleYuan(fen: number): string {
  const yuan = fen / 100;
  return yuan >= 10_000 && yuan % 10_000 === 0 ? `${yuan / 10_000} 万元` : `${yuan} 元`;
}

/** The till's refusals, each with its title (the page looks one up by the code it got). */
const TILL_REFUSAL_TITLES = {
  PAY_CODE_INVALID: '无效的付款码',
  PAY_CODE_EXPIRED: '付款码已过期',
  PAY_CODE_USED: '付款码已使用',
  WRONG_MERCHANT: '非本店可用的卡',
  INSUFFICIENT_BALANCE: '卡内余额不足',
  PAY_DECLINED: '顾客已拒绝',
  CARD_NOT_ACTIVE: '卡片不可用',
  CARD_EXPIRED: '卡片已过期',
  CONFIRM_TIMEOUT: '顾客未确认',
} satisfies Record<RedeemRefusal | 'PAY_CODE_INVALID' | 'PAY_DECLINED' | 'CONFIRM_TIMEOUT', string>;

export const zhCN = {
  appName: '礼品卡中心',
  amountFormat: AMOUNT_FORMAT,
  home: {
    tagline: '一张礼品卡，送出一份心意',
    searchPlaceholder: '搜索品牌，如 咖啡、火锅、超市',
    categoriesTitle: '全部分类',
    featuredTitle: '精选好礼',
    featuredSubtitle: '送给重要的人',
    themeSubtitle: '挑一张最合心意的卡面',
  },
  categories: {
    dining: '餐饮',
    retail: '零售',
    entertainment: '娱乐',
    supermarket: '商超',
    ecommerce: '电商',
  } satisfies Record<CategoryId, string>,
  themes: {
    birthday: '生日祝福',
    festival: '节日心意',
    thanks: '感谢有你',
    love: '爱意表达',
    congrats: '恭喜祝贺',
    newyear: '新年快乐',
    spring: '春节吉祥',
    midautumn: '中秋团圆',
    general: '通用好礼',
  } satisfies Record<ThemeId, string>,
  product: {
    from: (price: string) => `${price} 起`,
    kind: { registered: '记名卡', bearer: '不记名卡' } satisfies Record<CardKind, string>,
    offSale: '已停售',
  },
  category: {
    brandsTitle: '品牌',
    productsTitle: '礼品卡',
    productCount: (n: number) => `${n} 款礼品卡`,
  },
  search: {
    placeholder: '搜索品牌或礼品卡',
    cancel: '取消',
    hint: '输入品牌名或拼音，如 “kafei”',
    brandsTitle: '品牌',
    productsTitle: '礼品卡',
    empty: (k: string) => `没有找到与“${k}”相关的品牌`,
    emptyHint: '换个关键词试试，或去首页逛逛',
  },
  brand: {
    facesTitle: '选择卡面',
    blessingTitle: '默认祝福语',
    denominationsTitle: '面值',
    customRange: (min: string, max: string) => `支持自定义金额 ${min}–${max}`,
    detailsTitle: '卡片信息',
    kindLabel: '卡片类型',
    validityLabel: '有效期',
    transferLabel: '转赠次数',
    transferTimes: (n: number) => `可转赠 ${n} 次`,
    refundLabel: '退款',
    refundRule: (days: number) => `购买 ${days} 天内未使用可退`,
    rulesTitle: '使用须知',
    storesTitle: '适用门店',
    validity: {
      never: '长期有效',
      afterActivation: (months: number) =>
        months % 12 === 0 ? `激活后 ${months / 12} 年内有效` : `激活后 ${months} 个月内有效`,
      fixedDate: (date: string) => `有效期至 ${date}`,
    } satisfies Record<ValidityRule['type'], unknown>,
  },
  tabs: { home: '首页', wallet: '卡包', gifts: '礼品', orders: '订单' },
  login: {
    title: '选择体验账号',
    subtitle: '本地云环境的演示账号，无需密码',
    roles: { holder: '持卡人', recipient: '受赠人', clerk: '门店店员', operator: '商户运营' } satisfies Record<
      DemoUser['role'],
      string
    >,
    signingIn: '登录中…',
    signOut: '退出登录',
    signedInAs: (name: string) => `当前账号：${name}`,
  },
  buy: {
    open: '立即购买',
    title: '购买礼品卡',
    face: '卡面',
    amount: '面值',
    custom: '自定义金额',
    customPlaceholder: (min: string, max: string) => `输入 ${min}–${max} 的整数金额`,
    customInvalid: (min: string, max: string) => `请输入 ${min}–${max} 之间的整元金额`,
    quantity: '数量',
    blessing: '祝福语',
    blessingPlaceholder: '写下你的祝福',
    purpose: '用途',
    self: '自用',
    gift: '送朋友',
    bonus: (bonus: string) => `每张赠送 ${bonus}（赠送金额不可退）`,
    total: '合计',
    pay: '去支付',
    paying: '下单中…',
    realNameTitle: `当日购卡满 ${ruleYuan(PURCHASE_RULES.realNameDailyFen)}，请完成实名登记`,
    realNameName: '真实姓名',
    realNameId: '身份证号',
    close: '关闭',
  },
  pay: {
    localBadge: '本地模拟支付',
    localNote: '这是本地云的模拟微信支付，不会产生真实扣款',
    confirm: '确认支付',
    cancel: '取消',
    confirming: '支付中…',
    closed: '该笔支付已关闭',
    paid: '该笔订单已支付',
  },
  result: {
    confirming: '正在确认支付结果…',
    success: '支付成功',
    successHint: (n: number) => `${n} 张礼品卡已放入卡包`,
    stillConfirming: '支付结果确认中，请稍后在订单中查看',
    closed: '订单已关闭',
    toWallet: '去卡包',
    toOrder: '查看订单',
  },
  wallet: {
    title: '我的卡包',
    totalBalance: '可用余额（元）',
    groups: {
      usable: '可使用',
      gifting: '赠送中',
      used: '已用完',
      expired: '已过期',
      refunded: '已退款',
    } satisfies Record<WalletGroup, string>,
    empty: '这里还没有卡',
    emptyHint: '去首页挑一张心意卡吧',
    bind: '绑定实体卡',
    balance: '余额',
    last4: (last4: string) => `尾号 ${last4}`,
    signIn: '登录后查看卡包',
    payCode: '付款码',
  },
  merchant: {
    entry: '商户收款',
    entryHint: '扫码收款 · 今日收款',
    consoleEntry: '商户工作台',
    consoleEntryHint: '经营看板 · 卡券 · 门店店员 · 对账',
    staffOnly: '仅限商户店员使用',
    staffOnlyHint: '如需开通，请联系商户管理员添加店员',
    back: '返回',
    signIn: '登录后使用商户收款',
    roles: { clerk: '店员', operator: '运营' } satisfies Record<StaffView['role'], string>,
    chooseStore: '选择收款门店',
    scan: '扫码收款',
    scanHint: '扫描顾客出示的付款码',
    scannerHint: '将付款码放入框内，即可自动扫描',
    scannerCancel: '取消',
    camera: {
      denied: '未获得摄像头权限，请手动输入付款码',
      'no-camera': '无法使用摄像头，请手动输入付款码',
    } satisfies Record<CameraProblem, string>,
    manual: '手动输入付款码',
    manualPlaceholder: `付款码下方的 ${PAY_CODE_LENGTH} 位数字`,
    manualMistyped: '付款码有误，请核对后重新输入',
    lookUp: '查询',
    looking: '查询中…',
    balance: '卡内余额',
    validity: '卡片有效期',
    neverExpires: '长期有效',
    codeValid: (seconds: number) => `付款码 ${seconds} 秒内有效`,
    codeExpired: '付款码已过期，请让顾客刷新后重新扫码',
    amount: '收款金额',
    amountPlaceholder: (max: string) => `最多 ${max}`,
    amountAll: (amount: string) => `全部 ${amount}`,
    amountProblems: {
      format: AMOUNT_FORMAT,
      zero: '收款金额需大于 0',
      overBalance: (max: string) => `超出卡内余额 ${max}`,
      overLimit: (max: string) => `单笔最多收款 ${max}`,
      // overOffline: the till's offline strings (zh-CN.merchant.ts).
    } satisfies Record<Exclude<AmountProblem, 'overOffline'>, unknown>,
    confirmNote: (limit: string) => `超过 ${limit} 需顾客在手机上确认`,
    redeem: '确认收款',
    redeeming: '收款中…',
    rescan: '重新扫码',
    waiting: '等待顾客确认',
    waitingHint: (seconds: number) => `请顾客在 ${seconds} 秒内在手机上确认`,
    success: '收款成功',
    balanceAfter: (amount: string) => `卡内剩余 ${amount}`,
    reverse: '撤销',
    reverseTitle: '撤销这笔收款？',
    reverseBody: (amount: string) => `${amount} 将退回顾客卡内，撤销后不能恢复。`,
    reverseConfirm: '确认撤销',
    reversedAt: (time: string) => `已于 ${time} 撤销`,
    reversibleUntil: (time: string) => `${time} 前可撤销`,
    next: '继续收款',
    history: '今日收款',
    historyEmpty: '今天还没有收款',
    historyEmptyHint: '收款后会出现在这里',
    net: '今日实收（元）',
    count: (n: number) => `收款 ${n} 笔`,
    reversedTotal: (n: number, amount: string) => `撤销 ${n} 笔 ${amount}`,
    status: {
      issued: '未使用',
      pending: '待确认',
      completed: '已收款',
      declined: '已拒绝',
      reversed: '已撤销',
      expired: '已超时',
    } satisfies Record<PayCodeStatus, string>,
    refusalTitles: TILL_REFUSAL_TITLES as Readonly<Record<string, string | undefined>>,
    refusalFallback: '收款失败',
    /** Under a refusal's title (which says what happened): what to do next, not the same words again. */
    refusalNext: {
      PAY_CODE_INVALID: '请顾客刷新付款码后重新出示',
      PAY_CODE_EXPIRED: '请顾客刷新付款码后重新出示',
      PAY_CODE_USED: '请顾客刷新付款码后重新出示',
      WRONG_MERCHANT: '这张卡不能在本店使用，请顾客换一张卡',
      INSUFFICIENT_BALANCE: '请顾客换一张卡，或减少收款金额',
      PAY_DECLINED: '本次未扣款，如需收款请重新发起',
      CARD_NOT_ACTIVE: '这张卡当前不能使用，请顾客换一张卡',
      CARD_EXPIRED: '这张卡已过期，请顾客换一张卡',
      CONFIRM_TIMEOUT: '顾客未在时限内确认，本次未扣款',
    } as Record<string, string>,
    retype: '重新输入',
  },
  orders: {
    title: '我的订单',
    empty: '还没有订单',
    signIn: '登录后查看订单',
    status: { pending: '待支付', paid: '已支付', closed: '已关闭' } satisfies Record<OrderStatus, string>,
    quantity: (n: number) => `×${n}`,
    total: '实付',
    pay: '去支付',
    cancel: '取消订单',
    payBy: (time: string) => `请在 ${time} 前完成支付`,
    cancelling: `正在取消：微信支付下单 ${ruleSpan(WECHAT_PAY_CLOSE_AFTER_MS)}后才能关闭，届时订单自动关闭`,
    closeReason: { timeout: '超时未支付', cancelled: '已取消' } satisfies Record<CloseReason, string>,
    cards: '本单礼品卡',
    createdAt: '下单时间',
    orderNo: '订单号',
    refund: {
      processing: '退款中',
      part: '部分退款',
      all: '已退款',
      label: '退款',
      line: (cards: number, amount: string, processing: boolean) =>
        `${cards} 张卡${processing ? '退款中' : '已退款'} · ${amount} 退回原支付账户`,
    },
  },
  gift: {
    open: '送给朋友',
    title: '赠送礼品卡',
    single: '送一位好友',
    // 红包 promises cash; this is a card shared out in a group chat.
    group: '群礼品',
    mode: '赠送方式',
    whole: '整张卡',
    part: '拆分金额',
    amount: '赠送金额',
    amountPlaceholder: (max: string) => `最多 ${max}`,
    amountInvalid: (max: string) => `请输入 0.01–${max} 之间的金额`,
    shares: '份数',
    sharesHint: (min: number, max: number) => `${min}–${max} 份`,
    shareMode: { equal: '平均分', random: '拼手气' } satisfies Record<ShareMode, string>,
    blessing: '祝福语',
    blessingPlaceholder: '写下你的祝福',
    senderName: '署名',
    senderNamePlaceholder: '好友看到的你的名字',
    face: '卡面',
    send: '生成礼品',
    sending: '生成中…',
    leftToday: (n: number) => `今天还可赠送 ${n} 次`,
    windowNote: `好友需在 ${ruleSpan(GIFT_RULES.claimWindowMs)}内领取，超时未领取将自动退回你的卡包`,
    shareTitle: '礼品已准备好',
    shareHint: '把链接或二维码发给好友，领取后卡片放入 TA 的卡包',
    shareMessage: (name: string) => `${name ? `${name} ` : ''}送你一张礼品卡，快来领取吧`,
    stateLabel: '状态',
    copyLink: '复制领取链接',
    copied: '链接已复制',
    shareToChat: '发送给好友',
    qrHint: '好友扫码领取',
    wxacodeHint: '微信扫一扫小程序码，直接打开领取',
    cancel: '撤回礼品',
    cancelTitle: '确认撤回',
    cancelBody: '撤回后好友将无法领取，卡片回到你的卡包。',
    cancelled: '已撤回',
    toGifts: '查看我送出的礼品',
    sentTab: '我送出的',
    receivedTab: '我收到的',
    listTitle: '我的礼品',
    emptySent: '还没有送出过礼品',
    emptyReceived: '还没有收到过礼品',
    states: {
      open: '待领取',
      partlyClaimed: '部分领取',
      claimed: '已领取',
      returning: '退回中',
      returned: '已退回',
      cancelled: '已撤回',
    } satisfies Record<GiftState, string>,
    claimedBy: (name: string, time: string) => `${name} 于 ${time} 领取`,
    progress: (n: number, total: number) => `已领取 ${n}/${total} 份`,
    expiresIn: (left: string) => `${left}后未领取将退回`,
    from: (name: string) => `来自 ${name}`,
    outbox: '消息通知（本地）',
    outboxEmpty: '还没有消息',
    /** A card that came as a gift starts its next gift from this, not from its sender's words. */
    defaultBlessing: '送你一份心意，愿你喜欢',
    transfersLeft: (n: number) => (n > 0 ? `还可转赠 ${n} 次` : '转赠次数已用完，不能再送出'),
    backToCard: '返回卡片',
  },
  /** The app's own subscribe-message sheet (where WeChat's dialog is not available). */
  consent: {
    title: '接收消息通知',
    sendGift: '好友领取、道谢或礼品退回时，通知你一次',
    claimGift: '礼品卡放入你的卡包时，通知你一次',
    buy: '卡片快到期时，提醒你一次',
    requestExtension: '商家处理你的延期申请后，通知你一次',
    sendSealedGift: '礼品开启、好友领取或礼品退回时，通知你一次',
    remindOpening: '礼品开启时，通知你一次',
    hint: '每次允许只发送一条通知；拒绝不影响本次操作',
    allow: '允许',
    reject: '拒绝',
  } satisfies Record<ConsentMoment | 'title' | 'hint' | 'allow' | 'reject', string>,
  claim: {
    title: '收到一份礼品',
    sentYou: (name: string) => `${name} 送你一张礼品卡`,
    group: (left: number, total: number) => `群礼品 · 剩余 ${left}/${total} 份`,
    timeLeft: (left: string) => `剩余领取时间 ${left}`,
    yourName: '你的名字',
    yourNamePlaceholder: '让对方知道是谁领取了',
    claim: '领取到卡包',
    claiming: '领取中…',
    signIn: '登录后领取',
    success: '领取成功',
    successHint: (amount: string) => `${amount} 已放入你的卡包`,
    toCard: '查看卡片',
    toWallet: '去卡包',
    notFound: '礼品链接无效',
    notFoundHint: '请向赠送人确认链接是否完整',
    ownHint: '把链接发给好友，让 TA 来领取吧',
    alreadyClaimed: '你已领取',
    sentBy: (name: string) => `${name} 送出的礼品卡`,
    ownTitle: '你送出的礼品',
    /** The sender reopening her own gift's link, by what became of it. */
    senderSees: {
      GIFT_CLAIMED: '好友已领取这份礼品',
      GIFT_ALL_CLAIMED: '礼品已被领完',
      GIFT_EXPIRED: '好友未按时领取，礼品已退回你的卡包',
      GIFT_CANCELLED: '你已撤回这份礼品',
    },
  },
  /** Gifting the WeChat way (issue 21): buying to send, sealed gifts, thank-yous, private share cards. */
  duration: (ms: number) => {
    const m = Math.max(0, Math.floor(ms / 60_000));
    const h = Math.floor(m / 60);
    return h > 0 ? `${h} 小时 ${m % 60} 分钟` : `${m} 分钟`;
  },
  privacy: {
    title: '隐私保护提示',
    body: '复制链接、填写实名信息（身份证号码）等功能会使用你的个人信息。使用前请阅读并同意',
    contract: '《礼品卡中心隐私保护指引》',
    bodyEnd: '。拒绝后这些功能暂不可用，其他功能不受影响。',
    agree: '同意并继续',
    disagree: '拒绝',
    idNeedsConsent: '同意隐私保护指引后才能填写身份证号码，点此查看',
    copyRefused: '未同意隐私保护指引，无法复制',
  },
  state: {
    loading: '加载中…',
    retry: '重新加载',
    signIn: '去登录',
    emptyTitle: '这里还空空的',
    toHome: '去首页逛逛',
    toWallet: '去卡包',
  },
  /** Every stable error code's message: a code added to ErrorCode without one fails to compile. */
  errors: {
    NETWORK: '网络不太顺畅，请检查网络后重试',
    INVALID_ARGUMENT: '请求有误，请返回重试',
    UNKNOWN_ACTION: '当前版本过旧，请更新后重试',
    NOT_FOUND: '没有找到相关内容，可能已下架',
    UNAUTHENTICATED: '请先登录',
    FORBIDDEN: '没有权限进行此操作',
    RATE_LIMITED: '操作太频繁，请稍后再试',
    CONFLICT: '操作冲突，请重试',
    INTERNAL: '服务开小差了，请稍后重试',
    OFF_SALE: '这张卡已停售',
    AMOUNT_NOT_ALLOWED: '不支持这个金额，请重新选择',
    SOLD_OUT: '库存不足，已售罄',
    REAL_NAME_REQUIRED: `当日购卡满 ${ruleYuan(PURCHASE_RULES.realNameDailyFen)}需实名登记`,
    IDEMPOTENCY_MISMATCH: '订单信息有变化，请重新下单',
    ORDER_NOT_PENDING: '订单已支付或已关闭',
    PAYMENT_FAILED: '支付没有完成，请重试',
    BIND_FAILED: '卡号或卡密不正确，或该卡无法绑定',
    CARD_USED: '卡片已使用，无法退款',
    CARD_GIFTED: '卡片已转赠过，无法退款',
    // Each product has its own window: the card page shows its date.
    REFUND_WINDOW_PASSED: '已过可退款期限，无法退款',
    NOT_REFUNDABLE: '这张卡不支持退款',
    CARD_NOT_ACTIVE: '卡片当前状态无法操作',
    CARD_EXPIRED: '卡片已过期，无法使用或转赠',
    TRANSFER_LIMIT: '这张卡的转赠次数已用完',
    GIFT_DAILY_LIMIT: `今天的赠送次数已用完（每天最多 ${GIFT_RULES.dailyLimit} 次），明天再来吧`,
    OWN_GIFT: '这是你自己送出的礼品，不能领取哦',
    GIFT_CLAIMED: '来晚了，礼品已被领取',
    GIFT_ALL_CLAIMED: '来晚了，礼品已被领完',
    GIFT_ALREADY_CLAIMED: '你已经领过这份礼品了',
    GIFT_EXPIRED: '礼品已过领取时限，已退回给赠送人',
    GIFT_CANCELLED: '赠送人已撤回这份礼品',
    GIFT_PRIVATE: '这份礼品是私密的，只能在收到它的微信聊天里打开',
    GIFT_SEALED: '礼品还没到开启时间，到时再来领取吧',
    GIFT_NOT_CANCELLABLE: '礼品已被领取或已退回，无法撤回',
    INSUFFICIENT_BALANCE: '卡内余额不足',
    THANKS_ALREADY_SENT: '你已经感谢过 TA 了',
  } satisfies Record<Exclude<ErrorCode, keyof typeof laterErrors> | typeof NETWORK_ERROR, string>,
} as const;

export const strings = zhCN;

/** Messages of errors only the staff pages and a card's own pages meet, once those pages loaded them. */
const later: Record<string, string> = {};

/** Adds messages kept out of the first load (zh-CN.errors-later.ts registers its own on import). */
export function registerErrorMessages(more: Record<string, string>): void {
  Object.assign(later, more);
}

/** The message for an error code, falling back to the generic one. */
export function errorMessage(code: string | undefined): string {
  const table: Record<string, string> = strings.errors;
  return (code && (table[code] ?? later[code])) || strings.errors.INTERNAL;
}
