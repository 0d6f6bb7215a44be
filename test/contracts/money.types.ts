/**
 * Type tests (checked by `npm run typecheck`, never run): money keeps its `Fen` type across the seam.
 * A plain number can't be sent where a contract wants an amount — it must come from the domain
 * (`fen()`, `yuanToFen()`, `parseYuanText()`) — and a function can only take an amount through
 * `fenSchema`. Every `@ts-expect-error` below must stay an error, or tsc fails on it.
 */
import type { CardView } from '../../src/contracts/wallet';
import type { GiftsActions } from '../../src/contracts/gifts';
import { ORDERS_FUNCTION, type CreateOrderInput, type OrdersActions } from '../../src/contracts/orders';
import { fen, formatPrice, yuanToFen } from '../../src/domain/money';
import { functionClient } from '../../src/services/function-client';
import type { Transport } from '../../src/services/transport-types';
import { orderActions } from '../../cloudfunctions/core/orders/order-actions';
import type { ActionsFor } from '../../cloudfunctions/core/router';
import { z } from '../../cloudfunctions/core/validate';

declare const transport: Transport;
const orders = functionClient<OrdersActions>(transport, ORDERS_FUNCTION);
const gifts = functionClient<GiftsActions>(transport, 'gifts');
const order: Omit<CreateOrderInput, 'amount'> = {
  productId: 'prod-x',
  faceId: 'face-x',
  quantity: 1,
  purpose: 'self',
  requestId: 'req-12345678',
};

// Amounts made by the domain are what a contract takes.
export const fromFen = orders('create', { ...order, amount: fen(10_000) });
export const fromYuan = orders('create', { ...order, amount: yuanToFen(100) });

// A plain number is not an amount.
// @ts-expect-error — `amount` is Fen
export const plainOrder = orders('create', { ...order, amount: 10_000 });
const send: Omit<GiftsActions['send']['input'], 'amount'> = {
  cardId: 'c',
  mode: 'single',
  blessing: '',
  senderName: 'a',
  requestId: 'r',
};
// @ts-expect-error — `amount` is Fen
export const plainGift = gifts('send', { ...send, amount: 500 });

// Views answer Fen, so the app formats them with no cast; a number can't stand in for one.
export const shown = (card: CardView): string => formatPrice(card.balance);
// @ts-expect-error — formatPrice takes Fen, not a number
export const unchecked = (n: number): string => formatPrice(n);

// A function whose schema takes an amount as a plain number doesn't serve the contract.
export const numberSchema = {
  ...orderActions,
  // @ts-expect-error — `create` takes `amount` through fenSchema, not z.number()
  create: { ...orderActions.create, input: orderActions.create.input.extend({ amount: z.number().int() }) },
} satisfies ActionsFor<OrdersActions>;
