/**
 * The operator's dashboard for one brand: what was sold, issued and redeemed over the last 7 or 30
 * China days (totals, per day, per store), and what is outstanding now (float, open gifts, cards
 * about to expire). Every figure is a grouped sum computed by the database.
 */
import { REPORT_LIMITS, type DashboardDays, type DashboardView } from '../../../src/contracts/reports';
import { addFen, fen } from '../../../src/domain/money';
import { DAY_MS } from '../../../src/domain/order';
import { basisPoints, isoChinaDay, lastDays } from '../../../src/domain/report-days';
import { getDatabase } from '../cloud';
import { C } from '../collections';
import { grouped, num, type GroupRow } from './pipeline';

/** Active cards expiring within this long count as "expiring soon". */
export const EXPIRING_SOON_MS = REPORT_LIMITS.expiringSoonDays * DAY_MS;

/** The day index (0 = the range's first day) of the document's `field`, as an aggregation expression. */
function dayIndex(field: string, start: number): object {
  const $ = getDatabase().command.aggregate;
  return $.floor($.divide([$.subtract([`$${field}`, start]), DAY_MS]));
}

export async function dashboard(brandId: string, days: DashboardDays, now: number): Promise<DashboardView> {
  const db = getDatabase();
  const _ = db.command;
  const $ = _.aggregate;
  const range = lastDays(now, days);
  const inRange = _.gte(range.start).and(_.lt(range.end));

  const [orders, refunds, entries, stores, float, expiring, gifts, locked] = await Promise.all([
    grouped(
      C.orders,
      { brandId, status: 'paid', paidAt: inRange },
      { _id: dayIndex('paidAt', range.start), amount: $.sum('$total'), cards: $.sum('$quantity'), orders: $.sum(1) },
    ),
    // A refunded card's order stays paid: its money comes off the sales of the day it was asked.
    grouped(
      C.refunds,
      { brandId, status: _.in(['requested', 'succeeded']), requestedAt: inRange },
      { _id: dayIndex('requestedAt', range.start), amount: $.sum('$amount'), cards: $.sum(1) },
    ),
    grouped(
      C.ledger,
      { brandId, at: inRange, type: _.in(['ACTIVATE', 'REDEEM', 'REFUND']) },
      { _id: { type: '$type', day: dayIndex('at', range.start) }, amount: $.sum('$amount') },
    ),
    grouped(
      C.ledger,
      { brandId, at: inRange, type: _.in(['REDEEM', 'REFUND']) },
      {
        _id: { storeId: '$storeId', type: '$type' },
        storeName: $.last('$storeName'),
        amount: $.sum('$amount'),
        count: $.sum(1),
      },
    ),
    grouped(C.cards, { brandId, state: _.nin(['refunding', 'refunded']) }, { _id: null, balance: $.sum('$balance') }),
    grouped(
      C.cards,
      { brandId, state: 'active', expiresAt: _.gte(now).and(_.lte(now + EXPIRING_SOON_MS)) },
      { _id: null, balance: $.sum('$balance'), count: $.sum(1) },
    ),
    grouped(C.gifts, { brandId, state: _.in(['open', 'partlyClaimed']) }, { _id: null, count: $.sum(1) }),
    // What open gifts still hold is what sits on locked cards: a group gift's claims don't write the
    // gift (its claimedAmount is only kept at its end), so the gifts' own sums would overstate it.
    grouped(C.cards, { brandId, state: 'gifting' }, { _id: null, balance: $.sum('$balance') }),
  ]);

  const soldByDay = new Map(orders.map((r) => [Number(r._id), num(r, 'amount')]));
  for (const r of refunds) soldByDay.set(Number(r._id), (soldByDay.get(Number(r._id)) ?? 0) - num(r, 'amount'));
  const redeemedByDay = new Map<number, number>();
  let issued = fen(0);
  let redeemed = 0;
  for (const r of entries) {
    const key = r._id as { type: string; day: number };
    // Entries keep their sign: REDEEM is negative and REFUND positive, so −Σ is the net redeemed.
    if (key.type === 'ACTIVATE') issued = addFen(issued, fen(num(r, 'amount')));
    else {
      redeemed -= num(r, 'amount');
      redeemedByDay.set(key.day, (redeemedByDay.get(key.day) ?? 0) - num(r, 'amount'));
    }
  }
  const gift = gifts[0];
  const refunded = { count: sum(refunds, 'cards'), amount: fen(sum(refunds, 'amount')) };
  return {
    brandId,
    days,
    from: range.days[0] ?? isoChinaDay(now),
    to: range.days[range.days.length - 1] ?? isoChinaDay(now),
    totals: {
      sold: {
        count: sum(orders, 'cards') - refunded.count,
        orders: sum(orders, 'orders'),
        amount: sum(orders, 'amount') - refunded.amount,
      },
      refunded,
      issued,
      redeemed,
      redemptionRate: basisPoints(redeemed, issued),
      float: fen(num(float[0], 'balance')),
      unclaimedGifts: { count: num(gift, 'count'), amount: fen(num(locked[0], 'balance')) },
      expiringSoon: { count: num(expiring[0], 'count'), balance: fen(num(expiring[0], 'balance')) },
    },
    byDay: range.days.map((day, i) => ({
      day,
      sold: soldByDay.get(i) ?? 0,
      redeemed: redeemedByDay.get(i) ?? 0,
    })),
    byStore: byStore(stores),
    now,
  };
}

function sum(list: GroupRow[], field: string): number {
  return list.reduce((s, r) => s + num(r, field), 0);
}

/** Per store: net redeemed and redemptions less reversals, most redeemed first. */
function byStore(list: GroupRow[]): DashboardView['byStore'] {
  const out = new Map<string, DashboardView['byStore'][number]>();
  for (const r of list) {
    const key = r._id as { storeId?: string; type: string };
    const storeId = key.storeId ?? '';
    const row = out.get(storeId) ?? { storeId, storeName: '', redeemed: 0, count: 0 };
    if (typeof r.storeName === 'string' && r.storeName !== '') row.storeName = r.storeName;
    row.redeemed -= num(r, 'amount');
    row.count += key.type === 'REDEEM' ? num(r, 'count') : -num(r, 'count');
    out.set(storeId, row);
  }
  return [...out.values()].sort((a, b) => b.redeemed - a.redeemed || a.storeId.localeCompare(b.storeId));
}
