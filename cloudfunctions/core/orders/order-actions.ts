/**
 * The orders function's actions. Identity is the caller's OPENID; an order of someone else is
 * reported as not found. Creating is idempotent by request id; paying goes through the payments
 * port; what WeChat Pay says — its notification, the poller's query or the buyer's `sync` — marks
 * an order paid, never the client's word.
 */
import { CARD_CAP } from '../../../src/domain/catalog';
import { ErrorCode, DomainError } from '../../../src/domain/errors';
import { ORDER_STATUSES, type Order } from '../../../src/domain/order';
import { PURCHASE_RULES } from '../../../src/domain/rules';
import { GIFT_RULES } from '../../../src/domain/gift';
import type { Card } from '../../../src/domain/card';
import { ORDER_LIMITS, type OrdersActions, type PaymentRequest } from '../../../src/contracts/orders';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import { PAY_CALLBACK_FUNCTION, PaymentError, payments } from '../payments';
import { action, type ActionsFor } from '../router';
import { fenSchema, idSchema, personTextSchema, requestIdSchema, z } from '../validate';
import { toCardView, type RefundRecord } from '../wallet/views';
import { closeOrder } from './close-order';
import { createOrder } from './create-order';
import { settleFromPayment } from './settle';
import { toOrderView } from './views';

type Out<A extends keyof OrdersActions> = OrdersActions[A]['output'];

/** The caller's refunds of these orders' cards (a paid order's cards may be refunded one by one). */
async function refundsOf(owner: string, orderIds: string[]): Promise<RefundRecord[]> {
  if (orderIds.length === 0) return [];
  const db = getDatabase();
  return rows<RefundRecord>(
    await db
      .collection(C.refunds)
      .where({ owner, orderId: db.command.in(orderIds) })
      .limit(ORDER_LIMITS.listMax * PURCHASE_RULES.maxQuantity)
      .get(),
  );
}

const orderId = z.string().regex(/^o[0-9a-f]{24}$/, 'malformed order id');

const createInput = z
  .object({
    productId: idSchema(ORDER_LIMITS.idMax),
    faceId: idSchema(ORDER_LIMITS.idMax),
    amount: fenSchema({ max: CARD_CAP }),
    quantity: z.number().int().min(1).max(PURCHASE_RULES.maxQuantity),
    blessing: personTextSchema(1, ORDER_LIMITS.blessingMax).optional(),
    purpose: z.enum(['self', 'gift']),
    giftPlan: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('single') }).strict(),
        z
          .object({
            mode: z.literal('group'),
            shares: z.number().int().min(GIFT_RULES.minShares).max(GIFT_RULES.maxShares),
            shareMode: z.enum(['equal', 'random']),
          })
          .strict(),
      ])
      .optional(),
    requestId: requestIdSchema(ORDER_LIMITS.requestIdMax),
    realName: z
      .object({
        name: z.string().trim().min(2).max(ORDER_LIMITS.realNameMax),
        idNumber: z.string().regex(/^\d{17}[\dX]$/, 'malformed id number'),
      })
      .strict()
      .optional(),
  })
  .strict();

async function myOrder(id: string, caller: CallerContext): Promise<Order> {
  const order = rows<Order>(
    await getDatabase().collection(C.orders).where({ _id: id, owner: caller.openId }).limit(1).get(),
  )[0];
  if (!order) throw new DomainError(ErrorCode.NOT_FOUND, 'order not found');
  return order;
}

async function paymentFor(order: Order, clientIp: string): Promise<PaymentRequest> {
  try {
    return await payments().createPayment({
      outTradeNo: order._id,
      totalFee: order.total,
      description: `${order.brandName} ${order.productName} ×${order.quantity}`,
      callbackFunction: PAY_CALLBACK_FUNCTION,
      expireAt: order.payBy,
      clientIp,
    });
  } catch (e) {
    if (e instanceof PaymentError) throw new DomainError(ErrorCode.PAYMENT_FAILED, 'payment could not be started');
    throw e;
  }
}

export const orderActions = {
  create: action({
    access: 'user',
    input: createInput,
    run: async (input, caller): Promise<Out<'create'>> => {
      // Checked here rather than by a refinement, which would hide the schema's fields from the attack tests.
      if (input.giftPlan !== undefined && input.purpose !== 'gift')
        throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'giftPlan: only for an order bought to gift');
      const { order } = await createOrder(caller.openId, input, now(), PURCHASE_RULES);
      const payment = order.status === 'pending' ? await paymentFor(order, '') : null;
      return { order: toOrderView(order), payment };
    },
  }),

  pay: action({
    access: 'user',
    input: z.object({ orderId }).strict(),
    run: async ({ orderId: id }, caller): Promise<Out<'pay'>> => {
      const order = await myOrder(id, caller);
      if (order.status !== 'pending' || order.payBy <= now() || order.cancelRequestedAt !== undefined) {
        throw new DomainError(ErrorCode.ORDER_NOT_PENDING, 'the order is not waiting for payment');
      }
      return { order: toOrderView(order), payment: await paymentFor(order, '') };
    },
  }),

  list: action({
    access: 'user',
    input: z.object({ status: z.enum(ORDER_STATUSES).optional() }).strict(),
    run: async ({ status }, caller): Promise<Out<'list'>> => {
      const where: Record<string, unknown> = { owner: caller.openId };
      if (status) where.status = status;
      const orders = rows<Order>(
        await getDatabase()
          .collection(C.orders)
          .where(where)
          .orderBy('createdAt', 'desc')
          .limit(ORDER_LIMITS.listMax)
          .get(),
      );
      const refunds = await refundsOf(
        caller.openId,
        orders.filter((o) => o.status === 'paid').map((o) => o._id),
      );
      return { orders: orders.map((o) => toOrderView(o, refunds)) };
    },
  }),

  detail: action({
    access: 'user',
    input: z.object({ orderId }).strict(),
    run: async ({ orderId: id }, caller): Promise<Out<'detail'>> => {
      const order = await myOrder(id, caller);
      const db = getDatabase();
      const cards =
        order.cardIds.length === 0
          ? []
          : rows<Card>(
              await db
                .collection(C.cards)
                .where({ _id: db.command.in(order.cardIds), owner: caller.openId })
                .get(),
            );
      const at = now();
      const refunds = order.status === 'paid' ? await refundsOf(caller.openId, [order._id]) : [];
      return { order: toOrderView(order, refunds), cards: cards.map((c) => toCardView(c, at)) };
    },
  }),

  cancel: action({
    access: 'user',
    input: z.object({ orderId }).strict(),
    run: async ({ orderId: id }, caller): Promise<Out<'cancel'>> => {
      const order = await myOrder(id, caller);
      if (order.status !== 'pending')
        throw new DomainError(ErrorCode.ORDER_NOT_PENDING, 'only unpaid orders can be cancelled');
      if ((await closeOrder(order, 'cancelled', now())) === 'paid') {
        // Paid before the cancel reached WeChat Pay: the order is settled, and the cancel refused.
        throw new DomainError(ErrorCode.ORDER_NOT_PENDING, 'the order was paid before it could be cancelled');
      }
      return { order: toOrderView(await myOrder(id, caller)) };
    },
  }),

  sync: action({
    access: 'user',
    input: z.object({ orderId }).strict(),
    run: async ({ orderId: id }, caller): Promise<Out<'sync'>> => {
      const order = await myOrder(id, caller);
      if (order.status !== 'pending') return { order: toOrderView(order) };
      try {
        // Settled here or by the notification meanwhile, the settling transaction read it last;
        // unpaid, it is as read above.
        const settled = (await settleFromPayment(order._id, now())).order;
        return { order: toOrderView(settled ?? order) };
      } catch (e) {
        // WeChat Pay unreachable: the notification or the poller settles the order later.
        if (!(e instanceof PaymentError)) throw e;
        console.error(`sync of ${order._id}: ${e.message}`);
        return { order: toOrderView(await myOrder(id, caller)) };
      }
    },
  }),
} satisfies ActionsFor<OrdersActions>;
