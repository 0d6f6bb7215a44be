/**
 * The brand's audit log as its operator reads it: newest first, a page at a time. The cursor is a
 * time: the next page holds entries strictly older than it. A page never ends in the middle of a
 * millisecond (entries sharing the last entry's time move to the next page), so none is skipped.
 */
import { REPORT_LIMITS, type AuditEntryView } from '../../../src/contracts/reports';
import { maskOpenId } from '../../../src/domain/codes';
import type { AuditEntry } from '../audit/audit-log';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';

export function toAuditEntryView(e: AuditEntry): AuditEntryView {
  return {
    id: e._id,
    at: e.at,
    role: e.role,
    actor: maskOpenId(e.actor),
    action: e.action,
    target: e.target,
    details: e.details,
    source: e.source,
    ip: e.ip,
  };
}

export async function auditPage(
  brandId: string,
  before: number | undefined,
): Promise<{ entries: AuditEntryView[]; next: number | null }> {
  const db = getDatabase();
  const size = REPORT_LIMITS.auditPage;
  const where = before === undefined ? { brandId } : { brandId, at: db.command.lt(before) };
  const found = rows<AuditEntry>(
    await db
      .collection(C.audit)
      .where(where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(size + 1)
      .get(),
  );
  if (found.length <= size) return { entries: found.map(toAuditEntryView), next: null };
  let page = found.slice(0, size);
  const boundary = page[size - 1]!.at;
  let next = boundary;
  if (found[size]!.at === boundary) {
    const whole = page.filter((e) => e.at !== boundary);
    // A page that is all one millisecond can't be split; otherwise the rest of it starts the next page.
    if (whole.length > 0) {
      page = whole;
      next = boundary + 1;
    }
  }
  return { entries: page.map(toAuditEntryView), next };
}
