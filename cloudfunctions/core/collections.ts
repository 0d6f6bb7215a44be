/** Collection names, one place (cloudfunctions/collections.json declares them with their indexes). */
export const C = {
  categories: 'categories',
  brands: 'brands',
  products: 'products',
  /** Limited stock in shards, `${productId}-kNN` (core/orders/stock-shards.ts): no hot counter. */
  productStock: 'productStock',
  /** The catalog's stamp, changed by every product write (core/catalog/home-cache.ts). */
  catalogStamps: 'catalogStamps',
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
  /** A group gift's shares, one document each (core/gifts/group-shares.ts): claims never meet on one. */
  giftShares: 'giftShares',
  /** One per claimer and group gift, added by the claim: nobody claims two shares of one gift. */
  giftClaims: 'giftClaims',
  /** Thank-yous back to a gift's sender, one per gift and claimer (core/gifts/thanks.ts). */
  giftThanks: 'giftThanks',
  /** Friends who asked to be told when a sealed gift opens (core/gifts/openings.ts). */
  giftWatchers: 'giftWatchers',
  redemptions: 'redemptions',
  /** Offline pay code keys, one per card, device and day (core/redeem/offline-keys.ts): never their secrets. */
  offlineKeys: 'offlineKeys',
  /** What a card spent with offline codes in a China day, `${cardId}.${day}`: the offline cap's counter. */
  offlineSpend: 'offlineSpend',
  audit: 'audit',
  reconciliations: 'reconciliations',
  /** Holders' extension requests for expired cards (core/expiry). */
  extensions: 'extensions',
  /** One record per expiry reminder sent, so the daily sweep never sends one twice. */
  expiryReminders: 'expiryReminders',
  /** One-time clerk invites (core/merchant/invites.ts): codes kept only as keyed hashes. */
  invites: 'invites',
  /** Batch issues in progress or done (core/merchant/issue-batch.ts): how far each got, never its codes. */
  batches: 'batches',
  /** Nicknames and avatars, one per person keyed by OPENID (core/wallet/profile.ts). */
  profiles: 'profiles',
} as const;
