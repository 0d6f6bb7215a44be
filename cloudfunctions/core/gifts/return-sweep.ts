/**
 * The return sweep (timer): gifts whose claim window has ended go back to their senders, a batch at
 * a time, with a handful of bulk writes per batch instead of a transaction per gift.
 *
 *   1. take: expired open gifts are moved to `returning` by one conditional update. From then on no
 *      claim or cancel can touch them (both refuse anything not open), and a claim in flight on one
 *      of them conflicts at commit, re-reads and is refused: each gift ends claimed or returned,
 *      never both.
 *   2. the taken gifts are read back (what they hold is now fixed) and their locked cards made
 *      usable again — only cards still locked by that very gift;
 *   3. their GIFT_RETURN entries are written, skipping any a crashed run already wrote;
 *   4. the gifts become `returned`, and their senders are told.
 *
 * Every step is idempotent and a run starts by finishing gifts left `returning` by a run that died,
 * so a crash anywhere loses nothing and repeats nothing. Group gifts kept in share documents take
 * steps 2–4 share by share instead (group-give-back.ts: their unclaimed shares onto one returned
 * card), one gift after another.
 */
import type { Gift } from '../../../src/domain/gift';
import { hasShareDocs, OPEN_GIFT_STATES } from '../../../src/domain/gift';
import type { LedgerEntry } from '../../../src/domain/ledger';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { notify } from '../messages';
import { giveBack, returnedMessage } from './give-back';
import { finishGroupReturn } from './group-give-back';
import { updateChatCard } from './chat-card';

export const RETURN_BATCH = 1000;

export interface ReturnReport {
  returned: number;
  batches: number;
}

/** Returns expired gifts until none are left or `maxBatches` batches are done. */
export async function returnExpiredGifts(now: number, maxBatches = 40): Promise<ReturnReport> {
  const report: ReturnReport = { returned: 0, batches: 0 };
  while (report.batches < maxBatches) {
    const n = await returnBatch(now);
    if (n === 0) break;
    report.returned += n;
    report.batches++;
  }
  return report;
}

async function returnBatch(now: number): Promise<number> {
  const db = getDatabase();
  const _ = db.command;
  const gifts = db.collection(C.gifts);
  let taken = rows<Gift>(await gifts.where({ state: 'returning' }).limit(RETURN_BATCH).get());
  if (taken.length < RETURN_BATCH) {
    const expired = rows<Pick<Gift, '_id'>>(
      await gifts
        .where({ state: _.in([...OPEN_GIFT_STATES]), expiresAt: _.lt(now) })
        .orderBy('expiresAt', 'asc')
        .limit(RETURN_BATCH - taken.length)
        .field({ _id: true })
        .get(),
    );
    if (expired.length > 0) {
      const ids = expired.map((g) => g._id);
      await gifts
        .where({ _id: _.in(ids), state: _.in([...OPEN_GIFT_STATES]) })
        .update({ data: { state: 'returning', updatedAt: now } });
      taken = taken.concat(
        rows<Gift>(
          await gifts
            .where({ _id: _.in(ids), state: 'returning' })
            .limit(RETURN_BATCH)
            .get(),
        ),
      );
    }
  }
  if (taken.length === 0) return 0;
  const groups = taken.filter(hasShareDocs);
  for (const g of groups) {
    const ended = await finishGroupReturn(g, now);
    if (ended.state === 'returned') await notify([returnedMessage(ended, now)]);
    // Claimed in full, its chat card was ended by the last claim: WeChat refuses a second end.
    if (ended.state !== 'claimed') await updateChatCard(ended);
  }
  const count = taken.length;
  taken = taken.filter((g) => !hasShareDocs(g));
  if (taken.length === 0) return count;
  const ids = taken.map((g) => g._id);
  const backs = taken.map((g) => giveBack(g, now));
  // One bulk write for all: every card goes back the same way (gifting → active), and only a card
  // still locked by that very gift moves.
  const usable = backs[0]!.card.state;
  await db
    .collection(C.cards)
    .where({ _id: _.in(taken.map((g) => g.cardId)), giftId: _.in(ids), state: 'gifting' })
    .update({ data: { state: usable, updatedAt: now } });
  const entries = backs.map((b) => b.entry);
  const written = new Set(
    rows<Pick<LedgerEntry, '_id'>>(
      await db
        .collection(C.ledger)
        .where({ _id: _.in(entries.map((e) => e._id)) })
        .field({ _id: true })
        .limit(RETURN_BATCH)
        .get(),
    ).map((e) => e._id),
  );
  const missing = entries.filter((e) => !written.has(e._id));
  if (missing.length > 0) await db.collection(C.ledger).add({ data: missing });
  await gifts
    .where({ _id: _.in(ids), state: 'returning' })
    .update({ data: { state: 'returned', endedAt: now, updatedAt: now } });
  await notify(taken.map((g) => returnedMessage({ ...g, state: 'returned' }, now)));
  for (const g of taken) await updateChatCard({ ...g, state: 'returned' });
  return count;
}
