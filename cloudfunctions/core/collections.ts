/** Collection names, one place (cloudfunctions/collections.json declares them with their indexes). */
export const C = {
  categories: 'categories',
  brands: 'brands',
  products: 'products',
  orders: 'orders',
  cards: 'cards',
  ledger: 'ledger',
  refunds: 'refunds',
  purchaseDays: 'purchaseDays',
  reviews: 'reviews',
  throttles: 'throttles',
  staff: 'staff',
  gifts: 'gifts',
  giftDays: 'giftDays',
  redemptions: 'redemptions',
  audit: 'audit',
} as const;
