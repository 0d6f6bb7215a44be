/**
 * Each category's drawn icon (餐饮 a bowl, 零售 a bag, 娱乐 a clapperboard, 商超 a cart, 电商 a
 * parcel), one line style for all: PNG files drawn by scripts/category-icons.ts, loaded as files of
 * their own on H5 and shown by the mini-program's <image>.
 */
import { Image } from '@tarojs/components';
import type { CategoryId } from '../domain/catalog';
import dining from '../assets/categories/dining.png';
import ecommerce from '../assets/categories/ecommerce.png';
import entertainment from '../assets/categories/entertainment.png';
import retail from '../assets/categories/retail.png';
import supermarket from '../assets/categories/supermarket.png';

const ICONS: Record<CategoryId, string> = { dining, retail, entertainment, supermarket, ecommerce };

export function CategoryIcon({ id, className }: { id: CategoryId; className?: string }) {
  return <Image className={className} src={ICONS[id]} mode="aspectFit" />;
}
