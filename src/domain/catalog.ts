/**
 * The card catalog: categories, brands, card products and their faces. Shapes shared by the seed
 * data, the catalog function and the UI; plus the pure rules about products (which amounts a
 * product accepts, how its validity reads).
 */
import { fen, multiplyFen, type Fen } from './money';

export const CATEGORY_IDS = ['dining', 'retail', 'entertainment', 'supermarket', 'ecommerce'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** Occasions a face is for: 生日, 节日, 感谢, 爱意, 祝贺, 新年, 春节, 中秋, and an everyday one. */
export const THEME_IDS = [
  'birthday',
  'festival',
  'thanks',
  'love',
  'congrats',
  'newyear',
  'spring',
  'midautumn',
  'general',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

/** 记名 (registered, bound to its holder, may be reported lost) or 不记名 (bearer). */
export type CardKind = 'registered' | 'bearer';

/** Default caps per card kind (product.md): registered ¥5,000, bearer ¥1,000. */
export const KIND_CAP: Readonly<Record<CardKind, Fen>> = {
  registered: 500_000 as Fen,
  bearer: 100_000 as Fen,
};

/** The largest card any product may sell: the largest kind's cap. */
export const CARD_CAP: Fen = fen(Math.max(KIND_CAP.registered, KIND_CAP.bearer));

/**
 * The most one card can hold, and so the largest amount any request may carry (fenSchema's cap in
 * cloudfunctions/core/validate.ts where no product cap applies, such as a gift of part of a card): a
 * card of CARD_CAP plus its bonus, which is less than the card's own value (product rule `bonus`).
 */
export const AMOUNT_MAX: Fen = multiplyFen(CARD_CAP, 2);

export interface Category {
  _id: CategoryId;
  name: string;
  /** A short emoji-free glyph name the UI maps to an icon. */
  icon: string;
  sort: number;
}

export interface Brand {
  _id: string;
  name: string;
  category: CategoryId;
  /** Generated artwork (data: URI) or a cloud file id; never an external URL in seed data. */
  logo: string;
  slogan: string;
  description: string;
  /** Brand colour, #rrggbb, used for accents on its page. */
  color: string;
  /** Lower-case pinyin and aliases, so search by "xingbake" or "星巴克" both find it. */
  keywords: string[];
  sort: number;
  /** The stores where its cards are accepted (ids and display names). */
  stores: { id: string; name: string; address: string }[];
}

export interface CardFace {
  id: string;
  name: string;
  theme: ThemeId;
  /** A link to its picture in cloud storage (a face saved before faces were stored: a data: URI). */
  image: string;
  /** The blessing a buyer starts from; they may edit it. */
  blessing: string;
  /** The gradient it was drawn with, from → to, so the editor draws it again the same (faces saved before: none). */
  colors?: [string, string];
}

export type ValidityRule =
  | { type: 'fixedDate'; until: string /* ISO date, China time end of day */ }
  | { type: 'afterActivation'; months: number }
  | { type: 'never' };

export interface CustomAmountRange {
  min: Fen;
  max: Fen;
}

export interface CardProduct {
  _id: string;
  brandId: string;
  /** The brand's name, kept on the product so a purchase needs no second read. */
  brandName: string;
  name: string;
  kind: CardKind;
  /** Fixed denominations offered as chips, ascending. May be empty when only custom amounts are sold. */
  denominations: Fen[];
  /** Custom amount range, or null when only fixed denominations are sold. */
  customAmount: CustomAmountRange | null;
  faces: CardFace[];
  validity: ValidityRule;
  /** Plain-language usage rules shown on the brand page, one per line. */
  usageRules: string[];
  /** How many times a card may be gifted on (WeChat max_give_friend_times). */
  transferLimit: number;
  refundWindowDays: number;
  /** Bonus value ("充1000送100"): cards of at least `minAmount` get `amount` on top, never refundable. */
  bonus?: { minAmount: Fen; amount: Fen } | null;
  /**
   * Remaining stock, or null for unlimited. For a product with `stockShards` the live figure is the
   * sum of its shard documents (domain/stock.ts) and the views fill it in; the stored value is not
   * kept up to date and is never read for a sale.
   */
  stock: number | null;
  /** Limited stock kept in this many shard documents (productStock) rather than in `stock`. */
  stockShards?: number;
  onSale: boolean;
  featured: boolean;
  sort: number;
}

/** The cap that applies to a product: its kind's cap. */
export function productCap(product: Pick<CardProduct, 'kind'>, caps: Record<CardKind, Fen> = KIND_CAP): Fen {
  return caps[product.kind];
}

/** Whether a product sells `amount`: one of its denominations, or inside its custom range and cap. */
export function acceptsAmount(
  product: Pick<CardProduct, 'kind' | 'denominations' | 'customAmount'>,
  amount: Fen,
  caps: Record<CardKind, Fen> = KIND_CAP,
): boolean {
  if (amount <= 0 || amount > productCap(product, caps)) return false;
  if (product.denominations.includes(amount)) return true;
  const range = product.customAmount;
  return range !== null && amount >= range.min && amount <= range.max && amount % 100 === 0;
}

/** The themes a product's faces cover, in THEME_IDS order, without repeats. */
export function productThemes(product: Pick<CardProduct, 'faces'>): ThemeId[] {
  const present = new Set(product.faces.map((f) => f.theme));
  return THEME_IDS.filter((t) => present.has(t));
}

/** Bonus value a card of `amount` gets from its product. */
export function bonusFor(product: Pick<CardProduct, 'bonus'>, amount: Fen): Fen {
  const b = product.bonus;
  return b && amount >= b.minAmount ? b.amount : fen(0);
}
