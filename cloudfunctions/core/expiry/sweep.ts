/**
 * The expiry jobs. On every tick of the merchant trigger (core/jobs), cards still usable past their expiry are expired, a batch of ≤ 100
 * at a time, each card in its own transaction that reads it again by id and re-checks (a card spent,
 * gifted or already expired meanwhile is left alone). An expired card leaves the query, so the next
 * batch picks up where this one ended and a run that died halfway is simply finished by the next;
 * the EXPIRE entry's derived id makes a second expiry impossible even when two runs overlap.
 * In the morning, reminders: each usable card whose expiry is 30, 7 or 1 days away gets the message of the
 * nearest window once — a record with a derived id is written before the message goes, so a rerun
 * sends none twice (a crash between the two loses a reminder rather than repeating it).
 */
import type { ExpirySweepReport } from '../../../src/contracts/expiry';
import type { Card } from '../../../src/domain/card';
import { REMINDER_DAYS, reminderId, reminderWindow } from '../../../src/domain/expiry';
import { DAY_MS } from '../../../src/domain/order';
import { SYSTEM_CALLER, writeAudit } from '../audit/audit-log';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { notify, type Message } from '../messages';
import { expireCard, type ExpireOutcome } from './expire-card';
import { expiringMessage } from './expiry-messages';

/** Cards per query (the cloud returns at most 100 by default). */
export const EXPIRY_BATCH = 100;
/** Transactions in flight at once within a batch. */
const PARALLEL = 4;

/** What a run does: expire what is past due (just after midnight), or remind (in the day, not at night). */
export type ExpiryJob = 'expire' | 'remind';

export async function sweepExpiry(now: number, job: ExpiryJob, maxBatches = 200): Promise<ExpirySweepReport> {
  const report: ExpirySweepReport = { expired: 0, usedUp: 0, reminded: 0, batches: 0 };
  if (job === 'expire') await expirePastDue(now, maxBatches, report);
  else await sendReminders(now, maxBatches, report);
  // The sweep runs on every 5-minute tick of the merchant trigger: a run that found nothing leaves
  // no entry, or the log would be mostly empty runs.
  if (report.batches === 0) return report;
  await writeAudit(
    SYSTEM_CALLER,
    {
      role: 'system',
      action: 'expiry.sweep',
      target: { kind: 'sweep', id: new Date(now).toISOString() },
      brandId: null,
      details: { ...report },
    },
    now,
  );
  return report;
}

async function expirePastDue(now: number, maxBatches: number, report: ExpirySweepReport): Promise<void> {
  const db = getDatabase();
  const _ = db.command;
  for (let round = 0; round < maxBatches; round++) {
    const due = rows<Pick<Card, '_id'>>(
      await db
        .collection(C.cards)
        .where({ state: 'active', expiresAt: _.lt(now) })
        .orderBy('expiresAt', 'asc')
        .limit(EXPIRY_BATCH)
        .field({ _id: true })
        .get(),
    );
    if (due.length === 0) return;
    report.batches++;
    let moved = 0;
    for (let i = 0; i < due.length; i += PARALLEL) {
      const outcomes = await Promise.all(due.slice(i, i + PARALLEL).map((c) => expireOne(c._id, now)));
      for (const o of outcomes) {
        if (o === 'expired') report.expired++;
        if (o === 'used') report.usedUp++;
        if (o !== 'skipped') moved++;
      }
    }
    // A batch that moved nothing (cards failing, or all taken by a concurrent run) would come back
    // the same: stop, and let the next run try them again.
    if (moved === 0) return;
  }
}

/** One card; a failure is logged and the card left for the next run, never failing the rest. */
async function expireOne(cardId: string, now: number): Promise<ExpireOutcome> {
  try {
    return await expireCard(cardId, now);
  } catch (e) {
    console.error(`card ${cardId} not expired, the next run will retry:`, e instanceof Error ? e.message : e);
    return 'skipped';
  }
}

async function sendReminders(now: number, maxBatches: number, report: ExpirySweepReport): Promise<void> {
  const db = getDatabase();
  const _ = db.command;
  const horizon = now + REMINDER_DAYS[0] * DAY_MS;
  for (let round = 0; round < maxBatches; round++) {
    // Sending changes nothing about which cards match, so the pages are stable under an offset.
    const cards = rows<Card>(
      await db
        .collection(C.cards)
        .where({ state: 'active', expiresAt: _.gte(now).and(_.lte(horizon)) })
        .orderBy('expiresAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(round * EXPIRY_BATCH)
        .limit(EXPIRY_BATCH)
        .get(),
    );
    if (cards.length === 0) return;
    report.batches++;
    const due = cards.flatMap((card) => {
      const days = reminderWindow(card, now);
      return days === null || card.balance <= 0
        ? []
        : [{ card, days, id: reminderId(card._id, card.expiresAt!, days) }];
    });
    const sent = new Set(
      due.length === 0
        ? []
        : rows<{ _id: string }>(
            await db
              .collection(C.expiryReminders)
              .where({ _id: _.in(due.map((d) => d.id)) })
              .field({ _id: true })
              .limit(EXPIRY_BATCH)
              .get(),
          ).map((r) => r._id),
    );
    const messages: Message[] = [];
    for (const d of due.filter((x) => !sent.has(x.id))) {
      if (await claimReminder(d.id, d.card, d.days, now)) messages.push(expiringMessage(d.card, d.days));
    }
    await notify(messages);
    report.reminded += messages.length;
    if (cards.length < EXPIRY_BATCH) return;
  }
}

/** Records the reminder; false when a concurrent run recorded it first (a duplicate id). */
async function claimReminder(id: string, card: Card, days: number, now: number): Promise<boolean> {
  try {
    await getDatabase()
      .collection(C.expiryReminders)
      .add({ data: { _id: id, cardId: card._id, owner: card.owner, days, expiresAt: card.expiresAt, sentAt: now } });
    return true;
  } catch (e) {
    if (e instanceof Error && /duplicate/i.test(e.message)) return false;
    throw e;
  }
}
