/** Every string the user reads, in one place (zh-CN first; another language would mirror this object). */
import type { CategoryId, ThemeId } from '../domain/catalog';

export const zhCN = {
  appName: '礼品卡中心',
  home: {
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
    general: '通用好礼',
  } satisfies Record<ThemeId, string>,
  product: {
    from: (price: string) => `${price} 起`,
    kind: { registered: '记名卡', bearer: '不记名卡' },
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
    },
  },
  state: {
    loading: '加载中…',
    retry: '重新加载',
    emptyTitle: '这里还空空的',
  },
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
  },
} as const;

export const strings = zhCN;

/** The message for an error code, falling back to the generic one. */
export function errorMessage(code: string | undefined): string {
  const table: Record<string, string> = strings.errors;
  return (code && table[code]) || strings.errors.INTERNAL;
}
