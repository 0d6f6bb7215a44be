/**
 * The audit log: one entry for every sensitive action (who, what, on what, when, from where), kept
 * at least 180 days. An entry is written in the same transaction as the action it records when the
 * action has one (`txAudit`), so an action never happens unlogged and a refused one logs nothing;
 * actions that change nothing but still matter (an export, a reconciliation run) use `writeAudit`.
 */
import type { CallerContext } from '../cloud';
import { getDatabase } from '../cloud';
import { C } from '../collections';
import { randomToken } from '../secrets';
import { txAdd, type Tx } from '../tx';

/** Every action the log knows; a new sensitive action is one more name here. */
export const AUDIT_ACTIONS = [
  'product.create',
  'product.update',
  'product.stock',
  'product.sale',
  'store.create',
  'store.update',
  'invite.create',
  'invite.revoke',
  'staff.join',
  'staff.remove',
  'batch.issue',
  'redemption.reverse',
  'card.refund',
  'card.bind',
  'extension.request',
  'extension.approve',
  'extension.decline',
  'review.decide',
  'reconcile.run',
  'export.csv',
  'expiry.sweep',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** How long an entry is kept at least (product.md: ≥ 180 days). */
export const AUDIT_RETENTION_MS = 180 * 86_400_000;

export type AuditDetail = string | number | boolean | null;

export interface AuditEntry {
  _id: string;
  at: number;
  /** OPENID of who acted; '' for the platform's timers. */
  actor: string;
  /** The actor's role at the time, as the function established it. */
  role: 'holder' | 'clerk' | 'operator' | 'system';
  action: AuditAction;
  target: { kind: string; id: string };
  /** The merchant the action concerns, so operators see their own log; null for none. */
  brandId: string | null;
  /** From where: the platform's source (wx_client, wx_trigger, a chain such as wx_client,scf) and the client address. */
  source: string;
  ip: string;
  details: Record<string, AuditDetail>;
  /** The entry may be purged after this, never before. */
  keepUntil: number;
}

export interface AuditFacts {
  role: AuditEntry['role'];
  action: AuditAction;
  target: AuditEntry['target'];
  brandId: string | null;
  details?: Record<string, AuditDetail>;
}

/** The entry for `facts` done by `caller` at `now`; its id sorts by time. */
export function auditEntry(caller: CallerContext, facts: AuditFacts, now: number): AuditEntry {
  return {
    _id: `a${now.toString(36).padStart(9, '0')}${randomToken(6)}`,
    at: now,
    actor: caller.openId,
    role: facts.role,
    action: facts.action,
    target: facts.target,
    brandId: facts.brandId,
    source: caller.source,
    ip: caller.clientIp,
    details: facts.details ?? {},
    keepUntil: now + AUDIT_RETENTION_MS,
  };
}

/** Logs inside the action's own transaction: committed with it, or not at all. */
export async function txAudit(tx: Tx, caller: CallerContext, facts: AuditFacts, now: number): Promise<void> {
  await txAdd(tx, C.audit, auditEntry(caller, facts, now));
}

/** Logs an action that has no transaction of its own. */
export async function writeAudit(caller: CallerContext, facts: AuditFacts, now: number): Promise<void> {
  await getDatabase()
    .collection(C.audit)
    .add({ data: auditEntry(caller, facts, now) });
}

/** The caller of a timer job, for its log entries. */
export const SYSTEM_CALLER: CallerContext = { openId: '', appId: '', source: 'wx_trigger', clientIp: '' };
