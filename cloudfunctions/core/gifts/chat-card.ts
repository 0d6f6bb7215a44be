/**
 * A gift's share card in the WeChat chat (issue 21, item 4). The share page asks for it: an
 * activity id from `updatableMessage.createActivityId` (through the real SDK's `cloud.openapi`), kept
 * on the gift, which the app shares with `isUpdatableMessage` and — for a single gift — with
 * `isPrivateMessage`. A group gift stays open to whoever is in the chat it went to.
 *
 * Private: the friend's app opens the card, calls `wx.authPrivateMessage` with the chat's share
 * ticket and sends its `cloudID`; the function resolves it with `cloud.getOpenData` — the platform,
 * not the request body, says which activity the chat verified and whether it was valid — and refuses
 * anything else with GIFT_PRIVATE (a forwarded card, a copied link, a browser).
 *
 * Updatable: after each change the card's state is set (`updatableMessage.setUpdatableMsg`): while
 * shares are left, state 0 with member_count / room_limit = claimed / shares; claimed in full,
 * returned or cancelled, state 1 (final, WeChat's "已开始"), opening the gift page. Like messages, an
 * update runs after the commit and never undoes or fails the money step it reports.
 */
import { DomainError, ErrorCode } from '../../../src/domain/errors';
import { OPEN_GIFT_STATES, type Gift } from '../../../src/domain/gift';
import { getDatabase, openApi, openData, rows, updatedCount } from '../cloud';
import { C } from '../collections';
import { hydrated } from './group-shares';
import { giftToken } from './tokens';

interface UpdatableMessageApi {
  createActivityId(req: { openid: string }): Promise<{ activityId: string; expirationTime: number }>;
  setUpdatableMsg(req: {
    activityId: string;
    targetState: 0 | 1;
    templateInfo: { parameterList: { name: string; value: string }[] };
  }): Promise<unknown>;
}

const api = (): UpdatableMessageApi => openApi<UpdatableMessageApi>('updatableMessage');

export interface ChatCard {
  activityId: string;
  private: boolean;
}

/** The sender's gift's chat card, while the gift is claimable: made once (a second ask answers the same). */
export async function chatCardOf(sender: string, giftId: string): Promise<ChatCard> {
  const db = getDatabase();
  const gift = rows<Gift>(await db.collection(C.gifts).where({ _id: giftId, sender }).limit(1).get())[0];
  if (!gift) throw new DomainError(ErrorCode.NOT_FOUND, 'gift not found');
  if (!OPEN_GIFT_STATES.includes(gift.state))
    throw new DomainError(ErrorCode.GIFT_NOT_CANCELLABLE, `the gift is ${gift.state}`);
  if (gift.chat) return gift.chat;
  const { activityId } = await api().createActivityId({ openid: sender });
  const chat: ChatCard = { activityId, private: gift.mode === 'single' };
  // Two asks at once: the first to write wins, the other answers what it wrote.
  const res = await db
    .collection(C.gifts)
    .where({ _id: giftId, chat: db.command.exists(false) })
    .update({ data: { chat } });
  if (updatedCount(res) !== 1) {
    const again = rows<Gift>(await db.collection(C.gifts).where({ _id: giftId }).limit(1).get())[0];
    return again!.chat!;
  }
  await updateChatCard(await hydrated({ ...gift, chat }));
  return chat;
}

/**
 * Refuses a private gift to anyone but its sender unless the platform vouches, through `cloudId`,
 * that the caller opened it from the chat it was sent to.
 */
export async function checkChat(gift: Gift, caller: string, cloudId: string | undefined): Promise<void> {
  if (!gift.chat?.private || (caller !== '' && caller === gift.sender)) return;
  const refuse = () => new DomainError(ErrorCode.GIFT_PRIVATE, 'this gift opens only in the chat it was sent to');
  if (cloudId === undefined || caller === '') throw refuse();
  let data: unknown;
  try {
    data = (await openData([cloudId]))[0]?.data;
  } catch {
    // An unknown, expired or someone else's cloud id.
    throw refuse();
  }
  const proof = data as { activityId?: unknown; valid?: unknown } | undefined;
  if (proof?.valid !== true || proof.activityId !== gift.chat.activityId) throw refuse();
}

/** Sets the chat card to the gift's state now (hydrated: its claims counted). */
export async function updateChatCard(gift: Gift): Promise<void> {
  if (!gift.chat) return;
  const total = gift.shares.length || gift.shareCount || 1;
  const going = OPEN_GIFT_STATES.includes(gift.state) && gift.claimedCount < total;
  try {
    await api().setUpdatableMsg(
      going
        ? {
            activityId: gift.chat.activityId,
            targetState: 0,
            templateInfo: {
              parameterList: [
                { name: 'member_count', value: String(gift.claimedCount) },
                { name: 'room_limit', value: String(total) },
              ],
            },
          }
        : {
            activityId: gift.chat.activityId,
            targetState: 1,
            templateInfo: {
              parameterList: [
                { name: 'path', value: `pages/claim/index?t=${encodeURIComponent(giftToken(gift._id))}` },
                { name: 'version_type', value: 'release' },
              ],
            },
          },
    );
  } catch (e) {
    console.error('chat card not updated:', e instanceof Error ? e.message : ((e as { errMsg?: string }).errMsg ?? e));
  }
}
