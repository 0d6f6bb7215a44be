/**
 * The payment poller (timer): orders whose notification hasn't come are asked about — paid ones are
 * settled, unpaid ones past their deadline or cancelled by the buyer closed (WeChat Pay lets a
 * payment close 5 minutes after it was made; until then the close is tried again each run) — and
 * refunds still waiting are asked about with queryRefund (refund notifications are not documented,
 * so this is how every refund is sure to complete), or submitted again (same refund number) when
 * the payment system never got them. Split payments at the till whose remainder window passed are
 * settled here too (paid: completed; unpaid: the card debits given back), and their refunds completed.
 */
import type { Order } from '../../../src/domain/order';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { payments } from '../payments';
import { completeRefund, submitRefund } from '../wallet/refund-card';
import type { RefundRecord } from '../wallet/views';
import { closeOrder } from './close-order';
import { settleFromPayment } from './settle';
import { sweepSplitPayments, type SplitSweepReport } from '../redeem/split-remainder';

/** Give a notification this long to arrive before asking. */
export const POLL_AFTER_MS = 60_000;
const BATCH = 100;

export interface SweepReport {
  /** Split payments at the till: windows passed and remainder refunds (redeem/split.ts). */
  splits?: SplitSweepReport;
  settled: number;
  closed: number;
  refundsCompleted: number;
  refundsResubmitted: number;
  /** Items that failed this time (the payment system unreachable…): the next run tries them again. */
  failed: number;
}

/** One item's failure is logged and counted, never the end of the sweep. */
async function each<T>(items: T[], report: SweepReport, fn: (item: T) => Promise<void>): Promise<void> {
  for (const item of items) {
    try {
      await fn(item);
    } catch (e) {
      report.failed++;
      console.error('payment poller:', e instanceof Error ? e.message : e);
    }
  }
}

export async function sweepPayments(now: number): Promise<SweepReport> {
  const db = getDatabase();
  const _ = db.command;
  const report: SweepReport = { settled: 0, closed: 0, refundsCompleted: 0, refundsResubmitted: 0, failed: 0 };
  const pending = rows<Order>(
    await db
      .collection(C.orders)
      .where({ status: 'pending', createdAt: _.lt(now - POLL_AFTER_MS) })
      .orderBy('createdAt', 'asc')
      .limit(BATCH)
      .get(),
  );
  const pay = payments();
  await each(pending, report, async (order) => {
    const { outcome } = await settleFromPayment(order._id, now);
    if (outcome === 'settled') report.settled++;
    if (outcome !== 'unpaid') return;
    if (now > order.payBy || order.cancelRequestedAt !== undefined) {
      const reason = order.cancelRequestedAt !== undefined ? 'cancelled' : 'timeout';
      if ((await closeOrder(order, reason, now)) === 'closed') report.closed++;
    }
  });
  const refunds = rows<RefundRecord>(
    await db
      .collection(C.refunds)
      .where({ status: 'requested', requestedAt: _.lt(now - POLL_AFTER_MS) })
      .orderBy('requestedAt', 'asc')
      .limit(BATCH)
      .get(),
  );
  await each(refunds, report, async (refund) => {
    const status = await pay.queryRefund(refund.refundNo);
    if (status.state === 'SUCCESS' || status.state === 'FAILED') {
      if ((await completeRefund(refund.refundNo, status.state === 'SUCCESS', now)) === 'completed')
        report.refundsCompleted++;
    } else if (status.state === 'NOTFOUND') {
      await submitRefund(refund);
      report.refundsResubmitted++;
    }
  });
  report.splits = await sweepSplitPayments(now);
  return report;
}
