/** Display text for domain values, from the strings table. Pure, so it is tested in one-liners. */
import type { CardProduct, ValidityRule } from '../domain/catalog';
import { formatPrice, formatYuan, type Fen } from '../domain/money';
import { strings } from '../strings/zh-CN';

export function validityText(rule: ValidityRule): string {
  switch (rule.type) {
    case 'never':
      return strings.brand.validity.never;
    case 'afterActivation':
      return strings.brand.validity.afterActivation(rule.months);
    case 'fixedDate':
      return strings.brand.validity.fixedDate(rule.until);
  }
}

export function fromPriceText(fen: Fen): string {
  return strings.product.from(formatPrice(fen));
}

export function customRangeText(product: Pick<CardProduct, 'customAmount'>): string | undefined {
  const r = product.customAmount;
  return r ? strings.brand.customRange(formatPrice(r.min), formatPrice(r.max)) : undefined;
}

/**
 * Exact money — a balance, a payment, a history entry — always with two decimals, grouped
 * ("88.00" beside "23.50", not "88"). Prices of whole denominations keep formatPrice ("¥1,000").
 */
export function exactYuan(fen: Fen): string {
  const text = formatYuan(fen);
  return text.includes('.') ? text : `${text}.00`;
}

export function exactPrice(fen: Fen): string {
  return `¥${exactYuan(fen)}`;
}
