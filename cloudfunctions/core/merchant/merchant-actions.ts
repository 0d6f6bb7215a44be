/** The merchant function's actions, each gated by the caller's staff role for the brand. */
import { CARD_CAP, type Brand, type CardProduct } from '../../../src/domain/catalog';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { getDatabase, rows } from '../cloud';
import { now } from '../clock';
import { C } from '../collections';
import { expiryOperatorActions } from '../expiry/expiry-actions';
import { clerkActions } from '../redeem/clerk-actions';
import { reportActions } from '../reports/report-actions';
import { action, mergeTables, type ActionsFor } from '../router';
import { fenSchema, idSchema, requestIdSchema, z } from '../validate';
import { issueBatch, type IssuedCard } from './issue-batch';
import type { MerchantActions } from '../../../src/contracts/merchant';
import { OPERATOR_LIMITS } from '../../../src/contracts/operator';
import { operatorActions } from './operator-actions';
import { requireOperator } from './staff';

const batchActions = {
  issueBatch: action({
    access: 'user',
    input: z
      .object({
        productId: idSchema(64),
        amount: fenSchema({ max: CARD_CAP }),
        count: z.number().int().min(1).max(OPERATOR_LIMITS.batchMax),
        // Also the seed of the batch's numbers (issue-batch.ts): long enough not to be guessed.
        requestId: requestIdSchema(64).min(16),
      })
      .strict(),
    run: async ({ productId, amount, count, requestId }, caller): Promise<{ cards: IssuedCard[] }> => {
      const db = getDatabase();
      const product = rows<CardProduct>(await db.collection(C.products).where({ _id: productId }).limit(1).get())[0];
      if (!product) throw new DomainError(ErrorCode.NOT_FOUND, 'product not found');
      await requireOperator(caller.openId, product.brandId);
      const brand = rows<Brand>(await db.collection(C.brands).where({ _id: product.brandId }).limit(1).get())[0];
      const cards = await issueBatch(product, brand?.name ?? '', amount, count, requestId, now(), caller);
      return { cards };
    },
  }),
} satisfies ActionsFor<Pick<MerchantActions, 'issueBatch'>>;

/** The clerk's, the operator's, the reports', the expiry requests' and batch issue, in one function. */
export const merchantActions = mergeTables(
  clerkActions,
  operatorActions,
  reportActions,
  expiryOperatorActions,
  batchActions,
) satisfies ActionsFor<MerchantActions>;

/** The merchant function's timer jobs: one trigger, whose ticks run what is due (core/jobs). */
export { merchantTimers } from '../jobs/merchant-jobs';
