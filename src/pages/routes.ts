/** Where each page lives, and the navigation every page uses to reach it. */
import Taro from '@tarojs/taro';
import type { CategoryId } from '../domain/catalog';

export const ROUTES = {
  home: '/pages/home/index',
  category: '/pages/category/index',
  search: '/pages/search/index',
  brand: '/pages/brand/index',
} as const;

const go = (url: string): void => void Taro.navigateTo({ url });

export const navigate = {
  category: (id: CategoryId) => go(`${ROUTES.category}?id=${id}`),
  search: () => go(ROUTES.search),
  brand: (brandId: string, productId?: string) =>
    go(
      `${ROUTES.brand}?id=${encodeURIComponent(brandId)}${productId ? `&product=${encodeURIComponent(productId)}` : ''}`,
    ),
};
