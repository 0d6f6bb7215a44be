/**
 * Sealed gifts' openings (issue 21, item 5), run by the gifts function's one timer trigger beside the
 * return sweep: every gift whose opening has come and is still `pending` is marked `announced` by a
 * conditional update — only the run whose update took it sends its messages, so overlapping ticks
 * tell nobody twice — and, if still claimable, its sender and whoever asked to be reminded are told.
 * Reminders: a friend on the sealed card asks once (one document per gift and person).
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { GIFT_RULES, OPEN_GIFT_STATES, type Gift } from '../../../src/domain/gift';
import { isSealed } from '../../../src/domain/sealed-gift';
import { getDatabase, rows, updatedCount } from '../cloud';
import { C } from '../collections';
import { notify, type Message } from '../messages';
import { keyedHash } from '../secrets';
import { giftToken } from './tokens';

/** Openings taken per tick: at one tick a minute, far more than gifts open in a minute. */
const OPENING_BATCH = 200;

export interface GiftWatcher {
  _id: string;
  giftId: string;
  openId: string;
  at: number;
}

function giftWatcherId(giftId: string, openId: string): string {
  return `${giftId}-w-${keyedHash('gift-watcher', openId).slice(0, 24)}`;
}

/** `openId` asks to be told when `gift` opens; asking again changes nothing. */
export async function remindAtOpening(openId: string, gift: Gift, now: number): Promise<number> {
  if (!isSealed(gift, now) || !OPEN_GIFT_STATES.includes(gift.state))
    throw new DomainError(ErrorCode.INVALID_ARGUMENT, 'the gift is not sealed');
  if (gift.sender === openId) throw new DomainError(ErrorCode.OWN_GIFT, 'the sender is told anyway');
  const watcher: GiftWatcher = { _id: giftWatcherId(gift._id, openId), giftId: gift._id, openId, at: now };
  const { _id, ...data } = watcher;
  await getDatabase().collection(C.giftWatchers).doc(_id).set({ data });
  return gift.opensAt!;
}

function openedMessage(g: Gift, to: string, now: number): Message {
  const isSender = to === g.sender;
  return {
    to,
    kind: 'giftOpened',
    page: isSender ? 'pages/gifts/index?tab=sent' : `pages/claim/index?t=${encodeURIComponent(giftToken(g._id))}`,
    fields: {
      card: `${g.brandName} ${g.productName}`,
      amount: g.amount,
      who: g.senderName,
      at: now,
      note: isSender
        ? '你的定时礼品已开启，好友现在可以领取'
        : `礼品已开启，请在 ${GIFT_RULES.claimWindowMs / 3_600_000} 小时内领取`,
    },
  };
}

/** Announces the openings that have come; answers how many gifts it took. */
export async function announceOpenings(now: number): Promise<number> {
  const db = getDatabase();
  const _ = db.command;
  const due = rows<Gift>(
    await db
      .collection(C.gifts)
      .where({ opening: 'pending', opensAt: _.lte(now) })
      .orderBy('opensAt', 'asc')
      .limit(OPENING_BATCH)
      .get(),
  );
  const take = async (where: object): Promise<boolean> => {
    const res = await db
      .collection(C.gifts)
      .where(where)
      .update({ data: { opening: 'announced' } });
    return updatedCount(res) === 1;
  };
  let taken = 0;
  for (const g of due) {
    // Taken while still claimable: announced. A gift cancelled before its opening is only marked.
    if (!(await take({ _id: g._id, opening: 'pending', state: _.in([...OPEN_GIFT_STATES]) }))) {
      if (await take({ _id: g._id, opening: 'pending' })) taken++;
      continue;
    }
    taken++;
    const watchers = rows<GiftWatcher>(await db.collection(C.giftWatchers).where({ giftId: g._id }).limit(100).get());
    await notify([g.sender, ...watchers.map((w) => w.openId)].map((to) => openedMessage(g, to, now)));
  }
  return taken;
}
