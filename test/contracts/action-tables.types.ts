/**
 * Type tests (checked by `npm run typecheck`, never run): each function's action table is tied to
 * its contract, so a table that lost an action, grew one, misspelt one or answers the wrong shape
 * does not compile. Every `@ts-expect-error` below must stay an error, or tsc fails on it.
 */
import type { OrdersActions } from '../../src/contracts/orders';
import type { MerchantActions } from '../../src/contracts/merchant';
import { orderActions } from '../../cloudfunctions/core/orders/order-actions';
import { merchantActions } from '../../cloudfunctions/core/merchant/merchant-actions';
import { action, type ActionsFor } from '../../cloudfunctions/core/router';
import { z } from '../../cloudfunctions/core/validate';

// The tables as they are fit their contracts.
export const orders: ActionsFor<OrdersActions> = orderActions;
export const merchant: ActionsFor<MerchantActions> = merchantActions;

// An action removed from the table.
const { cancel: _cancel, ...withoutCancel } = orderActions;
// @ts-expect-error — `cancel` is missing
export const missing: ActionsFor<OrdersActions> = withoutCancel;

// An action the contract doesn't have.
export const extra = {
  ...orderActions,
  // @ts-expect-error — `refundAll` is not an action of the contract
  refundAll: orderActions.cancel,
} satisfies ActionsFor<OrdersActions>;

// A misspelt action (the compiler names the stray one; the real one is then missing too).
export const misspelt = {
  ...withoutCancel,
  // @ts-expect-error — `cancle` is not an action of the contract
  cancle: orderActions.cancel,
} satisfies ActionsFor<OrdersActions>;

// An answer of the wrong shape.
export const wrongOutput = {
  ...orderActions,
  // @ts-expect-error — `list` answers `{ orders: OrderView[] }`
  list: action({ access: 'user', input: z.object({}).strict(), run: async () => ({ orders: 'none' }) }),
} satisfies ActionsFor<OrdersActions>;

// A schema that takes another field than the contract's.
export const wrongInput = {
  ...orderActions,
  // @ts-expect-error — `detail` takes `{ orderId }`
  detail: action({ access: 'user', input: z.object({ id: z.string() }).strict(), run: orderActions.detail.run }),
} satisfies ActionsFor<OrdersActions>;

// Without the misspelt one, the table is short of `cancel`.
// @ts-expect-error — `cancel` is missing
export const short = { ...withoutCancel } satisfies ActionsFor<OrdersActions>;
