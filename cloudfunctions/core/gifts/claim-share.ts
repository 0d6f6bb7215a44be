/**
 * Claiming a share of a group gift without a hot document. A claim's transaction reads only the
 * share it goes for and writes only what belongs to that share — the share document, the share's
 * card (it changes hands: owner, state, a TRANSFER entry) — plus the claimer's marker, added with an
 * id derived from gift and claimer. So:
 *   - two claimers of different shares touch no common document and never wait on each other;
 *   - two claimers of one share: the first writer wins, the other conflicts and walks on;
 *   - one person claiming twice at once adds the same marker twice: one wins, the other conflicts
 *     (or, once the first committed, meets the duplicate id) and is refused. One share per person,
 *     under any race: the marker's unique id is the guard, not a read of it.
 * The gift itself is not read again in the transaction: what could make it unclaimable after the
 * caller read it (a cancel, the return sweep) writes every free share it takes, so a share still
 * `free` in the transaction's snapshot proves the gift still open; its time rules (sealed until,
 * expiry) are checked on the caller's read, once. The marker is asked once, up front, beside the
 * free shares (one round trip for both): a second tap is refused without a transaction.
 * Claimers go to a random free share (read outside the transaction, only a hint), and to another
 * random one on losing it — not the next one along, where everyone who lost the same share would
 * meet again; only when no share is free does the answer become GIFT_ALL_CLAIMED.
 * Calls per won attempt: start, 1 read, 4 writes, commit (9 before: the gift and the marker were
 * read again in the transaction). Once a claimer has found every share taken, the gift says so
 * (`sharesGoneAt`), and each later claim is the gift and the marker read: two calls.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { balancePatch, changeBalance } from '../../../src/domain/balance-change';
import {
  claimRefusal,
  shareCard,
  shareTryOrder,
  withShares,
  type Gift,
  type GiftShareDoc,
} from '../../../src/domain/gift';
import { entryTime } from '../../../src/domain/ledger';
import type { Fen } from '../../../src/domain/money';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { backoffMs, transaction, txAdd, txGet, txUpdate, type Tx } from '../tx';
import { freeShareIds, giftClaimId, type GiftClaimMarker } from './group-shares';

export interface ShareClaimed {
  gift: Gift;
  cardId: string;
  amount: Fen;
}

/**
 * Shares a claimer tries before answering CONFLICT. Each miss (the share taken, or lost to a
 * conflict) re-reads the free shares — one query, cheaper than walking into shares taken meanwhile —
 * and tries a random one of them; 200 claimers on 100 shares each miss a few times.
 */
const MAX_ATTEMPTS = 40;

type Attempt = { won: ShareClaimed } | { taken: true };

/** A random free share, other than the one just lost while there is another. */
function pickShare(free: readonly string[], lost: string | null, random: () => number): string {
  const others = free.filter((id) => id !== lost);
  return shareTryOrder(others.length > 0 ? others : free, random)[0]!;
}

export async function claimShare(
  claimer: string,
  claimerName: string,
  gift: Gift,
  clock: number,
  random: () => number = Math.random,
): Promise<ShareClaimed> {
  const markerId = giftClaimId(gift._id, claimer);
  const early = claimRefusal(withShares(gift, []), claimer, clock);
  if (early) throw new DomainError(ErrorCode[early], `cannot claim: ${early.toLowerCase()}`);
  // Every share was taken before: all that is left to say is whether this person has one of them.
  if (gift.sharesGoneAt !== undefined) throw noShareFor(await hasMarker(markerId));
  let tried = false;
  let lost: string | null = null;
  let conflicts = 0;
  let [free, claimed] = await Promise.all([freeShareIds(gift._id), hasMarker(markerId)]);
  for (let attempt = 0; attempt < MAX_ATTEMPTS && free.length > 0 && !claimed; attempt++) {
    const shareId = pickShare(free, lost, random);
    tried = true;
    let outcome: Attempt;
    try {
      // One round: on a conflict there is another share to go to rather than this one to wait for.
      outcome = await transaction((tx) => tryShare(tx, gift, shareId, markerId, claimer, claimerName, clock), {
        rounds: 1,
      });
    } catch (e) {
      if (isDuplicateId(e)) {
        // The marker's id is taken: this person's other claim committed first.
        claimed = await hasMarker(markerId);
        if (claimed) break;
        throw e;
      }
      if (!(e instanceof DomainError && e.code === ErrorCode.CONFLICT)) throw e;
      // Spread racing claimers out a little, as the transaction loop would.
      await pause(backoffMs(Math.min(++conflicts, 4), random));
      outcome = { taken: true };
    }
    if ('won' in outcome) return outcome.won;
    lost = shareId;
    free = await freeShareIds(gift._id);
  }
  // Nothing won: say why, from what is stored now (a claim of this person's may have landed while
  // this one tried).
  if (claimed || (tried && (await hasMarker(markerId)))) throw noShareFor(true);
  const db = getDatabase();
  const current = rows<Gift>(await db.collection(C.gifts).where({ _id: gift._id }).limit(1).get())[0];
  const refusal = current ? claimRefusal(withShares(current, []), claimer, clock) : 'GIFT_EXPIRED';
  if (refusal) throw new DomainError(ErrorCode[refusal], `cannot claim: ${refusal.toLowerCase()}`);
  if (free.length > 0) throw new DomainError(ErrorCode.CONFLICT, 'busy, please retry');
  // Still open and nothing free: every share is claimed, for good. Said once on the gift (two
  // claimers saying it at once write the same), so the next claimers need not read the shares.
  if (current && current.sharesGoneAt === undefined)
    await db
      .collection(C.gifts)
      .doc(gift._id)
      .update({ data: { sharesGoneAt: clock } });
  throw noShareFor(false);
}

/** The answer when no share is left: this person has one already, or all are claimed. */
function noShareFor(mine: boolean): DomainError {
  return mine
    ? new DomainError(ErrorCode.GIFT_ALREADY_CLAIMED, 'cannot claim: gift_already_claimed')
    : new DomainError(ErrorCode.GIFT_ALL_CLAIMED, 'cannot claim: gift_all_claimed');
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Whether this person's claim marker of the gift is stored (committed). */
async function hasMarker(markerId: string): Promise<boolean> {
  const found = await getDatabase().collection(C.giftClaims).where({ _id: markerId }).limit(1).get();
  return rows<GiftClaimMarker>(found).length > 0;
}

/** The database refused an add whose `_id` is taken (MongoDB's E11000, kept in the SDK's errMsg). */
function isDuplicateId(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { message, errMsg } = e as { message?: unknown; errMsg?: unknown };
  return [message, errMsg].some((m) => typeof m === 'string' && m.includes('E11000'));
}

async function tryShare(
  tx: Tx,
  gift: Gift,
  shareId: string,
  markerId: string,
  claimer: string,
  claimerName: string,
  clock: number,
) {
  const giftId = gift._id;
  // A share still free proves the gift still open (see the header): nothing else is read.
  const share = await txGet<GiftShareDoc>(tx, C.giftShares, shareId);
  if (!share || share.state !== 'free') return { taken: true } as const;
  // The share's card changed last with the share, so this orders the claim after it.
  const now = entryTime(clock, share.updatedAt);
  const marker: GiftClaimMarker = { _id: markerId, giftId, claimer, shareId, at: now };
  await txAdd(tx, C.giftClaims, marker);
  const claimed: Partial<GiftShareDoc> = {
    state: 'claimed',
    claimedBy: claimer,
    claimerName,
    claimedAt: now,
    updatedAt: now,
  };
  await txUpdate(tx, C.giftShares, shareId, claimed);
  const { card, entry } = changeBalance(
    shareCard(gift, share),
    { type: 'TRANSFER', amount: 0, ref: giftId, owner: claimer, state: 'active' },
    now,
  );
  await txUpdate(tx, C.cards, shareId, {
    ...balancePatch(card),
    owner: claimer,
    transfers: gift.transfersAfter,
    walletHidden: false,
  });
  await txAdd(tx, C.ledger, entry);
  return { won: { gift, cardId: shareId, amount: share.amount } } as const;
}
