/** Where each page lives, and the navigation every page uses to reach it. */
import Taro from '@tarojs/taro';
import type { CategoryId } from '../domain/catalog';
import { giftPlanQuery, type GiftPlan } from '../domain/gift-plan';

export const ROUTES = {
  home: '/pages/home/index',
  category: '/pages/category/index',
  search: '/pages/search/index',
  brand: '/pages/brand/index',
  login: '/pages/login/index',
  pay: '/pages/pay/index',
  result: '/pages/result/index',
  wallet: '/pages/wallet/index',
  card: '/pages/card/index',
  orders: '/pages/orders/index',
  order: '/pages/order/index',
  bind: '/pages/bind/index',
  gift: '/pages/gift/index',
  share: '/pages/share/index',
  claim: '/pages/claim/index',
  gifts: '/pages/gifts/index',
  payCode: '/pages/paycode/index',
  profile: '/pages/profile/index',
  /** The clerk's pages live in the merchant subpackage (src/app.config.ts). */
  merchantScan: '/merchant/pages/scan/index',
  merchantHistory: '/merchant/pages/history/index',
  merchantConsole: '/merchant/pages/console/index',
  merchantReports: '/merchant/pages/reports/index',
  merchantExtensions: '/merchant/pages/extensions/index',
  /** The operator's catalog, team, clerk join and batch issue pages. */
  merchantProducts: '/merchant/pages/products/index',
  merchantProduct: '/merchant/pages/product/index',
  merchantTeam: '/merchant/pages/team/index',
  merchantJoin: '/merchant/pages/join/index',
  merchantBatch: '/merchant/pages/batch/index',
} as const;

const go = (url: string): void => void Taro.navigateTo({ url });
const tab = (url: string): void => void Taro.switchTab({ url });
const q = encodeURIComponent;

/** The page a claim token opens (the share card's path; the H5 link adds the site's origin). */
export const claimPath = (token: string): string => `${ROUTES.claim}?t=${encodeURIComponent(token)}`;

export const navigate = {
  category: (id: CategoryId) => go(`${ROUTES.category}?id=${id}`),
  search: () => go(ROUTES.search),
  login: () => go(ROUTES.login),
  /** The local cloud's simulated pay sheet for a payment's prepay id. */
  paySheet: (prepayId: string, orderId: string) => go(`${ROUTES.pay}?token=${q(prepayId)}&orderId=${q(orderId)}`),
  result: (orderId: string) => void Taro.redirectTo({ url: `${ROUTES.result}?orderId=${q(orderId)}` }),
  home: () => tab(ROUTES.home),
  wallet: () => tab(ROUTES.wallet),
  card: (cardId: string) => go(`${ROUTES.card}?id=${q(cardId)}`),
  orders: () => tab(ROUTES.orders),
  order: (orderId: string) => go(`${ROUTES.order}?id=${q(orderId)}`),
  bind: () => go(ROUTES.bind),
  gift: (cardId: string) => go(`${ROUTES.gift}?cardId=${q(cardId)}`),
  /** After paying for a gift: the send step with the plan chosen at purchase, in place of the result. */
  sendStep: (cardId: string, plan: GiftPlan, replace: boolean) => {
    const query = Object.entries({ cardId, ...giftPlanQuery(plan), from: 'order' })
      .map(([k, v]) => `${k}=${q(v)}`)
      .join('&');
    const url = `${ROUTES.gift}?${query}`;
    if (replace) void Taro.redirectTo({ url });
    else go(url);
  },
  /** The gift just made replaces the form it was made with. */
  share: (giftId: string) => void Taro.redirectTo({ url: `${ROUTES.share}?giftId=${q(giftId)}` }),
  shareAgain: (giftId: string) => go(`${ROUTES.share}?giftId=${q(giftId)}`),
  gifts: (tab: 'sent' | 'received' = 'sent') => go(`${ROUTES.gifts}?tab=${tab}`),
  payCode: (cardId: string) => go(`${ROUTES.payCode}?cardId=${q(cardId)}`),
  profile: () => go(ROUTES.profile),
  merchantScan: () => go(ROUTES.merchantScan),
  merchantHistory: () => go(ROUTES.merchantHistory),
  merchantConsole: () => go(ROUTES.merchantConsole),
  merchantReports: (brandId: string) => go(`${ROUTES.merchantReports}?brandId=${q(brandId)}`),
  merchantExtensions: (brandId: string) => go(`${ROUTES.merchantExtensions}?brandId=${q(brandId)}`),
  merchantProducts: (brandId: string) => go(`${ROUTES.merchantProducts}?brandId=${q(brandId)}`),
  merchantProduct: (brandId: string, id?: string) =>
    go(`${ROUTES.merchantProduct}?brandId=${q(brandId)}${id ? `&id=${q(id)}` : ''}`),
  merchantTeam: (brandId: string) => go(`${ROUTES.merchantTeam}?brandId=${q(brandId)}`),
  merchantJoin: (code = '') => go(`${ROUTES.merchantJoin}?code=${q(code)}`),
  merchantBatch: (brandId: string) => go(`${ROUTES.merchantBatch}?brandId=${q(brandId)}`),
  back: () => void Taro.navigateBack().catch(() => Taro.switchTab({ url: ROUTES.home })),
  brand: (brandId: string, productId?: string) =>
    go(
      `${ROUTES.brand}?id=${encodeURIComponent(brandId)}${productId ? `&product=${encodeURIComponent(productId)}` : ''}`,
    ),
};
