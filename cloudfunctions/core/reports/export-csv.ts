/**
 * CSV export of a brand's ledger entries or paid orders over China days (at most 92), for Excel:
 * UTF-8 with a BOM, a Chinese header row, Asia/Shanghai times, yuan with two decimals, and every
 * text field escaped and neutralised against formula injection (src/domain/csv.ts). More than
 * 5,000 rows is refused before anything is read page by page; the export is audited.
 */
import { REPORT_LIMITS, type ExportKind } from '../../../src/contracts/reports';
import { csvFile, type CsvCell } from '../../../src/domain/csv';
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { LedgerEntry } from '../../../src/domain/ledger';
import type { Order } from '../../../src/domain/order';
import { maskOpenId } from '../../../src/domain/codes';
import { chinaTime, exportRange, type DayRange } from '../../../src/domain/report-days';
import { cardStrings } from '../../../src/strings/zh-CN.card';
import { merchantStrings } from '../../../src/strings/zh-CN.merchant';
import { writeAudit } from '../audit/audit-log';
import { getDatabase, rows, type CallerContext } from '../cloud';
import { C } from '../collections';

const GET_MAX = 1000;

/** Every document of `collection` matching `where`, paged by `_id` (the caller has counted them). */
async function allMatching<T extends { _id: string }>(collection: string, where: object): Promise<T[]> {
  const db = getDatabase();
  const out: T[] = [];
  for (let after = ''; ;) {
    const page = rows<T>(
      await db
        .collection(collection)
        .where({ ...where, _id: db.command.gt(after) })
        .orderBy('_id', 'asc')
        .limit(GET_MAX)
        .get(),
    );
    out.push(...page);
    if (page.length < GET_MAX || out.length > REPORT_LIMITS.exportRowsMax) return out;
    after = page[page.length - 1]!._id;
  }
}

function ledgerRow(e: LedgerEntry): CsvCell[] {
  return [
    chinaTime(e.at),
    cardStrings.card.historyTypes[e.type] ?? e.type,
    { fen: e.amount },
    { fen: e.balanceAfter },
    e.cardId,
    maskOpenId(e.owner),
    e.storeName ?? merchantStrings.reports.csv.online,
    e.clerk ? maskOpenId(e.clerk) : null,
    e.ref ?? null,
  ];
}

function orderRow(o: Order): CsvCell[] {
  return [
    o.paidAt === undefined ? null : chinaTime(o.paidAt),
    chinaTime(o.createdAt),
    o._id,
    o.productName,
    o.face.name,
    { fen: o.amount },
    { int: o.quantity },
    { fen: o.total },
    maskOpenId(o.owner),
    o.realName ? `${o.realName.name} ${o.realName.idNumberMasked}` : null,
    o.transactionId ?? null,
  ];
}

function checkedRange(from: string, to: string): DayRange {
  const range = exportRange(from, to);
  if (range === 'tooLong') throw new DomainError(ErrorCode.EXPORT_RANGE_TOO_LONG, 'at most 92 days per export');
  if (typeof range === 'string') throw new DomainError(ErrorCode.INVALID_ARGUMENT, `from/to: ${range}`);
  return range;
}

export async function exportCsv(
  caller: CallerContext,
  input: { brandId: string; kind: ExportKind; from: string; to: string },
  now: number,
): Promise<{ filename: string; csv: string; rows: number }> {
  const range = checkedRange(input.from, input.to);
  const db = getDatabase();
  const _ = db.command;
  const inRange = _.gte(range.start).and(_.lt(range.end));
  const where =
    input.kind === 'ledger'
      ? { brandId: input.brandId, at: inRange }
      : { brandId: input.brandId, status: 'paid', paidAt: inRange };
  const collection = input.kind === 'ledger' ? C.ledger : C.orders;
  const { total } = (await db.collection(collection).where(where).count()) as { total: number };
  if (total > REPORT_LIMITS.exportRowsMax) {
    throw new DomainError(ErrorCode.EXPORT_TOO_LARGE, `${total} rows: at most ${REPORT_LIMITS.exportRowsMax}`);
  }
  let csv: string;
  let count: number;
  if (input.kind === 'ledger') {
    const entries = await allMatching<LedgerEntry>(collection, where);
    entries.sort((a, b) => a.at - b.at || a._id.localeCompare(b._id));
    count = entries.length;
    csv = csvFile(merchantStrings.reports.csv.ledgerHeader, entries.map(ledgerRow));
  } else {
    const orders = await allMatching<Order>(collection, where);
    orders.sort((a, b) => (a.paidAt ?? 0) - (b.paidAt ?? 0) || a._id.localeCompare(b._id));
    count = orders.length;
    csv = csvFile(merchantStrings.reports.csv.ordersHeader, orders.map(orderRow));
  }
  // Rows written between the count and the read could push it over: the limit holds either way.
  if (count > REPORT_LIMITS.exportRowsMax) {
    throw new DomainError(ErrorCode.EXPORT_TOO_LARGE, `${count} rows: at most ${REPORT_LIMITS.exportRowsMax}`);
  }
  const filename = `${input.kind}-${input.brandId}-${input.from}-${input.to}.csv`;
  await writeAudit(
    caller,
    {
      role: 'operator',
      action: 'export.csv',
      target: { kind: 'export', id: filename },
      brandId: input.brandId,
      details: { kind: input.kind, from: input.from, to: input.to, rows: count },
    },
    now,
  );
  return { filename, csv, rows: count };
}
