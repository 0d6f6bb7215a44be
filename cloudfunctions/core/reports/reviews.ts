/**
 * Compliance reviews of a brand: the large-amount records (≥ ¥50,000 a day per buyer) and the
 * real-name orders, both written when the order is created (core/orders/create-order.ts). The
 * operator clears or reports each, once; the decision is audited in the same transaction.
 */
import {
  REPORT_LIMITS,
  type ReviewDecision,
  type ReviewKind,
  type ReviewStatus,
  type ReviewView,
} from '../../../src/contracts/reports';
import { ErrorCode } from '../../../src/domain/errors';
import { maskOpenId } from '../../../src/domain/codes';
import { fen, type Fen } from '../../../src/domain/money';
import { dashedDay } from '../../../src/domain/report-days';
import { txAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';
import { refuse, transaction, txGet, txUpdate } from '../tx';

export interface ReviewDoc {
  _id: string;
  kind: ReviewKind;
  brandId: string;
  owner: string;
  orderId: string;
  /** yyyymmdd, the China day of the order. */
  day: string;
  dayTotal: Fen;
  total: Fen;
  realName?: { name: string; idNumberMasked: string };
  at: number;
  status?: ReviewStatus;
  decision?: ReviewDecision;
  note?: string;
  decidedBy?: string;
  decidedAt?: number;
}

export function toReviewView(r: ReviewDoc, orderStatus: string): ReviewView {
  return {
    id: r._id,
    kind: r.kind,
    orderId: r.orderId,
    holder: maskOpenId(r.owner),
    day: dashedDay(r.day),
    dayTotal: r.dayTotal,
    total: r.total ?? fen(0),
    realName: r.realName ?? null,
    orderStatus,
    at: r.at,
    status: r.status ?? 'open',
    decision: r.decision ?? null,
    note: r.note ?? '',
    decidedAt: r.decidedAt ?? null,
  };
}

async function orderStatuses(orderIds: string[]): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const db = getDatabase();
  const found = rows<{ _id: string; status: string }>(
    await db
      .collection(C.orders)
      .where({ _id: db.command.in(orderIds) })
      .limit(orderIds.length)
      .field({ _id: true, status: true })
      .get(),
  );
  return new Map(found.map((o) => [o._id, o.status]));
}

export async function listReviews(brandId: string, status: ReviewStatus | undefined): Promise<ReviewView[]> {
  const where = status === undefined ? { brandId } : { brandId, status };
  const found = rows<ReviewDoc>(
    await getDatabase().collection(C.reviews).where(where).orderBy('at', 'desc').limit(REPORT_LIMITS.reviewsMax).get(),
  );
  const statuses = await orderStatuses([...new Set(found.map((r) => r.orderId))]);
  return found.map((r) => toReviewView(r, statuses.get(r.orderId) ?? ''));
}

export async function decideReview(
  caller: CallerContext,
  input: { brandId: string; id: string; decision: ReviewDecision; note: string },
  now: number,
): Promise<ReviewView> {
  const decided = await transaction(async (tx) => {
    const review = await txGet<ReviewDoc>(tx, C.reviews, input.id);
    // Another brand's reviews are not this operator's to know about.
    if (!review || review.brandId !== input.brandId) return refuse(ErrorCode.NOT_FOUND, 'review not found');
    if (review.status === 'decided') return refuse(ErrorCode.REVIEW_DECIDED, 'this review was already decided');
    const patch = {
      status: 'decided' as const,
      decision: input.decision,
      note: input.note,
      decidedBy: caller.openId,
      decidedAt: now,
    };
    await txUpdate(tx, C.reviews, review._id, patch);
    await txAudit(
      tx,
      caller,
      {
        role: 'operator',
        action: 'review.decide',
        target: { kind: 'review', id: review._id },
        brandId: review.brandId,
        details: { decision: input.decision, kind: review.kind, orderId: review.orderId },
      },
      now,
    );
    return { ...review, ...patch };
  });
  const statuses = await orderStatuses([decided.orderId]);
  return toReviewView(decided, statuses.get(decided.orderId) ?? '');
}
