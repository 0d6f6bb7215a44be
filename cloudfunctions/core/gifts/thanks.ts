/**
 * Thank-yous (issue 21, item 6): whoever claimed from a gift may send its sender one, and only one —
 * the document's id is derived from gift and claimer, so a second (or two racing) can't be added:
 * the transaction that finds it already there refuses with THANKS_ALREADY_SENT. The sender reads
 * them on the gift's page and in the sent list, and gets a subscribe message if they accepted one.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import type { Gift } from '../../../src/domain/gift';
import type { Thanks, ThanksSticker } from '../../../src/domain/thanks';
import type { ThanksView } from '../../../src/contracts/gifts';
import { getDatabase, rows } from '../cloud';
import { C } from '../collections';
import { notify } from '../messages';
import { keyedHash } from '../secrets';
import { refuse, transaction, txAdd, txGet } from '../tx';

function thanksId(giftId: string, claimer: string): string {
  return `${giftId}-t-${keyedHash('gift-thanks', claimer).slice(0, 24)}`;
}

export function toThanksView(t: Thanks): ThanksView {
  return { name: t.name, text: t.text, sticker: t.sticker, at: t.at };
}

/**
 * Sends `claimer`'s thank-you for `gift` (hydrated: its shares say who claimed). Someone who claimed
 * nothing of it is refused; so is a second thank-you.
 */
export async function sendThanks(
  claimer: string,
  gift: Gift,
  text: string,
  sticker: ThanksSticker,
  now: number,
): Promise<Thanks> {
  const share = gift.shares.find((s) => s.claimedBy === claimer);
  if (!share) throw new DomainError(ErrorCode.FORBIDDEN, 'only someone who claimed this gift can thank its sender');
  const id = thanksId(gift._id, claimer);
  const thanks: Thanks = {
    _id: id,
    giftId: gift._id,
    sender: gift.sender,
    claimer,
    name: share.claimerName ?? '',
    text,
    sticker,
    at: now,
  };
  await transaction(async (tx) => {
    if (await txGet<Thanks>(tx, C.giftThanks, id)) return refuse(ErrorCode.THANKS_ALREADY_SENT, 'thanks already sent');
    await txAdd(tx, C.giftThanks, thanks);
    return thanks;
  });
  await notify([
    {
      to: gift.sender,
      kind: 'giftThanked',
      page: `pages/gifts/index?tab=sent`,
      fields: {
        card: `${gift.brandName} ${gift.productName}`,
        amount: share.amount,
        who: thanks.name,
        at: now,
        note: text,
      },
    },
  ]);
  return thanks;
}

/**
 * The thank-yous of `giftIds` by gift, oldest first (a sender's list: at most 100 gifts, each at
 * most 100 claimers).
 */
export async function thanksByGift(giftIds: readonly string[]): Promise<Map<string, ThanksView[]>> {
  const out = new Map<string, ThanksView[]>();
  if (giftIds.length === 0) return out;
  const db = getDatabase();
  for (let offset = 0; ; offset += 1000) {
    const page = rows<Thanks>(
      await db
        .collection(C.giftThanks)
        .where({ giftId: db.command.in([...giftIds]) })
        .orderBy('at', 'asc')
        .skip(offset)
        .limit(1000)
        .get(),
    );
    for (const t of page) {
      const views = out.get(t.giftId) ?? [];
      views.push(toThanksView(t));
      out.set(t.giftId, views);
    }
    if (page.length < 1000) return out;
  }
}

/** The caller's own thank-you for a gift, if sent. */
export async function myThanks(giftId: string, claimer: string): Promise<Thanks | undefined> {
  return rows<Thanks>(
    await getDatabase()
      .collection(C.giftThanks)
      .where({ _id: thanksId(giftId, claimer) })
      .limit(1)
      .get(),
  )[0];
}
